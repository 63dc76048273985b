import { z } from "zod";
import { t } from "../src/i18n.js";
import { defineCommand, mayUse, type CommandDefinition } from "./types.js";

/** /trogiup needs the registry; it receives it instead of importing it (no cycle). */
export function createHelpCommand(all: () => readonly CommandDefinition[]) {
  return defineCommand({
    names: ["trogiup", "help"],
    description: "commands.help.description",
    usage: "commands.help.usage",
    roles: "everyone",
    menu: true,
    args: z.array(z.string()).max(1),
    async run(ctx) {
      const lines = all()
        .filter(
          (command) =>
            mayUse(command, ctx.account.role) && (command.allows?.(ctx.account, ctx.chat) ?? true),
        )
        .map((command) => {
          const [name, ...aliases] = command.names;
          const alias = aliases.length > 0 ? ` (/${aliases.join(", /")})` : "";
          return `/${name}${alias} — ${t(command.description, {}, ctx.locale)}`;
        });
      ctx.reply(
        [
          t("commands.help.header", {}, ctx.locale),
          ...lines,
          "",
          t("commands.help.footer", {}, ctx.locale),
        ].join("\n"),
      );
    },
  });
}
