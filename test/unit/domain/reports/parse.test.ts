import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parseReportText } from "../../../../src/domain/reports/index.js";
import { expectReading, type Expected } from "./readings.js";

/** How people actually type a report, with the reading the bot must make of it (today 15/08/2025). */
const CASES: ReadonlyArray<readonly [string, Expected]> = [
  // done
  ["xong", { status: "done" }],
  ["Xong", { status: "done" }],
  ["XONG!!!", { status: "done" }],
  ["da xong", { status: "done" }],
  ["đã xong", { status: "done" }],
  ["Đã xong ạ", { status: "done" }],
  ["xong rồi", { status: "done" }],
  ["ok xong rồi", { status: "done" }],
  ["ok xong r a", { status: "done" }],
  ["xog r", { status: "done" }],
  ["xg", { status: "done" }],
  ["hoàn thành", { status: "done" }],
  ["hoan thanh", { status: "done" }],
  ["Đã hoàn thành nhiệm vụ", { status: "done" }],
  ["hoàn tất", { status: "done" }],
  ["ht", { status: "done" }],
  ["HT", { status: "done" }],
  ["done", { status: "done" }],
  ["Done.", { status: "done" }],
  ["completed", { status: "done" }],
  ["100%", { status: "done", progress: 100 }],
  ["đã hoàn thành 100%", { status: "done", progress: 100 }],
  ["đang làm 100%", { status: "done", progress: 100 }],
  ["đã triển khai", { status: "done" }],
  ["đã thực hiện", { status: "done" }],
  [
    "Đã xong, đã gửi báo cáo số 45/BC-UBND",
    { status: "done", note: "đã gửi báo cáo số 45/BC-UBND" },
  ],
  [
    "xong, đã tổ chức hội nghị ngày 12/8",
    { status: "done", note: "đã tổ chức hội nghị ngày 12/8" },
  ],
  ["ｘｏｎｇ ％", { status: "done" }],
  ["Xong 👍", { status: "done" }],
  // in progress
  ["đang làm 50%", { status: "in_progress", progress: 50 }],
  ["dang lam, 70%", { status: "in_progress", progress: 70 }],
  ["50%", { status: "in_progress", progress: 50 }],
  ["đang thực hiện 30 %", { status: "in_progress", progress: 30 }],
  ["đang thực hiện", { status: "in_progress" }],
  ["dang thuc hien", { status: "in_progress" }],
  ["đang triển khai", { status: "in_progress" }],
  ["Đang làm", { status: "in_progress" }],
  ["đang", { status: "in_progress" }],
  ["đg lm 40%", { status: "in_progress", progress: 40 }],
  ["dg lam 40 %", { status: "in_progress", progress: 40 }],
  ["ddang lam 20%", { status: "in_progress", progress: 20 }],
  ["tiến độ 70", { status: "in_progress", progress: 70 }],
  ["tien do: 65", { status: "in_progress", progress: 65 }],
  ["đạt 80%", { status: "in_progress", progress: 80 }],
  ["được 45 phần trăm", { status: "in_progress", progress: 45 }],
  ["đang làm 33,5%", { status: "in_progress", progress: 34 }],
  ["hoàn thành 80%", { status: "in_progress", progress: 80 }],
  ["xong 90%", { status: "in_progress", progress: 90 }],
  ["80% hoàn thành", { status: "in_progress", progress: 80 }],
  [
    "xong, tỷ lệ cán bộ tham gia tập huấn đạt 95%",
    { status: "done", note: "tỷ lệ cán bộ tham gia tập huấn đạt 95%" },
  ],
  ["chưa xong", { status: "in_progress" }],
  ["chua xong dau", { status: "in_progress" }],
  ["chưa xong, còn thiếu số liệu", { status: "in_progress", note: "còn thiếu số liệu" }],
  ["chưa hoàn thành", { status: "in_progress" }],
  ["chưa thực hiện xong", { status: "in_progress" }],
  ["sắp xong", { status: "in_progress" }],
  ["sẽ hoàn thành trước 30/9", { status: "in_progress", note: "sẽ hoàn thành trước 30/9" }],
  // Waiting on direction is what holds the task up: blocked, the sentence is the reason.
  ["đang chờ ý kiến của UBND tỉnh", { status: "blocked", note: "đang chờ ý kiến của UBND tỉnh" }],
  // "chưa làm được" says it cannot be done: blocked, with the reason after "vì".
  ["chưa làm được vì thiếu người", { status: "blocked", note: "thiếu người" }],
  [
    "đang làm 60%, đã xong phần khảo sát",
    { status: "in_progress", progress: 60, note: "đã xong phần khảo sát" },
  ],
  ["in progress", { status: "in_progress" }],
  // blocked
  ["vướng: thiếu kinh phí", { status: "blocked", note: "thiếu kinh phí" }],
  ["vuong mac thieu nguoi", { status: "blocked", note: "thieu nguoi" }],
  [
    "Gặp vướng mắc: chưa có hướng dẫn của Bộ",
    { status: "blocked", note: "chưa có hướng dẫn của Bộ" },
  ],
  ["vướng mắc do thiếu người", { status: "blocked", note: "thiếu người" }],
  ["khó khăn: thiếu máy tính", { status: "blocked", note: "thiếu máy tính" }],
  ["kho khan vi chua co kinh phi", { status: "blocked", note: "chua co kinh phi" }],
  ["bị tắc ở khâu thẩm định", { status: "blocked", note: "ở khâu thẩm định" }],
  ["không thể hoàn thành do thiếu kinh phí", { status: "blocked", note: "thiếu kinh phí" }],
  [
    "đang làm 50%, vướng thiếu kinh phí",
    { status: "blocked", progress: 50, note: "thiếu kinh phí" },
  ],
  ["blocked: no budget", { status: "blocked", note: "no budget" }],
  ["vướng", "missing_reason"],
  ["vướng mắc", "missing_reason"],
  ["khó khăn: …", "missing_reason"],
  ["gặp khó khăn ạ", "missing_reason"],
  ["không có vướng mắc gì, đã xong", { status: "done", note: "không có vướng mắc gì" }],
  [
    "khong gap kho khan, dang lam 40%",
    { status: "in_progress", progress: 40, note: "khong gap kho khan" },
  ],
  // extension
  ["gia hạn 30/9", { status: "extension_requested", proposedDate: "2025-09-30" }],
  ["xin gia han den 15/10/2025", { status: "extension_requested", proposedDate: "2025-10-15" }],
  [
    "Đề nghị gia hạn đến ngày 30/9/2025",
    { status: "extension_requested", proposedDate: "2025-09-30" },
  ],
  ["gia hạn 15-10-25", { status: "extension_requested", proposedDate: "2025-10-15" }],
  ["gia hạn 20.9", { status: "extension_requested", proposedDate: "2025-09-20" }],
  ["gh 15/11", { status: "extension_requested", proposedDate: "2025-11-15" }],
  [
    "gia hạn đến ngày 30 tháng 9 năm 2025",
    { status: "extension_requested", proposedDate: "2025-09-30" },
  ],
  ["xin gia hạn đến hết tháng 10", { status: "extension_requested", proposedDate: "2025-10-31" }],
  ["xin lùi hạn sang tháng 11/2025", { status: "extension_requested", proposedDate: "2025-11-30" }],
  ["gia hạn đến cuối quý III", { status: "extension_requested", proposedDate: "2025-09-30" }],
  ["gia han het quy 4", { status: "extension_requested", proposedDate: "2025-12-31" }],
  ["xin gia hạn đến cuối năm", { status: "extension_requested", proposedDate: "2025-12-31" }],
  ["xin gia hạn 15/1/2026", { status: "extension_requested", proposedDate: "2026-01-15" }],
  [
    "gia hạn đến 15/8 (hôm nay)",
    { status: "extension_requested", proposedDate: "2025-08-15", note: "(hôm nay)" },
  ],
  [
    "xin gia hạn đến hết tháng 10 vì chờ kinh phí",
    { status: "extension_requested", proposedDate: "2025-10-31", note: "chờ kinh phí" },
  ],
  [
    "đang làm 70%, đề nghị gia hạn 30/9",
    { status: "extension_requested", progress: 70, proposedDate: "2025-09-30", note: "đang làm" },
  ],
  ["extend to 30/9", { status: "extension_requested", proposedDate: "2025-09-30" }],
  ["gia hạn", "missing_date"],
  ["xin gia hạn thêm 2 tuần", { status: "extension_requested", proposedDate: "2025-08-29" }],
  ["gia hạn 31/2", "bad_date"],
  ["gia hạn 32/10", "bad_date"],
  ["gia hạn 15/13", "bad_date"],
  ["gia hạn 15/10/2099", "bad_date"],
  ["gia hạn 30/9/2024", "date_in_past"],
  ["gia hạn 14/8", "date_in_past"],
  // not started
  ["chưa làm", { status: "not_started" }],
  ["chua thuc hien", { status: "not_started" }],
  ["Chưa thực hiện", { status: "not_started" }],
  ["chưa triển khai", { status: "not_started" }],
  ["chưa bắt đầu", { status: "not_started" }],
  ["chx lam", { status: "not_started" }],
  ["chưa ạ", { status: "not_started" }],
  ["0%", { status: "not_started", progress: 0 }],
  [
    "chưa làm, dự kiến tháng 9 triển khai",
    { status: "not_started", note: "dự kiến tháng 9 triển khai" },
  ],
  // progress out of range
  ["150%", "bad_progress"],
  ["-10%", "bad_progress"],
  ["đang làm 120%", "bad_progress"],
  ["đạt 150", "bad_progress"],
  ["xong 1000%", "bad_progress"],
  ["vướng 200%", "bad_progress"],
  ["gia hạn 30/9, đã làm 110%", "bad_progress"],
  ["đã xong, đạt 120% kế hoạch năm", { status: "done", note: "đạt 120% kế hoạch năm" }],
  // nothing to read
  ["", "empty"],
  ["   ", "empty"],
  ["...", "empty"],
  ["\n\t", "empty"],
  ["ok", "unknown_status"],
  ["👍", "unknown_status"],
  ["alo", "unknown_status"],
  ["báo cáo nhiệm vụ IV.3", "unknown_status"],
  ["chưa có ý kiến", "unknown_status"],
];

