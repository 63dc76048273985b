import { localDateOf } from "../src/domain/calendar/index.js";
import { parseReportText } from "../src/domain/reports/index.js";
import { t } from "../src/i18n.js";
import type { PendingReport } from "../src/services/conversations.js";
import { mayReport } from "../src/services/reports.js";
import { record, replyNotYours, reportFromText } from "./report-flow.js";
import { conversationKey } from "./conversation.js";
import { replyWithAnswer } from "./qa-reply.js";
import type { FallbackHandler } from "./router.js";

const FOLLOW_UP: Record<
  "p" | "b" | "e",
  {
    status: PendingReport["status"];
    ask: "reports.askProgress" | "reports.askReason" | "reports.askDate";
  }
> = {
  p: { status: "in_progress", ask: "reports.askProgress" },
  b: { status: "blocked", ask: "reports.askReason" },
  e: { status: "extension_requested", ask: "reports.askDate" },
};

/** A pressed reminder button: "rp:<occurrence id>:<d|p|b|e>". */
export const reportButtonFallback: FallbackHandler = async (ctx) => {
  const match = /^rp:(\d{1,12}):([dpbe])$/.exec(ctx.message.callbackData ?? "");
  if (!match?.[1] || !match[2]) return false;
  const occurrence = await ctx.services.reports.findById(Number(match[1]));
  if (!occurrence) {
    ctx.reply(t("reports.notFound", { code: match[1] }, ctx.locale));
    return true;
  }
  const choice = match[2];
  if (choice === "d") {
    await record(ctx, occurrence, { ok: true, status: "done" });
    return true;
  }
  if (!mayReport(ctx.account, occurrence.unit)) {
    await ctx.services.reports.auditRefusal(ctx.account, occurrence, ctx.services.clock.now());
    replyNotYours(ctx, occurrence.code);
    return true;
  }
  const next = FOLLOW_UP[choice as "p" | "b" | "e"];
  await ctx.services.followUps.ask(
    conversationKey(ctx),
    { kind: "report", occurrenceId: occurrence.id, status: next.status },
    ctx.services.clock.now(),
  );
  ctx.reply(t(next.ask, { code: occurrence.code }, ctx.locale));
  return true;
};

const PREFIX: Record<PendingReport["status"], string> = {
  in_progress: "đang làm",
  blocked: "vướng:",
  extension_requested: "gia hạn",
};

/** The answer to a follow-up question asked after a button ("70%", "thiếu kinh phí", "30/9"). */
export const followUpFallback: FallbackHandler = async (ctx) => {
  if (ctx.message.callbackData || ctx.message.text.startsWith("/")) return false;
  const pending = await ctx.services.followUps.take(
    conversationKey(ctx),
    "report",
    ctx.services.clock.now(),
  );
  if (!pending) return false;
  const occurrence = await ctx.services.reports.findById(pending.occurrenceId);
  if (!occurrence) return false;
  // A person may also answer in full ("xong rồi"): that wins over the question's status.
  const standalone = parseReportText(ctx.message.text, localDateOf(ctx.services.clock.now()));
  const text =
    standalone.ok && standalone.status !== "in_progress"
      ? ctx.message.text
      : `${PREFIX[pending.status]} ${ctx.message.text}`;
  await reportFromText(ctx, occurrence, text);
  return true;
};

/**
 * A reply to a reminder: Telegram tells which message was answered; Zalo and the console do not,
 * so there a report-like message goes to the last reminder sent to that chat (within 14 days).
 */
export const reminderReplyFallback: FallbackHandler = async (ctx) => {
  const { message } = ctx;
  if (message.callbackData || message.text.startsWith("/")) return false;
  const { reports, reminderReplies } = ctx.services;
  if (message.replyToMessageId) {
    const occurrenceId = await reminderReplies.repliedTo(
      message.channel,
      message.chatId,
      message.replyToMessageId,
    );
    if (occurrenceId === undefined) return false;
    const occurrence = await reports.findById(occurrenceId);
    if (!occurrence) return false;
    await reportFromText(ctx, occurrence, message.text);
    return true;
  }
  if (message.channel === "telegram" || message.chatKind !== "private") return false;
  const now = ctx.services.clock.now();
  if (!parseReportText(message.text, localDateOf(now)).ok) return false;
  const lastId = await reminderReplies.lastSent(message.channel, message.chatId, now);
  if (lastId === undefined) return false;
  const occurrence = await reports.findById(lastId);
  if (!occurrence) return false;
  await reportFromText(ctx, occurrence, message.text);
  return true;
};

/** A choice after "which rule did you mean?": a button "qa:<rule id>", or a number typed. */
export const qaChoiceFallback: FallbackHandler = async (ctx) => {
  const { message } = ctx;
  const button = /^qa:([A-Za-z0-9_.-]{1,60})$/.exec(message.callbackData ?? "");
  let ruleId = button?.[1];
  if (!ruleId) {
    const number = /^\s*([1-9])\s*$/.exec(message.text);
    if (!number?.[1] || message.callbackData) return false;
    const pending = await ctx.services.followUps.take(
      conversationKey(ctx),
      "qa",
      ctx.services.clock.now(),
    );
    ruleId = pending?.ruleIds[Number(number[1]) - 1];
    if (!ruleId) return false;
  }
  const result = ctx.services.qa.answerRule(ruleId, ctx.locale);
  if (!result) return false;
  ctx.reply(result.answer);
  return true;
};

/** In a private chat, any other plain message is a question about the rules. */
export const questionFallback: FallbackHandler = async (ctx) => {
  const { message } = ctx;
  if (message.chatKind !== "private" || message.callbackData || message.text.trim() === "")
    return false;
  await replyWithAnswer(ctx, ctx.services.qa.ask(message.text, ctx.locale));
  return true;
};

/** In order: buttons and follow-ups first, then replies to reminders, then questions. */
export const defaultFallbacks: FallbackHandler[] = [
  reportButtonFallback,
  qaChoiceFallback,
  followUpFallback,
  reminderReplyFallback,
  questionFallback,
];
