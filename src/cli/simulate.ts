import type { Command } from "commander";
import { dayNumber, formatDate, formatLocalDateTime, instantAt } from "../domain/calendar/index.js";
import { DEFAULT_REMINDER_POLICY, mergePolicy, planReminders } from "../domain/reminders/index.js";
import { t } from "../i18n.js";
import { planningInput } from "../services/reminders.js";
import { loadWorkCalendar } from "../services/work-calendar.js";
import { parseCliDay } from "./args.js";
import { type CliContext, print } from "./context.js";
import { CliMistake, EXIT_FAILED } from "./errors.js";

/** The longest calendar `simulate` prints: ten years. */
const MAX_DAYS = 3_660;

export function registerSimulate(program: Command, ctx: () => CliContext): void {
  program
    .command("simulate")
    .description(t("cli.help.simulate"))
    .requiredOption("--plan <mã>", t("cli.help.simulatePlan"))
    .requiredOption("--from <ngày>", t("cli.help.simulateFrom"))
    .requiredOption("--to <ngày>", t("cli.help.simulateTo"))
    .option("--unit <mã>", t("cli.help.simulateUnit"))
    .action(async (options: { plan: string; from: string; to: string; unit?: string }) => {
      const fromDay = parseCliDay("--from", options.from);
      const toDay = parseCliDay("--to", options.to);
      const days = dayNumber(toDay) - dayNumber(fromDay);
      if (days < 0)
        throw new CliMistake("cli.simulate.reversed", {
          from: formatDate(fromDay),
          to: formatDate(toDay),
        });
      if (days > MAX_DAYS) throw new CliMistake("cli.simulate.tooLong", { years: MAX_DAYS / 366 });
      const from = instantAt(fromDay, "00:00");
      const to = new Date(instantAt(toDay, "00:00").getTime() + 24 * 3_600_000);
      const db = await ctx().database();
      const plan = await db.prisma.plan.findFirst({
        where: { code: { equals: options.plan.trim(), mode: "insensitive" } },
      });
      if (!plan) throw new CliMistake("plans.notFound", { code: options.plan }, EXIT_FAILED);
      const unit = options.unit
        ? await db.prisma.unit.findFirst({
            where: { code: { equals: options.unit.trim(), mode: "insensitive" } },
          })
        : null;
      if (options.unit && !unit)
        throw new CliMistake("cli.unknownUnit", { code: options.unit }, EXIT_FAILED);
      const calendar = await loadWorkCalendar();
      const occurrences = await db.prisma.occurrence.findMany({
        where: { task: { planId: plan.id }, ...(unit ? { unitId: unit.id } : {}) },
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
          rows.push({
            at: r.sendAt,
            line: `${formatLocalDateTime(r.sendAt)}\t${t(`cli.simulate.kind.${r.kind}`)}\t${occ.code}\t${occ.unit.name}`,
          });
        }
      }
      rows.sort((a, b) => a.at.getTime() - b.at.getTime());
      const total =
        occurrences.length === 0
          ? unit
            ? t("cli.simulate.noTasksForUnit", { plan: plan.code, unit: unit.code })
            : t("cli.simulate.noTasks", { plan: plan.code })
          : t("cli.simulated", {
              count: rows.length,
              from: formatDate(fromDay),
              to: formatDate(toDay),
            });
      await print([...rows.map((r) => r.line), total].join("\n"));
    });
}
