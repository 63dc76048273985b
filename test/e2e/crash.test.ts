/**
 * `kill -9` in the middle of a batch of reminders, then a restart: every reminder reaches its
 * chat, and the only duplicates are messages that were in flight at the kill (Telegram had them,
 * the bot had not yet recorded them as sent).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enqueueMany, outboxCounts, type OutboxItem } from "../../src/services/outbox.js";
import { freePort } from "../helpers/app.js";
import { botDatabases, type BotDatabase } from "../helpers/db.js";
import { startBot, waitFor } from "../helpers/process.js";
import { startFakeTelegram, type FakeTelegram } from "../fakes/telegram-limited.js";

const REMINDERS = 240;
const KILL_AFTER = 80;
const TOKEN = "424242:crash-test-token";

/** What the minute tick writes for a morning's reminders: one row per (occurrence, chat). */
function reminderBatch(): OutboxItem[] {
  return Array.from({ length: REMINDERS }, (_, i) => ({
    channel: "telegram" as const,
    chatId: String(700_000 + i),
    payload: { text: `Nhắc hạn số ${i + 1}: Đăng ký thực hiện văn hóa công vụ` },
    purpose: `reminder:${i + 1}`,
    dedupeKey: `reminder:crash:${i + 1}`,
  }));
}

const variants = botDatabases("vhcv-crash");

describe.each(variants)(
  "kill -9 in the middle of a reminder batch ($name)",
  ({ name, prepare }) => {
    let telegram: FakeTelegram;
    let setup: BotDatabase;

    beforeAll(async () => {
      // Telegram's 30 messages a second, and a little latency so that some sends are in flight.
      telegram = await startFakeTelegram({ perSecond: 30, latencyMs: 40 });
      setup = await prepare();
      const db = await setup.open();
      try {
        await enqueueMany(db.prisma, reminderBatch(), new Date());
      } finally {
        await db.close();
      }
    });
    afterAll(async () => {
      await telegram?.close();
      await setup?.drop();
    });

    it("delivers every reminder after a restart; duplicates only for what was in flight", async () => {
      const env = {
        ...setup.env,
        TELEGRAM_BOT_TOKEN: TOKEN,
        TELEGRAM_API_ROOT: telegram.apiRoot,
        PORT: String(await freePort()),
      };
      const first = startBot(env);
      await waitFor(() => telegram.accepted.length >= KILL_AFTER, 60_000, "the first sends");
      first.child.kill("SIGKILL");
      await first.exited;
      const atKill = telegram.accepted.length;
      expect(atKill).toBeLessThan(REMINDERS);

      // What the dead process held: claimed rows, leased in its name. (Opening the embedded
      // folder here also takes over the dead process's folder lock, as the restart would.)
      const db = await setup.open();
      let leased: number;
      try {
        leased = await db.prisma.outbox.count({
          where: { state: "pending", leasedBy: { not: null } },
        });
      } finally {
        await db.close();
      }
      expect(leased).toBeGreaterThan(0);

      // On the embedded database the new process takes the dead one's leases back at once; on
      // PostgreSQL (other replicas may be alive) at its first beat after the dead one's beat is
      // stale (20 s), not when the ten-minute leases run out (fault 7).
      const restartedAt = Date.now();
      const second = startBot(env);
      await waitFor(
        () => new Set(telegram.accepted.map((m) => m.chatId)).size >= REMINDERS,
        120_000,
        `all reminders (${new Set(telegram.accepted.map((m) => m.chatId)).size} so far)`,
      );
      const allSentAfterMs = Date.now() - restartedAt;
      second.child.kill("SIGTERM");
      expect((await second.exited).code).toBe(0);

      const duplicates = telegram.duplicates();
      // Only messages the dead process had claimed can arrive twice, and at most twice.
      expect(duplicates.length).toBeLessThanOrEqual(leased);
      expect(duplicates.every((d) => d.count === 2)).toBe(true);

      const after = await setup.open();
      try {
        expect(await outboxCounts(after)).toMatchObject({
          sent: REMINDERS,
          pending: 0,
          failed: 0,
        });
      } finally {
        await after.close();
      }
      console.info(
        `kill -9 (${name}): ${atKill} sent before the kill, ${leased} claimed by the dead ` +
          `process, ${duplicates.length} sent twice, all sent ${allSentAfterMs} ms after the restart`,
      );
    }, 180_000);
  },
);
