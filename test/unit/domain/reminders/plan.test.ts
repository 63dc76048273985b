import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { createWorkCalendar, parseHolidayFile } from "../../../../src/domain/calendar/index.js";
import {
  DEFAULT_REMINDER_POLICY,
  mergePolicy,
  planReminders,
  type OccurrenceToPlan,
  type PlannedReminder,
  type ReminderPolicy,
} from "../../../../src/domain/reminders/index.js";

const HOLIDAY_DIR = new URL("../../../../data/holidays/", import.meta.url);
const cal = createWorkCalendar(
  readdirSync(HOLIDAY_DIR)
    .filter((name) => /^vn-\d{4}\.json$/.test(name))
    .map((name) =>
      parseHolidayFile(JSON.parse(readFileSync(new URL(name, HOLIDAY_DIR), "utf8")), name),
    ),
);
const vn = (local: string) => new Date(`${local}+07:00`);
/** The Thái Nguyên plan runs 2024–2025. */
const PLAN_PERIOD = { from: vn("2024-01-01T00:00"), to: vn("2026-01-01T00:00") };
const policy = DEFAULT_REMINDER_POLICY;

const plan = (occ: Partial<OccurrenceToPlan>, p: ReminderPolicy = policy, window = PLAN_PERIOD) =>
  planReminders({ due: null, done: false, ...occ }, p, cal, window);
const dates = (rs: PlannedReminder[], kind?: PlannedReminder["kind"]) =>
  rs.filter((r) => kind === undefined || r.kind === kind).map((r) => r.forDate);

/** Days no reminder may fall on. */
const NEVER = [
  ["Tết 2025", ["2025-01-27", "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31"]],
  ["30/4–1/5 2025", ["2025-04-30", "2025-05-01", "2025-05-02"]],
  ["Tết 2024", ["2024-02-08", "2024-02-09", "2024-02-12", "2024-02-13", "2024-02-14"]],
  ["Quốc khánh 2024", ["2024-09-02", "2024-09-03"]],
  ["Quốc khánh 2025", ["2025-09-01", "2025-09-02"]],
] as const;

function expectOnlyWorkingTime(rs: PlannedReminder[]) {
  for (const r of rs) {
    expect(cal.isWorkingTime(r.sendAt), `${r.kind} ${r.forDate}`).toBe(true);
    expect(cal.localDate(r.sendAt)).toBe(r.forDate);
    if (cal.weekday(r.forDate) === 0 || cal.weekday(r.forDate) === 6) {
      expect(cal.entryOn(r.forDate)?.kind, `${r.kind} on weekend day ${r.forDate}`).toBe(
        "working_saturday",
      );
    }
    for (const [, days] of NEVER) expect(days).not.toContain(r.forDate);
  }
}

describe('Thái Nguyên task due "Quý II năm 2024" (30/06/2024, a Sunday)', () => {
  const rs = plan({ due: "2024-06-30" });

  it("reminds 7 and 1 working days before, and on Friday 28/06 as the due day", () => {
    expect(rs.slice(0, 3).map((r) => [r.kind, r.forDate, r.offsetWorkingDays])).toEqual([
      ["before", "2024-06-19", -7],
      ["before", "2024-06-27", -1],
      ["due", "2024-06-28", 0],
    ]);
  });

  it("sends at 08:00 Vietnam time (01:00 UTC)", () => {
    expect(rs[0]!.sendAt.toISOString()).toBe("2024-06-19T01:00:00.000Z");
  });

  it("then every 3 working days late, with one escalation after 5, until 60 working days late", () => {
    expect(dates(rs, "overdue").slice(0, 3)).toEqual(["2024-07-03", "2024-07-08", "2024-07-11"]);
    expect(dates(rs, "escalation")).toEqual(["2024-07-05"]);
    const overdue = rs.filter((r) => r.kind === "overdue");
    expect(overdue).toHaveLength(20);
    expect(overdue.at(-1)).toMatchObject({ forDate: "2024-09-24", offsetWorkingDays: 60 });
    // 45 working days late is Friday 30/08; the next (48) skips the 2/9 holidays.
    expect(dates(rs, "overdue")).toContain("2024-08-30");
    expect(dates(rs, "overdue")).toContain("2024-09-06");
  });

  it("has 24 reminders in all, none outside working time", () => {
    expect(rs).toHaveLength(24);
    expectOnlyWorkingTime(rs);
  });

  it("gets nothing once done", () => {
    expect(plan({ due: "2024-06-30", done: true })).toEqual([]);
  });

  it("follows an accepted extension instead of the original due date", () => {
    const extended = plan({ due: "2024-06-30", extendedDue: "2024-09-30" });
    expect(dates(extended).slice(0, 3)).toEqual(["2024-09-19", "2024-09-27", "2024-09-30"]);
    expect(dates(extended)).not.toContain("2024-06-28");
  });
});

