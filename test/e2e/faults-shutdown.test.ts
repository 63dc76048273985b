/**
 * Issue 14, fault 7, with real processes: SIGTERM while every send hangs ends in exit 0 within
 * the 10 s the process promises (it used to exit 1 after 10 s and leave 30 claims for ten
 * minutes); the claims are given back in the database, and the next process sends each
 * message once. On PostgreSQL, a process killed with -9 holds its claims only until its
 * heartbeat is stale, not for the ten minutes of its lease.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enqueueMany, outboxCounts, type OutboxItem } from "../../src/services/outbox.js";
import { freePort } from "../helpers/app.js";
import { botDatabases, type BotDatabase } from "../helpers/db.js";
import { startBot, waitFor } from "../helpers/process.js";
import { startFakeTelegram, type FakeTelegram } from "../fakes/telegram-limited.js";

const MESSAGES = 30;
const TOKEN = "424242:shutdown-test-token";

function reminders(): OutboxItem[] {
  return Array.from({ length: MESSAGES }, (_, i) => ({
    channel: "telegram" as const,
    chatId: String(800_000 + i),
    payload: { text: `Nhắc hạn số ${i + 1}` },
    purpose: `reminder:${i + 1}`,
    dedupeKey: `reminder:shutdown:${i + 1}`,
  }));
}

const variants = botDatabases("vhcv-stop");

describe.each(variants)("fault 7: SIGTERM while sends hang ($name)", ({ prepare }) => {
  let telegram: FakeTelegram;
  let setup: BotDatabase;
  beforeAll(async () => {
    // Every send hangs for a minute: longer than any stop may take.
    telegram = await startFakeTelegram({ holdSendsMs: 60_000 });
    setup = await prepare();
    const db = await setup.open();
    try {
      await enqueueMany(db.prisma, reminders(), new Date());
    } finally {
      await db.close();
    }
  });
  afterAll(async () => {
    await telegram?.close();
    await setup?.drop();
  });

  it("fault 7: exits 0 in time, gives every claim back in the database, and nothing is sent twice", async () => {
    const env = {
      ...setup.env,
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: telegram.apiRoot,
      PORT: String(await freePort()),
    };
    const first = startBot(env);
    await waitFor(() => telegram.received >= MESSAGES, 60_000, "every send in flight");
    const signalledAt = Date.now();
    first.child.kill("SIGTERM");
    // The process's own limit exits 1 after 10 s: 0 means it stopped in time.
    const { code, at } = await first.exited;
    const hanging = telegram.received;
    expect(code).toBe(0);
    expect(first.stderr()).not.toContain("longer than 10 s");
    expect(telegram.accepted).toHaveLength(0);

    const db = await setup.open();
    try {
      const rows = await db.prisma.outbox.findMany();
      expect(rows).toHaveLength(MESSAGES);
      // Released: no holder, the claim's attempt returned, due now (not in ten minutes).
      expect(rows.filter((row) => row.leasedBy !== null)).toEqual([]);
      expect(rows.filter((row) => row.attempts !== 0)).toEqual([]);
      expect(rows.filter((row) => row.nextAttemptAt.getTime() > Date.now())).toEqual([]);
      expect(rows.every((row) => row.state === "pending")).toBe(true);
    } finally {
      await db.close();
    }

    telegram.holdSends(0);
    const second = startBot(env);
    await waitFor(
      () => telegram.accepted.length >= MESSAGES,
      60_000,
      `all messages (${telegram.accepted.length} so far)`,
    );
    second.child.kill("SIGTERM");
    expect((await second.exited).code).toBe(0);
    expect(telegram.duplicates()).toEqual([]);
    console.info(`SIGTERM with ${hanging} sends hanging: exit 0 after ${at - signalledAt} ms`);
    expect(new Set(telegram.accepted.map((m) => m.chatId)).size).toBe(MESSAGES);
    const after = await setup.open();
    try {
      expect(await outboxCounts(after)).toMatchObject({ sent: MESSAGES, pending: 0 });
    } finally {
      await after.close();
    }
  }, 180_000);
});
