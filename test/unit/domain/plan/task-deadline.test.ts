import { describe, expect, it } from "vitest";
import type { Deadline, RecurringDeadline } from "../../../../src/domain/deadline/types.js";
import {
  deadlineLabelText,
  inlineDeadline,
  parseTaskDeadline,
  readDeadline,
  undatedTaskWarnings,
} from "../../../../src/domain/plan/task-deadline.js";
import type { ParsedTask } from "../../../../src/domain/plan/types.js";
import { deadlineLine } from "../../../../src/cli/deadline.js";
import { said } from "../../../helpers/plan-errors.js";

// Sentences in the style of plan bodies, in our own words.

describe("deadlineLabelText: the label variants of real plans", () => {
  it.each([
    ["Thời gian hoàn thành: Quý IV/2025.", "Quý IV/2025"],
    ["Thời gian thực hiện: Thường xuyên", "Thường xuyên"],
    ["Thời hạn ban hành: tháng 9/2025", "tháng 9/2025"],
    ["Thời hạn hoàn thành: trước ngày 30/6/2026.", "trước ngày 30/6/2026"],
    ["Thời hạn thực hiện: Hằng năm", "Hằng năm"],
    ["Thời gian: Năm 2026", "Năm 2026"],
    ["Tiến độ: Quý II/2026", "Quý II/2026"],
    ["Tiến độ thực hiện: Theo kế hoạch riêng", "Theo kế hoạch riêng"],
    ["- Thời gian thực hiện: Hằng năm.", "Hằng năm"],
    ["+ Thời hạn hoàn thành: tháng 12/2025", "tháng 12/2025"],
    ["c) Thời gian thực hiện: Quý III/2026", "Quý III/2026"],
    ["a) Thời hạn: trước ngày 15 hằng tháng", "trước ngày 15 hằng tháng"],
    ["THỜI GIAN HOÀN THÀNH: Thường xuyên", "Thường xuyên"],
    ["Thời hạn trình UBND tỉnh: tháng 10/2025", "tháng 10/2025"],
    ["- Thời gian gửi báo cáo về Sở Nội vụ: trước ngày 20 hằng tháng", "trước ngày 20 hằng tháng"],
    ["Thời gian hoàn thành:", ""],
  ])("%j → %j", (line, phrase) => {
    expect(deadlineLabelText(line)).toBe(phrase);
  });

  it.each([
    "Tiến độ thực hiện các nhiệm vụ năm 2025 còn chậm.",
    "Thời gian qua, các cơ quan đã triển khai nhiều việc.",
    "a) Nhiệm vụ: Rà soát quy chế làm việc",
    "Sở Nội vụ chủ trì, phối hợp các sở.",
    "Thời gian qua, tỉnh đã làm được: nhiều việc.",
  ])("%j is not a deadline line", (line) => {
    expect(deadlineLabelText(line)).toBeNull();
  });
});

const once = (due: string): Deadline => ({ kind: "once", due });
const yearly = (month: number, day: number): RecurringDeadline => ({ kind: "yearly", month, day });

describe("inlineDeadline: a deadline written inside the task's sentence", () => {
  it.each<[string, string, Deadline]>([
    [
      "Rà soát, sửa đổi quy chế làm việc của cơ quan, xong trong tháng 9/2026.",
      "xong trong tháng 9/2026",
      once("2026-09-30"),
    ],
    [
      "Gửi báo cáo kết quả về Sở Nội vụ hằng năm (trước ngày 20 tháng 11) để tổng hợp.",
      "hằng năm (trước ngày 20 tháng 11)",
      yearly(11, 20),
    ],
    [
      "Báo cáo kết quả định kỳ trước ngày 05/6 và 20/11 hằng năm (hoặc đột xuất khi được yêu cầu).",
      "định kỳ trước ngày 05/6 và 20/11 hằng năm",
      {
        kind: "several",
        deadlines: [yearly(6, 5), yearly(11, 20)],
      },
    ],
    [
      "Tổng hợp, gửi Bộ Nội vụ trước ngày 25 tháng 11 hàng năm.",
      "trước ngày 25 tháng 11 hàng năm",
      yearly(11, 25),
    ],
    [
      "Các sở gửi số liệu về Sở Tài chính trước ngày 10 hằng tháng.",
      "trước ngày 10 hằng tháng",
      { kind: "monthly", day: 10 },
    ],
    [
      "Thực hiện Kế hoạch số 12/KH-UBND ngày 03/02/2025, hoàn thành trước ngày 30/6/2025.",
      "trước ngày 30/6/2025",
      once("2025-06-30"),
    ],
    [
      "Xây dựng dự thảo quy chế. Thời hạn trình UBND tỉnh: tháng 8/2026.",
      "tháng 8/2026",
      once("2026-08-31"),
    ],
    [
      "Triển khai hệ thống; Thời gian hoàn thành: Quý I/2026; tổ chức sơ kết.",
      "Quý I/2026",
      once("2026-03-31"),
    ],
  ])("%j", (sentence, phrase, deadline) => {
    const found = inlineDeadline(sentence);
    expect(found?.phrase).toBe(phrase);
    expect(parseTaskDeadline(found?.phrase ?? "", sentence)).toEqual({ ok: true, deadline });
  });

  it.each([
    // Document dates are not deadlines.
    "Quán triệt Nghị quyết số 18/NQ-TW ngày 25/10/2017 của Ban Chấp hành Trung ương.",
    "Tiếp tục thực hiện Quyết định số 1847/QĐ-TTg ngày 27/12/2018 của Thủ tướng Chính phủ.",
    "Căn cứ Luật số 45/2019/QH14 được Quốc hội thông qua ngày 22/11/2019.",
    "Thực hiện Chỉ thị được ban hành vào ngày 15/3/2024 của UBND tỉnh.",
    // Targets and spans inside a goal sentence.
    "Phấn đấu đến năm 2030, 100% thủ tục được giải quyết trực tuyến.",
    "Mục tiêu giai đoạn 2026-2030 là nâng cao chất lượng phục vụ.",
    "Đến hết năm 2027, mỗi xã có ít nhất một điểm hỗ trợ.",
    // Past spans.
    "Từ năm 2020 đến nay, tỉnh đã ban hành nhiều văn bản.",
    "Trong năm 2024, tỉnh đã đạt 95% chỉ tiêu.",
    // No deadline at all.
    "Làm việc thường xuyên với cơ sở để nắm tình hình.",
  ])("finds no deadline in %j", (sentence) => {
    expect(inlineDeadline(sentence)).toBeNull();
  });
});

