import { describe, expect, it } from "vitest";
import {
  deadlineErrorMessage,
  describeDeadline,
  undatedWarning,
} from "../../../../src/domain/deadline/describe.js";
import { parseDeadline } from "../../../../src/domain/deadline/parse.js";
import type { Deadline } from "../../../../src/domain/deadline/types.js";
import { DEADLINE_ERROR_CODES } from "../../../../src/domain/deadline/types.js";
import { render } from "../../../../src/i18n.js";

describe("describeDeadline", () => {
  it.each<[Deadline, string, string]>([
    [{ kind: "ongoing" }, "Thường xuyên", "Ongoing"],
    [{ kind: "once", due: "2024-06-30" }, "30/06/2024", "30/06/2024"],
    [{ kind: "once", due: "2025-01-05" }, "05/01/2025", "05/01/2025"],
    [{ kind: "yearly", month: 11, day: 15 }, "Hằng năm, 15/11", "Every year, 15/11"],
    [{ kind: "yearly", month: 3, day: 1 }, "Hằng năm, 01/03", "Every year, 01/03"],
    [{ kind: "years", years: [2024, 2025] }, "Năm 2024, 2025", "Years 2024, 2025"],
    [{ kind: "years", years: [2024] }, "Năm 2024", "Year 2024"],
    [{ kind: "monthly", day: 15 }, "Trước ngày 15 hằng tháng", "Every month, by day 15"],
    [{ kind: "monthly", day: 31 }, "Cuối mỗi tháng", "Every month, by its last day"],
    [{ kind: "quarterly", month: 3, day: 31 }, "Cuối mỗi quý", "Every quarter, by its last day"],
    [
      { kind: "quarterly", month: 3, day: 15 },
      "Trước ngày 15 tháng cuối quý",
      "Every quarter, by day 15 of its last month",
    ],
    [
      { kind: "quarterly", month: 1, day: 10 },
      "Trước ngày 10 tháng đầu quý",
      "Every quarter, by day 10 of its first month",
    ],
    [
      {
        kind: "several",
        deadlines: [
          { kind: "yearly", month: 6, day: 1 },
          { kind: "yearly", month: 11, day: 15 },
        ],
      },
      "Hằng năm, 01/06 và 15/11",
      "Every year, 01/06 and 15/11",
    ],
    [
      {
        kind: "several",
        deadlines: [
          { kind: "monthly", day: 10 },
          { kind: "yearly", month: 12, day: 20 },
        ],
      },
      "Trước ngày 10 hằng tháng; Hằng năm, 20/12",
      "Every month, by day 10; Every year, 20/12",
    ],
  ])("%j → %j", (deadline, vi, en) => {
    expect(render(describeDeadline(deadline), "vi")).toBe(vi);
    expect(render(describeDeadline(deadline), "en")).toBe(en);
  });
});

describe("describeDeadline: a task without a calendar date", () => {
  it("says so in words", () => {
    expect(render(describeDeadline(null), "vi")).toBe("Chưa có thời hạn");
    expect(render(describeDeadline(null), "en")).toBe("No due date");
  });

  it("reads back: every description of a normalised deadline parses to the same deadline", () => {
    const deadlines: Deadline[] = [
      { kind: "ongoing" },
      { kind: "once", due: "2026-03-31" },
      { kind: "yearly", month: 11, day: 15 },
      { kind: "years", years: [2025, 2026] },
      { kind: "monthly", day: 5 },
      { kind: "monthly", day: 31 },
      { kind: "quarterly", month: 2, day: 20 },
      { kind: "quarterly", month: 3, day: 31 },
      {
        kind: "several",
        deadlines: [
          { kind: "yearly", month: 6, day: 30 },
          { kind: "yearly", month: 12, day: 31 },
        ],
      },
      {
        kind: "several",
        deadlines: [
          { kind: "once", due: "2026-06-30" },
          { kind: "once", due: "2026-12-31" },
        ],
      },
    ];
    for (const d of deadlines) {
      expect(parseDeadline(render(describeDeadline(d), "vi"))).toEqual({ ok: true, deadline: d });
    }
  });
});

describe("undatedWarning", () => {
  it("quotes the phrase, or says the plan gives no time", () => {
    expect(render(undatedWarning("Theo kế hoạch riêng"), "vi")).toBe(
      "chưa có thời hạn: “Theo kế hoạch riêng”",
    );
    expect(render(undatedWarning("  "), "vi")).toBe(
      "chưa có thời hạn (kế hoạch không ghi thời gian hoàn thành)",
    );
    expect(render(undatedWarning(""), "en")).toBe(
      "no due date (the plan gives no completion time)",
    );
  });
});

describe("deadlineErrorMessage", () => {
  it.each(DEADLINE_ERROR_CODES.map((code) => [code]))(
    "%s: a sentence of its own, followed by understood examples",
    (code) => {
      for (const locale of ["vi", "en"] as const) {
        const message = render(deadlineErrorMessage(code), locale);
        expect(message).toContain("Quý II năm 2024");
        expect(message).toContain("trước ngày 15/11 hằng năm");
        expect(message).not.toContain("deadline.error");
      }
      const others = DEADLINE_ERROR_CODES.filter((c) => c !== code);
      const own = render(deadlineErrorMessage(code), "vi");
      for (const other of others) expect(render(deadlineErrorMessage(other), "vi")).not.toBe(own);
    },
  );

  it("is a message key with parameters, not words: the caller's locale decides", () => {
    expect(deadlineErrorMessage("missing_year")).toEqual({
      items: [{ key: "deadline.error.missing_year" }, { key: "deadline.error.examples" }],
      separator: " ",
    });
    expect(describeDeadline({ kind: "once", due: "2024-06-30" })).toEqual({
      key: "deadline.describe.once",
      params: { date: "30/06/2024" },
    });
  });

  it("says what is wrong in Vietnamese", () => {
    expect(render(deadlineErrorMessage("impossible_date"), "vi")).toMatch(/không tồn tại/);
    expect(render(deadlineErrorMessage("missing_year"), "vi")).toMatch(/thiếu năm/);
  });
});
