import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ConsoleChannel } from "../../src/channels/console/channel.js";
import { TelegramChannel } from "../../src/channels/telegram/channel.js";
import { ZaloClient } from "../../src/channels/zalo/client.js";
import { ZaloChannel } from "../../src/channels/zalo/channel.js";
import { fixedClock } from "../../src/clock.js";
import type { ChannelName, OutgoingMessage, SendResult } from "../../src/core/messages.js";
import type { Database } from "../../src/db/client.js";
import { instantAt } from "../../src/domain/calendar/index.js";
import { runDigests } from "../../src/services/digest/run.js";
import { createFileStore } from "../../src/services/files.js";
import { enqueue, outboxCounts, readPayload } from "../../src/services/outbox.js";
import { loadWorkCalendar } from "../../src/services/work-calendar.js";
import { createOutboxSender } from "../../src/workers/outbox-sender.js";
import { startFakeTelegram, type FakeTelegram } from "../fakes/telegram-limited.js";
import { startFakeZalo, type FakeZalo } from "../fakes/zalo-server.js";
import { seedDigest } from "../fixtures/digest/seed.js";
import { chatHarness } from "../helpers/chat.js";
import { openTestPglite, silentLogger } from "../helpers/db.js";
import { person } from "../helpers/plan-fixture.js";

// Issue 15, claims 2 and 3: attachments (the /xuatexcel workbook, the digest chart) are outbox
// rows of their own, sent after their text and retried alone; one that finally fails is replaced
// by a short note and holds the chat's later messages no longer than its own (short) retries.

const T0 = instantAt("2024-11-18", "08:00");
const GROUP = "-100777";
const LEADER_TG = "71001";

let db: Database;
let dataDir: string;
let fakeTelegram: FakeTelegram;
let fakeZalo: FakeZalo;

beforeAll(async () => {
  db = await openTestPglite();
  dataDir = await mkdtemp(join(tmpdir(), "vhcv-attach-"));
  await seedDigest(db);
  await person(db, { id: LEADER_TG, role: "leader" });
  await db.prisma.account.create({
    data: {
      channel: "console",
      externalId: "lead",
      displayName: "Lãnh đạo",
      privateChatId: "console:lead",
      role: "leader",
    },
  });
  fakeTelegram = await startFakeTelegram({ perChatMs: 0 });
  fakeZalo = await startFakeZalo({ token: "zalo-token" });
}, 120_000);
afterAll(async () => {
  await fakeTelegram?.close();
  await fakeZalo?.close();
  await db?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});
beforeEach(async () => {
  await db.prisma.outbox.deleteMany();
  await db.prisma.digestRun.deleteMany();
});

type Send = (message: OutgoingMessage) => Promise<SendResult>;

/** A sender on one channel over a fake clock; `drainAll` steps the clock a second at a time. */
function senderOn(channel: ChannelName, send: Send) {
  const clock = fixedClock(T0);
  /** What went out, with the fake clock's time. */
  const delivered: Array<{ text: string; at: number }> = [];
  const sender = createOutboxSender({
    db,
    clock,
    logger: silentLogger,
    channels: [channel],
    send: async (_name, message) => {
      const result = await send(message);
      delivered.push({ text: message.text, at: clock.now().getTime() - T0.getTime() });
      return result;
    },
  });
  const drainAll = async () => {
    for (let step = 0; step < 300; step++) {
      await sender.drainOnce();
      if ((await outboxCounts(db)).pending === 0) return;
      clock.set(new Date(clock.now().getTime() + 1_000));
    }
    throw new Error("outbox never drained");
  };
  return { clock, delivered, drainAll };
}

function telegram(): Send {
  const channel = new TelegramChannel({
    token: "123:fake",
    apiRoot: fakeTelegram.apiRoot,
    menu: [],
    logger: silentLogger,
  });
  return (message) => channel.send(message);
}

async function rowsTo(chatId: string) {
  const rows = await db.prisma.outbox.findMany({ where: { chatId }, orderBy: { id: "asc" } });
  return rows.map((row) => {
    const read = readPayload(row);
    if (!read.ok) throw new Error(read.error);
    return { ...row, read: read.payload };
  });
}

