import type { OccurrenceStatus, Prisma } from "@prisma/client";
import { capabilitiesOf } from "../channels/capabilities.js";
import type { ChannelName } from "../core/messages.js";
import { localDateOf, localMinutesOf } from "../domain/calendar/index.js";
import { reportProgressLabel } from "../domain/reports/index.js";
import { render, t } from "../i18n.js";
import { enqueue, readPayload } from "./outbox.js";

export interface AnsweredReminder {
  channel: ChannelName;
  chatId: string;
  /** The platform message whose button was pressed. */
  messageId: string;
  reportId: number;
  occurrenceId: number;
  status: OccurrenceStatus;
  progress: number | null;
  now: Date;
}

/** "14:05 02/12", Vietnam time. */
function shortLocalTime(at: Date): string {
  const minutes = localMinutesOf(at);
  const date = localDateOf(at);
  const hh = String(Math.floor(minutes / 60)).padStart(2, "0");
  const mm = String(minutes % 60).padStart(2, "0");
  return `${hh}:${mm} ${date.slice(8, 10)}/${date.slice(5, 7)}`;
}

/** "Tình trạng hiện tại: " — how the reminder's body starts its status line (locales/). */
function statusLinePrefix(): string {
  const marker = "\u0001";
  const body = t("reminder.body", { task: "", plan: "", unit: "", due: "", status: marker });
  const line = body.split("\n").find((l) => l.includes(marker)) ?? "";
  return line.slice(0, line.indexOf(marker));
}

/**
 * The reminder as it reads once answered: its headline and body without the status it had when
 * sent, nor the last paragraph (how to answer: no longer applies — see reminderText), and a line
 * saying what was recorded.
 */
export function answeredReminderText(original: string, recorded: string): string {
  const cut = original.lastIndexOf("\n\n");
  const prefix = statusLinePrefix();
  const kept = (cut > 0 ? original.slice(0, cut) : original)
    .split("\n")
    .filter((line) => prefix === "" || !line.startsWith(prefix))
    .join("\n");
  return `${kept}\n\n${recorded}`;
}

/**
 * A button answer recorded: queue the edit of the reminder it was pressed on (buttons removed,
 * what was recorded shown), in the report's transaction. Only on channels that can edit a sent
 * message, and only for a reminder the outbox sent; otherwise the reply alone confirms. Returns
 * whether an edit was queued.
 */
export async function queueAnsweredReminder(
  tx: Prisma.TransactionClient,
  answered: AnsweredReminder,
): Promise<boolean> {
  if (!capabilitiesOf(answered.channel).edit) return false;
  const reminder = await tx.outbox.findFirst({
    where: {
      channel: answered.channel,
      chatId: answered.chatId,
      platformMessageId: answered.messageId,
      purpose: { startsWith: "reminder:" },
      occurrenceId: answered.occurrenceId,
    },
    orderBy: { id: "desc" },
  });
  const original = reminder ? readPayload(reminder) : undefined;
  if (!original?.ok) return false;
  const recorded = t("reminder.answered", {
    status: render(reportProgressLabel(answered.status, answered.progress)),
    at: shortLocalTime(answered.now),
  });
  const id = await enqueue(
    tx,
    {
      channel: answered.channel,
      chatId: answered.chatId,
      payload: {
        text: answeredReminderText(original.payload.text, recorded),
        ...(original.payload.format ? { format: original.payload.format } : {}),
        editMessageId: answered.messageId,
      },
      purpose: `answered:${answered.reportId}`,
      occurrenceId: answered.occurrenceId,
      dedupeKey: `answered:${answered.reportId}`,
    },
    answered.now,
  );
  return id !== undefined;
}

/**
 * A button answer undone (/huy): the reminder it edited gets its text and buttons back, so that it
 * no longer says the answer was recorded. Nothing when the answer edited no reminder.
 */
export async function queueReminderReopened(
  tx: Prisma.TransactionClient,
  reportId: number,
  now: Date,
): Promise<boolean> {
  const edit = await tx.outbox.findUnique({ where: { dedupeKey: `answered:${reportId}` } });
  const edited = edit ? readPayload(edit) : undefined;
  const messageId = edited?.ok ? edited.payload.editMessageId : undefined;
  if (!edit || !messageId) return false;
  const reminder = await tx.outbox.findFirst({
    where: {
      channel: edit.channel,
      chatId: edit.chatId,
      platformMessageId: messageId,
      purpose: { startsWith: "reminder:" },
    },
    orderBy: { id: "desc" },
  });
  const original = reminder ? readPayload(reminder) : undefined;
  if (!original?.ok) return false;
  const { text, format, buttons } = original.payload;
  const id = await enqueue(
    tx,
    {
      channel: edit.channel,
      chatId: edit.chatId,
      payload: {
        text,
        ...(format ? { format } : {}),
        ...(buttons ? { buttons } : {}),
        editMessageId: messageId,
      },
      purpose: `reopened:${reportId}`,
      ...(edit.occurrenceId !== null ? { occurrenceId: edit.occurrenceId } : {}),
      dedupeKey: `reopened:${reportId}`,
    },
    now,
  );
  return id !== undefined;
}
