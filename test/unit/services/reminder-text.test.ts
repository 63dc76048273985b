import { describe, expect, it } from "vitest";
import { reminderText } from "../../../src/services/reminders.js";
import { occurrence, unit } from "../../fakes/command-services.js";

describe("a check-in reminder of an ongoing task", () => {
  it("names the period the way people say it, not the stored key", () => {
    const stp = unit(1, "STP", "Sở Tư pháp");
    const base = occurrence(7, "STP-2-2024Q3", stp, "Niêm yết công khai thủ tục hành chính");
    const occ = {
      ...base,
      periodKey: "2024-Q3",
      periodStart: new Date("2024-07-01T00:00:00Z"),
      dueDate: new Date("2024-09-30T00:00:00Z"),
      task: { ...base.task, deadline: { kind: "ongoing" } },
    };
    const text = reminderText(occ, { kind: "checkin", offsetWorkingDays: 0 }, "2024-09-20", "vi");
    const headline = text.split("\n")[0] ?? "";
    expect(headline).toContain("STP-2-2024Q3");
    expect(headline).toContain("(quý III/2024)");
    expect(headline).not.toContain("2024-Q3");
  });
});
