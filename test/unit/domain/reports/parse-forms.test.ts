import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseLabelledQuestions } from "../../../../src/domain/qa/examples.js";
import { parseReportText } from "../../../../src/domain/reports/index.js";
import { expectReading, TODAY, type Expected } from "./readings.js";

/**
 * The report forms the gate (data/rules/gate.yaml) sends to the report flow, as the parser must
 * read them: with and without diacritics, with teencode.
 */
const FORMS: ReadonlyArray<readonly [string, Expected]> = [
  // handed in: done
  ["đã nộp", { status: "done" }],
  ["da nop", { status: "done" }],
  ["nộp rồi ạ", { status: "done" }],
  ["đã gửi báo cáo", { status: "done" }],
  ["đã gửi bc", { status: "done" }],
  ["gửi kèm báo cáo", { status: "done" }],
  ["gui kem bao cao", { status: "done" }],
  ["em gửi rồi ạ", { status: "done" }],
  ["e gui r a", { status: "done" }],
  ["em đã báo cáo rồi ạ", { status: "done" }],
  ["báo cáo đã gửi", { status: "done" }],
  ["đã trình ký", { status: "done" }],
  ["đã gửi file qua zalo", { status: "done", note: "đã gửi file qua zalo" }],
  ["xong rồi, mai em gửi báo cáo", { status: "done", note: "xong rồi, mai em gửi báo cáo" }],
  // done
  ["xong rồi nhé", { status: "done" }],
  ["ok xong", { status: "done" }],
  ["oke xg r", { status: "done" }],
  ["đã hoàn thành 100%", { status: "done", progress: 100 }],
  ["da hoan thanh 100%", { status: "done", progress: 100 }],
  ["xong xuôi rồi ạ", { status: "done" }],
  ["đã làm xong", { status: "done" }],
  // in progress, with a share or a day to come (kept in the note: a report has no expected date)
  ["được 60%", { status: "in_progress", progress: 60 }],
  ["dc 60%", { status: "in_progress", progress: 60 }],
  ["mới được 30%", { status: "in_progress", progress: 30 }],
  ["sắp xong", { status: "in_progress" }],
  ["sap xong r", { status: "in_progress" }],
  ["còn ít nữa là xong", { status: "in_progress" }],
  ["mai em gửi", { status: "in_progress", note: "mai em gửi" }],
  ["mai e gui", { status: "in_progress", note: "mai e gui" }],
  ["chiều nay em nộp", { status: "in_progress", note: "chiều nay em nộp" }],
  ["tuần sau xong ạ", { status: "in_progress", note: "tuần sau xong ạ" }],
  ["chắc thứ 6 xong", { status: "in_progress", note: "chắc thứ 6 xong" }],
  ["chac thu 6 xong", { status: "in_progress", note: "chac thu 6 xong" }],
  ["sẽ nộp", { status: "in_progress" }],
  ["đang tổng hợp", { status: "in_progress" }],
  ["dg tong hop", { status: "in_progress" }],
  ["đang dự thảo", { status: "in_progress" }],
  ["làm được một nửa rồi", { status: "in_progress", note: "làm được một nửa rồi" }],
  ["đang chờ ký", { status: "in_progress", note: "đang chờ ký" }],
  // not started
  ["chưa làm", { status: "not_started" }],
  ["chua trien khai", { status: "not_started" }],
  ["chx lm", { status: "not_started" }],
  // blocked, the reason given
  ["thiếu kinh phí", { status: "blocked", note: "thiếu kinh phí" }],
  ["thieu kinh phi", { status: "blocked", note: "thieu kinh phi" }],
  ["thiếu người", { status: "blocked", note: "thiếu người" }],
  ["chưa có hướng dẫn", { status: "blocked", note: "chưa có hướng dẫn" }],
  ["chờ ý kiến chỉ đạo", { status: "blocked", note: "chờ ý kiến chỉ đạo" }],
  ["cho y kien chi dao", { status: "blocked", note: "cho y kien chi dao" }],
  ["đang đợi ý kiến chỉ đạo", { status: "blocked", note: "đang đợi ý kiến chỉ đạo" }],
  ["chờ sở phản hồi", { status: "blocked", note: "chờ sở phản hồi" }],
  ["chưa làm được vì thiếu kinh phí", { status: "blocked", note: "thiếu kinh phí" }],
  ["chua lam dc do chua co huong dan", { status: "blocked", note: "chua co huong dan" }],
  ["chưa triển khai được vì thiếu kinh phí", { status: "blocked", note: "thiếu kinh phí" }],
  ["khó khăn về nhân lực", { status: "blocked", note: "nhân lực" }],
  ["bị kẹt ở khâu thẩm định", { status: "blocked", note: "ở khâu thẩm định" }],
  ["vướng mặt bằng", { status: "blocked", note: "mặt bằng" }],
  ["thiếu kinh phí, được 30%", { status: "blocked", progress: 30, note: "thiếu kinh phí" }],
  // blocked, no reason given: asked for it (nothing is made up)
  ["vướng", "missing_reason"],
  ["bị kẹt", "missing_reason"],
  ["chưa làm được", "missing_reason"],
  // another status word says more than the reason
  ["chưa xong, còn thiếu số liệu", { status: "in_progress", note: "còn thiếu số liệu" }],
  ["đang làm, thiếu người", { status: "in_progress", note: "thiếu người" }],
  ["thiếu kinh phí nên chưa làm", { status: "not_started", note: "thiếu kinh phí nên chưa làm" }],
  ["không thiếu kinh phí, đã xong", { status: "done", note: "không thiếu kinh phí" }],
  // more time, counted from today
  ["cho em thêm 1 tuần", { status: "extension_requested", proposedDate: "2025-08-22" }],
  ["cho e them 1 tuan", { status: "extension_requested", proposedDate: "2025-08-22" }],
  ["cho em thêm 1 tuần được không", { status: "extension_requested", proposedDate: "2025-08-22" }],
  ["cho em thêm 3 ngày nhé", { status: "extension_requested", proposedDate: "2025-08-18" }],
  ["xin thêm hai hôm", { status: "extension_requested", proposedDate: "2025-08-17" }],
  ["cho em khất 3 ngày", { status: "extension_requested", proposedDate: "2025-08-18" }],
  ["cho em nộp muộn 2 hôm", { status: "extension_requested", proposedDate: "2025-08-17" }],
  ["xin gia hạn thêm một tháng", { status: "extension_requested", proposedDate: "2025-09-15" }],
  ["cho em khất đến thứ 6", { status: "extension_requested", proposedDate: "2025-08-22" }],
  ["xin khat den thu 2", { status: "extension_requested", proposedDate: "2025-08-18" }],
  ["xin gia hạn đến chủ nhật", { status: "extension_requested", proposedDate: "2025-08-17" }],
  ["xin gia hạn đến mai", { status: "extension_requested", proposedDate: "2025-08-16" }],
  ["xin lùi hạn đến 20/1", { status: "extension_requested", proposedDate: "2026-01-20" }],
  ["xin lui han den 20/1", { status: "extension_requested", proposedDate: "2026-01-20" }],
  ["cho em lùi hạn đến 20/12", { status: "extension_requested", proposedDate: "2025-12-20" }],
  ["xin hoãn đến 15/1", { status: "extension_requested", proposedDate: "2026-01-15" }],
  ["xin gia hạn đến cuối tháng", { status: "extension_requested", proposedDate: "2025-08-31" }],
  ["xin lùi hạn sang tháng sau", { status: "extension_requested", proposedDate: "2025-09-30" }],
  ["xin gia hạn thêm 999 tuần", "bad_date"],
  // more time, no day given: asked for it
  ["xin khất", "missing_date"],
  ["xin thêm thời gian", "missing_date"],
  ["xin lùi sang tuần sau", "missing_date"],
  ["cho em xin thêm ít hôm nữa", "missing_date"],
  ["xin nộp chậm", "missing_date"],
  ["xin phép lùi thời hạn", "missing_date"],
  ["gia hạn vì chị Mai ốm", "missing_date"],
  ["xin khat den t3", "missing_date"],
  // ambiguous: the help
  ["ok", "unknown_status"],
  ["thiếu", "unknown_status"],
  ["chưa nộp", "unknown_status"],
  ["chưa gửi báo cáo", "unknown_status"],
  ["gửi xe ở đâu", "unknown_status"],
  ["báo cáo cho sở", "unknown_status"],
  ["báo cáo cho lãnh đạo", "unknown_status"],
  ["xin cho ý kiến", "unknown_status"],
  ["ngày thiếu nhi", "unknown_status"],
  ["thêm 1 tuần", "unknown_status"],
  ["lùi 1 tuần", "unknown_status"],
  ["xin thêm tài liệu", "unknown_status"],
  ["mai", "unknown_status"],
  ["chắc", "unknown_status"],
];

