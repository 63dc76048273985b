import type { Command } from "commander";
import { localDateOf, localMinutesOf } from "../domain/calendar/index.js";
import { DEFAULT_REMINDER_POLICY, mergePolicy, planReminders } from "../domain/reminders/index.js";
import { t } from "../i18n.js";
import { formatDate } from "../domain/calendar/format.js";
import { planningInput } from "../services/reminders.js";
import { loadWorkCalendar } from "../services/work-calendar.js";
import { type CliContext, print } from "./context.js";
import { isoInstant } from "./tick.js";

export function registerSimulate(program: Command, ctx: () => CliContext): void {
  program
    .command("simulate")
    .description("print the whole reminder calendar of a plan, sending nothing")
    .requiredOption("--plan <code>", "plan code")
    .requiredOption("--from <date>", "first day, e.g. 2024-01-01")
    .requiredOption("--to <date>", "last day, e.g. 2025-12-31")
    .option("--unit <code>", "only this unit")
    .action(async (options: { plan: string; from: string; to: string; unit?: string }) => {
      const from = isoInstant.parse(`${options.from.slice(0, 10)}T00:00:00+07:00`);
      const to = new Date(
        isoInstant.parse(`${options.to.slice(0, 10)}T00:00:00+07:00`).getTime() + 24 * 3_600_000,
      );
      const db = await ctx().database();
      const plan = await db.prisma.plan.findUnique({ where: { code: options.plan } });
      if (!plan) {
        process.stderr.write(`${t("plans.notFound", { code: options.plan })}\n`);
        process.exitCode = 1;
        return;
      }
      const calendar = await loadWorkCalendar();
      const occurrences = await db.prisma.occurrence.findMany({
        where: {
          task: { planId: plan.id },
          ...(options.unit ? { unit: { code: options.unit } } : {}),
        },
        include: { task: true, unit: true },
        orderBy: { id: "asc" },
      });
      const rows: { at: Date; line: string }[] = [];
      for (const occ of occurrences) {
        const policy = mergePolicy(
          DEFAULT_REMINDER_POLICY,
          plan.reminderPolicy ?? undefined,
          occ.task.reminderPolicy ?? undefined,
        );
        const planned = planReminders(planningInput(occ), policy, calendar, { from, to });
        for (const r of planned) {
          const minutes = localMinutesOf(r.sendAt);
          const time = `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
          rows.push({
            at: r.sendAt,
            line: `${formatDate(localDateOf(r.sendAt))} ${time}\t${r.kind}\t${occ.code}\t${occ.unit.name}`,
          });
        }
      }
      rows.sort((a, b) => a.at.getTime() - b.at.getTime());
      await print(
        [...rows.map((r) => r.line), t("cli.simulated", { count: rows.length })].join("\n"),
      );
    });
}