describe("parseTaskDeadline and readDeadline", () => {
  it("reads 'trước ngày 15/12' as yearly when the task says 'hằng năm' elsewhere", () => {
    expect(
      parseTaskDeadline("trước ngày 15/12", "Hằng năm, tổng hợp và gửi báo cáo trước ngày 15/12"),
    ).toEqual({ ok: true, deadline: yearly(12, 15) });
  });

  it("reads a labelled sentence by the deadline inside it", () => {
    expect(
      parseTaskDeadline(
        "Định kỳ báo cáo Sở Nội vụ kết quả hằng năm (trước ngày 10 tháng 12) hoặc khi được yêu cầu",
        "",
      ),
    ).toEqual({ ok: true, deadline: yearly(12, 10) });
  });

  it("keeps an undated phrase undated and an unknown one an error", () => {
    expect(readDeadline("Theo kế hoạch riêng")).toEqual({
      ok: true,
      deadline: null,
      undated: "other_plan",
    });
    expect(readDeadline("Phấn đấu đến năm 2030 đạt 100%").ok).toBe(false);
  });
});

describe("vhcv deadline --jsonl lines", () => {
  it("prints the undated variant with its reason", () => {
    expect(deadlineLine("Sau khi Nghị định được ban hành")).toEqual({
      text: "Sau khi Nghị định được ban hành",
      deadline: null,
      error: null,
      undated: "conditional",
    });
  });

  it("prints the new kinds", () => {
    expect(deadlineLine("Hằng quý")).toEqual({
      text: "Hằng quý",
      deadline: { kind: "quarterly", month: 3, day: 31 },
      error: null,
    });
  });

  it("keeps the error contract for phrases it does not understand", () => {
    const line = deadlineLine("càng sớm càng tốt");
    expect(line.deadline).toBeNull();
    expect(line.error).toMatch(/Không hiểu/);
    expect("undated" in line).toBe(false);
  });
});

describe("undatedTaskWarnings", () => {
  const task = (ref: string, deadlineText: string, deadline: Deadline | null): ParsedTask => ({
    ref,
    unit: "Sở Nội vụ",
    assignees: { unitNames: ["Sở Nội vụ"], unitKinds: [] },
    cooperating: [],
    title: "Việc",
    body: "",
    deadlineText,
    deadline,
    line: Number(ref) * 10,
  });

  it("warns about each task without a calendar date, with its line", () => {
    const tasks = [
      task("1", "Theo kế hoạch riêng", null),
      task("2", "Quý I/2026", once("2026-03-31")),
      task("3", "", null),
    ];
    const warnings = undatedTaskWarnings(tasks, "ke-hoach.yaml");
    expect(warnings.map((w) => ({ ...w, message: said(w.message) }))).toEqual([
      { file: "ke-hoach.yaml", line: 10, message: "1: chưa có thời hạn: “Theo kế hoạch riêng”" },
      {
        file: "ke-hoach.yaml",
        line: 30,
        message: "3: chưa có thời hạn (kế hoạch không ghi thời gian hoàn thành)",
      },
    ]);
    expect(tasks.map((t) => (t.warning === undefined ? undefined : said(t.warning)))).toEqual([
      "chưa có thời hạn: “Theo kế hoạch riêng”",
      undefined,
      "chưa có thời hạn (kế hoạch không ghi thời gian hoàn thành)",
    ]);
    // A second pass does not add a second warning.
    expect(undatedTaskWarnings(tasks, "ke-hoach.yaml")).toEqual(warnings);
  });
});