describe('Thái Nguyên yearly task "trước ngày 15/11 hàng năm"', () => {
  const y2024 = plan({ due: "2024-11-15", periodStart: "2024-01-01" });
  const y2025 = plan({ due: "2025-11-15", periodStart: "2025-01-01" });

  it("2024 (a Friday): 06/11, 14/11, 15/11; late reminders run into 2025 and skip Tết", () => {
    expect(dates(y2024).slice(0, 3)).toEqual(["2024-11-06", "2024-11-14", "2024-11-15"]);
    expect(dates(y2024, "escalation")).toEqual(["2024-11-22"]);
    expect(dates(y2024, "overdue")).toContain("2025-01-23");
    expect(dates(y2024, "overdue")).toContain("2025-02-04");
    expect(dates(y2024, "overdue").at(-1)).toBe("2025-02-17");
    expect(y2024).toHaveLength(24);
  });

  it("2025 (a Saturday): due-day reminder on Friday 14/11; the plan period ends on 31/12/2025", () => {
    expect(dates(y2025).slice(0, 3)).toEqual(["2025-11-05", "2025-11-13", "2025-11-14"]);
    expect(dates(y2025, "overdue")[0]).toBe("2025-11-19");
    expect(dates(y2025, "escalation")).toEqual(["2025-11-21"]);
    expect(dates(y2025, "overdue")).toHaveLength(11);
    expect(y2025).toHaveLength(15);
  });

  it("39 reminders over 2024–2025 if never reported, none outside working time", () => {
    expect(y2024.length + y2025.length).toBe(39);
    expectOnlyWorkingTime([...y2024, ...y2025]);
  });
});

describe('Thái Nguyên yearly task "trước ngày 15/12 hàng năm"', () => {
  const y2024 = plan({ due: "2024-12-15" });
  const y2025 = plan({ due: "2025-12-15" });

  it("2024 (a Sunday): due-day reminder on Friday 13/12; overdue jumps from 22/01 to 03/02 over Tết", () => {
    expect(dates(y2024).slice(0, 3)).toEqual(["2024-12-04", "2024-12-12", "2024-12-13"]);
    const overdue = dates(y2024, "overdue");
    const i = overdue.indexOf("2025-01-22");
    expect(overdue[i + 1]).toBe("2025-02-03");
    expect(overdue).not.toContain("2025-01-01");
    expect(y2024).toHaveLength(24);
  });

  it("2025 (a Monday): 04/12, 12/12, 15/12, then 4 overdue and 1 escalation before the year ends", () => {
    expect(dates(y2025).slice(0, 3)).toEqual(["2025-12-04", "2025-12-12", "2025-12-15"]);
    expect(dates(y2025, "overdue")).toEqual([
      "2025-12-18",
      "2025-12-23",
      "2025-12-26",
      "2025-12-31",
    ]);
    expect(dates(y2025, "escalation")).toEqual(["2025-12-22"]);
    expect(y2025).toHaveLength(8);
  });

  it("32 reminders over 2024–2025 if never reported, none outside working time", () => {
    expect(y2024.length + y2025.length).toBe(32);
    expectOnlyWorkingTime([...y2024, ...y2025]);
  });
});

describe('Thái Nguyên ongoing task ("Thường xuyên")', () => {
  it("gets a check-in on the first working day of each quarter: 8 over 2024–2025", () => {
    const rs = plan({ due: null });
    expect(rs.map((r) => [r.kind, r.forDate])).toEqual([
      ["checkin", "2024-01-02"],
      ["checkin", "2024-04-01"],
      ["checkin", "2024-07-01"],
      ["checkin", "2024-10-01"],
      ["checkin", "2025-01-02"],
      ["checkin", "2025-04-01"],
      ["checkin", "2025-07-01"],
      ["checkin", "2025-10-01"],
    ]);
    expectOnlyWorkingTime(rs);
  });

  it("starts with the first quarter after the period starts and stops after it ends", () => {
    expect(dates(plan({ due: null, periodStart: "2024-03-15", periodEnd: "2025-06-30" }))).toEqual([
      "2024-04-01",
      "2024-07-01",
      "2024-10-01",
      "2025-01-02",
      "2025-04-01",
    ]);
  });

  it("follows another cadence: every 6 months", () => {
    const sixMonthly = mergePolicy(policy, { ongoingCheckinMonths: 6 });
    expect(dates(plan({ due: null }, sixMonthly))).toEqual([
      "2024-01-02",
      "2024-07-01",
      "2025-01-02",
      "2025-07-01",
    ]);
  });

  it("moves a check-in that falls on Tết to the first working day after it", () => {
    const monthly = mergePolicy(policy, { ongoingCheckinMonths: 1 });
    const window = { from: vn("2026-01-01T00:00"), to: vn("2026-04-01T00:00") };
    // 1/1/2026 holiday; 1/2/2026 Sunday; 1/3/2026 Sunday.
    expect(dates(plan({ due: null }, monthly, window))).toEqual([
      "2026-01-02",
      "2026-02-02",
      "2026-03-02",
    ]);
  });
});

