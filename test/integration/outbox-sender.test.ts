import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type ChannelName, type OutgoingMessage } from "../../src/core/messages.js";
import {
  ChatMigratedError,
  ChatUnavailableError,
  RateLimitedError,
} from "../../src/core/channel-errors.js";
import { fixedClock } from "../../src/clock.js";
import type { Database } from "../../src/db/client.js";
import { enqueue, outboxCounts } from "../../src/services/outbox.js";
import {
  createOutboxSender,
  type AdminNotice,
  type OutboxSenderOptions,
} from "../../src/workers/outbox-sender.js";
import { silentLogger, testDatabases } from "../helpers/db.js";

const T0 = "2024-06-20T02:00:00.000Z";

interface Delivery {
  channel: ChannelName;
  chatId: string;
  text: string;
  at: number;
}

/** A fake platform: records deliveries at the fake clock's time; `fail` scripts errors per chat. */
function fakePlatform(clock: { now(): Date }) {
  const delivered: Delivery[] = [];
  const attempts: Array<{ chatId: string; text: string }> = [];
  const fail = new Map<string, Array<Error | "hang">>();
  const hung: Array<() => void> = [];
  let nextId = 1000;
  const send = async (channel: ChannelName, message: OutgoingMessage) => {
    attempts.push({ chatId: message.chatId, text: message.text });
    const next = fail.get(message.chatId)?.shift();
    if (next === "hang") await new Promise<void>((resolve) => hung.push(resolve));
    else if (next) throw next;
    delivered.push({
      channel,
      chatId: message.chatId,
      text: message.text,
      at: clock.now().getTime(),
    });
    return { messageId: String(nextId++) };
  };
  return {
    send,
    delivered,
    attempts,
    fail,
    releaseHung: () => hung.splice(0).forEach((go) => go()),
  };
}

