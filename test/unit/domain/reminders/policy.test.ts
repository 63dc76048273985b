import { describe, expect, it } from "vitest";
import {
  DEFAULT_REMINDER_POLICY,
  mergePolicy,
  reminderPolicySchema,
} from "../../../../src/domain/reminders/policy.js";

describe("reminder policy", () => {
  it("has the agreed defaults", () => {
    expect(DEFAULT_REMINDER_POLICY).toEqual({
      beforeDueWorkingDays: [7, 1],
      onDueDay: true,
      overdueEveryWorkingDays: 3,
      escalateAfterWorkingDays: 5,
      ongoingCheckinMonths: 3,
      stopOverdueAfterWorkingDays: 60,
      sendAt: "08:00",
    });
    expect(reminderPolicySchema().safeParse(DEFAULT_REMINDER_POLICY).success).toBe(true);
  });

  it("applies the plan override, then the task override", () => {
    const merged = mergePolicy(
      DEFAULT_REMINDER_POLICY,
      { beforeDueWorkingDays: [10, 3], sendAt: "09:00" },
      { sendAt: "14:30", onDueDay: false },
    );
    expect(merged).toEqual({
      ...DEFAULT_REMINDER_POLICY,
      beforeDueWorkingDays: [10, 3],
      sendAt: "14:30",
      onDueDay: false,
    });
  });

  it("returns the defaults when there is no override", () => {
    expect(mergePolicy(DEFAULT_REMINDER_POLICY)).toEqual(DEFAULT_REMINDER_POLICY);
    expect(mergePolicy(DEFAULT_REMINDER_POLICY, null, null)).toEqual(DEFAULT_REMINDER_POLICY);
  });

  it("sorts and de-duplicates the before-due days", () => {
    expect(
      mergePolicy(DEFAULT_REMINDER_POLICY, { beforeDueWorkingDays: [1, 5, 1, 3] })
        .beforeDueWorkingDays,
    ).toEqual([5, 3, 1]);
  });

  it.each([
    ["sendAt before opening", { sendAt: "07:00" }],
    ["sendAt at closing", { sendAt: "17:00" }],
    ["sendAt not a time", { sendAt: "8h" }],
    ["a zero cadence", { overdueEveryWorkingDays: 0 }],
    ["a negative before-due day", { beforeDueWorkingDays: [-1] }],
    ["a check-in cadence that does not divide the year", { ongoingCheckinMonths: 5 }],
    ["an unknown field", { remindEveryHour: true }],
    ["a wrong type", { onDueDay: "yes" }],
  ])("rejects %s", (_label, override) => {
    expect(() => mergePolicy(DEFAULT_REMINDER_POLICY, override)).toThrow();
    expect(() => mergePolicy(DEFAULT_REMINDER_POLICY, undefined, override)).toThrow();
  });

  it("checks sendAt against the office's own working hours", () => {
    const hours = { start: "06:30", end: "16:00" };
    expect(mergePolicy(DEFAULT_REMINDER_POLICY, { sendAt: "06:45" }, undefined, hours).sendAt).toBe(
      "06:45",
    );
    expect(() =>
      mergePolicy(DEFAULT_REMINDER_POLICY, { sendAt: "16:15" }, undefined, hours),
    ).toThrow(/working hours/);
  });
});
