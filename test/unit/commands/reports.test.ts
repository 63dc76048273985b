import { describe, expect, it } from "vitest";
import {
  account,
  chat,
  emptyWorld,
  fakeChat,
  occurrence,
  unit,
} from "../../fakes/command-services.js";

const STP = unit(1, "STP", "Sở Tư pháp");
const SXD = unit(2, "SXD", "Sở Xây dựng");

function world() {
  const w = emptyWorld();
  w.occurrences = [
    occurrence(11, "STP-3A", STP, "Rà soát thủ tục hành chính"),
    occurrence(12, "SXD-1B", SXD, "Quy hoạch đô thị"),
  ];
  return w;
}

describe("/baocao", () => {
  it("records a report for the head's own unit and says what was recorded", async () => {
    const w = world();
    const { say, add } = fakeChat(w);
    add(account("h1", "head", STP));
    const [reply] = await say("h1", "/baocao stp-3a xong");
    expect(reply).toContain("✅ Đã ghi nhận báo cáo nhiệm vụ STP-3A: Rà soát thủ tục hành chính");
    expect(w.recorded.map((r) => [r.occurrence.code, r.report.status])).toEqual([
      ["STP-3A", "done"],
    ]);
  });

  it("tells a head of another unit they may not report it, and records nothing", async () => {
    const w = world();
    const { say, add } = fakeChat(w);
    add(account("h1", "head", STP));
    const [reply] = await say("h1", "/baocao SXD-1B xong");
    expect(reply).toContain("Bạn không báo cáo được nhiệm vụ mã “SXD-1B”");
    expect(w.recorded).toEqual([]);
  });

  it("tells an admin a code does not exist; a head gets the same refusal as another unit's code", async () => {
    const { say, add } = fakeChat(world());
    add(account("a1", "admin", null));
    add(account("h1", "head", STP));
    expect(await say("a1", "/baocao KHONG-CO xong")).toEqual([
      "Không tìm thấy nhiệm vụ mã “KHONG-CO”. Gõ /nhiemvu để xem mã các nhiệm vụ của đơn vị bạn.",
    ]);
    const [unknown] = await say("h1", "/baocao KHONG-CO xong");
    const [other] = await say("h1", "/baocao SXD-1B xong");
    expect(unknown).toContain("Bạn không báo cáo được nhiệm vụ mã “KHONG-CO”");
    expect(unknown?.replace("KHONG-CO", "SXD-1B")).toBe(other);
  });
});

describe("reminder buttons and follow-up answers", () => {
  it("asks for the progress after 'đang làm', then records the number typed", async () => {
    const w = world();
    const { say, add } = fakeChat(w);
    add(account("h1", "head", STP));
    expect(await say("h1", "", { callbackData: "rp:11:p" })).toEqual([
      "Nhiệm vụ STP-3A: tiến độ đến nay được bao nhiêu phần trăm? Ví dụ: 70%",
    ]);
    expect(w.recorded).toEqual([]);
    const [reply] = await say("h1", "70%");
    expect(reply).toContain("Đã ghi nhận báo cáo nhiệm vụ STP-3A");
    expect(w.recorded.map((r) => [r.report.status, r.report.progress])).toEqual([
      ["in_progress", 70],
    ]);
    // The question was answered: the next plain message is not taken as a report.
    await say("h1", "70%");
    expect(w.recorded).toHaveLength(1);
  });

  it("refuses the button of another unit's task, audited, without asking anything", async () => {
    const w = world();
    const { say, add } = fakeChat(w);
    add(account("h1", "head", STP));
    const [reply] = await say("h1", "", { callbackData: "rp:12:b" });
    expect(reply).toContain("Bạn không báo cáo được nhiệm vụ mã “SXD-1B”");
    expect(w.followUps.size).toBe(0);
    expect(w.audits).toEqual([expect.objectContaining({ action: "report.refused" })]);
  });

  it("takes a status typed without replying as about the one task reminded lately", async () => {
    const w = world();
    const { say, add } = fakeChat(w);
    const head = add(account("z1", "head", STP, "zalo"), chat("z1"));
    w.reminded.set(`zalo:${head.externalId}`, [11]);
    const [reply] = await say("z1", "xong rồi");
    expect(reply).toContain("Đã ghi nhận báo cáo nhiệm vụ STP-3A");
    expect(w.recorded.map((r) => r.occurrence.code)).toEqual(["STP-3A"]);
  });

  it.each(["da hoan thanh, gui kem bao cao", "chưa làm được vì thiếu kinh phí"])(
    "takes %j typed without replying as a report (the gate), never as a rules question",
    async (text) => {
      const w = world();
      const { say, add } = fakeChat(w);
      add(account("h1", "head", STP));
      w.reminded.set("telegram:h1", [11]);
      const [reply] = await say("h1", text);
      expect(reply).toContain("Đã ghi nhận báo cáo nhiệm vụ STP-3A");
      expect(w.recorded.map((r) => r.occurrence.code)).toEqual(["STP-3A"]);
    },
  );

  it.each([
    ["đã nộp", "done", undefined],
    ["em gửi rồi ạ", "done", undefined],
    ["mai em gửi", "in_progress", undefined],
    ["được 60%", "in_progress", undefined],
    ["chưa triển khai", "not_started", undefined],
    ["thiếu kinh phí", "blocked", undefined],
    ["chờ ý kiến chỉ đạo", "blocked", undefined],
    ["cho em thêm 1 tuần", "extension_requested", "2024-06-27"],
    ["xin lùi hạn đến 20/7", "extension_requested", "2024-07-20"],
  ])("records %j typed without replying as %s", async (text, status, proposedDate) => {
    const w = world();
    const { say, add } = fakeChat(w);
    add(account("h1", "head", STP));
    w.reminded.set("telegram:h1", [11]);
    const [reply] = await say("h1", text);
    expect(reply).toContain("Đã ghi nhận báo cáo nhiệm vụ STP-3A");
    expect(w.recorded.map((r) => [r.report.status, r.report.proposedDate])).toEqual([
      [status, proposedDate],
    ]);
  });

  it("gives the help, and records nothing, for a status it cannot tell ('chờ lãnh đạo' folds like 'cho lãnh đạo')", async () => {
    const w = world();
    const { say, add } = fakeChat(w);
    add(account("h1", "head", STP));
    w.reminded.set("telegram:h1", [11]);
    const [reply] = await say("h1", "chờ lãnh đạo");
    expect(reply).toContain("Tôi chưa hiểu tình trạng nhiệm vụ");
    expect(w.recorded).toEqual([]);
  });

  it("asks which task, listing the codes, when several were reminded, and records nothing", async () => {
    const w = world();
    w.occurrences.push(occurrence(13, "STP-4C", STP, "Số hóa hồ sơ"));
    const { say, add } = fakeChat(w);
    add(account("h1", "head", STP));
    w.reminded.set("telegram:h1", [13, 11]);
    const [reply] = await say("h1", "xong rồi");
    expect(reply).toContain("bạn được nhắc 2 nhiệm vụ chưa hoàn thành");
    expect(reply).toContain("STP-4C");
    expect(reply).toContain("STP-3A");
    expect(reply).toContain("/baocao STP-4C xong rồi");
    expect(w.recorded).toEqual([]);
  });

  it("on Telegram, a reply to a reminder message reports on that reminder's task", async () => {
    const w = world();
    const { say, add } = fakeChat(w);
    add(account("h1", "head", STP));
    w.reminderMessages.set("telegram:h1:555", 11);
    const [reply] = await say("h1", "vướng: thiếu kinh phí", { replyToMessageId: "555" });
    expect(reply).toContain("Đã ghi nhận báo cáo nhiệm vụ STP-3A");
    expect(w.recorded.map((r) => r.report.status)).toEqual(["blocked"]);
  });
});