describe("a task due 30/04/2025 (a holiday, before a 5-day break)", () => {
  const rs = plan({ due: "2025-04-30" });

  it("counts the working Saturday 26/04, reminds on Tuesday 29/04, and skips 30/4–4/5", () => {
    expect(rs.slice(0, 3).map((r) => r.forDate)).toEqual([
      "2025-04-21",
      "2025-04-28",
      "2025-04-29",
    ]);
    expect(dates(rs, "overdue")[0]).toBe("2025-05-07");
    expect(dates(rs, "escalation")).toEqual(["2025-05-09"]);
    expectOnlyWorkingTime(rs);
  });

  it("gives the working Saturday its reminder when the count lands there", () => {
    const threeBefore = mergePolicy(policy, { beforeDueWorkingDays: [2] });
    expect(dates(plan({ due: "2025-04-30" }, threeBefore), "before")).toEqual(["2025-04-26"]);
  });
});

describe("windows and options", () => {
  it("returns only reminders with from <= sendAt < to", () => {
    const window = { from: vn("2024-06-27T08:00"), to: vn("2024-07-03T08:00") };
    expect(plan({ due: "2024-06-30" }, policy, window).map((r) => r.kind)).toEqual([
      "before",
      "due",
    ]);
    const inclusive = { from: vn("2024-06-27T08:00"), to: vn("2024-07-03T08:01") };
    expect(dates(plan({ due: "2024-06-30" }, policy, inclusive))).toEqual([
      "2024-06-27",
      "2024-06-28",
      "2024-07-03",
    ]);
  });

  it("drops reminders before the occurrence existed", () => {
    expect(dates(plan({ due: "2024-06-30", periodStart: "2024-06-25" }), "before")).toEqual([
      "2024-06-27",
    ]);
  });

  it("can skip the due-day reminder and stop overdue reminders early", () => {
    const quiet = mergePolicy(policy, {
      onDueDay: false,
      stopOverdueAfterWorkingDays: 9,
      escalateAfterWorkingDays: 20,
    });
    const rs = plan({ due: "2024-06-30" }, quiet);
    expect(rs.map((r) => r.kind)).toEqual([
      "before",
      "before",
      "overdue",
      "overdue",
      "overdue",
      "escalation",
    ]);
  });

  it("refuses a policy whose send time is outside the calendar's working hours", () => {
    expect(() => plan({ due: "2024-06-30" }, { ...policy, sendAt: "18:00" })).toThrow(
      /working hours/,
    );
  });

  it("always plans inside working time, in order, for any due date and policy (property)", () => {
    const day = fc
      .integer({ min: 0, max: 3 * 365 })
      .map((d) => new Date(Date.UTC(2024, 0, 1 + d)).toISOString().slice(0, 10));
    const policies = fc.record({
      beforeDueWorkingDays: fc.array(fc.integer({ min: 1, max: 15 }), { maxLength: 4 }),
      onDueDay: fc.boolean(),
      overdueEveryWorkingDays: fc.integer({ min: 1, max: 10 }),
      escalateAfterWorkingDays: fc.integer({ min: 1, max: 30 }),
      ongoingCheckinMonths: fc.constantFrom(1, 2, 3, 4, 6, 12),
      stopOverdueAfterWorkingDays: fc.integer({ min: 1, max: 80 }),
      sendAt: fc.constantFrom("07:30", "08:00", "13:45", "16:59"),
    });
    fc.assert(
      fc.property(
        fc.option(day, { nil: null }),
        fc.option(day, { nil: null }),
        policies,
        (due, extendedDue, p) => {
          const rs = planReminders({ due, extendedDue, done: false }, p, cal, PLAN_PERIOD);
          for (const r of rs) {
            expect(cal.isWorkingTime(r.sendAt)).toBe(true);
            expect(r.sendAt >= PLAN_PERIOD.from && r.sendAt < PLAN_PERIOD.to).toBe(true);
          }
          const times = rs.map((r) => r.sendAt.getTime());
          expect(times).toEqual([...times].sort((a, b) => a - b));
          if ((extendedDue ?? due) !== null) {
            expect(rs.filter((r) => r.kind === "escalation").length).toBeLessThanOrEqual(1);
            expect(
              rs
                .filter((r) => r.kind === "overdue")
                .every((r) => r.offsetWorkingDays <= p.stopOverdueAfterWorkingDays),
            ).toBe(true);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