describe.each(testDatabases())("outbox sender on $name", ({ open }) => {
  let db: Database;

  beforeAll(async () => {
    db = await open();
  });
  afterAll(async () => {
    await db?.close();
  });
  beforeEach(async () => {
    await db.prisma.outbox.deleteMany();
    await db.prisma.chat.deleteMany();
  });

  function setup(overrides: Partial<OutboxSenderOptions> = {}) {
    const clock = fixedClock(T0);
    const platform = fakePlatform(clock);
    const notices: AdminNotice[] = [];
    const sender = createOutboxSender({
      db,
      send: platform.send,
      clock,
      logger: silentLogger,
      notifyAdmin: async (notice) => void notices.push(notice),
      ...overrides,
    });
    const queue = (chatId: string, text: string, purpose = "reminder:1") =>
      enqueue(db.prisma, { channel: "telegram", chatId, payload: { text }, purpose }, clock.now());
    const advance = (ms: number) => clock.set(new Date(clock.now().getTime() + ms));
    /** Drains, stepping the fake clock, until nothing is pending (or `maxSteps`). */
    const drainAll = async (stepMs: number, maxSteps = 400) => {
      for (let step = 0; step < maxSteps; step++) {
        await sender.drainOnce();
        if ((await outboxCounts(db)).pending === 0) return;
        advance(stepMs);
      }
    };
    return { clock, platform, notices, sender, queue, advance, drainAll };
  }

  it("sends what is due and keeps the platform message id for reply mapping", async () => {
    const { sender, queue, platform } = setup();
    const id = await queue("100", "Nhắc hạn nhiệm vụ IV.3.a");
    expect(await sender.drainOnce()).toEqual({
      sent: 1,
      retried: 0,
      parked: 0,
      failed: 0,
      deferred: 0,
    });
    expect(platform.delivered.map((d) => d.text)).toEqual(["Nhắc hạn nhiệm vụ IV.3.a"]);
    const row = await db.prisma.outbox.findUniqueOrThrow({ where: { id: id ?? -1 } });
    expect(row).toMatchObject({ state: "sent", platformMessageId: "1000", sentAt: new Date(T0) });
    expect(await sender.drainOnce()).toMatchObject({ sent: 0 });
  });

  it("honours retry_after: a 429 asking for 2 s is retried after 2 s, not before", async () => {
    const { sender, queue, platform, advance } = setup();
    platform.fail.set("100", [
      new RateLimitedError("429: Too Many Requests: retry after 2", 2_000),
    ]);
    const id = await queue("100", "Nhắc hạn");
    expect(await sender.drainOnce()).toMatchObject({ retried: 1, sent: 0 });
    advance(1_999);
    expect(await sender.drainOnce()).toMatchObject({ sent: 0 });
    advance(1);
    expect(await sender.drainOnce()).toMatchObject({ sent: 1 });
    expect(platform.delivered).toHaveLength(1);
    // Waiting at the platform's request is not a failed attempt.
    const row = await db.prisma.outbox.findUniqueOrThrow({ where: { id: id ?? -1 } });
    expect(row.attempts).toBe(1);
  });

  it("parks a message when the platform asks to wait hours, and tells the admin", async () => {
    const { sender, queue, platform, notices, advance } = setup();
    platform.fail.set("100", [new RateLimitedError("429: retry after 14400", 14_400_000)]);
    const id = await queue("100", "Nhắc hạn");
    await queue("101", "Tin cho người khác");
    expect(await sender.drainOnce()).toMatchObject({ parked: 1, sent: 1 });
    advance(24 * 3_600_000);
    expect(await sender.drainOnce()).toMatchObject({ sent: 0, parked: 0 });
    expect(await db.prisma.outbox.findUniqueOrThrow({ where: { id: id ?? -1 } })).toMatchObject({
      state: "parked",
    });
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ kind: "parked", chatId: "100", outboxId: id });
    expect(notices[0]?.text).toContain(`#${id}`);
    expect(notices[0]?.text).toContain("4 giờ");
  });

  it("on 403 fails the chat's messages, deactivates the chat, tells the admin, and goes on with others", async () => {
    const { sender, queue, platform, notices } = setup();
    await db.prisma.chat.create({
      data: { channel: "telegram", externalId: "100", kind: "private", title: "Nguyễn Văn An" },
    });
    platform.fail.set("100", [
      new ChatUnavailableError("403: Forbidden: bot was blocked by the user"),
    ]);
    await queue("100", "một");
    await queue("100", "hai");
    await queue("101", "cho 101");
    await queue("102", "cho 102");
    expect(await sender.drainOnce()).toMatchObject({ failed: 1, sent: 2 });
    expect(platform.delivered.map((d) => d.chatId).sort()).toEqual(["101", "102"]);
    expect(await db.prisma.chat.findFirstOrThrow({ where: { externalId: "100" } })).toMatchObject({
      active: false,
    });
    expect(await outboxCounts(db)).toMatchObject({ pending: 0, failed: 2, sent: 2 });
    expect(notices).toMatchObject([{ kind: "chat-unavailable", chatId: "100" }]);
    expect(notices[0]?.text).toContain("Nguyễn Văn An");

    // A later message to the inactive chat is not even attempted.
    await queue("100", "ba");
    const before = platform.attempts.length;
    expect(await sender.drainOnce()).toMatchObject({ failed: 1 });
    expect(platform.attempts.length).toBe(before);
  });

  it("follows a group that became a supergroup: new id for this and later messages", async () => {
    const { queue, platform, drainAll } = setup();
    await db.prisma.chat.create({
      data: { channel: "telegram", externalId: "-100", kind: "group", title: "Lãnh đạo UBND" },
    });
    platform.fail.set("-100", [new ChatMigratedError("400: upgraded", "-1001234")]);
    await queue("-100", "Báo cáo tuần");
    await queue("-100", "Báo cáo tuần (tiếp)");
    await drainAll(1_000);
    expect(platform.delivered.map((d) => [d.chatId, d.text])).toEqual([
      ["-1001234", "Báo cáo tuần"],
      ["-1001234", "Báo cáo tuần (tiếp)"],
    ]);
    expect(
      await db.prisma.chat.findFirstOrThrow({ where: { title: "Lãnh đạo UBND" } }),
    ).toMatchObject({
      externalId: "-1001234",
      active: true,
    });
  });

  it("retries server errors with growing waits and gives up after the last attempt", async () => {
    const { sender, queue, platform, notices, advance } = setup({
      retry: { maxAttempts: 3, baseDelayMs: 10_000 },
    });
    const bad = () => new Error("502: Bad Gateway");
    platform.fail.set("100", [bad(), bad(), bad()]);
    const id = await queue("100", "Nhắc hạn");
    expect(await sender.drainOnce()).toMatchObject({ retried: 1 });
    advance(9_999);
    expect(await sender.drainOnce()).toMatchObject({ retried: 0 });
    advance(1);
    expect(await sender.drainOnce()).toMatchObject({ retried: 1 });
    advance(19_999);
    expect(await sender.drainOnce()).toMatchObject({ retried: 0 });
    advance(1);
    expect(await sender.drainOnce()).toMatchObject({ failed: 1 });
    expect(platform.attempts).toHaveLength(3);
    expect(await db.prisma.outbox.findUniqueOrThrow({ where: { id: id ?? -1 } })).toMatchObject({
      state: "failed",
      attempts: 3,
      lastError: "502: Bad Gateway",
    });
    expect(notices).toMatchObject([{ kind: "failed", outboxId: id }]);
  });

  it("backs the whole channel off when the quota is exceeded with no wait given (Zalo)", async () => {
    const { sender, platform, advance, clock } = setup({ quotaBackoff: { baseDelayMs: 5_000 } });
    platform.fail.set("z1", [
      new RateLimitedError("Zalo sendMessage failed: 429 Quota exceeded", undefined),
    ]);
    for (const chatId of ["z1", "z2"]) {
      await enqueue(
        db.prisma,
        { channel: "zalo", chatId, payload: { text: chatId }, purpose: "t" },
        clock.now(),
      );
    }
    // z1 is refused; z2 went out in the same round, concurrently.
    expect(await sender.drainOnce()).toMatchObject({ retried: 1, sent: 1 });
    await enqueue(
      db.prisma,
      { channel: "zalo", chatId: "z3", payload: { text: "z3" }, purpose: "t" },
      clock.now(),
    );
    advance(4_999);
    expect(await sender.drainOnce()).toMatchObject({ sent: 0 });
    advance(1);
    expect(await sender.drainOnce()).toMatchObject({ sent: 2 });
  });

  it("spaces messages to one chat at least 1 s apart, in order, without holding up other chats", async () => {
    const { queue, platform, drainAll } = setup();
    await queue("100", "1");
    await queue("100", "2");
    await queue("100", "3");
    await queue("200", "other");
    await drainAll(250);
    const toChat = platform.delivered.filter((d) => d.chatId === "100");
    expect(toChat.map((d) => d.text)).toEqual(["1", "2", "3"]);
    for (let i = 1; i < toChat.length; i++) {
      expect((toChat[i]?.at ?? 0) - (toChat[i - 1]?.at ?? 0)).toBeGreaterThanOrEqual(1_000);
    }
    expect(platform.delivered.find((d) => d.chatId === "200")?.at).toBe(Date.parse(T0));
  });

  it("sends at most 20 messages a minute to a group", async () => {
    const { queue, platform, drainAll } = setup();
    for (let i = 1; i <= 25; i++) await queue("-100777", `tin ${i}`);
    await drainAll(1_000, 200);
    expect(platform.delivered.map((d) => d.text)).toEqual(
      Array.from({ length: 25 }, (_, i) => `tin ${i + 1}`),
    );
    const times = platform.delivered.map((d) => d.at);
    for (const start of times) {
      expect(times.filter((at) => at >= start && at < start + 60_000).length).toBeLessThanOrEqual(
        20,
      );
    }
  });

  it("keeps the overall rate under the channel limit", async () => {
    const { queue, platform, drainAll } = setup({ limits: { telegram: { perSecond: 5 } } });
    for (let i = 1; i <= 12; i++) await queue(String(500 + i), "tin");
    await drainAll(100, 100);
    expect(platform.delivered).toHaveLength(12);
    const times = platform.delivered.map((d) => d.at);
    for (const start of times) {
      expect(times.filter((at) => at >= start && at < start + 1_000).length).toBeLessThanOrEqual(5);
    }
  });

  it("a send that hangs does not hold up other chats in the running loop", async () => {
    const { sender, queue, platform } = setup({ pollMs: 5, stopTimeoutMs: 2_000 });
    platform.fail.set("slow", ["hang"]);
    await queue("slow", "chậm");
    sender.start();
    try {
      await expect.poll(() => platform.attempts.length).toBe(1);
      await queue("101", "nhanh 1");
      await queue("102", "nhanh 2");
      await expect
        .poll(() => platform.delivered.map((d) => d.chatId).sort())
        .toEqual(["101", "102"]);
    } finally {
      platform.releaseHung();
      await sender.stop();
    }
    expect(platform.delivered.map((d) => d.chatId)).toContain("slow");
    expect(await outboxCounts(db)).toMatchObject({ pending: 0, sent: 3 });
  });
  it("gives rows it claimed ahead back to the queue when stopped, so another replica can send them", async () => {
    const { sender, queue, platform, clock } = setup({
      pollMs: 5,
      limits: { telegram: { perSecond: 2 } },
    });
    for (let i = 1; i <= 6; i++) await queue(String(600 + i), `tin ${i}`);
    sender.start();
    try {
      // The fake clock stands still: after two sends the channel has no room left.
      await expect.poll(() => platform.delivered.length).toBe(2);
      await expect
        .poll(async () => db.prisma.outbox.count({ where: { attempts: 1, state: "pending" } }))
        .toBeGreaterThan(0);
    } finally {
      await sender.stop();
    }
    const waiting = await db.prisma.outbox.findMany({ where: { state: "pending" } });
    expect(waiting).toHaveLength(4);
    for (const row of waiting) {
      expect(row.attempts).toBe(0);
      expect(row.nextAttemptAt.getTime()).toBeLessThanOrEqual(clock.now().getTime());
    }
  });
});
