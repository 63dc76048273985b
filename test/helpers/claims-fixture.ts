import { afterAll, beforeAll, beforeEach } from "vitest";
import type { Clock } from "../../src/clock.js";
import type { ChannelName } from "../../src/core/messages.js";
import type { Database } from "../../src/db/client.js";
import { forgetSeen } from "../../src/services/accounts.js";
import { chatHarness } from "./chat.js";
import { openTestPglite } from "./db.js";
import { loadThaiNguyen } from "./plan-fixture.js";

const UNITS = ["UBNDT", "SNV", "STTTT", "STP"];

/** One database with the Thái Nguyên plan for a whole file; `reset` forgets people and messages. */
export async function openClaimsDb(): Promise<Database> {
  const db = await openTestPglite();
  await loadThaiNguyen(db, new Date("2024-01-02T01:00:00Z"), UNITS);
  return db;
}

export type ChatHarness = Awaited<ReturnType<typeof chatHarness>>;

/**
 * A test file's hooks: the claims database and a chat harness opened once (handed to `opened`),
 * reset before each test, closed after the file.
 */
export function useClaimsChat(
  clock: Clock,
  opened: (setup: { db: Database; harness: ChatHarness }) => void,
): void {
  let db: Database | undefined;
  beforeAll(async () => {
    db = await openClaimsDb();
    opened({ db, harness: await chatHarness(db, clock) });
  });
  beforeEach(async () => {
    if (db) await resetClaimsDb(db);
  });
  afterAll(async () => {
    await db?.close();
  });
}

/** Back to the plan alone: no people, chats, reports, reminders or messages; tasks not started. */
export async function resetClaimsDb(db: Database): Promise<void> {
  forgetSeen();
  await db.prisma.$transaction([
    db.prisma.outbox.deleteMany(),
    db.prisma.statusReport.deleteMany(),
    db.prisma.reminder.deleteMany(),
    db.prisma.conversation.deleteMany(),
    db.prisma.inboundUpdate.deleteMany(),
    db.prisma.account.deleteMany(),
    db.prisma.chat.deleteMany(),
    db.prisma.occurrence.updateMany({
      data: {
        status: "not_started",
        progress: null,
        note: null,
        statusAt: null,
        doneAt: null,
        extendedDue: null,
      },
    }),
  ]);
}

/** A head of Sở Tư pháp (STP) on a channel, as the chat harness's Person. */
export async function stpHead(db: Database, channel: ChannelName, id: string) {
  const unit = await db.prisma.unit.findUniqueOrThrow({ where: { code: "STP" } });
  const chatId = channel === "console" ? `console:${id}` : id;
  const account = await db.prisma.account.create({
    data: {
      channel,
      externalId: id,
      displayName: id,
      privateChatId: chatId,
      role: "head",
      unitId: unit.id,
    },
  });
  return { id, channel, chatId, account };
}

/** A reminder about `code` as sent to `chatId` at `sentAt` (what the outbox keeps of it). */
export async function sentReminder(
  db: Database,
  to: { channel: ChannelName; chatId: string },
  code: string,
  sentAt: Date,
  platformMessageId = `pm-${code}-${sentAt.getTime()}`,
) {
  const occurrence = await db.prisma.occurrence.findUniqueOrThrow({ where: { code } });
  return db.prisma.outbox.create({
    data: {
      channel: to.channel,
      chatId: to.chatId,
      payload: { text: `🔔 Nhắc hạn nhiệm vụ ${code}` },
      purpose: `reminder:${occurrence.id}${sentAt.getTime()}`,
      occurrenceId: occurrence.id,
      state: "sent",
      sentAt,
      createdAt: sentAt,
      platformMessageId,
    },
  });
}
