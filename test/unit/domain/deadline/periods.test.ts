import { describe, expect, it } from "vitest";
import { occurrencePeriods } from "../../../../src/domain/deadline/periods.js";
import type { Deadline } from "../../../../src/domain/deadline/types.js";

const keys = (d: Deadline | null, opts: Parameters<typeof occurrencePeriods>[1]) =>
  occurrencePeriods(d, opts).map((p) => p.key);

describe("occurrencePeriods: once", () => {
  it("is a single period due on the date", () => {
    expect(
      occurrencePeriods(
        { kind: "once", due: "2024-06-30" },
        { today: "2024-03-10", planStart: "2024-01-15" },
      ),
    ).toEqual([{ key: "once", due: "2024-06-30", start: "2024-01-15" }]);
  });

  it("opens today when there is no plan start, and never after its due date", () => {
    const d: Deadline = { kind: "once", due: "2024-06-30" };
    expect(occurrencePeriods(d, { today: "2024-03-10" })[0]?.start).toBe("2024-03-10");
    expect(occurrencePeriods(d, { today: "2024-09-01" })[0]?.start).toBe("2024-06-30");
  });
});

describe("occurrencePeriods: years", () => {
  it("gives one period per listed year, due 31/12, whatever today is", () => {
    expect(
      occurrencePeriods({ kind: "years", years: [2024, 2025] }, { today: "2024-02-01" }),
    ).toEqual([
      { key: "2024", due: "2024-12-31", start: "2024-01-01" },
      { key: "2025", due: "2025-12-31", start: "2025-01-01" },
    ]);
  });
});

describe("occurrencePeriods: yearly", () => {
  const nov15: Deadline = { kind: "yearly", month: 11, day: 15 };

  it("covers the plan's years", () => {
    expect(
      occurrencePeriods(nov15, {
        today: "2024-05-01",
        planStart: "2024-03-01",
        planEnd: "2025-12-31",
      }),
    ).toEqual([
      { key: "2024", due: "2024-11-15", start: "2024-01-01" },
      { key: "2025", due: "2025-11-15", start: "2025-01-01" },
    ]);
  });

  it("with no plan end, adds years as they come (up to today's year only)", () => {
    expect(keys(nov15, { today: "2026-02-01", planStart: "2024-03-01" })).toEqual([
      "2024",
      "2025",
      "2026",
    ]);
    expect(keys(nov15, { today: "2024-02-01" })).toEqual(["2024"]);
  });

  it("stops at the plan end even when today is later", () => {
    expect(
      keys(nov15, { today: "2027-06-01", planStart: "2024-01-01", planEnd: "2025-12-31" }),
    ).toEqual(["2024", "2025"]);
  });

  it("has nothing before a plan that starts in a later year", () => {
    expect(keys(nov15, { today: "2023-06-01", planStart: "2024-01-01" })).toEqual([]);
  });

  it("falls on 28/02 in common years for a 29/02 deadline", () => {
    const dues = occurrencePeriods(
      { kind: "yearly", month: 2, day: 29 },
      { today: "2025-01-01", planStart: "2024-01-01", planEnd: "2025-12-31" },
    ).map((p) => p.due);
    expect(dues).toEqual(["2024-02-29", "2025-02-28"]);
  });
});

describe("occurrencePeriods: ongoing", () => {
  const ongoing: Deadline = { kind: "ongoing" };

  it("checks in every quarter from the plan start up to today's quarter", () => {
    expect(occurrencePeriods(ongoing, { today: "2024-08-15", planStart: "2024-02-10" })).toEqual([
      { key: "2024-Q1", due: "2024-03-31", start: "2024-01-01" },
      { key: "2024-Q2", due: "2024-06-30", start: "2024-04-01" },
      { key: "2024-Q3", due: "2024-09-30", start: "2024-07-01" },
    ]);
  });

  it("crosses years and stops at the plan end", () => {
    expect(
      keys(ongoing, { today: "2026-05-01", planStart: "2024-11-01", planEnd: "2025-04-30" }),
    ).toEqual(["2024-Q4", "2025-Q1", "2025-Q2"]);
  });

  it("starts with today's window when there is no plan start", () => {
    expect(keys(ongoing, { today: "2024-12-31" })).toEqual(["2024-Q4"]);
  });

  it("has nothing before the plan starts", () => {
    expect(keys(ongoing, { today: "2024-03-31", planStart: "2024-04-01" })).toEqual([]);
  });

  it.each([
    [1, ["2024-05", "2024-06", "2024-07"], "2024-07-31"],
    [2, ["2024-P3", "2024-P4"], "2024-08-31"],
    [6, ["2024-H1", "2024-H2"], "2024-12-31"],
    [12, ["2024"], "2024-12-31"],
  ])("uses a %i-month cadence when asked", (months, expected, lastDue) => {
    const periods = occurrencePeriods(ongoing, {
      today: "2024-07-20",
      planStart: "2024-05-15",
      ongoingCadenceMonths: months,
    });
    expect(periods.map((p) => p.key)).toEqual(expected);
    expect(periods.at(-1)?.due).toBe(lastDue);
  });

  it("refuses a cadence that does not divide the year", () => {
    expect(() =>
      occurrencePeriods(ongoing, { today: "2024-07-20", ongoingCadenceMonths: 5 }),
    ).toThrow(RangeError);
  });
});

