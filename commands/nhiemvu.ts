import { z } from "zod";
import { localDateOf } from "../src/domain/calendar/index.js";
import { t } from "../src/i18n.js";
import { taskListPage } from "../src/presentation/task-list.js";
import { defineCommand } from "./types.js";

export const tasksCommand = defineCommand({
  names: ["nhiemvu", "tasks"],
  description: "commands.nhiemvu.description",
  usage: "commands.nhiemvu.usage",
  roles: ["head", "deputy", "leader"],
  menu: true,
  // [], [unit], [page], [unit, page]: "/nhiemvu", "/nhiemvu STP", "/nhiemvu 2", "/nhiemvu STP 2".
  args: z.union([
    z.tuple([]),
    z.tuple([z.string().regex(/^[A-Za-z0-9_.-]{1,32}$/)]),
    z.tuple([z.string().regex(/^[A-Za-z0-9_.-]{1,32}$/), z.string().regex(/^\d{1,4}$/)]),
  ]),
  async run(ctx, args) {
    const [first, second] = args;
    const pageArg = second ?? (first && /^\d+$/.test(first) ? first : undefined);
    const asked = first !== undefined && first !== pageArg ? first : undefined;
    const page = Math.max(1, Number(pageArg ?? 1));
    // Only administrators and leaders look at another unit.
    const mayChoose = ctx.account.role === "admin" || ctx.account.role === "leader";
    const own = ctx.account.unit;
    if (asked && !mayChoose && own && asked.toUpperCase() !== own.code.toUpperCase()) {
      ctx.reply(
        t(
          "commands.nhiemvu.notYourUnit",
          { code: asked, unit: own.name, own: own.code },
          ctx.locale,
        ),
      );
      return;
    }
    const unit = asked && mayChoose ? await ctx.services.tasks.findUnitByCode(asked) : own;
    if (!unit) {
      if (asked && mayChoose) {
        ctx.reply(t("commands.nhiemvu.unknownUnit", { code: asked }, ctx.locale));
      } else if (mayChoose) {
        // A leader or admin of no unit follows every unit: ask which one.
        const codes = await ctx.services.tasks.unitCodes();
        ctx.reply(
          t(
            "commands.nhiemvu.whichUnit",
            { codes: codes.join(", "), example: codes[0] ?? "STP" },
            ctx.locale,
          ),
        );
      } else {
        ctx.reply(t("commands.nhiemvu.noUnit", {}, ctx.locale));
      }
      return;
    }
    const today = localDateOf(ctx.services.clock.now());
    const unitArg = asked ? `${asked.toUpperCase()} ` : "";
    const reply = taskListPage(
      await ctx.services.tasks.unitOccurrences(unit.id),
      { unit: unit.name, today, page, more: (n) => `/nhiemvu ${unitArg}${n}` },
      ctx.locale,
    );
    ctx.reply(reply);
  },
});
