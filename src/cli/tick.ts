import type { Command } from "commander";
import { t, type TranslationKey } from "../i18n.js";
import { createJobs } from "../scheduler/jobs.js";
import { runTick } from "../scheduler/scheduler.js";
import { formatLocalDateTime } from "../domain/calendar/index.js";
import { loadWorkCalendar } from "../services/work-calendar.js";
import { parseCliInstant } from "./args.js";
import { type CliContext, print } from "./context.js";

/** What each scheduled job is called when it fails, for the admin. */
const JOB_NAMES: Record<string, TranslationKey> = {
  occurrences: "cli.tickJob.occurrences",
  reminders: "cli.tickJob.reminders",
  digest: "cli.tickJob.digest",
  prune: "cli.tickJob.prune",
};

export function registerTick(program: Command, ctx: () => CliContext): void {
  program
    .command("tick")
    .description(t("cli.help.tick"))
    .requiredOption("--at <thời-điểm>", t("cli.help.at"))
    .action(async (options: { at: string }) => {
      const at = parseCliInstant("--at", options.at);
      const context = ctx();
      const db = await context.database();
      const outboxBefore = await db.prisma.outbox.count();
      const remindersBefore = await db.prisma.reminder.count({ where: { state: "queued" } });
      const report = await runTick(
        db,
        // The same settings as the running bot: charts under DATA_DIR, links under PUBLIC_BASE_URL.
        createJobs({
          db,
          calendar: await loadWorkCalendar(),
          logger: context.logger,
          dataDir: context.config.dataDir,
          publicBaseUrl: context.config.publicBaseUrl,
          locale: context.config.locale,
          auditRetentionDays: context.config.auditRetentionDays,
        }),
        at,
        context.logger,
      );
      if (!report.leader) {
        await print(t("cli.tickNotLeader", { at: formatLocalDateTime(at) }));
        process.exitCode = 1;
        return;
      }
      const queued =
        (await db.prisma.reminder.count({ where: { state: "queued" } })) - remindersBefore;
      const messages = (await db.prisma.outbox.count()) - outboxBefore;
      const failed = report.jobs.filter((j) => !j.ok);
      await print(
        [
          t("cli.tick", { at: formatLocalDateTime(at), reminders: queued, messages }),
          ...(failed.length > 0
            ? [
                t("cli.tickFailed", {
                  jobs: failed
                    .map((j) => {
                      const key = JOB_NAMES[j.name];
                      return key ? t(key) : j.name;
                    })
                    .join(", "),
                }),
              ]
            : []),
        ].join("\n"),
      );
      if (failed.length > 0) process.exitCode = 1;
    });
}