describe("parseReportText", () => {
  it("has at least 70 ways of typing in its table", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(70);
  });

  it.each(CASES)("%j", (text, expected) => expectReading(text, expected));

  it.each([
    ["gia hạn 15/1", "2024-12-20", "2025-01-15", "in December, January is next year"],
    ["gia hạn 30/12", "2025-01-05", "date_in_past", "in early January, 30/12 is the one just gone"],
    ["gia hạn 30/9", "2025-10-02", "date_in_past", "two days late is in the past, not next year"],
    ["gia hạn 29/2", "2027-06-01", "bad_date", "no 29/2 in 2027"],
    ["gia hạn 29/2", "2028-01-10", "2028-02-29", "a leap year"],
    ["gia hạn hết tháng 2", "2025-12-20", "2026-02-28", "end of next February"],
  ])("infers the year of %j on %s → %s (%s)", (text, today, expected) => {
    const result = parseReportText(text, today);
    if (/^\d{4}-/.test(expected))
      expect(result).toMatchObject({ ok: true, proposedDate: expected });
    else expect(result).toEqual({ ok: false, error: expected });
  });

  it("refuses a malformed today (a programming error, not a user error)", () => {
    expect(() => parseReportText("xong", "15/08/2025")).toThrow(RangeError);
  });

  it("never throws, and what it accepts is well-formed (property)", () => {
    const vietnamese = fc.constantFrom(
      ..."xong đang làm vướng mắc khó khăn gia hạn chưa thực hiện hoàn thành đã ht ok rồi ạ do vì tháng quý năm ngày hết cuối % / - . , : 0 1 2 9 10 30 100 150 -5 ... 👍 ｘ đ Đ ư ơ \n".split(
        " ",
      ),
    );
    const messy = fc.oneof(
      fc.string({ maxLength: 80 }),
      fc.string({ unit: "binary", maxLength: 40 }),
      fc.array(vietnamese, { maxLength: 12 }).map((ws) => ws.join(" ")),
    );
    const today = fc
      .integer({ min: 0, max: 3650 })
      .map((d) => new Date(Date.UTC(2024, 0, 1 + d)).toISOString().slice(0, 10));
    fc.assert(
      fc.property(messy, today, (text, day) => {
        const result = parseReportText(text, day);
        if (!result.ok) return;
        if (result.progress !== undefined) {
          expect(Number.isInteger(result.progress)).toBe(true);
          expect(result.progress).toBeGreaterThanOrEqual(0);
          expect(result.progress).toBeLessThanOrEqual(100);
        }
        if (result.status === "extension_requested") {
          expect(result.proposedDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          expect(result.proposedDate! >= day).toBe(true);
        } else {
          expect(result.proposedDate).toBeUndefined();
        }
        if (result.status === "blocked") expect(result.note?.trim().length).toBeGreaterThan(0);
        if (result.note !== undefined) expect(result.note).toBe(result.note.trim());
      }),
      { numRuns: 3000 },
    );
  });
});
