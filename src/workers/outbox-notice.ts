/** The admin's notices about the outbox (a parked message, a chat gone, a message given up). */
import type { ChannelName } from "../core/messages.js";
import { t, type Locale } from "../i18n.js";

export interface AdminNotice {
  kind: "parked" | "chat-unavailable" | "failed";
  channel: ChannelName;
  chatId: string;
  outboxId: number;
  reason: string;
  /** Ready to send, in the bot's locale. */
  text: string;
}

const noticeKeys = {
  parked: "outbox.admin_parked",
  "chat-unavailable": "outbox.admin_chat_unavailable",
  failed: "outbox.admin_failed",
} as const;

export function adminNoticeText(
  kind: AdminNotice["kind"],
  notice: {
    row: { id: number; channel: ChannelName; chatId: string };
    chatTitle: string | null;
    params: Record<string, string | number>;
  },
  locale: Locale,
): string {
  const { row, chatTitle, params } = notice;
  const target = chatTitle
    ? t("outbox.chat_named", { title: chatTitle, chatId: row.chatId }, locale)
    : t("outbox.chat_unnamed", { chatId: row.chatId }, locale);
  return t(noticeKeys[kind], { id: row.id, target, channel: row.channel, ...params }, locale);
}

/** A platform's wait in words: minutes, or hours past one hour. */
export function waitText(ms: number, locale: Locale): string {
  return ms >= 3_600_000
    ? t("outbox.wait_hours", { hours: Math.round((ms / 3_600_000) * 10) / 10 }, locale)
    : t("outbox.wait_minutes", { minutes: Math.ceil(ms / 60_000) }, locale);
}