describe("occurrencePeriods: input checks", () => {
  it.each([["2024-13-01"], ["2024-02-30"], ["20/07/2024"]])("refuses today = %j", (today) => {
    expect(() => occurrencePeriods({ kind: "ongoing" }, { today })).toThrow(RangeError);
  });
});

describe("occurrencePeriods: monthly", () => {
  const by15: Deadline = { kind: "monthly", day: 15 };

  it("gives one period a month, opening the day after the month before's due date", () => {
    expect(
      occurrencePeriods(by15, {
        today: "2025-03-20",
        planStart: "2025-01-01",
        planEnd: "2025-12-31",
      }),
    ).toEqual([
      { key: "2025-01", due: "2025-01-15", start: "2025-01-01" },
      { key: "2025-02", due: "2025-02-15", start: "2025-01-16" },
      { key: "2025-03", due: "2025-03-15", start: "2025-02-16" },
      // Open since 16/03, so its reminders before 15/04 can go out.
      { key: "2025-04", due: "2025-04-15", start: "2025-03-16" },
    ]);
  });

  it("starts with the period open today when there is no plan start", () => {
    expect(keys(by15, { today: "2025-07-20" })).toEqual(["2025-08"]);
    expect(keys(by15, { today: "2025-07-10" })).toEqual(["2025-07"]);
  });

  it("stops at the plan end", () => {
    expect(
      keys(by15, { today: "2026-03-01", planStart: "2025-10-01", planEnd: "2025-12-31" }),
    ).toEqual(["2025-10", "2025-11", "2025-12"]);
  });

  it("falls on the month's last day for day 31 (and 30 in February)", () => {
    const dues = (day: number) =>
      occurrencePeriods(
        { kind: "monthly", day },
        { today: "2024-04-10", planStart: "2024-01-01" },
      ).map((p) => p.due);
    expect(dues(31)).toEqual(["2024-01-31", "2024-02-29", "2024-03-31", "2024-04-30"]);
    expect(dues(30)).toEqual(["2024-01-30", "2024-02-29", "2024-03-30", "2024-04-30"]);
  });
});

describe("occurrencePeriods: quarterly", () => {
  it("gives one period a quarter, on day D of the quarter's M-th month", () => {
    expect(
      occurrencePeriods(
        { kind: "quarterly", month: 3, day: 15 },
        { today: "2025-08-20", planStart: "2025-01-01" },
      ),
    ).toEqual([
      { key: "2025-Q1", due: "2025-03-15", start: "2025-01-01" },
      { key: "2025-Q2", due: "2025-06-15", start: "2025-03-16" },
      { key: "2025-Q3", due: "2025-09-15", start: "2025-06-16" },
    ]);
    expect(
      occurrencePeriods({ kind: "quarterly", month: 1, day: 10 }, { today: "2025-05-02" }),
    ).toEqual([{ key: "2025-Q3", due: "2025-07-10", start: "2025-04-11" }]);
  });
});

describe("occurrencePeriods: several", () => {
  it("gives one period per date per year, keyed by the date", () => {
    expect(
      occurrencePeriods(
        {
          kind: "several",
          deadlines: [
            { kind: "yearly", month: 6, day: 1 },
            { kind: "yearly", month: 11, day: 15 },
          ],
        },
        { today: "2025-03-20", planStart: "2025-01-01", planEnd: "2026-12-31" },
      ),
    ).toEqual([
      { key: "2025-06-01", due: "2025-06-01", start: "2025-01-01" },
      { key: "2025-11-15", due: "2025-11-15", start: "2025-06-02" },
      { key: "2026-06-01", due: "2026-06-01", start: "2025-11-16" },
      { key: "2026-11-15", due: "2026-11-15", start: "2026-06-02" },
    ]);
  });

  it("keeps one-off dates whatever the year, and drops a date listed twice", () => {
    expect(
      keys(
        {
          kind: "several",
          deadlines: [
            { kind: "once", due: "2027-06-30" },
            { kind: "yearly", month: 6, day: 30 },
          ],
        },
        { today: "2025-01-10", planStart: "2025-01-01", planEnd: "2027-12-31" },
      ),
    ).toEqual(["2025-06-30", "2026-06-30", "2027-06-30"]);
  });
});

describe("occurrencePeriods: no calendar date (null)", () => {
  it("gets the check-in windows of an ongoing task", () => {
    const opts = { today: "2025-08-20", planStart: "2025-02-01" };
    expect(occurrencePeriods(null, opts)).toEqual(occurrencePeriods({ kind: "ongoing" }, opts));
    expect(keys(null, opts)).toEqual(["2025-Q1", "2025-Q2", "2025-Q3"]);
  });
});