/** Every text that says a file is attached sits beside a queued attachment row of its purpose. */
async function expectAttachedOnlyWithItsRow(chatId: string) {
  const rows = await rowsTo(chatId);
  const claiming = rows.filter((row) => row.read.text.includes("gửi kèm"));
  for (const row of claiming) {
    const attachment = rows.find(
      (other) => other.purpose === row.purpose && (other.read.photo || other.read.document),
    );
    expect(attachment?.id).toBeGreaterThan(row.id);
  }
  return claiming.length;
}

async function digestDeps(options: { links: boolean }) {
  return {
    prisma: db.prisma,
    calendar: await loadWorkCalendar(),
    logger: silentLogger,
    dataDir,
    locale: "vi" as const,
    files: createFileStore({
      dataDir,
      publicBaseUrl: options.links ? "https://bot.example.vn" : undefined,
    }),
  };
}

describe("claim 2: an attachment is an outbox row of its own", () => {
  it("claim 2: /xuatexcel on Telegram queues the caption, then the workbook in its own row; a refused workbook never re-sends the caption", async () => {
    const harness = await chatHarness(db, fixedClock(T0));
    const replies = await harness.say({ id: LEADER_TG }, "/xuatexcel");
    expect(replies.join("\n")).toMatch(/Đang gửi tệp Excel/);
    const rows = await rowsTo(LEADER_TG);
    expect(rows.map((row) => [row.read.text, row.read.document?.filename])).toEqual([
      ["Tổng hợp nhiệm vụ đến 18/11/2024", undefined],
      ["", "tong-hop-vhcv-2024-11-18.xlsx"],
    ]);

    fakeTelegram.refuseFiles(LEADER_TG);
    const { drainAll } = senderOn("telegram", telegram());
    await drainAll();

    const texts = fakeTelegram.accepted.filter((m) => m.chatId === LEADER_TG).map((m) => m.text);
    // The caption once, however often the workbook was tried; then the note in its place.
    expect(texts).toHaveLength(2);
    expect(texts[0]).toBe("Tổng hợp nhiệm vụ đến 18/11/2024");
    expect(texts[1]).toContain("Không gửi được tệp Excel");
    expect(texts[1]).toContain("/xuatexcel");
    const tries = fakeTelegram.fileAttempts.filter((call) => call.chatId === LEADER_TG);
    expect(tries.map((call) => call.method)).toEqual([
      "sendDocument",
      "sendDocument",
      "sendDocument",
    ]);
    expect((await rowsTo(LEADER_TG)).map((row) => row.state)).toEqual(["sent", "failed", "sent"]);
  });

  it("claim 2: a text and a file in one row is refused when queued, so no writer can bundle them again", async () => {
    const bundled = enqueue(
      db.prisma,
      {
        channel: "telegram",
        chatId: LEADER_TG,
        payload: { text: "Tổng hợp", document: { path: "/tmp/x.xlsx", filename: "x.xlsx" } },
        purpose: "test",
      },
      T0,
    );
    await expect(bundled).rejects.toThrow("an attachment goes in an outbox row of its own");
    expect(await rowsTo(LEADER_TG)).toEqual([]);
  });

  it("claim 2: when Telegram takes the workbook, the caption then the document arrive, each once", async () => {
    const chatId = "71002";
    await person(db, { id: chatId, role: "leader" });
    const harness = await chatHarness(db, fixedClock(T0));
    await harness.say({ id: chatId }, "/xuatexcel");
    const { drainAll } = senderOn("telegram", telegram());
    await drainAll();
    expect(fakeTelegram.accepted.filter((m) => m.chatId === chatId).map((m) => m.text)).toEqual([
      "Tổng hợp nhiệm vụ đến 18/11/2024",
    ]);
    expect(fakeTelegram.files.filter((file) => file.chatId === chatId)).toEqual([
      { method: "sendDocument", chatId, filename: "tong-hop-vhcv-2024-11-18.xlsx" },
    ]);
  });

  it("claim 2: the console shows the workbook's path once, at once, and leaves the outbox nothing", async () => {
    const harness = await chatHarness(db, fixedClock(T0));
    const replies = await harness.say(
      { id: "lead", channel: "console", chatId: "console:lead" },
      "/xuatexcel",
    );
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatch(/^Đã ghi tệp Excel: .* Tệp ở: \S*tong-hop-vhcv-2024-11-18\.xlsx$/);
    const output = new PassThrough();
    let shown = "";
    output.on("data", (chunk: Buffer) => (shown += chunk.toString("utf8")));
    const console = new ConsoleChannel({
      input: new PassThrough(),
      output,
      user: { id: "lead", displayName: "Lãnh đạo" },
    });
    const { drainAll } = senderOn("console", (message) => console.send(message));
    await drainAll();
    expect(shown).toBe("");
  });
});

