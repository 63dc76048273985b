import { z } from "zod";
import { t } from "../src/i18n.js";
import { replyNotYours, reportFromText } from "./report-flow.js";
import { defineCommand } from "./types.js";

export const reportCommand = defineCommand({
  names: ["baocao", "report"],
  description: "commands.baocao.description",
  usage: "commands.baocao.usage",
  roles: ["head", "deputy"],
  menu: true,
  args: z
    .tuple([z.string().regex(/^[A-Za-z0-9-]{2,40}$/)], z.string())
    .refine((a) => a.length >= 2),
  async run(ctx, [code, ...words]) {
    const occurrence = await ctx.services.reports.findByCode(code);
    if (!occurrence) {
      // Only an administrator, who may report on every task, learns that a code does not exist;
      // others get the refusal an other unit's code gets, so codes cannot be probed.
      if (ctx.account.role === "admin") ctx.reply(t("reports.notFound", { code }, ctx.locale));
      else replyNotYours(ctx, code.trim().toUpperCase());
      return;
    }
    await reportFromText(ctx, occurrence, words.join(" "));
  },
});
