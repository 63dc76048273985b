import type { Prisma, PrismaClient } from "@prisma/client";
import { z } from "zod";
import type { ChannelName } from "../core/messages.js";

export const CONVERSATION_TTL_MS = 15 * 60 * 1000;

/** The one follow-up question a chat can be waiting on (after a button that needs more). */
export const pendingReportSchema = z.object({
  kind: z.literal("report"),
  occurrenceId: z.number().int(),
  status: z.enum(["in_progress", "blocked", "extension_requested"]),
  /** The reminder whose button asked: edited to show the answer once it is recorded. */
  buttonMessageId: z.string().optional(),
});
export type PendingReport = z.infer<typeof pendingReportSchema>;

/** "Which rule did you mean?" — the numbered choices offered. */
export const pendingQaChoiceSchema = z.object({
  kind: z.literal("qa"),
  ruleIds: z.array(z.string()).min(1).max(9),
});
export type PendingQaChoice = z.infer<typeof pendingQaChoiceSchema>;

const pendingSchema = z.discriminatedUnion("kind", [pendingReportSchema, pendingQaChoiceSchema]);
export type Pending = z.infer<typeof pendingSchema>;

interface Key {
  channel: ChannelName;
  chatId: string;
  accountId: number;
}

export async function askFollowUp(
  prisma: PrismaClient,
  key: Key,
  pending: Pending,
  now: Date,
): Promise<void> {
  const data = pending as unknown as Prisma.InputJsonValue;
  const expiresAt = new Date(now.getTime() + CONVERSATION_TTL_MS);
  await prisma.conversation.upsert({
    where: { channel_chatId_accountId: key },
    create: { ...key, kind: pending.kind, data, expiresAt },
    update: { kind: pending.kind, data, expiresAt },
  });
}

/** Take (and clear) the pending follow-up of this kind, if there is one that has not expired. */
export async function takeFollowUp<K extends Pending["kind"]>(
  prisma: PrismaClient,
  key: Key,
  kind: K,
  now: Date,
): Promise<Extract<Pending, { kind: K }> | undefined> {
  const row = await prisma.conversation.findUnique({ where: { channel_chatId_accountId: key } });
  if (!row || row.kind !== kind) return undefined;
  await prisma.conversation.deleteMany({ where: key });
  if (row.expiresAt <= now) return undefined;
  const parsed = pendingSchema.safeParse(row.data);
  return parsed.success && parsed.data.kind === kind
    ? (parsed.data as Extract<Pending, { kind: K }>)
    : undefined;
}

export async function clearFollowUp(prisma: PrismaClient, key: Key): Promise<void> {
  await prisma.conversation.deleteMany({ where: key });
}

export type ConversationKey = Key;

/** The follow-up question a chat may be waiting on, as commands see it. */
export interface FollowUps {
  ask(key: ConversationKey, pending: Pending, now: Date): Promise<void>;
  take<K extends Pending["kind"]>(
    key: ConversationKey,
    kind: K,
    now: Date,
  ): Promise<Extract<Pending, { kind: K }> | undefined>;
}

export function followUps(prisma: PrismaClient): FollowUps {
  return {
    ask: (key, pending, now) => askFollowUp(prisma, key, pending, now),
    take: (key, kind, now) => takeFollowUp(prisma, key, kind, now),
  };
}