describe("claim 3: a refused chart is replaced by a note and does not hold the chat", () => {
  it("claim 3: Telegram refuses the digest chart: the text goes once, the chart is tried 3 times, a later message waits seconds, then the note comes", async () => {
    await runDigests(await digestDeps({ links: false }), T0, { target: `chat:telegram:${GROUP}` });
    expect(await expectAttachedOnlyWithItsRow(GROUP)).toBe(1);
    await enqueue(
      db.prisma,
      {
        channel: "telegram",
        chatId: GROUP,
        payload: { text: "Nhắc hạn nhiệm vụ STP-3B" },
        purpose: "test",
      },
      T0,
    );
    fakeTelegram.refuseFiles(GROUP);
    const { delivered, drainAll } = senderOn("telegram", telegram());
    await drainAll();

    const texts = fakeTelegram.accepted.filter((m) => m.chatId === GROUP).map((m) => m.text);
    expect(texts.join("\n")).toContain("Biểu đồ theo đơn vị gửi kèm");
    expect(texts.at(-2)).toBe("Nhắc hạn nhiệm vụ STP-3B");
    expect(texts.at(-1)).toContain("Không gửi được biểu đồ theo đơn vị (tuần 46/2024)");
    expect(texts.at(-1)).toContain("/tonghop");
    expect(fakeTelegram.duplicates()).toEqual([]);
    expect(fakeTelegram.fileAttempts.filter((call) => call.chatId === GROUP)).toHaveLength(3);
    // Held by the chart's own retries only (5 s + 10 s), not the 6 tries over 8 minutes of text.
    const later = delivered.find((d) => d.text === "Nhắc hạn nhiệm vụ STP-3B");
    expect(later?.at).toBeLessThanOrEqual(30_000);
    const states = (await rowsTo(GROUP)).map((row) => [
      row.read.photo ? "chart" : "text",
      row.state,
    ]);
    expect(states.filter(([kind]) => kind === "chart")).toEqual([["chart", "failed"]]);
  });

  it("claim 3: Zalo refuses the chart link: the Zalo leader gets the text once, then the note", async () => {
    await runDigests(await digestDeps({ links: true }), T0, {
      target: "account:" + (await leaderStp()),
    });
    expect(await expectAttachedOnlyWithItsRow("leader-stp")).toBe(1);
    for (let i = 0; i < 3; i++) {
      fakeZalo.failNext("sendPhoto", {
        error_code: 400,
        description: "Bad Request: photo not found",
      });
    }
    const client = new ZaloClient({
      token: "zalo-token",
      apiRoot: fakeZalo.apiRoot,
      maxAttempts: 1,
    });
    const channel = new ZaloChannel({ client, logger: silentLogger });
    const { drainAll } = senderOn("zalo", (message) => channel.send(message));
    await drainAll();

    const toLeader = fakeZalo.calls.filter((call) => call.body.chat_id === "leader-stp");
    expect(toLeader.filter((call) => call.method === "sendPhoto").map((c) => c.errorCode)).toEqual([
      400, 400, 400,
    ]);
    const texts = toLeader
      .filter((call) => call.method === "sendMessage" && call.errorCode === undefined)
      .map((call) => String(call.body.text));
    expect(texts.join("\n")).toContain("Biểu đồ theo đơn vị gửi kèm");
    expect(texts.filter((text) => text.includes("Biểu đồ theo đơn vị gửi kèm"))).toHaveLength(1);
    expect(texts.at(-1)).toContain("Không gửi được biểu đồ theo đơn vị");
  });
});

async function leaderStp(): Promise<number> {
  const account = await db.prisma.account.findFirstOrThrow({ where: { externalId: "leader-stp" } });
  return account.id;
}
