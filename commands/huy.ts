import { z } from "zod";
import { reportStatusLabel } from "../src/domain/reports/index.js";
import { render, t } from "../src/i18n.js";
import { defineCommand } from "./types.js";

export const undoCommand = defineCommand({
  names: ["huy", "undo"],
  description: "commands.huy.description",
  usage: "commands.huy.usage",
  roles: ["head", "deputy"],
  menu: true,
  args: z.tuple([]),
  async run(ctx) {
    const outcome = await ctx.services.reports.undoLast(ctx.account, ctx.services.clock.now());
    if (!outcome.ok) {
      const key = {
        nothing: "reports.undoNothing",
        too_late: "reports.undoTooLate",
        not_allowed: "reports.undoNotAllowed",
        superseded: "reports.undoSuperseded",
      } as const;
      const by = outcome.reason === "superseded" ? outcome.by : "";
      ctx.reply(t(key[outcome.reason], { code: outcome.code ?? "", by }, ctx.locale));
      return;
    }
    const lines = [
      t(
        "reports.undone",
        { code: outcome.code, status: render(reportStatusLabel(outcome.restored), ctx.locale) },
        ctx.locale,
      ),
    ];
    if (outcome.withdrawnFrom === "secretariat")
      lines.push(t("reports.undoneToldSecretariat", {}, ctx.locale));
    if (outcome.withdrawnFrom === "admin") lines.push(t("reports.undoneToldAdmin", {}, ctx.locale));
    ctx.reply(lines.join("\n"));
  },
});
