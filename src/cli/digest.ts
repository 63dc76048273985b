import type { Command } from "commander";
import { z } from "zod";
import { t } from "../i18n.js";
import { runDigests, type TargetOutcome } from "../services/digest/run.js";
import { listDigestTargets } from "../services/digest/targets.js";
import { createFileStore } from "../services/files.js";
import { loadWorkCalendar } from "../services/work-calendar.js";
import { type CliContext, print } from "./context.js";
import { isoInstant } from "./tick.js";

const optionsSchema = z.object({
  at: isoInstant,
  dryRun: z.boolean().optional(),
  target: z.string().trim().min(1).max(200).optional(),
  force: z.boolean().optional(),
});

function describe(outcome: TargetOutcome): string[] {
  const target = outcome.target.key;
  const period = outcome.period?.key ?? "";
  const messages = outcome.messages.length;
  switch (outcome.state) {
    case "not_due":
      return [t("digest.cli.notDue", { target, cron: outcome.target.cron })];
    case "already":
      return [t("digest.cli.already", { target, period })];
    case "queued":
      return [t("digest.cli.queued", { target, period, messages })];
    case "dry_run":
      return [
        t("digest.cli.dryRun", { target, period, messages }),
        ...outcome.messages.flatMap((message, i) => [
          t("digest.cli.part", { n: i + 1, count: messages }),
          ...(message.text ? [message.text] : []),
          ...(message.photo
            ? [t("digest.cli.photo", { path: message.photo.path ?? message.photo.url ?? "" })]
            : []),
        ]),
      ];
  }
}

/** `vhcv digest --at <time> [--dry-run] [--target <key>] [--force]` */
export function registerDigest(program: Command, ctx: () => CliContext): void {
  program
    .command("digest")
    .description(
      "send the weekly digests due at the given time, as the tick does (times without a zone are Vietnam time); --dry-run prints them and writes nothing",
    )
    .requiredOption("--at <time>", "ISO time, e.g. 2024-11-18T08:00:00+07:00")
    .option("--dry-run", "print what would be sent; write nothing")
    .option("--target <key>", 'only this recipient, e.g. "chat:telegram:-1001234" or "account:12"')
    .option("--force", "ignore the schedule: the last whole week before --at, for every recipient")
    .action(async (raw: Record<string, unknown>) => {
      const options = optionsSchema.parse(raw);
      const context = ctx();
      const db = await context.database();
      const outcomes = await runDigests(
        {
          prisma: db.prisma,
          calendar: await loadWorkCalendar(),
          logger: context.logger,
          dataDir: context.config.dataDir,
          files: createFileStore({
            dataDir: context.config.dataDir,
            publicBaseUrl: context.config.publicBaseUrl,
          }),
          locale: context.config.locale,
        },
        options.at,
        {
          ...(options.dryRun ? { dryRun: true } : {}),
          ...(options.target ? { target: options.target } : {}),
          ...(options.force ? { force: true } : {}),
        },
      );
      if (options.target && outcomes.length === 0) {
        const all = await listDigestTargets(db.prisma);
        await print(
          t("digest.cli.unknownTarget", {
            target: options.target,
            targets: all.map((target) => target.key).join(", ") || "—",
          }),
        );
        process.exitCode = 2;
        return;
      }
      if (outcomes.length === 0) {
        await print(t("digest.cli.noTargets"));
        return;
      }
      await print(
        [
          t("digest.cli.header", { at: options.at.toISOString(), count: outcomes.length }),
          ...outcomes.flatMap(describe),
        ].join("\n"),
      );
    });
}
