import type { Command } from "commander";
import { z } from "zod";
import { t } from "../i18n.js";
import { createJobs } from "../scheduler/jobs.js";
import { runTick } from "../scheduler/scheduler.js";
import { loadWorkCalendar } from "../services/work-calendar.js";
import { type CliContext, print } from "./context.js";

export const isoInstant = z
  .string()
  .refine(
    (value) =>
      /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value) &&
      !Number.isNaN(Date.parse(value)),
    {
      message: "must be an ISO time, e.g. 2024-06-20T08:00:00+07:00",
    },
  )
  .transform(
    (value) =>
      new Date(
        /T.*(Z|[+-]\d{2}:?\d{2})$/.test(value)
          ? value
          : `${value.includes("T") ? value : `${value}T08:00:00`}+07:00`,
      ),
  );

export function registerTick(program: Command, ctx: () => CliContext): void {
  program
    .command("tick")
    .description(
      "run one scheduler tick as if at the given time (times without a zone are Vietnam time)",
    )
    .requiredOption("--at <time>", "ISO time, e.g. 2024-06-20T08:00:00+07:00")
    .action(async (options: { at: string }) => {
      const at = isoInstant.parse(options.at);
      const context = ctx();
      const db = await context.database();
      const outboxBefore = await db.prisma.outbox.count();
      const remindersBefore = await db.prisma.reminder.count({ where: { state: "queued" } });
      const report = await runTick(
        db,
        createJobs({ db, calendar: await loadWorkCalendar(), logger: context.logger }),
        at,
        context.logger,
      );
      const queued =
        (await db.prisma.reminder.count({ where: { state: "queued" } })) - remindersBefore;
      const messages = (await db.prisma.outbox.count()) - outboxBefore;
      await print(
        t("cli.tick", {
          at: at.toISOString(),
          leader: report.leader ? "yes" : "no",
          reminders: queued,
          messages,
          failed:
            report.jobs
              .filter((j) => !j.ok)
              .map((j) => j.name)
              .join(", ") || "—",
        }),
      );
      if (report.jobs.some((j) => !j.ok)) process.exitCode = 1;
    });
}
