import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/clock.js";
import type { Database } from "../../src/db/client.js";
import { createLinkCode } from "../../src/services/accounts.js";
import { chatHarness } from "../helpers/chat.js";
import { openTestPglite } from "../helpers/db.js";
import { loadThaiNguyen, person } from "../helpers/plan-fixture.js";

/** Issue 14's items that a person meets in a chat: each test is named after its item. */
describe("faults a person can cause from a chat", () => {
  let db: Database;
  const clock = fixedClock("2024-06-20T02:00:00Z");

  beforeAll(async () => {
    db = await openTestPglite();
    await loadThaiNguyen(db, clock.now(), ["UBNDT", "SNV", "STTTT", "STP"]);
    await person(db, { id: "admin", role: "admin", unit: "SNV" });
    await person(db, { id: "head-a", role: "head", unit: "STP" });
    await person(db, { id: "head-b", role: "deputy", unit: "STP" });
    await person(db, { id: "head-c", role: "head", unit: "STTTT" });
  }, 60_000);
  afterAll(async () => {
    await db?.close();
  });

  const occurrence = (code: string) => db.prisma.occurrence.findUniqueOrThrow({ where: { code } });
  const reportCount = () => db.prisma.statusReport.count();

  it("fault 5: an impossible year, digits glued on after a date and an absurd percentage are refused with the right form", async () => {
    const { say } = await chatHarness(db, clock);
    const before = await reportCount();

    const extend = (await say({ id: "admin" }, "/giahan STP-3A 31/12/99999")).join("\n");
    expect(extend).toContain("Ngày gia hạn chưa đúng");
    // The form to type instead, with a real date 30 days ahead (not a date in the past).
    expect(extend).toContain("/giahan STP-3A 20/07/2024");
    expect((await occurrence("STP-3A")).extendedDue).toBeNull();

    const glued = (await say({ id: "head-a" }, "/baocao STP-3A gia hạn 30/12/2024/2025")).join("");
    expect(glued).toContain("không có thật hoặc chưa đúng dạng");
    const huge = (
      await say({ id: "head-a" }, "/baocao STP-3A đang làm 999999999999999999999%")
    ).join("");
    expect(huge).toContain("Tiến độ phải là phần trăm từ 0 đến 100");
    const dotted = (await say({ id: "head-a" }, "/baocao STP-3A đang làm 1.000.000%")).join("");
    expect(dotted).toContain("Tiến độ phải là phần trăm từ 0 đến 100");
    expect(await reportCount()).toBe(before);

    // Still read: a plain date and a plain percentage.
    expect((await say({ id: "head-a" }, "/baocao STP-3A gia hạn 30/12/2024")).join("")).toContain(
      "30/12/2024",
    );
    expect((await say({ id: "head-a" }, "/baocao STP-3A đang làm 70%")).join("")).toContain("70");
  });

  it("fault 4: a group's code works only in a group, a personal code only in a private chat", async () => {
    const { say } = await chatHarness(db, clock);
    const leadership = await createLinkCode(db.prisma, {
      role: "leader",
      purpose: "leadership",
      ttlHours: 72,
      createdBy: "test",
      now: clock.now(),
    });
    const privately = (await say({ id: "curious" }, `/lienket ${leadership.code}`)).join("");
    expect(privately).toContain("dùng để liên kết một nhóm");
    const curious = await db.prisma.account.findFirstOrThrow({ where: { externalId: "curious" } });
    expect(curious.role).not.toBe("leader");
    // The code was not used up: the group it was made for still links with it.
    const inGroup = (
      await say(
        { id: "curious", chatId: "-100777", chatKind: "group" },
        `/lienket ${leadership.code}`,
      )
    ).join("");
    expect(inGroup).toContain("nhóm lãnh đạo");
    const group = await db.prisma.chat.findFirstOrThrow({ where: { externalId: "-100777" } });
    expect(group.purpose).toBe("leadership");
    expect((await db.prisma.account.findUniqueOrThrow({ where: { id: curious.id } })).role).toBe(
      curious.role,
    );

    const personal = await createLinkCode(db.prisma, {
      unitCode: "SNV",
      role: "head",
      purpose: "none",
      ttlHours: 72,
      createdBy: "test",
      now: clock.now(),
    });
    const groupTry = (
      await say(
        { id: "newhead", chatId: "-100778", chatKind: "group" },
        `/lienket ${personal.code}`,
      )
    ).join("");
    expect(groupTry).toContain("dành cho một người");
    const newhead = await db.prisma.account.findFirstOrThrow({ where: { externalId: "newhead" } });
    expect(newhead.role).not.toBe("head");
    expect((await say({ id: "newhead" }, `/lienket ${personal.code}`)).join("")).toContain(
      "Đã liên kết",
    );
    expect((await db.prisma.account.findUniqueOrThrow({ where: { id: newhead.id } })).role).toBe(
      "head",
    );
  });

  it("fault 3: /huy undoes only the caller's report while it is the task's latest, and only while they may still report", async () => {
    const { say } = await chatHarness(db, clock);
    await say({ id: "head-a" }, "/baocao STP-3B-2024Q1 xong");
    await say({ id: "head-b" }, "/baocao STP-3B-2024Q1 vướng: thiếu kinh phí");

    // A's snapshot would wipe B's blocker out: refused, saying why and what to do.
    const refused = (await say({ id: "head-a" }, "/huy")).join("");
    expect(refused).toContain("Không hủy được");
    expect(refused).toContain("head-b");
    let task = await occurrence("STP-3B-2024Q1");
    expect(task.status).toBe("blocked");
    expect(task.note).toBe("thiếu kinh phí");

    // B's own undo is still the latest: it brings back A's "done".
    expect((await say({ id: "head-b" }, "/huy")).join("")).toContain("Đã hủy");
    task = await occurrence("STP-3B-2024Q1");
    expect(task.status).toBe("done");

    // Re-linked to another unit: the old report cannot be undone any more.
    await say({ id: "head-a" }, "/baocao STP-3C-2024Q1 đang làm 40%");
    const relink = await createLinkCode(db.prisma, {
      unitCode: "STTTT",
      role: "head",
      purpose: "none",
      ttlHours: 72,
      createdBy: "test",
      now: clock.now(),
    });
    expect((await say({ id: "head-a" }, `/lienket ${relink.code}`)).join("")).toContain(
      "Đã liên kết",
    );
    const relinked = (await say({ id: "head-a" }, "/huy")).join("");
    expect(relinked).toContain("không còn báo cáo cho đơn vị");
    task = await occurrence("STP-3C-2024Q1");
    expect(task.status).toBe("in_progress");
    expect(task.progress).toBe(40);
  });

  it("fault 15: a /baocao refusal does not name the unit behind another unit's task code", async () => {
    const { say } = await chatHarness(db, clock);
    const stp = await db.prisma.unit.findUniqueOrThrow({ where: { code: "STP" } });
    const other = (await say({ id: "head-c" }, "/baocao STP-3G-2025 xong")).join("");
    expect(other).toContain("không báo cáo được");
    expect(other).not.toContain(stp.name);
    // An unknown code and a malformed report on another unit's code get the same sentence.
    const unknown = (await say({ id: "head-c" }, "/baocao ZZZ-9Z xong")).join("");
    expect(unknown.replace("ZZZ-9Z", "STP-3G-2025")).toBe(other);
    expect((await say({ id: "head-c" }, "/baocao STP-3G-2025 blah")).join("")).toBe(other);
    expect((await occurrence("STP-3G-2025")).status).toBe("not_started");
  });
});
