import { z } from "zod";
import { localDateOf } from "../src/domain/calendar/index.js";
import { reportProgressLabel } from "../src/domain/reports/index.js";
import { cutAtWord } from "../src/domain/text/shorten.js";
import { render, t } from "../src/i18n.js";
import { formatDate } from "../src/domain/calendar/format.js";
import { formatDaysLeft, isoDate } from "../src/services/format.js";
import { checkinOnly } from "../src/services/reminders.js";
import { defineCommand } from "./types.js";

const LIMIT = 20;
const TITLE_MAX = 70;

export const tasksCommand = defineCommand({
  names: ["nhiemvu", "tasks"],
  description: "commands.nhiemvu.description",
  usage: "commands.nhiemvu.usage",
  roles: ["head", "deputy", "leader"],
  menu: true,
  args: z.union([z.tuple([]), z.tuple([z.string().regex(/^[A-Za-z0-9_.-]{1,32}$/)])]),
  async run(ctx, args) {
    const asked = args[0];
    // Only administrators and leaders look at another unit.
    const mayChoose = ctx.account.role === "admin" || ctx.account.role === "leader";
    const unit =
      asked && mayChoose ? await ctx.services.tasks.findUnitByCode(asked) : ctx.account.unit;
    if (!unit) {
      ctx.reply(
        asked && mayChoose
          ? t("commands.nhiemvu.unknownUnit", { code: asked }, ctx.locale)
          : t("commands.nhiemvu.noUnit", {}, ctx.locale),
      );
      return;
    }
    const { total, items: open } = await ctx.services.tasks.openOccurrences(unit.id, LIMIT);
    if (total === 0) {
      ctx.reply(t("commands.nhiemvu.none", { unit: unit.name }, ctx.locale));
      return;
    }
    const today = localDateOf(ctx.services.clock.now());
    const lines = open.map((occ) => {
      // Ongoing and undated tasks have check-in windows, not due dates: never "quá hạn".
      const kind = checkinOnly(occ.task.deadline);
      const checkin = kind.checkin && occ.extendedDue === null;
      const due = checkin ? null : (occ.extendedDue ?? occ.dueDate);
      const dueText = due
        ? formatDate(isoDate(due))
        : t(kind.undated ? "format.undated" : "format.noDue", {}, ctx.locale);
      const left = due ? formatDaysLeft(today, isoDate(due), ctx.locale) : occ.periodKey;
      const status = render(reportProgressLabel(occ.status, occ.progress), ctx.locale);
      return t(
        "commands.nhiemvu.line",
        { code: occ.code, title: cutAtWord(occ.task.title, TITLE_MAX), due: dueText, left, status },
        ctx.locale,
      );
    });
    const more =
      total > open.length
        ? [t("commands.nhiemvu.more", { count: total - open.length }, ctx.locale)]
        : [];
    ctx.reply(
      [
        t("commands.nhiemvu.header", { unit: unit.name, count: total }, ctx.locale),
        ...lines,
        ...more,
      ].join("\n"),
    );
  },
});
