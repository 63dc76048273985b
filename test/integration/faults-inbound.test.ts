import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/app.js";
import type { Database } from "../../src/db/client.js";
import { claimInbound, storeInbound } from "../../src/services/inbound.js";
import { startFakeTelegram, type FakeTelegram } from "../fakes/telegram-limited.js";
import { freePort, startTestApp } from "../helpers/app.js";
import { testDatabases } from "../helpers/db.js";
import { secretariatChat } from "../helpers/plan-fixture.js";
import { waitFor } from "../helpers/process.js";

const T0 = new Date("2024-06-20T02:00:00Z");

/** An array nested `depth` deep, built without recursion. */
function nested(depth: number): unknown {
  let value: unknown = "đáy";
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

describe.each(testDatabases())("fault 9: poison webhook updates on $name", ({ open }) => {
  let db: Database;
  beforeAll(async () => {
    db = await open();
  });
  afterAll(async () => {
    await db?.close();
  });

  it("fault 9: \\u0000, a lone surrogate and nesting of 10,000 are stored once (not refused on every re-delivery)", async () => {
    const poison = {
      nul: { update_id: 901, message: { text: "xong\u0000", chat: { id: 1 } } },
      surrogate: { update_id: 902, message: { text: "vướng \uD83D kinh phí", chat: { id: 1 } } },
      key: { update_id: 903, message: { ["te\u0000xt"]: "x", chat: { id: 1 } } },
      deep: { update_id: 904, message: { text: "x", entities: nested(10_000) } },
    };
    for (const [name, payload] of Object.entries(poison)) {
      // Before: PostgreSQL refused the insert, the webhook answered 503, the platform re-sent.
      expect(await storeInbound(db.prisma, "telegram", name, payload, T0)).toBe(true);
      expect(await storeInbound(db.prisma, "telegram", name, payload, T0)).toBe(false);
    }
    const claimed = await claimInbound(db.prisma, {
      now: T0,
      limit: 10,
      leaseMs: 60_000,
      owner: "fault-9",
    });
    const byId = new Map(claimed.map((u) => [u.updateId, u.payload as Record<string, unknown>]));
    expect(byId.size).toBe(4);
    expect(byId.get("nul")).toMatchObject({ message: { text: "xong\uFFFD" } });
    expect(byId.get("surrogate")).toMatchObject({ message: { text: "vướng \uFFFD kinh phí" } });
    expect(byId.get("key")).toMatchObject({ message: { ["te\uFFFDxt"]: "x" } });
    // Too deep to be an update: kept as a stub with its id, which no channel decodes.
    expect(byId.get("deep")).toEqual({ unreadable: "too_deep", update_id: 904 });
  });
});

describe.each(testDatabases())(
  "fault 9: poison webhook updates in the running bot on $name",
  ({ open }) => {
    const secret = "fault9_webhook_secret";
    let db: Database;
    let telegram: FakeTelegram;
    let app: App | undefined;
    let url: string;
    beforeAll(async () => {
      db = await open();
      await secretariatChat(db, "-100900");
      telegram = await startFakeTelegram();
      const port = await freePort();
      url = `http://127.0.0.1:${port}/telegram/webhook`;
      ({ app } = await startTestApp(db, {
        TELEGRAM_BOT_TOKEN: "909090:fault-9-token",
        TELEGRAM_API_ROOT: telegram.apiRoot,
        TELEGRAM_WEBHOOK_URL: url,
        TELEGRAM_WEBHOOK_SECRET: secret,
        PORT: String(port),
      }));
    });
    afterAll(async () => {
      await app?.stop();
      await telegram?.close();
      await db?.close();
    });

    const post = (body: string) =>
      fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": secret },
        body,
      });

    it("fault 9: an update nested 10,000 deep reaches the given-up path: kept failed, the secretariat told once, re-deliveries answered 200", async () => {
      // Written out: JSON.stringify itself overflows the stack at this depth.
      const deep =
        `{"update_id":990,"message":{"message_id":1,"date":1,"chat":{"id":4242,"type":"private"},` +
        `"text":"x","entities":${"[".repeat(10_000)}"x"${"]".repeat(10_000)}}}`;
      // Before: 503 on every delivery, for ever. Now stored once; the platform's re-sends are 200.
      for (let delivery = 0; delivery < 3; delivery++) expect((await post(deep)).status).toBe(200);
      await waitFor(
        () => telegram.accepted.some((m) => m.chatId === "-100900"),
        30_000,
        "the secretariat's notice",
      );
      const row = await db.prisma.inboundUpdate.findUniqueOrThrow({
        where: { channel_updateId: { channel: "telegram", updateId: "990" } },
      });
      // Given up at once (retrying could never help), its stub kept for the admins.
      expect(row).toMatchObject({ state: "failed", payload: { unreadable: "too_deep" } });
      const notices = telegram.accepted.filter((m) => m.chatId === "-100900");
      expect(notices).toHaveLength(1);
      expect(notices[0]?.text).toContain("không đọc được");
      expect(notices[0]?.text).toContain("990");
      expect(
        await db.prisma.outbox.count({ where: { purpose: { startsWith: "admin:inbound:" } } }),
      ).toBe(1);
    });

    it("fault 9: an update with \\u0000 and a lone surrogate is handled as stored (U+FFFD), answered and marked done", async () => {
      const body =
        `{"update_id":991,"message":{"message_id":2,"date":1,"chat":{"id":4243,"type":"private"},` +
        `"from":{"id":4243,"is_bot":false,"first_name":"Lan\\u0000"},` +
        `"text":"/start \\ud83d x\\u0000","entities":[{"offset":0,"length":6,"type":"bot_command"}]}}`;
      expect((await post(body)).status).toBe(200);
      await waitFor(
        () => telegram.accepted.some((m) => m.chatId === "4243"),
        30_000,
        "the answer to the person",
      );
      await waitFor(
        async () =>
          (
            await db.prisma.inboundUpdate.findUniqueOrThrow({
              where: { channel_updateId: { channel: "telegram", updateId: "991" } },
            })
          ).state === "done",
        30_000,
        "the update marked done",
      );
    });
  },
);
