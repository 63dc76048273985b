import { z } from "zod";
import { localDateOf } from "../src/domain/calendar/index.js";
import { reportProgressLabel } from "../src/domain/reports/index.js";
import { cutAtWord } from "../src/domain/text/shorten.js";
import { render, t } from "../src/i18n.js";
import { formatDate } from "../src/domain/calendar/format.js";
import { formatDaysLeft, isoDate } from "../src/presentation/format.js";
import { describePeriod } from "../src/domain/deadline/describe-period.js";
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
    const { total, items: open } = await ctx.services.tasks.openOccurrences(
      unit.id,
      LIMIT,
      (page - 1) * LIMIT,
    );
    const pages = Math.max(1, Math.ceil(total / LIMIT));
    if (total > 0 && page > pages) {
      ctx.reply(t("commands.nhiemvu.noSuchPage", { page, pages }, ctx.locale));
      return;
    }
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
      const left = due
        ? formatDaysLeft(today, isoDate(due), ctx.locale)
        : render(describePeriod(occ.periodKey, isoDate(occ.periodStart), null), ctx.locale);
      const status = render(reportProgressLabel(occ.status, occ.progress), ctx.locale);
      return t(
        "commands.nhiemvu.line",
        { code: occ.code, title: cutAtWord(occ.task.title, TITLE_MAX), due: dueText, left, status },
        ctx.locale,
      );
    });
    const unitArg = asked ? `${asked.toUpperCase()} ` : "";
    const more =
      pages > 1
        ? [
            t(
              page < pages ? "commands.nhiemvu.page" : "commands.nhiemvu.lastPage",
              {
                page,
                pages,
                next: `/nhiemvu ${unitArg}${page + 1}`,
                first: `/nhiemvu ${unitArg}1`,
              },
              ctx.locale,
            ),
          ]
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
