import { beforeAll, describe, expect, it } from "vitest";
import { instantAt, type WorkCalendar } from "../../../../src/domain/calendar/index.js";
import { latestDigestSlot } from "../../../../src/domain/digest/schedule.js";
import { digestSchedule } from "../../../../src/services/digest/cron.js";
import { DEFAULT_DIGEST_CRON } from "../../../../src/services/digest/targets.js";
import { loadWorkCalendar } from "../../../../src/services/work-calendar.js";

let calendar: WorkCalendar;
beforeAll(async () => {
  calendar = await loadWorkCalendar();
});

const slotAt = (date: string, time: string, cron = DEFAULT_DIGEST_CRON) =>
  latestDigestSlot(digestSchedule(cron), instantAt(date, time), calendar);

describe("when the weekly digest goes (default: Monday 08:00, Vietnam time)", () => {
  it.each([
    // at, expected send day (or none), period key
    ["an ordinary Monday at 08:00", "2024-11-18", "08:00", "2024-11-18", "2024-W46"],
    ["the same Monday at 07:59", "2024-11-18", "07:59", undefined, undefined],
    [
      "later that Monday (a late tick still finds it)",
      "2024-11-18",
      "14:30",
      "2024-11-18",
      "2024-W46",
    ],
    ["Wednesday after downtime (caught up)", "2024-11-20", "09:00", "2024-11-18", "2024-W46"],
    ["Friday: too late to catch up, stale", "2024-11-22", "09:00", undefined, undefined],
    // 02–03/09/2024 are National Day holidays: the Monday digest goes on Wednesday.
    ["holiday Monday 02/09/2024 at 08:00", "2024-09-02", "08:00", undefined, undefined],
    ["holiday Tuesday 03/09/2024 at 08:00", "2024-09-03", "08:00", undefined, undefined],
    ["Wednesday 04/09/2024 at 08:00", "2024-09-04", "08:00", "2024-09-04", "2024-W35"],
    // 29/04/2024 is a day off in lieu, then 30/4 and 1/5: Thursday 02/05.
    ["Thursday 02/05/2024 at 08:00", "2024-05-02", "08:00", "2024-05-02", "2024-W17"],
  ])("%s", (_name, date, time, sendDay, period) => {
    const slot = slotAt(date, time);
    if (sendDay === undefined) {
      expect(slot).toBeUndefined();
      return;
    }
    expect(slot?.sendAt).toEqual(instantAt(sendDay, "08:00"));
    expect(slot?.period.key).toBe(period);
    expect(slot?.period.complete).toBe(true);
  });

  it("a holiday-moved digest still covers the week before the Monday it was due", () => {
    const slot = slotAt("2024-09-04", "08:00");
    expect(slot).toMatchObject({ firedOn: "2024-09-02" });
    expect(slot?.period).toMatchObject({ start: "2024-08-26", end: "2024-09-01" });
  });

  it("after Tết 2025 only the newest week goes, once, on the first working day", () => {
    // 27–31/01/2025 are Tết holidays: Monday 27/01 moves to Monday 03/02, which has its own digest.
    const slot = slotAt("2025-02-03", "08:00");
    expect(slot?.sendAt).toEqual(instantAt("2025-02-03", "08:00"));
    expect(slot?.period.key).toBe("2025-W05");
  });

  it("follows a chat's own schedule (Friday 16:30)", () => {
    const cron = "30 16 * * 5";
    expect(slotAt("2024-11-22", "16:29", cron)).toBeUndefined();
    const slot = slotAt("2024-11-22", "16:30", cron);
    expect(slot?.sendAt).toEqual(instantAt("2024-11-22", "16:30"));
    expect(slot?.period.key).toBe("2024-W46");
  });

  it("catches up a digest missed on Friday evening on Monday morning, not on the weekend", () => {
    const cron = "30 16 * * 5";
    expect(slotAt("2024-11-23", "10:00", cron)).toBeUndefined();
    expect(slotAt("2024-11-25", "06:00", cron)).toBeUndefined();
    const slot = slotAt("2024-11-25", "07:30", cron);
    expect(slot?.sendAt).toEqual(instantAt("2024-11-22", "16:30"));
    expect(slot?.period.key).toBe("2024-W46");
  });

  it("refuses expressions that fire too often for a digest, or do not parse", () => {
    expect(() => digestSchedule("* * * * *")).toThrow();
    expect(() => digestSchedule("not a cron")).toThrow();
  });
});
