import { localDateOf } from "../src/domain/calendar/index.js";
import {
  parseReportText,
  reportErrorMessage,
  reportStatusLabel,
  type ParsedReport,
} from "../src/domain/reports/index.js";
import { render, t } from "../src/i18n.js";
import { formatDate } from "../src/domain/calendar/format.js";
import { mayReport, type OccurrenceWithTask } from "../src/services/reports.js";
import type { SecretariatRecipient } from "../src/services/secretariat.js";
import type { CommandContext } from "./types.js";

/** What the reply says about the notice to Sở Nội vụ: only what was queued with the report. */
const FORWARDED = {
  secretariat: "reports.forwarded",
  admin: "reports.forwardedToAdmin",
  nobody: "reports.forwardedToNobody",
} as const satisfies Record<SecretariatRecipient, string>;

/**
 * The refusal for a task the caller may not report on. It names neither the task's unit nor
 * whether the code exists: /baocao gives the same sentence for an unknown code.
 */
export function replyNotYours(ctx: CommandContext, code: string): void {
  ctx.reply(t("reports.forbidden", { code }, ctx.locale));
}

/**
 * Parse what the person typed about an occurrence, record it, and confirm what was recorded.
 * `answersMessageId`: the reminder whose button asked for this text (see `record`).
 */
export async function reportFromText(
  ctx: CommandContext,
  occurrence: OccurrenceWithTask,
  text: string,
  answersMessageId?: string,
): Promise<void> {
  const now = ctx.services.clock.now();
  // Before reading the text: a refusal must not depend on whether the text was well formed.
  if (!mayReport(ctx.account, occurrence.unit)) {
    await ctx.services.reports.auditRefusal(ctx.account, occurrence, now);
    replyNotYours(ctx, occurrence.code);
    return;
  }
  const parsed = parseReportText(text, localDateOf(now));
  if (!parsed.ok) {
    ctx.reply(render(reportErrorMessage(parsed.error, localDateOf(now)), ctx.locale));
    return;
  }
  await record(ctx, occurrence, parsed, answersMessageId);
}

/**
 * Record a report and reply with what was recorded. `answersMessageId`: the bot's message in this
 * chat whose button the report answers; where the channel can edit, it then shows the answer.
 */
export async function record(
  ctx: CommandContext,
  occurrence: OccurrenceWithTask,
  report: ParsedReport,
  answersMessageId?: string,
): Promise<void> {
  const outcome = await ctx.services.reports.record({
    account: ctx.account,
    occurrence,
    report,
    channel: ctx.message.channel,
    messageRef: ctx.message.messageId,
    ...(answersMessageId
      ? { answers: { chatId: ctx.message.chatId, messageId: answersMessageId } }
      : {}),
    now: ctx.services.clock.now(),
  });
  if (!outcome.ok) {
    replyNotYours(ctx, occurrence.code);
    return;
  }
  if (outcome.duplicate) {
    const status = render(reportStatusLabel(outcome.status), ctx.locale);
    ctx.reply(t("reports.alreadyRecorded", { code: occurrence.code, status }, ctx.locale));
    return;
  }
  const lines = [
    t("reports.recorded", { code: occurrence.code, task: occurrence.task.title }, ctx.locale),
    t(
      "reports.status",
      { status: render(reportStatusLabel(report.status), ctx.locale) },
      ctx.locale,
    ),
  ];
  if (outcome.progress !== null && report.status !== "done")
    lines.push(t("reports.progress", { progress: outcome.progress }, ctx.locale));
  if (report.note) lines.push(t("reports.note", { note: report.note }, ctx.locale));
  if (report.proposedDate)
    lines.push(t("reports.proposedDate", { date: formatDate(report.proposedDate) }, ctx.locale));
  if (outcome.forwardedTo) lines.push(t(FORWARDED[outcome.forwardedTo], {}, ctx.locale));
  lines.push(t("reports.undoHint", {}, ctx.locale));
  ctx.reply(lines.join("\n"));
}
