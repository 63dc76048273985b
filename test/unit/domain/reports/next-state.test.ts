import { describe, expect, it } from "vitest";
import { stateAfterReport } from "../../../../src/domain/reports/index.js";

const now = new Date("2024-06-19T02:00:00Z");

describe("the occurrence after a report", () => {
  it("claim 9: 'đang làm' after 'xong' drops the 100 % instead of showing in progress at 100 %", () => {
    const done = stateAfterReport({ status: "in_progress", progress: 60 }, { status: "done" }, now);
    expect(done).toMatchObject({ status: "done", progress: 100, doneAt: now });
    const reopened = stateAfterReport(done, { status: "in_progress" }, now);
    expect(reopened).toEqual({
      status: "in_progress",
      progress: null,
      note: null,
      statusAt: now,
      doneAt: null,
    });
  });

  it("claim 9: keeps an earlier percentage while the task stays open, and takes a new one", () => {
    expect(
      stateAfterReport(
        { status: "in_progress", progress: 40 },
        { status: "blocked", note: "x" },
        now,
      ),
    ).toMatchObject({ status: "blocked", progress: 40, doneAt: null });
    expect(
      stateAfterReport(
        { status: "done", progress: 100 },
        { status: "in_progress", progress: 80 },
        now,
      ),
    ).toMatchObject({ status: "in_progress", progress: 80, doneAt: null });
  });

  it("claim 9: only a done task is at 100 %; not started has no percentage", () => {
    expect(
      stateAfterReport({ status: "done", progress: 100 }, { status: "extension_requested" }, now),
    ).toMatchObject({ progress: null, doneAt: null });
    expect(
      stateAfterReport(
        { status: "in_progress", progress: 30 },
        { status: "not_started", progress: 0 },
        now,
      ),
    ).toMatchObject({ status: "not_started", progress: null });
  });
});
