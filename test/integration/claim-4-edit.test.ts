import { describe, expect, it } from "vitest";
import { fixedClock } from "../../src/clock.js";
import type { Database } from "../../src/db/client.js";
import { readPayload } from "../../src/services/outbox.js";
import { reportButtons } from "../../src/services/reminders.js";
import { type ChatHarness, useClaimsChat, stpHead } from "../helpers/claims-fixture.js";

// 2024-07-01 11:00 in Vietnam.
const clock = fixedClock("2024-07-01T04:00:00Z");
const REMINDER =
  "🔔 Nhắc hạn nhiệm vụ STP-3A: còn 3 ngày\nNhiệm vụ: …\nTình trạng hiện tại: chưa thực hiện" +
  "\n\nBấm một nút bên dưới.";

let db: Database;
let harness: ChatHarness;
useClaimsChat(clock, (setup) => ({ db, harness } = setup));

/** A reminder about STP-3A with its buttons, as the outbox sent it to `chatId` (message "777"). */
async function reminderWithButtons(channel: "telegram" | "zalo", chatId: string) {
  const occurrence = await db.prisma.occurrence.findUniqueOrThrow({ where: { code: "STP-3A" } });
  await db.prisma.outbox.create({
    data: {
      channel,
      chatId,
      payload: {
        text: REMINDER,
        buttons: JSON.parse(JSON.stringify(reportButtons(occurrence.id))),
      },
      purpose: `reminder:${occurrence.id}-1`,
      occurrenceId: occurrence.id,
      state: "sent",
      sentAt: new Date("2024-07-01T01:00:00Z"),
      platformMessageId: "777",
    },
  });
  return occurrence;
}

/** The edits queued for the outbox: what each will make the reminder read. */
async function edits() {
  const rows = await db.prisma.outbox.findMany({ orderBy: { id: "asc" } });
  return rows.flatMap((row) => {
    const payload = readPayload(row);
    return payload.ok && payload.payload.editMessageId ? [{ ...payload.payload, row }] : [];
  });
}

describe("claim 4: a button answer edits the reminder", () => {
  it("claim 4: on Telegram 'Hoàn thành' edits the reminder it was pressed on: buttons removed, the answer and its time shown, in the report's transaction", async () => {
    const me = await stpHead(db, "telegram", "edit-done");
    const occurrence = await reminderWithButtons("telegram", me.chatId);
    const press = { callbackData: `rp:${occurrence.id}:d`, messageId: "777" };
    const reply = (await harness.say(me, "", press)).join("\n");
    expect(reply).toContain("Đã ghi nhận báo cáo nhiệm vụ STP-3A");
    const [edit, ...more] = await edits();
    expect(more).toEqual([]);
    expect(edit).toMatchObject({ editMessageId: "777", row: { chatId: me.chatId } });
    expect(edit?.buttons).toBeUndefined();
    expect(edit?.text).toContain("🔔 Nhắc hạn nhiệm vụ STP-3A");
    expect(edit?.text).toContain("✔ Đã ghi nhận: hoàn thành — 11:00 01/07");
    // Neither the status it had when sent nor "press a button below" applies any more.
    expect(edit?.text).not.toContain("Bấm một nút");
    expect(edit?.text).not.toContain("chưa thực hiện");
    expect(edit?.text).toContain("Nhiệm vụ: …");
    const report = await db.prisma.statusReport.findFirstOrThrow();
    expect(edit?.row.purpose).toBe(`answered:${report.id}`);
  });

  it("claim 4: a second press or a re-delivered callback records nothing and edits nothing more", async () => {
    const me = await stpHead(db, "telegram", "edit-twice");
    const occurrence = await reminderWithButtons("telegram", me.chatId);
    const press = { callbackData: `rp:${occurrence.id}:d`, messageId: "777" };
    await harness.say(me, "", press);
    const second = (await harness.say(me, "", press)).join("\n");
    expect(second).toContain("đã được ghi nhận trước đó");
    expect(await db.prisma.statusReport.count()).toBe(1);
    expect(await edits()).toHaveLength(1);
  });

  it("claim 4: 'Vướng mắc' edits the reminder once the reason is given, not before", async () => {
    const me = await stpHead(db, "telegram", "edit-blocked");
    const occurrence = await reminderWithButtons("telegram", me.chatId);
    await harness.say(me, "", { callbackData: `rp:${occurrence.id}:b`, messageId: "777" });
    expect(await edits()).toEqual([]);
    await harness.say(me, "thiếu kinh phí");
    const [edit] = await edits();
    expect(edit?.text).toContain("✔ Đã ghi nhận: gặp vướng mắc — 11:00 01/07");
    expect(edit?.editMessageId).toBe("777");
  });

  it("claim 4: /huy of a button answer gives the reminder its buttons back", async () => {
    const me = await stpHead(db, "telegram", "edit-undo");
    const occurrence = await reminderWithButtons("telegram", me.chatId);
    await harness.say(me, "", { callbackData: `rp:${occurrence.id}:d`, messageId: "777" });
    await harness.say(me, "/huy");
    const [, reopened] = await edits();
    expect(reopened?.text).toBe(REMINDER);
    expect(reopened?.buttons).toEqual(reportButtons(occurrence.id));
    expect(reopened?.editMessageId).toBe("777");
  });

  it("claim 4: a channel that cannot edit gets no edit, only the reply (Zalo)", async () => {
    const me = await stpHead(db, "zalo", "edit-zalo");
    const occurrence = await reminderWithButtons("zalo", me.chatId);
    const reply = (
      await harness.say(me, "", { callbackData: `rp:${occurrence.id}:d`, messageId: "777" })
    ).join("\n");
    expect(reply).toContain("Đã ghi nhận báo cáo nhiệm vụ STP-3A");
    expect(await edits()).toEqual([]);
  });
});
