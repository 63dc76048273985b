import type { Command } from "commander";
import { formatDate, formatLocalDateTime, type WorkCalendar } from "../domain/calendar/index.js";
import { nextDigestSend } from "../domain/digest/schedule.js";
import type { DigestPeriod } from "../domain/digest/types.js";
import { t } from "../i18n.js";
import { digestSchedule } from "../services/digest/cron.js";
import { runDigests, type TargetOutcome } from "../services/digest/run.js";
import { listDigestTargets, type DigestTarget } from "../services/digest/targets.js";
import { createFileStore } from "../services/files.js";
import { loadWorkCalendar } from "../services/work-calendar.js";
import { parseCliInstant } from "./args.js";
import { type CliContext, print } from "./context.js";
import { CliMistake } from "./errors.js";

/** A recipient as the admin knows it: "nhóm “Lãnh đạo tỉnh”", "Nguyễn Văn A (chat riêng)". */
export function targetLabel(target: DigestTarget): string {
  if (target.kind === "chat")
    return target.name
      ? t("digest.cli.targetChat", { name: target.name })
      : t("digest.cli.targetChatUntitled");
  return t("digest.cli.targetAccount", { name: target.name || "?" });
}

/** "tuần 46/2024 (11/11/2024 – 17/11/2024)", never the stored key "2024-W46". */
export function periodLabel(period: DigestPeriod | undefined): string {
  if (!period) return "";
  return t("digest.cli.week", {
    week: Number(period.key.slice(6)),
    year: period.key.slice(0, 4),
    start: formatDate(period.start),
    end: formatDate(period.end),
  });
}

function nextSend(target: DigestTarget, at: Date, calendar: WorkCalendar): string {
  try {
    const next = nextDigestSend(digestSchedule(target.cron), at, calendar);
    return next ? t("digest.cli.nextAt", { at: formatLocalDateTime(next) }) : "";
  } catch {
    return t("digest.cli.badSchedule");
  }
}

function describe(outcome: TargetOutcome, at: Date, calendar: WorkCalendar): string[] {
  const target = targetLabel(outcome.target);
  const period = periodLabel(outcome.period);
  const messages = outcome.messages.length;
  switch (outcome.state) {
    case "not_due":
      return [t("digest.cli.notDue", { target, next: nextSend(outcome.target, at, calendar) })];
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

/** The recipient the admin named (a group's title, a person's name, or the stored key). */
function findTarget(targets: DigestTarget[], asked: string): DigestTarget[] {
  const wanted = asked.trim().toLocaleLowerCase("vi");
  return targets.filter(
    (target) =>
      target.key === asked.trim() || target.name.trim().toLocaleLowerCase("vi") === wanted,
  );
}

/** `vhcv digest --at <time> [--dry-run] [--target <name>] [--force]` */
export function registerDigest(program: Command, ctx: () => CliContext): void {
  program
    .command("digest")
    .description(t("cli.help.digest"))
    .requiredOption("--at <thời-điểm>", t("cli.help.at"))
    .option("--dry-run", t("cli.help.digestDryRun"))
    .option("--target <tên>", t("cli.help.digestTarget"))
    .option("--force", t("cli.help.digestForce"))
    .action(async (raw: { at: string; dryRun?: boolean; target?: string; force?: boolean }) => {
      const at = parseCliInstant("--at", raw.at);
      const context = ctx();
      const db = await context.database();
      const calendar = await loadWorkCalendar();
      let targetKey: string | undefined;
      if (raw.target !== undefined) {
        const all = await listDigestTargets(db.prisma);
        const found = findTarget(all, raw.target);
        const names = all.map((target) => `“${target.name || target.key}”`).join(", ") || "—";
        if (found.length !== 1)
          throw new CliMistake(
            found.length === 0 ? "digest.cli.unknownTarget" : "digest.cli.ambiguousTarget",
            { target: raw.target, targets: names },
          );
        targetKey = found[0]?.key;
      }
      const outcomes = await runDigests(
        {
          prisma: db.prisma,
          calendar,
          logger: context.logger,
          dataDir: context.config.dataDir,
          files: createFileStore({
            dataDir: context.config.dataDir,
            publicBaseUrl: context.config.publicBaseUrl,
          }),
          locale: context.config.locale,
        },
        at,
        {
          ...(raw.dryRun ? { dryRun: true } : {}),
          ...(targetKey ? { target: targetKey } : {}),
          ...(raw.force ? { force: true } : {}),
        },
      );
      if (outcomes.length === 0) {
        await print(t("digest.cli.noTargets"));
        return;
      }
      await print(
        [
          t("digest.cli.header", { at: formatLocalDateTime(at), count: outcomes.length }),
          ...outcomes.flatMap((outcome) => describe(outcome, at, calendar)),
        ].join("\n"),
      );
    });
}
