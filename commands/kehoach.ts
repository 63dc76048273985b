import { z } from "zod";
import { localDateOf } from "../src/domain/calendar/index.js";
import { t } from "../src/i18n.js";
import { formatCount } from "../src/presentation/format.js";
import { defineCommand } from "./types.js";

export const plansCommand = defineCommand({
  names: ["kehoach", "plans"],
  description: "commands.kehoach.description",
  usage: "commands.kehoach.usage",
  roles: "everyone",
  menu: true,
  args: z.tuple([]),
  async run(ctx) {
    const plans = await ctx.services.plans.overview(localDateOf(ctx.services.clock.now()));
    if (plans.length === 0) {
      ctx.reply(t("commands.kehoach.none", {}, ctx.locale));
      return;
    }
    const n = (count: number) => formatCount(count, ctx.locale);
    const lines = plans.flatMap((plan) => [
      t(
        "commands.kehoach.line",
        {
          title: plan.title,
          code: plan.code,
          issuer: plan.issuer,
          tasks: n(plan.tasks),
          counted: n(plan.tally.counted),
          open: n(plan.tally.open),
          overdue: n(plan.tally.overdue),
          done: n(plan.tally.done),
        },
        ctx.locale,
      ),
      ...(plan.tally.past > 0
        ? [t("commands.kehoach.past", { past: n(plan.tally.past) }, ctx.locale)]
        : []),
    ]);
    ctx.reply(
      [
        t("commands.kehoach.header", {}, ctx.locale),
        ...lines,
        t("commands.kehoach.footer", {}, ctx.locale),
      ].join("\n"),
    );
  },
});
