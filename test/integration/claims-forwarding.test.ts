import { describe, expect, it } from "vitest";
import { fixedClock } from "../../src/clock.js";
import type { Database } from "../../src/db/client.js";
import { type ChatHarness, useClaimsChat, stpHead } from "../helpers/claims-fixture.js";
import { person, secretariatChat } from "../helpers/plan-fixture.js";

const clock = fixedClock("2024-06-19T02:00:00Z");

let db: Database;
let harness: ChatHarness;
useClaimsChat(clock, (setup) => ({ db, harness } = setup));

async function queuedFor(purposePrefix: string) {
  return db.prisma.outbox.findMany({
    where: { purpose: { startsWith: purposePrefix } },
    orderBy: { id: "asc" },
  });
}

describe.each(["telegram", "zalo", "console"] as const)("claim 1 on %s", (channel) => {
  it("claim 1: a blocker is forwarded to the secretariat group only with its queued row", async () => {
    await secretariatChat(db);
    const head = await stpHead(db, channel, `head-${channel}-1`);
    const replies = await harness.say(head, "/baocao STP-3A vướng: thiếu kinh phí");
    expect(replies.join("\n")).toContain("Đã chuyển đến Sở Nội vụ để xem xét.");
    const rows = await queuedFor("report:");
    expect(rows.map((r) => [r.channel, r.chatId])).toEqual([["telegram", "-100500"]]);
    expect(JSON.stringify(rows[0]?.payload)).toContain("thiếu kinh phí");
  });

  it("claim 1: without a secretariat group an extension request goes to the admin, and the reply says so", async () => {
    await db.prisma.account.create({
      data: {
        channel,
        externalId: `admin-${channel}`,
        displayName: "Quản trị",
        privateChatId: channel === "console" ? "console:admin" : `admin-${channel}`,
        role: "admin",
      },
    });
    const head = await stpHead(db, channel, `head-${channel}-2`);
    const replies = (await harness.say(head, "/baocao STP-3A gia hạn 30/9")).join("\n");
    expect(replies).not.toContain("Đã chuyển đến Sở Nội vụ để xem xét.");
    expect(replies).toContain("đã chuyển đến quản trị viên");
    const rows = await queuedFor("report:");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ channel });
    expect(JSON.stringify(rows[0]?.payload)).toContain("30/09/2024");
  });

  it("claim 1: with nobody to tell, the reply says the notice was not forwarded and nothing is queued", async () => {
    const head = await stpHead(db, channel, `head-${channel}-3`);
    const replies = (await harness.say(head, "/baocao STP-3A vướng: thiếu người")).join("\n");
    expect(replies).toContain("Đã ghi nhận báo cáo nhiệm vụ STP-3A");
    expect(replies).not.toContain("Đã chuyển đến Sở Nội vụ");
    expect(replies).toContain("Chưa chuyển được đến Sở Nội vụ");
    expect(await queuedFor("report:")).toHaveLength(0);
    const occurrence = await db.prisma.occurrence.findUniqueOrThrow({ where: { code: "STP-3A" } });
    expect(occurrence.status).toBe("blocked");
  });
});

describe("claim 1 across channels", () => {
  it("claim 1: the Telegram secretariat group gets a Zalo head's blocker, not the Zalo admin", async () => {
    await secretariatChat(db);
    await person(db, { id: "zalo-admin", role: "admin", channel: "zalo" });
    const head = await stpHead(db, "zalo", "zalo-head-4");
    const recorded = (await harness.say(head, "/baocao STP-3A vướng: chưa có hướng dẫn")).join(
      "\n",
    );
    expect(recorded).toContain("Đã chuyển đến Sở Nội vụ để xem xét.");
    const rows = await queuedFor("report:");
    expect(rows.map((r) => r.chatId)).toEqual(["-100500"]);
  });
});

