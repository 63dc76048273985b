import { describe, expect, it } from "vitest";
import { fixedClock } from "../../src/clock.js";
import type { Database } from "../../src/db/client.js";
import {
  type ChatHarness,
  useClaimsChat,
  sentReminder,
  stpHead,
} from "../helpers/claims-fixture.js";

const clock = fixedClock("2024-07-01T04:00:00Z");
const hoursAgo = (hours: number) => new Date(clock.now().getTime() - hours * 3_600_000);

let db: Database;
let harness: ChatHarness;
useClaimsChat(clock, (setup) => ({ db, harness } = setup));

const status = async (code: string) =>
  (await db.prisma.occurrence.findUniqueOrThrow({ where: { code } })).status;

describe.each(["telegram", "zalo", "console"] as const)("claim 10 on %s", (channel) => {
  let n = 0;
  const head = () => stpHead(db, channel, `typed-${channel}-${(n += 1)}`);

  it("claim 10: one open reminder in the chat in the last few days → 'xong' is that task", async () => {
    const me = await head();
    await sentReminder(db, me, "STP-3A", hoursAgo(3));
    // An older one, beyond the last few days, does not count.
    await sentReminder(db, me, "STP-3G-2024", hoursAgo(24 * 9));
    const replies = (await harness.say(me, "xong")).join("\n");
    expect(replies).toContain("Đã ghi nhận báo cáo nhiệm vụ STP-3A");
    expect(await status("STP-3A")).toBe("done");
    expect(await status("STP-3G-2024")).toBe("not_started");
  });

  it("claim 10: several open reminders → asks which, listing the codes, and records nothing", async () => {
    const me = await head();
    await sentReminder(db, me, "STP-3A", hoursAgo(2));
    await sentReminder(db, me, "STP-3G-2024", hoursAgo(1));
    const replies = (await harness.say(me, "xong")).join("\n");
    expect(replies).toContain("chưa rõ báo cáo này cho nhiệm vụ nào");
    expect(replies).toContain("• STP-3A:");
    expect(replies).toContain("• STP-3G-2024:");
    expect(replies).toContain("/baocao STP-3G-2024 xong");
    expect(await status("STP-3A")).toBe("not_started");
    expect(await status("STP-3G-2024")).toBe("not_started");
    expect(await db.prisma.statusReport.count()).toBe(0);
  });

  it("claim 10: a reminder whose task is already done is not open: the other one is meant", async () => {
    const me = await head();
    await sentReminder(db, me, "STP-3A", hoursAgo(2));
    await sentReminder(db, me, "STP-3G-2024", hoursAgo(1));
    await harness.say(me, "/baocao STP-3G-2024 xong");
    const replies = (await harness.say(me, "đang làm 40%")).join("\n");
    expect(replies).toContain("Đã ghi nhận báo cáo nhiệm vụ STP-3A");
    expect(replies).toContain("Tiến độ: 40%");
  });

  it("claim 10: no open reminder → says how to report, never quotes a rule", async () => {
    const me = await head();
    for (const text of ["xong", "đang làm 50%", "vướng: thiếu kinh phí"]) {
      const replies = (await harness.say(me, text)).join("\n");
      expect(replies).toContain("Chưa rõ bạn báo cáo nhiệm vụ nào");
      expect(replies).toContain("/baocao <mã>");
      expect(replies).not.toMatch(/Điều \d|Quyết định|quy định/i);
    }
    expect(await db.prisma.statusReport.count()).toBe(0);
  });
});

describe("claim 10 on Telegram replies", () => {
  it("claim 10: a reply to a reminder is that task even with other reminders open", async () => {
    const me = await stpHead(db, "telegram", "typed-reply");
    await sentReminder(db, me, "STP-3A", hoursAgo(2), "777");
    await sentReminder(db, me, "STP-3G-2024", hoursAgo(1), "778");
    const replies = (await harness.say(me, "xong", { replyToMessageId: "777" })).join("\n");
    expect(replies).toContain("Đã ghi nhận báo cáo nhiệm vụ STP-3A");
    expect(await status("STP-3G-2024")).toBe("not_started");
  });
});

describe("claim 9 in chat", () => {
  it("claim 9: 'xong' then 'đang làm' reads in progress without 100 %, in the reply and in /nhiemvu", async () => {
    const me = await stpHead(db, "zalo", "status-model");
    await harness.say(me, "/baocao STP-3A xong");
    const reply = (await harness.say(me, "/baocao STP-3A đang làm")).join("\n");
    expect(reply).toContain("Tình trạng: đang thực hiện");
    expect(reply).not.toContain("100%");
    const occurrence = await db.prisma.occurrence.findUniqueOrThrow({ where: { code: "STP-3A" } });
    expect(occurrence).toMatchObject({ status: "in_progress", progress: null, doneAt: null });
    const tasks = (await harness.say(me, "/nhiemvu")).join("\n");
    expect(tasks).not.toMatch(/STP-3A[^\n]*100 ?%/);
  });
});

describe("claim 4: a button answer is recorded once", () => {
  it("claim 4: pressing 'Hoàn thành' twice on the same reminder stores one report", async () => {
    const me = await stpHead(db, "telegram", "button-twice");
    const occurrence = await db.prisma.occurrence.findUniqueOrThrow({ where: { code: "STP-3A" } });
    const press = { callbackData: `rp:${occurrence.id}:d`, messageId: "4242" };
    const first = (await harness.say(me, "", press)).join("\n");
    expect(first).toContain("Đã ghi nhận báo cáo nhiệm vụ STP-3A");
    const second = (await harness.say(me, "", press)).join("\n");
    expect(second).toContain("đã được ghi nhận trước đó");
    expect(second).not.toContain("✅ Đã ghi nhận");
    expect(await db.prisma.statusReport.count({ where: { occurrenceId: occurrence.id } })).toBe(1);
  });

  it("claim 4: a different answer on the same reminder is a new report", async () => {
    const me = await stpHead(db, "telegram", "button-change");
    const occurrence = await db.prisma.occurrence.findUniqueOrThrow({ where: { code: "STP-3A" } });
    await harness.say(me, "", { callbackData: `rp:${occurrence.id}:d`, messageId: "4343" });
    await harness.say(me, "", { callbackData: `rp:${occurrence.id}:p`, messageId: "4343" });
    const reply = (await harness.say(me, "60%")).join("\n");
    expect(reply).toContain("Tiến độ: 60%");
    expect(await db.prisma.statusReport.count({ where: { occurrenceId: occurrence.id } })).toBe(2);
  });
});
