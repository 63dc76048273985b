import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createWorkCalendar, parseHolidayFile } from "../../../../src/domain/calendar/index.js";
import {
  DEFAULT_REMINDER_POLICY,
  dueReminders,
  planReminders,
} from "../../../../src/domain/reminders/index.js";

const HOLIDAY_DIR = new URL("../../../../data/holidays/", import.meta.url);
const calendar = createWorkCalendar(
  readdirSync(HOLIDAY_DIR)
    .filter((name) => /^vn-\d{4}\.json$/.test(name))
    .map((name) =>
      parseHolidayFile(JSON.parse(readFileSync(new URL(name, HOLIDAY_DIR), "utf8")), name),
    ),
);
const vn = (local: string) => new Date(`${local}+07:00`);

// "Quý II năm 2024": before 19/06 and 27/06, due 28/06, overdue 03/07, 08/07 …, escalation 05/07.
const planned = planReminders(
  { due: "2024-06-30", done: false },
  DEFAULT_REMINDER_POLICY,
  calendar,
  {
    from: vn("2024-01-01T00:00"),
    to: vn("2026-01-01T00:00"),
  },
).map((r, i) => ({ ...r, id: i }));

/** A tick at `at`; reminders up to `handledUntil` were already sent or skipped by earlier ticks. */
const tick = (at: string, handledUntil = "2024-01-01T00:00", staleAfterWorkingDays?: number) => {
  const pending = planned.filter((r) => r.sendAt > vn(handledUntil));
  const result = dueReminders(pending, vn(at), { calendar, staleAfterWorkingDays });
  return {
    send: result.send.map((r) => `${r.kind} ${r.forDate}`),
    stale: result.stale.map((r) => `${r.kind} ${r.forDate} ${r.staleReason}`),
    deferred: result.deferred.map((r) => `${r.kind} ${r.forDate}`),
  };
};

describe("dueReminders", () => {
  it("sends the due-day reminder at 08:00 on Friday 28/06, and nothing earlier", () => {
    expect(tick("2024-06-28T07:59", "2024-06-27T17:00").send).toEqual([]);
    expect(tick("2024-06-28T08:00", "2024-06-27T17:00")).toEqual({
      send: ["due 2024-06-28"],
      stale: [],
      deferred: [],
    });
  });

  it("returns the caller's own rows, ids included", () => {
    const { send } = dueReminders(planned, vn("2024-06-19T08:00"), { calendar });
    expect(send).toEqual([planned[0]]);
  });

  it("after a downtime over the due day, skips the before and due reminders as irrelevant", () => {
    expect(tick("2024-07-02T10:00")).toEqual({
      send: [],
      stale: [
        "before 2024-06-19 due_passed",
        "before 2024-06-27 due_passed",
        "due 2024-06-28 due_passed",
      ],
      deferred: [],
    });
  });

  it("skips a due-day reminder missed on Friday when the bot comes back on Monday", () => {
    expect(tick("2024-07-01T08:30").stale).toContain("due 2024-06-28 due_passed");
  });

  it("catches up a reminder up to 2 working days late, not 3", () => {
    // Overdue of Wednesday 03/07: 2 working days old on Friday 05/07, 3 on Monday 08/07.
    expect(tick("2024-07-05T09:00", "2024-07-02T17:00").send).toEqual([
      "overdue 2024-07-03",
      "escalation 2024-07-05",
    ]);
    const monday = tick("2024-07-08T09:00", "2024-07-02T17:00");
    expect(monday.send).toEqual(["escalation 2024-07-05", "overdue 2024-07-08"]);
    expect(monday.stale).toContain("overdue 2024-07-03 too_old");
  });

  it("honours another stale bound", () => {
    expect(tick("2024-07-08T09:00", "2024-07-02T17:00", 5).send).toContain("overdue 2024-07-03");
    expect(tick("2024-07-05T09:00", "2024-07-02T17:00", 0).stale).toContain(
      "overdue 2024-07-03 too_old",
    );
  });

  const daily = { ...DEFAULT_REMINDER_POLICY, overdueEveryWorkingDays: 1 };
  const acrossTet = planReminders({ due: "2024-12-15", done: false }, daily, calendar, {
    from: vn("2025-01-22T00:00"),
    to: vn("2025-02-05T00:00"),
  });

  it("counts the stale bound in working days, so Tết does not make a reminder stale", () => {
    // Daily overdue reminders 22, 23, 24/01/2025, then 03/02; the bot is down from 21/01 to 03/02.
    const result = dueReminders(acrossTet, vn("2025-02-03T08:30"), { calendar });
    expect(result.send.map((r) => r.forDate)).toEqual(["2025-01-23", "2025-01-24", "2025-02-03"]);
    expect(result.stale.map((r) => `${r.forDate} ${r.staleReason}`)).toEqual([
      "2025-01-22 too_old",
    ]);
  });

  it("sends only the newest reminder of each kind per occurrence when told which is which", () => {
    const result = dueReminders(acrossTet, vn("2025-02-03T08:30"), {
      calendar,
      occurrenceKey: () => "occ-1",
    });
    expect(result.send.map((r) => r.forDate)).toEqual(["2025-02-03"]);
    expect(result.stale.map((r) => `${r.forDate} ${r.staleReason}`)).toEqual([
      "2025-01-22 too_old",
      "2025-01-23 superseded",
      "2025-01-24 superseded",
    ]);
  });

  it("does not merge reminders of different occurrences", () => {
    const two = [
      ...acrossTet.map((r) => ({ ...r, occ: "a" })),
      ...acrossTet.map((r) => ({ ...r, occ: "b" })),
    ];
    const result = dueReminders(two, vn("2025-02-03T08:30"), {
      calendar,
      occurrenceKey: (r) => r.occ,
    });
    expect(result.send.map((r) => `${r.occ} ${r.forDate}`)).toEqual([
      "a 2025-02-03",
      "b 2025-02-03",
    ]);
  });

  it("holds back due reminders outside working hours instead of sending them at night", () => {
    expect(tick("2024-06-28T20:00", "2024-06-27T17:00")).toEqual({
      send: [],
      stale: [],
      deferred: ["due 2024-06-28"],
    });
    expect(tick("2024-06-29T09:00", "2024-06-27T17:00").send).toEqual([]);
  });
});
