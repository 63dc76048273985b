import { describe, expect, it } from "vitest";
import { deadlineErrorMessage, describeDeadline } from "../../src/domain/deadline/describe.js";
import type { Deadline } from "../../src/domain/deadline/types.js";
import { DEADLINE_ERROR_CODES } from "../../src/domain/deadline/types.js";

describe("describeDeadline", () => {
  it.each<[Deadline, string, string]>([
    [{ kind: "ongoing" }, "Thường xuyên", "Ongoing"],
    [{ kind: "once", due: "2024-06-30" }, "30/06/2024", "30/06/2024"],
    [{ kind: "once", due: "2025-01-05" }, "05/01/2025", "05/01/2025"],
    [{ kind: "yearly", month: 11, day: 15 }, "Hằng năm, 15/11", "Every year, 15/11"],
    [{ kind: "yearly", month: 3, day: 1 }, "Hằng năm, 01/03", "Every year, 01/03"],
    [{ kind: "years", years: [2024, 2025] }, "Năm 2024, 2025", "Years 2024, 2025"],
    [{ kind: "years", years: [2024] }, "Năm 2024", "Year 2024"],
  ])("%j → %j", (deadline, vi, en) => {
    expect(describeDeadline(deadline, "vi")).toBe(vi);
    expect(describeDeadline(deadline, "en")).toBe(en);
  });
});

describe("deadlineErrorMessage", () => {
  it.each(DEADLINE_ERROR_CODES.map((code) => [code]))(
    "%s: a sentence of its own, followed by understood examples",
    (code) => {
      for (const locale of ["vi", "en"] as const) {
        const message = deadlineErrorMessage(code, locale);
        expect(message).toContain("Quý II năm 2024");
        expect(message).toContain("trước ngày 15/11 hằng năm");
        expect(message).not.toContain("deadline.error");
      }
      const others = DEADLINE_ERROR_CODES.filter((c) => c !== code);
      const own = deadlineErrorMessage(code, "vi");
      for (const other of others) expect(deadlineErrorMessage(other, "vi")).not.toBe(own);
    },
  );

  it("says what is wrong in Vietnamese by default", () => {
    expect(deadlineErrorMessage("impossible_date", "vi")).toMatch(/không tồn tại/);
    expect(deadlineErrorMessage("missing_year", "vi")).toMatch(/thiếu năm/);
  });
});
