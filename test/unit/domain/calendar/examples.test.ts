import { describe, expect, it } from "vitest";
import { exampleDates } from "../../../../src/domain/calendar/examples.js";
import { setDeadlineMessage } from "../../../../src/services/plans.js";

describe("examples computed from today", () => {
  it("newcomer: a month ahead, a week back and the quarter three months ahead", () => {
    expect(exampleDates("2026-12-02")).toEqual({
      date: "1/1/2027",
      dayMonth: "1/1",
      pastDate: "25/11/2026",
      quarter: "Quý I năm 2027",
    });
    expect(exampleDates("2024-06-28").quarter).toBe("Quý III năm 2024");
  });

  it("newcomer: a deadline with no date is answered with examples that are still ahead", () => {
    const message = setDeadlineMessage(
      { ok: false, reason: "undated" },
      { planCode: "kh", ref: "IV.1", phrase: "Theo kế hoạch riêng", today: "2026-12-02" },
      "vi",
    );
    expect(message).toContain("“1/1/2027”, “Quý I năm 2027”");
    expect(message).not.toContain("2026”");
  });
});
