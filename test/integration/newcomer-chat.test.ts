import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/clock.js";
import type { Database } from "../../src/db/client.js";
import { instantAt } from "../../src/domain/calendar/index.js";
import { createLinkCode } from "../../src/services/accounts.js";
import { loadDemoData } from "../../src/services/demo.js";
import { syncOccurrences } from "../../src/services/occurrences.js";
import { readPayload } from "../../src/services/outbox.js";
import { chatHarness, type Person } from "../helpers/chat.js";
import { testDatabases } from "../helpers/db.js";

/** The demo's console people, as `npm start -- --as <id>` picks them. */
const as = (id: string): Person => ({ id, channel: "console", chatId: `console:${id}` });

describe.each(testDatabases())("a newcomer's first hour in chat on $name", ({ open }) => {
  let db: Database;
  const clock = fixedClock(instantAt("2024-06-20", "09:00"));

  beforeAll(async () => {
    db = await open();
    await loadDemoData(db.prisma, clock.now());
    await syncOccurrences(db.prisma, { now: clock.now() });
    // The secretariat's group, so that requests are forwarded somewhere.
    await db.prisma.chat.create({
      data: { channel: "telegram", externalId: "-100900", kind: "group", purpose: "secretariat" },
    });
  }, 120_000);
  afterAll(async () => {
    await db?.close();
  });

  it("the daitu persona is the focal officer of UBND huyện Đại Từ and reports on its tasks", async () => {
    const { say } = await chatHarness(db, clock);
    const [me] = await say(as("daitu"), "/toi");
    expect(me).toContain("Đơn vị: UBND huyện Đại Từ (DAITU)");
    const [reply] = await say(as("daitu"), "/baocao DAITU-3A xong");
    expect(reply).toContain("Đã ghi nhận báo cáo nhiệm vụ DAITU-3A");
  });

  it("a note is kept as typed", async () => {
    const { say } = await chatHarness(db, clock);
    await say(as("stp"), "/baocao STP-3A chưa làm được vì thiếu người");
    const occurrence = await db.prisma.occurrence.findUniqueOrThrow({ where: { code: "STP-3A" } });
    expect(occurrence.note).toBe("chưa làm được vì thiếu người");
  });

  it("an extension request without a note is forwarded without an empty “Ghi chú:”", async () => {
    const { say } = await chatHarness(db, clock);
    const { code } = await db.prisma.occurrence.findFirstOrThrow({
      where: { unit: { code: "STP" }, code: { not: "STP-3A" }, dueDate: { not: null } },
      orderBy: { code: "asc" },
    });
    const [answer] = await say(as("stp"), `/baocao ${code} gia hạn 30/9`);
    expect(answer).toContain("Đã ghi nhận");
    const rows = await db.prisma.outbox.findMany({ where: { chatId: "-100900" } });
    const texts = rows.map((row) => {
      const read = readPayload(row);
      return read.ok ? (read.payload.text ?? "") : "";
    });
    const forwarded = texts.find((text) => text.includes(`đề nghị gia hạn nhiệm vụ ${code}`));
    expect(forwarded).toBeDefined();
    expect(forwarded).not.toContain("Ghi chú");
  });

  it("linking a leader says what a leader does, never “của chưa liên kết”", async () => {
    const { say } = await chatHarness(db, clock);
    const { code } = await createLinkCode(db.prisma, {
      role: "leader",
      ttlHours: 72,
      createdBy: "test",
      now: clock.now(),
    });
    const [linked] = await say({ id: "leader-1" }, `/lienket ${code}`);
    expect(linked).toContain("bạn là lãnh đạo, theo dõi mọi đơn vị");
    expect(linked).not.toContain("chưa liên kết");
  });
});
