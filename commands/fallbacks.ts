import { decodeButtonData, type ReportChoice } from "../src/core/button-data.js";
import { localDateOf } from "../src/domain/calendar/index.js";
import { exampleDates } from "../src/domain/calendar/examples.js";
import { parseReportText } from "../src/domain/reports/index.js";
import { t } from "../src/i18n.js";
import type { PendingReport } from "../src/services/conversations.js";
import { mayReport } from "../src/services/reports.js";
import { record, replyNotYours, reportFromText } from "./report-flow.js";
import { conversationKey } from "./conversation.js";
import { replyWithAnswer } from "./qa-reply.js";
import type { FallbackHandler } from "./router.js";

const FOLLOW_UP: Record<
  Exclude<ReportChoice, "done">,
  {
    status: PendingReport["status"];
    ask: "reports.askProgress" | "reports.askReason" | "reports.askDate";
  }
> = {
  progress: { status: "in_progress", ask: "reports.askProgress" },
  blocked: { status: "blocked", ask: "reports.askReason" },
  extension: { status: "extension_requested", ask: "reports.askDate" },
};

/** A pressed reminder button (its data read by the one button codec). */
export const reportButtonFallback: FallbackHandler = async (ctx) => {
  const action = decodeButtonData(ctx.message.callbackData);
  if (action?.kind !== "report") return false;
  const occurrence = await ctx.services.reports.findById(action.occurrenceId);
  if (!occurrence) {
    ctx.reply(t("reports.buttonStale", {}, ctx.locale));
    return true;
  }
  const choice = action.choice;
  // The message the button is on: edited to show the answer once it is recorded.
  const answers = ctx.message.messageId;
  if (choice === "done") {
    await record(ctx, occurrence, { ok: true, status: "done" }, answers);
    return true;
  }
  if (!mayReport(ctx.account, occurrence.unit)) {
    await ctx.services.reports.auditRefusal(ctx.account, occurrence, ctx.services.clock.now());
    replyNotYours(ctx, occurrence.code);
    return true;
  }
  const next = FOLLOW_UP[choice];
  await ctx.services.followUps.ask(
    conversationKey(ctx),
    { kind: "report", occurrenceId: occurrence.id, status: next.status, buttonMessageId: answers },
    ctx.services.clock.now(),
  );
  const examples = exampleDates(localDateOf(ctx.services.clock.now()));
  ctx.reply(t(next.ask, { code: occurrence.code, ...examples }, ctx.locale));
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
  await reportFromText(ctx, occurrence, text, pending.buttonMessageId);
  return true;
};

/**
 * A status typed in a private chat, the same way on every channel. A reply to a reminder (where
 * the platform tells which message was answered) is about that task. Otherwise, by the tasks
 * reminded in this chat in the last few days and still open: one → that task; several → ask
 * which, listing their codes; none → say how to report. Report-like text never reaches the rules.
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
    const answered = occurrenceId === undefined ? null : await reports.findById(occurrenceId);
    if (answered) {
      await reportFromText(ctx, answered, message.text);
      return true;
    }
  }
  if (message.chatKind !== "private") return false;
  const kind = ctx.services.qa.classify(message.text);
  if (kind !== "report" && kind !== "date") return false;
  const ids = await reminderReplies.openReminded(
    message.channel,
    message.chatId,
    ctx.services.clock.now(),
  );
  const open = (await Promise.all(ids.map((id) => reports.findById(id)))).filter(
    (occurrence) => occurrence !== null,
  );
  const [only] = open;
  if (only && open.length === 1) {
    await reportFromText(ctx, only, message.text);
    return true;
  }
  const example = message.text.trim().slice(0, 60);
  if (open.length > 1) {
    const list = open
      .slice(0, 10)
      .map((o) => t("reports.whichTaskItem", { code: o.code, task: o.task.title }, ctx.locale))
      .join("\n");
    ctx.reply(
      t(
        "reports.whichTask",
        { count: open.length, list, code: open[0]?.code ?? "", text: example },
        ctx.locale,
      ),
    );
    return true;
  }
  ctx.reply(t("reports.howToReport", { text: example }, ctx.locale));
  return true;
};

/** A choice after "which rule did you mean?": a button "qa:<rule id>", or a number typed. */
export const qaChoiceFallback: FallbackHandler = async (ctx) => {
  const { message } = ctx;
  const button = decodeButtonData(message.callbackData);
  let ruleId = button?.kind === "qa" ? button.ruleId : undefined;
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

/** A button the bot cannot read (forged, or from a version long gone): say so, never fail. */
export const staleButtonFallback: FallbackHandler = async (ctx) => {
  if (!ctx.message.callbackData) return false;
  ctx.reply(t("reports.buttonStale", {}, ctx.locale));
  return true;
};

/** In order: buttons and follow-ups first, then replies to reminders, then questions. */
export const defaultFallbacks: FallbackHandler[] = [
  reportButtonFallback,
  qaChoiceFallback,
  staleButtonFallback,
  followUpFallback,
  reminderReplyFallback,
  questionFallback,
];
