import { z } from "zod";
import { t } from "../src/i18n.js";
import { defineCommand } from "./types.js";

export const linkCommand = defineCommand({
  names: ["lienket", "link"],
  description: "commands.lienket.description",
  usage: "commands.lienket.usage",
  roles: "everyone",
  menu: true,
  args: z.tuple([z.string().regex(/^[A-Za-z0-9]{6,12}$/)]),
  async run(ctx, [code]) {
    const result = await ctx.services.accounts.redeemLinkCode({
      code,
      account: ctx.account,
      chat: ctx.chat,
      now: ctx.services.clock.now(),
    });
    if (!result.ok) {
      ctx.reply(t(`commands.lienket.refused.${result.reason}`, {}, ctx.locale));
      return;
    }
    if (result.purpose !== "none" && ctx.chat.kind === "group") {
      ctx.reply(t(`commands.lienket.groupLinked.${result.purpose}`, {}, ctx.locale));
      return;
    }
    const role = t(`roles.${result.role}`, {}, ctx.locale);
    const unit = result.unit?.name;
    ctx.reply(
      result.role === "admin"
        ? t("commands.lienket.linkedAdmin", {}, ctx.locale)
        : result.role === "leader"
          ? unit
            ? t("commands.lienket.linkedLeaderOfUnit", { unit }, ctx.locale)
            : t("commands.lienket.linkedLeader", {}, ctx.locale)
          : unit
            ? t("commands.lienket.linked", { role, unit }, ctx.locale)
            : t("commands.lienket.linkedNoUnit", { role }, ctx.locale),
    );
  },
});
