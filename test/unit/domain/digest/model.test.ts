import { describe, expect, it } from "vitest";
import { instantAt } from "../../../../src/domain/calendar/index.js";
import { occurrenceAsOf } from "../../../../src/domain/digest/as-of.js";
import { buildDigest } from "../../../../src/domain/digest/build.js";
import { bucketOf } from "../../../../src/domain/digest/classify.js";
import {
  isoWeekKey,
  lastCompleteWeek,
  mondayOf,
  weekPeriod,
} from "../../../../src/domain/digest/period.js";
import { scopeState, unitsUnder } from "../../../../src/domain/digest/scope.js";
import type { DigestOccurrence, DigestReport } from "../../../../src/domain/digest/types.js";
import { DIGEST_AT, UNITS, digestFixtureState } from "../../../fixtures/digest/state.js";

function occ(overrides: Partial<DigestOccurrence> = {}): DigestOccurrence {
  return {
    id: 1,
    code: "STP-3A",
    unitId: 3,
    planCode: "p",
    taskRef: "IV.3.a",
    taskTitle: "Rà soát quy chế",
    ongoing: false,
    periodKey: "once",
    periodStart: "2024-01-01",
    dueDate: "2024-06-30",
    extendedDue: null,
    status: "not_started",
    progress: null,
    note: null,
    statusAt: null,
    doneAt: null,
    reports: [],
    extensions: [],
    ...overrides,
  };
}

function report(at: Date, overrides: Partial<DigestReport> = {}): DigestReport {
  return {
    at,
    status: "in_progress",
    progress: null,
    note: null,
    proposedDate: null,
    undoneAt: null,
    previous: { status: "not_started", progress: null, note: null, doneAt: null },
    by: null,
    channel: "telegram",
    ...overrides,
  };
}

describe("digest periods", () => {
  it.each([
    ["2024-11-18", "2024-W47"],
    ["2024-11-24", "2024-W47"],
    ["2024-12-30", "2025-W01"],
    ["2021-01-03", "2020-W53"],
    ["2026-01-01", "2026-W01"],
  ])("%s is in ISO week %s", (date, key) => {
    expect(isoWeekKey(date)).toBe(key);
  });

  it("a week under way is read as of now; a week gone by as of its end", () => {
    const now = instantAt("2024-11-20", "10:15");
    const current = weekPeriod("2024-11-20", now);
    expect(current).toMatchObject({ key: "2024-W47", start: "2024-11-18", end: "2024-11-24" });
    expect(current.complete).toBe(false);
    expect(current.asOf).toEqual(now);
    const last = lastCompleteWeek(now);
    expect(last).toMatchObject({ key: "2024-W46", start: "2024-11-11", complete: true });
    expect(last.asOf).toEqual(instantAt("2024-11-18", "00:00"));
    expect(mondayOf("2024-11-17")).toBe("2024-11-11");
  });
});

describe("an occurrence as it stood at a past instant", () => {
  const june = instantAt("2024-06-10", "09:00");
  const july = instantAt("2024-07-02", "09:00");
  const reports = [
    report(june, { progress: 40 }),
    report(july, {
      status: "done",
      progress: 100,
      previous: { status: "in_progress", progress: 40, note: null, doneAt: null },
    }),
  ];
  const done = occ({ status: "done", progress: 100, doneAt: july, statusAt: july, reports });

  it.each([
    ["before any report", instantAt("2024-06-01", "00:00"), "not_started", null],
    ["between the reports", instantAt("2024-06-20", "00:00"), "in_progress", 40],
    ["at the instant of the second report (exclusive)", july, "in_progress", 40],
    ["after both", instantAt("2024-08-01", "00:00"), "done", 100],
  ])("%s", (_name, at, status, progress) => {
    const state = occurrenceAsOf(done, at);
    expect(state.status).toBe(status);
    expect(state.progress).toBe(progress);
  });

  it("a report undone minutes later counts only for those minutes", () => {
    const at = instantAt("2024-11-21", "09:00");
    const undone = occ({
      reports: [
        report(at, { status: "done", progress: 100, undoneAt: new Date(at.getTime() + 240_000) }),
      ],
    });
    expect(occurrenceAsOf(undone, new Date(at.getTime() + 60_000)).status).toBe("done");
    expect(occurrenceAsOf(undone, instantAt("2024-11-25", "00:00")).status).toBe("not_started");
  });

  it("an accepted extension moves the due date only from the day it was accepted", () => {
    const asked = instantAt("2024-11-08", "09:00");
    const extended = occ({
      dueDate: "2024-11-15",
      extendedDue: "2024-11-29",
      status: "in_progress",
      reports: [report(asked, { status: "extension_requested", proposedDate: "2024-11-29" })],
      extensions: [{ at: instantAt("2024-11-12", "10:00"), newDue: "2024-11-29" }],
    });
    const before = occurrenceAsOf(extended, instantAt("2024-11-11", "00:00"));
    expect(before).toMatchObject({
      status: "extension_requested",
      extendedDue: null,
      proposedDate: "2024-11-29",
    });
    const after = occurrenceAsOf(extended, instantAt("2024-11-18", "00:00"));
    expect(after).toMatchObject({ status: "in_progress", extendedDue: "2024-11-29" });
  });
});

