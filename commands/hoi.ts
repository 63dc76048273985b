import { z } from "zod";
import { t } from "../src/i18n.js";
import { replyWithAnswer } from "./qa-reply.js";
import { defineCommand } from "./types.js";

export const askCommand = defineCommand({
  names: ["hoi", "ask"],
  description: "commands.hoi.description",
  usage: "commands.hoi.usage",
  roles: "everyone",
  menu: true,
  args: z.array(z.string()),
  async run(ctx, words) {
    if (words.length === 0) {
      ctx.reply(t("commands.hoi.empty", {}, ctx.locale));
      return;
    }
    await replyWithAnswer(ctx, ctx.services.qa.ask(words.join(" "), ctx.locale));
  },
});
