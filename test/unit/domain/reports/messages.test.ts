import { describe, expect, it } from "vitest";
import {
  REPORT_STATUSES,
  parseReportText,
  reportErrorMessage,
  reportProgressLabel,
  reportStatusLabel,
  type ReportParseError,
} from "../../../../src/domain/reports/index.js";
import { render } from "../../../../src/i18n.js";

const ERRORS: ReportParseError[] = [
  "empty",
  "unknown_status",
  "bad_progress",
  "bad_date",
  "date_in_past",
  "missing_reason",
  "missing_date",
];

describe("status labels", () => {
  it("use the Vietnamese task-tracking words", () => {
    expect(REPORT_STATUSES.map((s) => render(reportStatusLabel(s), "vi"))).toEqual([
      "chưa thực hiện",
      "đang thực hiện",
      "gặp vướng mắc",
      "đề nghị gia hạn",
      "hoàn thành",
    ]);
  });

  it("carry the progress while work is under way, in both languages", () => {
    expect(render(reportProgressLabel("in_progress", 40), "vi")).toBe("đang thực hiện 40%");
    expect(render(reportProgressLabel("in_progress", 40), "en")).toBe("in progress 40%");
    expect(render(reportProgressLabel("in_progress", null), "vi")).toBe("đang thực hiện");
    expect(render(reportProgressLabel("done", 100), "vi")).toBe("hoàn thành");
  });

  it("exist in English too", () => {
    expect(render(reportStatusLabel("extension_requested"), "en")).toBe("extension requested");
  });
});

describe("reportErrorMessage", () => {
  it.each(ERRORS)("%s: a full sentence in both languages, no key or placeholder left", (code) => {
    for (const locale of ["vi", "en"] as const) {
      const message = render(reportErrorMessage(code, "2025-08-15"), locale);
      expect(message).not.toContain("report.");
      expect(message).not.toMatch(/\{\{|\}\}/);
      expect(message.length).toBeGreaterThan(40);
    }
  });

  it.each([
    ["missing_reason", /vướng: thiếu kinh phí/],
    ["missing_date", /gia hạn 14\/9/],
    ["date_in_past", /gia hạn 14\/9/],
    ["bad_progress", /0 đến 100/],
    ["unknown_status", /xong.*đang làm 50%.*vướng.*gia hạn.*chưa làm/],
  ] as const)("%s says what to type instead", (code, example) => {
    expect(render(reportErrorMessage(code, "2025-08-15"), "vi")).toMatch(example);
  });

  it("gives the form of a date, never a fixed date that may be past, when today is not known", () => {
    expect(render(reportErrorMessage("missing_date"), "vi")).toContain("gia hạn <ngày/tháng>");
  });

  it("the examples it suggests are themselves understood", () => {
    const today = "2025-08-15";
    const suggested = [
      "xong",
      "đang làm 50%",
      "vướng: thiếu kinh phí",
      "gia hạn 14/9",
      "chưa làm",
      "100%",
      "đang làm 70%",
    ];
    for (const text of suggested) expect(parseReportText(text, today).ok, text).toBe(true);
    expect(render(reportErrorMessage("missing_date", today), "vi")).toContain(
      "xin gia hạn đến hết tháng 10",
    );
    expect(parseReportText("xin gia hạn đến hết tháng 10", today)).toMatchObject({
      ok: true,
      proposedDate: "2025-10-31",
    });
    expect(render(reportErrorMessage("missing_date", today), "vi")).toContain("cho em thêm 1 tuần");
    expect(parseReportText("cho em thêm 1 tuần", today)).toMatchObject({
      ok: true,
      proposedDate: "2025-08-22",
    });
  });
});
