import { describe, expect, it } from "vitest";
import {
  dueShown,
  occurrenceKind,
  standingOf,
  tallyOf,
  type OccurrenceFacts,
} from "../../../../src/domain/occurrences/standing.js";

const TODAY = "2024-11-20";

function dated(due: string, extra: Partial<OccurrenceFacts> = {}): OccurrenceFacts {
  return {
    kind: "dated",
    periodStart: "2024-01-01",
    dueDate: due,
    extendedDue: null,
    status: "not_started",
    ...extra,
  };
}

function quarter(start: string, end: string, extra: Partial<OccurrenceFacts> = {}) {
  return dated(end, { kind: "ongoing", periodStart: start, ...extra });
}

describe("one definition of task, occurrence and overdue", () => {
  it("reads the kind of a stored deadline; an unreadable one counts as dated", () => {
    expect(occurrenceKind({ kind: "ongoing" })).toBe("ongoing");
    expect(occurrenceKind(null)).toBe("undated");
    expect(occurrenceKind({ kind: "once", due: "2024-06-30" })).toBe("dated");
    expect(occurrenceKind("garbage")).toBe("dated");
  });

  it("files dated occurrences by due date and status", () => {
    expect(standingOf(dated("2024-11-19"), TODAY)).toBe("overdue");
    expect(standingOf(dated("2024-11-19", { status: "blocked" }), TODAY)).toBe("overdue");
    expect(standingOf(dated("2024-12-31", { status: "blocked" }), TODAY)).toBe("attention");
    expect(standingOf(dated("2024-11-20"), TODAY)).toBe("dueSoon");
    expect(standingOf(dated("2024-12-03"), TODAY)).toBe("dueSoon");
    expect(standingOf(dated("2024-12-04"), TODAY)).toBe("notDue");
    expect(standingOf(dated("2024-12-04", { status: "in_progress" }), TODAY)).toBe("inProgress");
    expect(standingOf(dated("2024-11-01", { status: "done" }), TODAY)).toBe("done");
  });

  it("an accepted extension replaces the plan's date", () => {
    expect(standingOf(dated("2024-11-01", { extendedDue: "2024-12-31" }), TODAY)).toBe("notDue");
  });

  it("counts only the current check-in of an ongoing task, never as overdue", () => {
    const q1 = quarter("2024-01-01", "2024-03-31");
    const q4 = quarter("2024-10-01", "2024-12-31");
    expect(standingOf(q1, TODAY)).toBe("past");
    expect(standingOf(q4, TODAY)).toBe("checkin");
    expect(standingOf(quarter("2025-01-01", "2025-03-31"), TODAY)).toBe("upcoming");
    const tally = tallyOf(
      [q1, q4, dated("2024-06-30"), dated("2024-06-30", { status: "done" })],
      TODAY,
    );
    expect(tally).toEqual({
      counted: 3,
      open: 2,
      overdue: 1,
      done: 1,
      checkins: 1,
      past: 1,
      upcoming: 0,
    });
  });

  it("an undated task given a date by an extension is chased to it", () => {
    const undated = dated("2024-03-31", { kind: "undated", extendedDue: "2024-11-01" });
    expect(standingOf(undated, TODAY)).toBe("overdue");
    expect(standingOf({ ...undated, extendedDue: null }, TODAY)).toBe("past");
  });

  it("shows a date on a day off as the working day before it until that day has passed", () => {
    expect(dueShown("2024-06-28", "2024-06-30", "2024-06-28")).toEqual({
      date: "2024-06-28",
      moved: true,
    });
    expect(dueShown("2024-07-01", "2024-06-30", "2024-06-28")).toEqual({
      date: "2024-06-30",
      moved: false,
    });
    expect(dueShown("2024-06-20", "2024-06-28", undefined)).toEqual({
      date: "2024-06-28",
      moved: false,
    });
  });
});