describe("claim 6: extensions and undo tell the other side", () => {
  async function admin() {
    await person(db, { id: "snv-admin", role: "admin" });
    return { id: "snv-admin" };
  }

  it("claim 6: /giahan without a pending request extends nothing and shows the explicit form", async () => {
    const secretariat = await admin();
    await stpHead(db, "zalo", "head-giahan-1");
    const reply = (await harness.say(secretariat, "/giahan STP-3A 30/9/2024")).join("\n");
    expect(reply).toContain("không có đề nghị gia hạn nào đang chờ");
    expect(reply).toContain("/giahan STP-3A 30/09/2024 chủ động");
    const occurrence = await db.prisma.occurrence.findUniqueOrThrow({ where: { code: "STP-3A" } });
    expect(occurrence.extendedDue).toBeNull();
    expect(await queuedFor("extension:")).toHaveLength(0);
  });

  it("claim 6: /giahan on a pending request extends it and queues the decision to the head", async () => {
    const secretariat = await admin();
    const head = await stpHead(db, "zalo", "head-giahan-2");
    await harness.say(head, "/baocao STP-3A gia hạn 15/9");
    const reply = (await harness.say(secretariat, "/giahan STP-3A 30/9/2024")).join("\n");
    expect(reply).toContain("Đã chấp nhận gia hạn nhiệm vụ STP-3A");
    expect(reply).toContain("Đã báo cho thủ trưởng, đầu mối của đơn vị.");
    const told = await queuedFor("extension:");
    expect(told.map((r) => [r.channel, r.chatId])).toEqual([["zalo", "head-giahan-2"]]);
    expect(JSON.stringify(told[0]?.payload)).toContain("đến 30/09/2024");
    const occurrence = await db.prisma.occurrence.findUniqueOrThrow({ where: { code: "STP-3A" } });
    expect(occurrence.extendedDue?.toISOString().slice(0, 10)).toBe("2024-09-30");
    expect(occurrence.status).toBe("in_progress");
  });

  it("claim 6: '/giahan … chủ động' extends without a request; with no head linked the reply says nobody was told", async () => {
    const secretariat = await admin();
    const reply = (await harness.say(secretariat, "/giahan STP-3A 30/9/2024 chủ động")).join("\n");
    expect(reply).toContain("Đã chấp nhận gia hạn nhiệm vụ STP-3A");
    expect(reply).toContain("chưa báo được cho đơn vị");
    expect(reply).not.toContain("Đã báo cho thủ trưởng");
    const occurrence = await db.prisma.occurrence.findUniqueOrThrow({ where: { code: "STP-3A" } });
    expect(occurrence.extendedDue?.toISOString().slice(0, 10)).toBe("2024-09-30");
  });

  it("claim 6: /huy of a forwarded blocker queues a follow-up to the secretariat after the notice", async () => {
    await secretariatChat(db);
    const head = await stpHead(db, "telegram", "head-huy-1");
    await harness.say(head, "/baocao STP-3A vướng: thiếu kinh phí");
    const reply = (await harness.say(head, "/huy")).join("\n");
    expect(reply).toContain("Đã hủy báo cáo vừa rồi của nhiệm vụ STP-3A");
    expect(reply).toContain("Đã báo Sở Nội vụ rằng báo cáo đã chuyển trước đó được hủy.");
    const rows = await db.prisma.outbox.findMany({
      where: { chatId: "-100500" },
      orderBy: { id: "asc" },
    });
    expect(rows.map((r) => r.purpose.split(":")[0])).toEqual(["report", "undo"]);
    expect(JSON.stringify(rows[1]?.payload)).toContain("đã hủy báo cáo “gặp vướng mắc”");
  });

  it("claim 6: /huy of a plain progress report tells nobody", async () => {
    await secretariatChat(db);
    const head = await stpHead(db, "telegram", "head-huy-2");
    await harness.say(head, "/baocao STP-3A đang làm 30%");
    const reply = (await harness.say(head, "/huy")).join("\n");
    expect(reply).not.toContain("Đã báo Sở Nội vụ");
    expect(await db.prisma.outbox.count({ where: { chatId: "-100500" } })).toBe(0);
  });
});