describe("/huy", () => {
  it("says there is nothing to undo, that it is too late, or what the task went back to", async () => {
    const w = world();
    const { say, add } = fakeChat(w);
    add(account("h1", "head", STP));
    expect(await say("h1", "/huy")).toEqual(["Bạn chưa có báo cáo nào để hủy."]);
    w.undo = { ok: false, reason: "too_late" };
    expect((await say("h1", "/huy"))[0]).toContain("đã quá 10 phút nên không hủy được");
    w.undo = { ok: true, code: "STP-3A", restored: "in_progress" };
    expect((await say("h1", "/huy"))[0]).toMatch(
      /^Đã hủy báo cáo vừa rồi của nhiệm vụ STP-3A; tình trạng trở lại: .+\.$/,
    );
  });
});

describe("/giahan", () => {
  it("accepts an extension to the date typed and says the new date and who was told", async () => {
    const w = world();
    const { say, add } = fakeChat(w);
    add(account("a1", "admin", null));
    expect(await say("a1", "/giahan STP-3A 30/9 chủ động")).toEqual([
      "Đã chấp nhận gia hạn nhiệm vụ STP-3A của Sở Tư pháp đến 30/09/2024. Việc nhắc hạn sẽ theo ngày mới.\n" +
        "Đơn vị chưa có thủ trưởng hay đầu mối nào liên kết với bot nên chưa báo được cho đơn vị; hãy báo trực tiếp.",
    ]);
    expect(w.extensions.map((e) => e.newDue)).toEqual(["2024-09-30"]);
  });

  it("claim 6: extends nothing without a pending request and shows the explicit form", async () => {
    const w = world();
    const { say, add } = fakeChat(w);
    add(account("a1", "admin", null));
    const [reply] = await say("a1", "/giahan STP-3A 30/9");
    expect(reply).toContain("không có đề nghị gia hạn nào đang chờ");
    expect(reply).toContain("/giahan STP-3A 30/09/2024 chủ động");
    expect(w.extensions).toEqual([]);
  });

  it("asks for a proper date and accepts nothing when the date cannot be read", async () => {
    const w = world();
    const { say, add } = fakeChat(w);
    add(account("a1", "admin", null));
    const [reply] = await say("a1", "/giahan STP-3A sớm");
    expect(reply).toMatch(
      /^Ngày gia hạn chưa đúng hoặc đã qua\..*\/giahan STP-3A \d\d\/\d\d\/2024$/,
    );
    expect(w.extensions).toEqual([]);
  });
});