describe("parseReportText reads the forms the gate passes on", () => {
  it.each(FORMS)("%j", (text, expected) => expectReading(text, expected));

  it.each([
    ["xin khất đến thứ 6", "2025-08-13", "2025-08-15", "this week's Friday on a Wednesday"],
    ["xin khất đến thứ 6", "2025-08-15", "2025-08-22", "next Friday on a Friday"],
    ["xin khất đến thứ sáu tuần sau", "2025-08-13", "2025-08-22", "next week's Friday"],
    ["gia hạn đến chủ nhật tuần sau", "2025-08-17", "2025-08-24", "a Sunday ends its week"],
    ["cho em thêm 1 tuần", "2025-12-29", "2026-01-05", "across the year"],
    ["xin gia hạn thêm 1 tháng", "2026-01-31", "2026-02-28", "the end of a shorter month"],
    ["xin gia hạn đến cuối tháng", "2025-12-03", "2025-12-31", "this month"],
    ["xin lùi sang tháng sau", "2025-12-03", "2026-01-31", "next month, next year"],
  ])("%j on %s → %s (%s)", (text, today, date) => {
    expect(parseReportText(text, today)).toMatchObject({
      ok: true,
      status: "extension_requested",
      proposedDate: date,
    });
  });

  it("reads every report of the gate's development examples without the unknown_status help", () => {
    const texts = ["qa-dev-gate.jsonl", "qa-dev-gate-2.jsonl"].flatMap((file) =>
      parseLabelledQuestions(
        readFileSync(new URL(`../../../../data/rules/examples/${file}`, import.meta.url), "utf8"),
        file,
      )
        .filter((example) => example.kind === "report")
        .map((example) => example.q),
    );
    expect(texts.length).toBeGreaterThan(150);
    const unread = texts.filter((text) => {
      const result = parseReportText(text, TODAY);
      return !result.ok && result.error === "unknown_status";
    });
    expect(unread).toEqual([]);
  });
});
