import { z } from "zod";
import { t } from "../src/i18n.js";
import { defineCommand } from "./types.js";

export const plansCommand = defineCommand({
  names: ["kehoach", "plans"],
  description: "commands.kehoach.description",
  usage: "commands.kehoach.usage",
  roles: "everyone",
  menu: true,
  args: z.tuple([]),
  async run(ctx) {
    const plans = await ctx.services.plans.overview();
    if (plans.length === 0) {
      ctx.reply(t("commands.kehoach.none", {}, ctx.locale));
      return;
    }
    const lines = plans.map((plan) =>
      t(
        "commands.kehoach.line",
        {
          title: plan.title,
          code: plan.code,
          issuer: plan.issuer,
          tasks: plan.tasks,
          open: plan.open,
        },
        ctx.locale,
      ),
    );
    ctx.reply([t("commands.kehoach.header", {}, ctx.locale), ...lines].join("\n"));
  },
});
