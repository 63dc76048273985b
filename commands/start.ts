import { z } from "zod";
import { t } from "../src/i18n.js";
import { defineCommand } from "./types.js";

export const startCommand = defineCommand({
  names: ["batdau", "start"],
  description: "commands.start.description",
  usage: "commands.start.usage",
  roles: "everyone",
  menu: true,
  // Telegram deep links send "/start <payload>": accept and ignore any arguments.
  args: z.array(z.string()),
  async run(ctx) {
    ctx.reply(t("commands.start.welcome", { name: ctx.account.displayName }, ctx.locale));
    if (!ctx.account.unit && ctx.account.role === "staff") {
      ctx.reply(t("commands.start.notLinked", {}, ctx.locale));
    }
  },
});
