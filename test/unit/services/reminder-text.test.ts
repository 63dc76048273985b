import { beforeAll, describe, expect, it } from "vitest";
import type { WorkCalendar } from "../../../src/domain/calendar/index.js";
import { reminderText } from "../../../src/services/reminders.js";
import { loadWorkCalendar } from "../../../src/services/work-calendar.js";
import { occurrence, unit } from "../../fakes/command-services.js";

let calendar: WorkCalendar;
beforeAll(async () => {
  calendar = await loadWorkCalendar();
});

const stp = unit(1, "STP", "Sở Tư pháp");

describe("a check-in reminder of an ongoing task", () => {
  it("names the period the way people say it, not the stored key", () => {
    const base = occurrence(7, "STP-2-2024Q3", stp, "Niêm yết công khai thủ tục hành chính");
    const occ = {
      ...base,
      periodKey: "2024-Q3",
      periodStart: new Date("2024-07-01T00:00:00Z"),
      dueDate: new Date("2024-09-30T00:00:00Z"),
      task: { ...base.task, deadline: { kind: "ongoing" } },
    };
    const text = reminderText(
      occ,
      { kind: "checkin", offsetWorkingDays: 0 },
      "2024-09-20",
      calendar,
      "vi",
    );
    const headline = text.split("\n")[0] ?? "";
    expect(headline).toContain("STP-2-2024Q3");
    expect(headline).toContain("(quý III/2024)");
    expect(headline).not.toContain("2024-Q3");
  });
});

describe("a reminder of a deadline that falls on a day off", () => {
  // "Quý II năm 2024" is due Sunday 30/06/2024: the due day is Friday 28/06.
  const occ = occurrence(8, "STP-3A", stp, "Rà soát quy chế làm việc");

  it("newcomer: on Friday 28/06 the due-day reminder names Friday as the due day and the Sunday as the plan's date", () => {
    const text = reminderText(occ, { kind: "due", offsetWorkingDays: 0 }, "2024-06-28", calendar);
    expect(text).toContain("Hôm nay là hạn nhiệm vụ STP-3A");
    expect(text).toContain(
      "Hạn: Thứ Sáu, ngày 28/06/2024 (hạn gốc: Chủ nhật, ngày 30/06/2024, ngày nghỉ)",
    );
    expect(text).not.toContain("Hạn: Chủ nhật");
  });

  it("newcomer: a reminder a week before counts the days to the Friday", () => {
    const text = reminderText(
      occ,
      { kind: "before", offsetWorkingDays: -5 },
      "2024-06-21",
      calendar,
    );
    expect(text.split("\n")[0]).toBe("🔔 Nhắc hạn nhiệm vụ STP-3A: còn 7 ngày");
  });

  it("newcomer: once the Friday has passed, lateness counts from the plan's date, shown alone", () => {
    const text = reminderText(
      occ,
      { kind: "overdue", offsetWorkingDays: 1 },
      "2024-07-01",
      calendar,
    );
    expect(text.split("\n")[0]).toBe("⚠️ Nhiệm vụ STP-3A đã quá hạn: quá hạn 1 ngày");
    expect(text).toContain("Hạn: Chủ nhật, ngày 30/06/2024\n");
  });

  it("newcomer: a date on a working day is shown as it is, with no note", () => {
    const friday = { ...occ, dueDate: new Date("2024-06-28T00:00:00Z") };
    const text = reminderText(
      friday,
      { kind: "due", offsetWorkingDays: 0 },
      "2024-06-28",
      calendar,
    );
    expect(text).toContain("Hạn: Thứ Sáu, ngày 28/06/2024\n");
    expect(text).not.toContain("hạn gốc");
  });
});
