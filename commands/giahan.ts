import { addDays, localDateOf } from "../src/domain/calendar/index.js";
import { z } from "zod";
import { parseReportText, reportStatusLabel } from "../src/domain/reports/index.js";
import { fold } from "../src/domain/text/fold.js";
import { render, t } from "../src/i18n.js";
import { formatDate } from "../src/domain/calendar/format.js";
import { defineCommand } from "./types.js";

export const extendCommand = defineCommand({
  names: ["giahan", "extend"],
  description: "commands.giahan.description",
  usage: "commands.giahan.usage",
  roles: [],
  args: z
    .tuple([z.string().regex(/^[A-Za-z0-9-]{2,40}$/)], z.string())
    .refine((a) => a.length >= 2),
  async run(ctx, [code, ...words]) {
    const now = ctx.services.clock.now();
    const occurrence = await ctx.services.reports.findByCode(code);
    if (!occurrence) {
      ctx.reply(t("reports.notFound", { code }, ctx.locale));
      return;
    }
    // The same date reading as "gia hạn 30/9" in a report.
    const parsed = parseReportText(`gia hạn ${words.join(" ")}`, localDateOf(now));
    if (!parsed.ok || !parsed.proposedDate) {
      const example = formatDate(addDays(localDateOf(now), 30));
      ctx.reply(t("commands.giahan.badDate", { code: occurrence.code, example }, ctx.locale));
      return;
    }
    // "chủ động": the secretariat extends without a pending request from the unit.
    const override = /(?:^| )chu dong(?: |$)/.test(fold(words.join(" ")));
    const outcome = await ctx.services.reports.acceptExtension({
      account: ctx.account,
      occurrence,
      newDue: parsed.proposedDate,
      now,
      override,
      locale: ctx.locale,
    });
    const date = formatDate(parsed.proposedDate);
    if (!outcome.ok) {
      const status = render(reportStatusLabel(outcome.status), ctx.locale);
      ctx.reply(
        t(
          "commands.giahan.noRequest",
          { code: occurrence.code, unit: occurrence.unit.name, status, date },
          ctx.locale,
        ),
      );
      return;
    }
    const accepted = t(
      "commands.giahan.accepted",
      { code: occurrence.code, unit: occurrence.unit.name, date },
      ctx.locale,
    );
    const told = t(
      outcome.told > 0 ? "commands.giahan.toldUnit" : "commands.giahan.nobodyToTell",
      {},
      ctx.locale,
    );
    ctx.reply(`${accepted}\n${told}`);
  },
});
