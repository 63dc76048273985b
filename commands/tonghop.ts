import { randomBytes } from "node:crypto";
import { z } from "zod";
import { capabilitiesOf } from "../src/channels/capabilities.js";
import { localDateOf } from "../src/domain/calendar/index.js";
import { exampleDates } from "../src/domain/calendar/examples.js";
import { lastCompleteWeek, weekPeriod } from "../src/domain/digest/period.js";
import type { DigestPeriod } from "../src/domain/digest/types.js";
import { foldText } from "../src/domain/text/fold.js";
import { findProposedDate } from "../src/domain/reports/proposed-date.js";
import { t } from "../src/i18n.js";
import {
  chartGoesTo,
  chartPath,
  chartUndeliveredNote,
  digestPayloads,
  prepareDigest,
} from "../src/services/digest/compose.js";
import { renderDigestPlain } from "../src/presentation/digest/render.js";
import { formatDate } from "../src/domain/calendar/format.js";
import { allowDigest, digestAllowed } from "./digest-access.js";
import { defineCommand } from "./types.js";

type PeriodChoice =
  { ok: true; period: DigestPeriod } | { ok: false; reason: "bad" | "future"; date?: string };

/** "", "tuần này" → this week so far; "tuần trước" → last week; a date → the week holding it. */
export function choosePeriod(words: readonly string[], now: Date): PeriodChoice {
  const text = foldText(words.join(" ")).text.trim();
  const today = localDateOf(now);
  if (text === "" || /^(tuan )?(nay|hien tai)$/.test(text) || text === "this week")
    return { ok: true, period: weekPeriod(today, now) };
  if (/^(tuan )?(truoc|vua qua)$/.test(text) || text === "last week")
    return { ok: true, period: lastCompleteWeek(now) };
  const found = findProposedDate(text, today);
  if (found.kind !== "date" || text.slice(found.to).trim() !== "")
    return { ok: false, reason: "bad" };
  if (found.date > today) return { ok: false, reason: "future", date: found.date };
  return { ok: true, period: weekPeriod(found.date, now) };
}

export const tonghopCommand = defineCommand({
  names: ["tonghop", "digest"],
  description: "commands.tonghop.description",
  usage: "commands.tonghop.usage",
  // Leadership and secretariat groups may ask whoever types; checked in run().
  roles: "everyone",
  allows: digestAllowed,
  menu: true,
  args: z.array(z.string().max(40)).max(4),
  async run(ctx, words) {
    if (!(await allowDigest(ctx, "tonghop"))) return;
    const now = ctx.services.clock.now();
    const choice = choosePeriod(words, now);
    if (!choice.ok) {
      ctx.reply(
        choice.reason === "future" && choice.date
          ? t("commands.tonghop.future", { date: formatDate(choice.date) }, ctx.locale)
          : t("commands.tonghop.badDate", exampleDates(localDateOf(now)), ctx.locale),
      );
      return;
    }
    const { digest } = ctx.services;
    const scope = await digest.scopeFor(ctx.account, ctx.chat);
    const channel = ctx.message.channel;
    const prepared = prepareDigest(await digest.loadState(), scope, choice.period, ctx.locale, {
      chart: chartGoesTo(channel, ctx.services.files),
    });
    for (const part of renderDigestPlain(prepared.document, channel, ctx.locale)) ctx.reply(part);
    // The chart follows through the outbox (replies carry text only), or on the console its path.
    const payloads = await digestPayloads(prepared, {
      channel,
      locale: ctx.locale,
      chartFile: chartPath(
        ctx.services.dataDir,
        "adhoc",
        `${choice.period.key}-${randomBytes(6).toString("hex")}`,
      ),
      files: ctx.services.files,
    });
    const local = capabilitiesOf(channel).files === "local";
    for (const payload of payloads.filter((p) => p.photo)) {
      if (local && payload.photo?.path) {
        // The person is at this machine (the console): the chart's path now, not via the outbox.
        ctx.reply(t("commands.tonghop.chartWritten", { path: payload.photo.path }, ctx.locale));
        continue;
      }
      await ctx.services.outbox.enqueue(
        {
          channel,
          chatId: ctx.message.chatId,
          payload,
          purpose: `tonghop:${ctx.message.updateId}`,
          dedupeKey: `tonghop:${channel}:${ctx.message.updateId}`,
          ifUndelivered: chartUndeliveredNote(prepared, ctx.locale),
        },
        now,
      );
    }
  },
});
