import { describe, expect, it } from "vitest";
import { CANCEL_BUTTON, CONFIRM_BUTTON } from "../../../commands/plan-import-chat.js";
import { account, chat, emptyWorld, fakeChat, unit } from "../../fakes/command-services.js";

const STP = unit(1, "STP", "Sở Tư pháp");

describe("the router over fake services", () => {
  it("answers an update once, however often the platform sends it", async () => {
    const w = emptyWorld();
    const { say, add } = fakeChat(w);
    add(account("p1", "staff", null));
    expect(await say("p1", "/toi", { updateId: "same" })).toHaveLength(1);
    expect(await say("p1", "/toi", { updateId: "same" })).toEqual([]);
  });

  it("asks the person to send again when the database cannot be reached", async () => {
    const w = emptyWorld();
    w.databaseDown = true;
    const { say, add } = fakeChat(w);
    add(account("p1", "staff", null));
    expect(await say("p1", "/toi")).toEqual([
      "Hệ thống đang tạm gián đoạn nên chưa nhận được tin nhắn này. Xin gửi lại sau ít phút.",
    ]);
  });

  it("names a command it does not know, and shows the right form for bad arguments", async () => {
    const { say, add } = fakeChat(emptyWorld());
    add(account("p1", "staff", null));
    expect((await say("p1", "/khongco"))[0]).toContain("không biết lệnh /khongco");
    const [bad] = await say("p1", "/lienket");
    expect(bad).toContain("Lệnh chưa đúng dạng");
    expect(bad).toContain("/lienket <mã>");
  });
});

describe("/lienket", () => {
  it("says why a code was refused, and what the person became when it worked", async () => {
    const w = emptyWorld();
    const { say, add } = fakeChat(w);
    add(account("p1", "staff", null));
    expect((await say("p1", "/lienket K7M2XQ9P"))[0]).toContain("Mã liên kết không đúng");
    w.redeem = { ok: false, reason: "expired" };
    expect((await say("p1", "/lienket K7M2XQ9P"))[0]).toBe(
      "Mã liên kết đã hết hạn. Hãy xin mã mới từ Sở Nội vụ.",
    );
    w.redeem = { ok: true, role: "head", unit: STP, purpose: "none" };
    expect((await say("p1", "/lienket K7M2XQ9P"))[0]).toMatch(
      /^Đã liên kết: bạn là .+ của Sở Tư pháp\./,
    );
  });

  it("in a group, says the group now gets the leadership digest", async () => {
    const w = emptyWorld();
    w.redeem = { ok: true, role: "leader", unit: null, purpose: "leadership" };
    const { say, add } = fakeChat(w);
    add(account("p1", "staff", null), chat("-100", "group"));
    expect(await say("p1", "/lienket K7M2XQ9P")).toEqual([
      "Đã liên kết nhóm này làm nhóm lãnh đạo: nhóm sẽ nhận bản tổng hợp hằng tuần.",
    ]);
  });
});

describe("digest commands", () => {
  it("refuse a head outside a leadership or secretariat chat, audited", async () => {
    const w = emptyWorld();
    const { say, add } = fakeChat(w);
    add(account("h1", "head", STP));
    expect(await say("h1", "/tonghop")).toEqual([
      "Lệnh /tonghop dành cho lãnh đạo, quản trị và các nhóm lãnh đạo, nhóm Sở Nội vụ đã liên kết.",
    ]);
    expect(w.audits).toEqual([
      expect.objectContaining({ action: "command.refused", subject: "tonghop" }),
    ]);
    expect(w.outbox).toEqual([]);
  });
});

describe("confirming a plan import", () => {
  it("refuses and drops the preview when the person is no longer an admin", async () => {
    const w = emptyWorld();
    const { say, add } = fakeChat(w);
    const admin = add(account("a1", "admin", null));
    w.pendingImports.add(`telegram:a1:${admin.id}`);
    w.roles.set(admin.id, "staff"); // demoted since the account was cached
    expect(await say("a1", "", { callbackData: CONFIRM_BUTTON })).toEqual([
      "Chỉ quản trị viên (Sở Nội vụ) mới nhập kế hoạch bằng tệp. Tệp của bạn không được đọc.",
    ]);
    expect(w.pendingImports.size).toBe(0);
    expect(w.audits).toEqual([
      expect.objectContaining({ action: "command.refused", subject: "plan.import.confirm" }),
    ]);
  });

  it("says when nothing waits, and confirms nothing twice after a cancel", async () => {
    const w = emptyWorld();
    const { say, add } = fakeChat(w);
    const admin = add(account("a1", "admin", null));
    w.pendingImports.add(`telegram:a1:${admin.id}`);
    expect(await say("a1", "", { callbackData: CANCEL_BUTTON })).toEqual([
      "Đã hủy, không nhập gì.",
    ]);
    expect((await say("a1", "", { callbackData: CANCEL_BUTTON }))[0]).toContain(
      "Không có kế hoạch nào đang chờ xác nhận",
    );
    expect((await say("a1", "/xacnhan"))[0]).toContain("Không có kế hoạch nào đang chờ xác nhận");
  });
});