describe("official buckets", () => {
  const dueDay = "2024-06-28";
  it.each([
    [
      "done on the due day (local time)",
      { status: "done", doneAt: instantAt(dueDay, "23:30") },
      "2024-07-10",
      "doneOnTime",
    ],
    [
      "done the day after",
      { status: "done", doneAt: instantAt("2024-06-29", "00:10") },
      "2024-07-10",
      "doneLate",
    ],
    ["open on its due day", { status: "in_progress" }, dueDay, "openInTime"],
    ["open the day after", { status: "blocked" }, "2024-06-29", "openLate"],
    [
      "open past the plan date but within an extension",
      { status: "in_progress", extendedDue: "2024-07-31" },
      "2024-07-10",
      "openInTime",
    ],
  ] as const)("%s → %s", (_name, fields, today, bucket) => {
    const o = occ({ dueDate: dueDay });
    const state = { ...occurrenceAsOf(o, instantAt(today, "00:00")), ...fields };
    expect(bucketOf(o, state, today)).toBe(bucket);
  });

  it("ongoing check-ins are never late and have no bucket", () => {
    const o = occ({
      ongoing: true,
      periodKey: "2024-Q2",
      periodStart: "2024-04-01",
      dueDate: "2024-06-30",
    });
    expect(bucketOf(o, occurrenceAsOf(o, instantAt("2024-12-01", "00:00")), "2024-12-01")).toBe(
      undefined,
    );
  });
});

describe("the digest of the seeded week 47/2024", () => {
  const digest = buildDigest(digestFixtureState(), lastCompleteWeek(DIGEST_AT));

  it("counts the four buckets now and at the end of the week before", () => {
    expect(digest.counts).toEqual({ doneOnTime: 8, doneLate: 3, openInTime: 20, openLate: 16 });
    expect(digest.previous).toEqual({ doneOnTime: 8, doneLate: 0, openInTime: 20, openLate: 19 });
    expect(digest.ongoing).toEqual({ quarters: ["2024-Q4"], total: 7, reported: 3 });
  });

  it("lists blocked work with its reason and extension requests with the date asked", () => {
    expect(digest.attention.map((a) => [a.code, a.kind, a.reason, a.proposedDate])).toEqual([
      ["DAITU-3A", "blocked", "Thiếu kinh phí <dự toán 2025> & nhân lực", null],
      ["TPTN-3A", "extension_requested", "Chờ ý kiến thẩm định của Sở Tư pháp", "2024-12-31"],
    ]);
  });

  it("orders overdue by days late and due-soon by date, within 14 days", () => {
    expect(digest.overdue[0]).toMatchObject({ code: "DAITU-3A", daysLate: 148 });
    expect(digest.overdue.at(-1)).toMatchObject({ daysLate: 10 });
    expect(digest.dueSoon.map((d) => d.due)).toEqual([...digest.dueSoon.map((d) => d.due)].sort());
    expect(digest.dueSoon[0]).toMatchObject({ code: "SKHDT-3G-2024", due: "2024-11-29" });
    expect(digest.dueSoon.every((d) => d.due <= "2024-12-08")).toBe(true);
  });

  it("names the units with late or nearly due work that sent nothing this week", () => {
    expect(digest.silent.map((u) => [u.code, u.pending])).toEqual([
      ["PHULUONG", 4],
      ["VONHAI", 4],
      ["PHOYEN", 4],
      ["SKHDT", 2],
      ["SNV", 1],
    ]);
  });
});

describe("scopes", () => {
  it("a district follows its communes too", () => {
    const ids = unitsUnder(UNITS, [9]);
    expect([...ids].sort((a, b) => a - b)).toEqual([9, 15]);
    const scoped = buildDigest(scopeState(digestFixtureState(), ids), lastCompleteWeek(DIGEST_AT));
    expect(scoped.unitCount).toBe(2);
    expect(new Set(scoped.overdue.map((o) => o.unitCode))).toEqual(new Set(["DAITU", "HUNGSON"]));
  });
});
