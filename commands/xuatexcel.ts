import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { z } from "zod";
import { capabilitiesOf } from "../src/channels/capabilities.js";
import { localDateOf } from "../src/domain/calendar/index.js";
import { factsOf } from "../src/domain/digest/classify.js";
import { weekPeriod } from "../src/domain/digest/period.js";
import { tallyOf } from "../src/domain/occurrences/standing.js";
import { scopeState } from "../src/domain/digest/scope.js";
import { t } from "../src/i18n.js";
import { buildDigestWorkbook } from "../src/presentation/digest/excel.js";
import { formatCount } from "../src/presentation/format.js";
import { writeFileAtomic } from "../src/services/files.js";
import { formatDate } from "../src/domain/calendar/format.js";
import { allowDigest, digestAllowed } from "./digest-access.js";
import { defineCommand } from "./types.js";

/** Workbook links live a day. */
export const WORKBOOK_LINK_TTL_MS = 24 * 3_600_000;

export const xuatexcelCommand = defineCommand({
  names: ["xuatexcel", "export"],
  description: "commands.xuatexcel.description",
  usage: "commands.xuatexcel.usage",
  roles: "everyone",
  allows: digestAllowed,
  menu: true,
  args: z.tuple([]),
  async run(ctx) {
    if (!(await allowDigest(ctx, "xuatexcel"))) return;
    const channel = ctx.message.channel;
    const byLink = capabilitiesOf(channel).files === "link";
    if (byLink && !ctx.services.files.linksEnabled) {
      // No way to hand the file over: say so before building it, and never show a server path.
      ctx.reply(t("commands.xuatexcel.noLink", {}, ctx.locale));
      return;
    }
    const now = ctx.services.clock.now();
    const today = localDateOf(now);
    const scope = await ctx.services.digest.scopeFor(ctx.account, ctx.chat);
    const state = scopeState(await ctx.services.digest.loadState(), scope.unitIds);
    const workbook = await buildDigestWorkbook(state, weekPeriod(today, now), ctx.locale);
    const filename = `tong-hop-vhcv-${today}.xlsx`;
    const path = join(
      ctx.services.dataDir,
      "exports",
      `${randomBytes(8).toString("hex")}-${filename}`,
    );
    await writeFileAtomic(path, workbook);
    // What the rows are and what of them counts, by the definition /kehoach and /nhiemvu use.
    const tally = tallyOf(
      state.occurrences.map((o) => factsOf(o, o)),
      today,
    );
    const n = (count: number) => formatCount(count, ctx.locale);
    const counts = {
      rows: n(state.occurrences.length),
      counted: n(tally.counted),
      overdue: n(tally.overdue),
      reports: n(state.occurrences.reduce((sum, o) => sum + o.reports.length, 0)),
    };
    if (byLink) {
      // The channel takes files as links: one that expires.
      const token = await ctx.services.files.publishFile(path, WORKBOOK_LINK_TTL_MS);
      const url = ctx.services.files.publicUrl(token, filename);
      ctx.reply(
        url
          ? t("commands.xuatexcel.link", { ...counts, url, hours: 24 }, ctx.locale)
          : t("commands.xuatexcel.noLink", {}, ctx.locale),
      );
      return;
    }
    if (capabilitiesOf(channel).files === "local") {
      // The person is at this machine (the console): the path now, not after the outbox.
      ctx.reply(t("commands.xuatexcel.written", { ...counts, path }, ctx.locale));
      return;
    }
    const date = formatDate(today);
    const origin = { channel, chatId: ctx.message.chatId };
    // The caption and the workbook are rows of their own, queued together: a refused workbook
    // is retried alone (never its caption again) and, if it finally fails, the chat is told so.
    await ctx.services.outbox.enqueueAll(
      [
        {
          ...origin,
          payload: { text: t("commands.xuatexcel.caption", { date }, ctx.locale) },
          purpose: `xuatexcel:${ctx.message.updateId}`,
          dedupeKey: `xuatexcel:${channel}:${ctx.message.updateId}`,
        },
        {
          ...origin,
          payload: { text: "", document: { path, filename } },
          purpose: `xuatexcel:${ctx.message.updateId}`,
          dedupeKey: `xuatexcel:${channel}:${ctx.message.updateId}:file`,
          ifUndelivered: t("commands.xuatexcel.undelivered", { date }, ctx.locale),
        },
      ],
      now,
    );
    ctx.reply(t("commands.xuatexcel.sending", counts, ctx.locale));
  },
});
