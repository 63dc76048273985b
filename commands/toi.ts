import { z } from "zod";
import { t } from "../src/i18n.js";
import { defineCommand } from "./types.js";

export const whoAmICommand = defineCommand({
  names: ["toi", "me", "whoami"],
  description: "commands.toi.description",
  usage: "commands.toi.usage",
  roles: "everyone",
  menu: true,
  args: z.tuple([]),
  async run(ctx) {
    const { account } = ctx;
    ctx.reply(
      t(
        "commands.toi.summary",
        {
          name: account.displayName,
          role: t(`roles.${account.role}`, {}, ctx.locale),
          unit: account.unit
            ? `${account.unit.name} (${account.unit.code})`
            : t("commands.toi.noUnit", {}, ctx.locale),
          channel: t(`channels.${account.channel}`, {}, ctx.locale),
        },
        ctx.locale,
      ),
    );
  },
});
