import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/clock.js";
import type { Database } from "../../src/db/client.js";
import { createLinkCode } from "../../src/services/accounts.js";
import { chatHarness } from "../helpers/chat.js";
import { testDatabases } from "../helpers/db.js";

describe.each(testDatabases())("chat commands on $name", ({ open }) => {
  let db: Database;
  const clock = fixedClock("2024-06-20T02:00:00Z");

  beforeAll(async () => {
    db = await open();
    await db.prisma.unit.create({ data: { code: "STP", name: "Sở Tư pháp", kind: "department" } });
  });
  afterAll(async () => {
    await db?.close();
  });

  it("greets in Vietnamese and tells an unlinked person how to link", async () => {
    const { say } = await chatHarness(db, clock);
    const replies = await say({ id: "100", name: "Nguyễn Văn An" }, "/start");
    expect(replies[0]).toContain("Xin chào Nguyễn Văn An");
    expect(replies[1]).toContain("/lienket");
  });

  it("accepts English aliases and the @botname suffix", async () => {
    const { say } = await chatHarness(db, clock);
    const [help] = await say({ id: "101" }, "/help@VhcvBot");
    expect(help).toContain("/trogiup (/help)");
    expect(help).toContain("/lienket (/link)");
  });

  it("explains unknown commands and shows the right form for bad arguments", async () => {
    const { say } = await chatHarness(db, clock);
    expect((await say({ id: "102" }, "/khongco"))[0]).toContain("không biết lệnh /khongco");
    const [bad] = await say({ id: "102" }, "/lienket");
    expect(bad).toContain("Lệnh chưa đúng dạng");
    expect(bad).toContain("/lienket <mã>");
  });

  it("ignores an update it has already handled (platform re-send)", async () => {
    const { router, incoming, sent } = await chatHarness(db, clock);
    const message = incoming({ id: "103" }, "/toi");
    await router(message);
    await router({ ...message });
    expect(sent).toHaveLength(1);
  });

  it("links a head to a unit with a one-time code, once", async () => {
    const { say } = await chatHarness(db, clock);
    const { code } = await createLinkCode(db.prisma, {
      unitCode: "STP",
      role: "head",
      ttlHours: 72,
      createdBy: "test",
      now: clock.now(),
    });
    const [linked] = await say(
      { id: "200", name: "Trần Thị Bình" },
      `/lienket ${code.toLowerCase()}`,
    );
    expect(linked).toContain("thủ trưởng đơn vị của Sở Tư pháp");
    const [me] = await say({ id: "200" }, "/toi");
    expect(me).toContain("Đơn vị: Sở Tư pháp (STP)");
    expect(me).toContain("Vai trò: thủ trưởng đơn vị");
    const [again] = await say({ id: "201" }, `/lienket ${code}`);
    expect(again).toContain("đã được dùng");
    const stranger = await db.prisma.account.findFirstOrThrow({ where: { externalId: "201" } });
    expect(stranger.unitId).toBeNull();
    const audit = await db.prisma.auditLog.findMany({ where: { action: { startsWith: "link." } } });
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(["link.create", "link.redeemed", "link.refused"]),
    );
  });

  it("refuses an expired code and a wrong one", async () => {
    const { say } = await chatHarness(db, clock);
    const { code } = await createLinkCode(db.prisma, {
      role: "leader",
      ttlHours: 1,
      createdBy: "test",
      now: clock.now(),
    });
    const later = fixedClock(new Date(clock.now().getTime() + 2 * 3_600_000));
    const { say: sayLater } = await chatHarness(db, later);
    expect((await sayLater({ id: "300" }, `/lienket ${code}`))[0]).toContain("hết hạn");
    expect((await say({ id: "300" }, "/lienket ZZZZZZZZ"))[0]).toContain("không đúng");
  });

  it("links a leadership group, not the person who typed the code", async () => {
    const { say } = await chatHarness(db, clock);
    const { code } = await createLinkCode(db.prisma, {
      role: "leader",
      purpose: "leadership",
      ttlHours: 24,
      createdBy: "test",
      now: clock.now(),
    });
    const [reply] = await say(
      { id: "400", chatId: "-1001", chatKind: "group" },
      `/lienket ${code}`,
    );
    expect(reply).toContain("nhóm lãnh đạo");
    const chat = await db.prisma.chat.findFirstOrThrow({ where: { externalId: "-1001" } });
    expect(chat.purpose).toBe("leadership");
  });

  it("asks a flooding person to slow down once, and drops the rest for a minute", async () => {
    const { say } = await chatHarness(db, clock);
    const replies: string[] = [];
    for (let i = 0; i < 25; i += 1) replies.push(...(await say({ id: "600" }, "/toi")));
    expect(replies.filter((r) => r.startsWith("Tên:"))).toHaveLength(20);
    expect(replies.filter((r) => r.includes("nhanh quá"))).toHaveLength(1);
    // Others are not affected.
    expect((await say({ id: "601" }, "/toi"))[0]).toContain("Tên:");
  });

  it("never slows down the operator at the console (a script may pipe in many lines)", async () => {
    const { say } = await chatHarness(db, clock);
    const replies: string[] = [];
    for (let i = 0; i < 25; i += 1) {
      replies.push(...(await say({ id: "610", channel: "console" }, "/toi")));
    }
    expect(replies.filter((r) => r.startsWith("Tên:"))).toHaveLength(25);
    expect(replies.some((r) => r.includes("nhanh quá"))).toBe(false);
  });

  it("help lists only what the caller may use", async () => {
    const { say } = await chatHarness(db, clock);
    const [help] = await say({ id: "500" }, "/trogiup");
    const lines = help?.split("\n").filter((l) => l.startsWith("/")) ?? [];
    expect(lines.length).toBeGreaterThanOrEqual(4);
    expect(help).not.toContain("undefined");
  });

  it("fault 15: a forged button rp:999999999999:d gets a clear message, not the internal error", async () => {
    const { say } = await chatHarness(db, clock);
    for (const data of ["rp:999999999999:d", "rp:2147483647:p", "rp:1:z", "xx:whatever"]) {
      const replies = await say({ id: "700" }, "", { callbackData: data });
      expect(replies).toEqual([expect.stringContaining("Nút này không còn dùng được")]);
      expect(replies.join("")).not.toContain("có lỗi khi xử lý");
    }
  });
});
