import { z } from "zod";
import { clockMinutes, isClockTime } from "../calendar/local-date.js";
import { DEFAULT_WORKING_HOURS, type WorkingHours } from "../calendar/work-calendar.js";

const positiveInt = z.number().int().positive();

/** Cadences that tile the year evenly, so windows always start in the same months (Jan, Apr …). */
const CHECKIN_MONTHS = [1, 2, 3, 4, 6, 12] as const;

const policyFields = {
  /** Send a "before" reminder this many working days before the due day. */
  beforeDueWorkingDays: z.array(positiveInt).max(10),
  onDueDay: z.boolean(),
  overdueEveryWorkingDays: positiveInt,
  escalateAfterWorkingDays: positiveInt,
  /** Check-in cadence for ongoing ("Thường xuyên") tasks: 1, 2, 3, 4, 6 or 12 months. */
  ongoingCheckinMonths: z
    .number()
    .int()
    .refine((m) => (CHECKIN_MONTHS as readonly number[]).includes(m), {
      message: `must be one of ${CHECKIN_MONTHS.join(", ")}`,
    }),
  /** No more overdue reminders after this many working days late. */
  stopOverdueAfterWorkingDays: positiveInt.optional(),
  /** Local time (Vietnam) of day at which reminders go out; must lie inside working hours. */
  sendAt: z.string().refine(isClockTime, { message: "expected HH:MM" }),
};

export const reminderPolicyOverrideSchema = z.object(policyFields).partial().strict();
export type ReminderPolicyOverride = z.infer<typeof reminderPolicyOverrideSchema>;

export function reminderPolicySchema(hours: WorkingHours = DEFAULT_WORKING_HOURS) {
  return z
    .object(policyFields)
    .strict()
    .refine(
      (p) =>
        clockMinutes(p.sendAt) >= clockMinutes(hours.start) &&
        clockMinutes(p.sendAt) < clockMinutes(hours.end),
      { path: ["sendAt"], message: `must lie inside working hours ${hours.start}–${hours.end}` },
    );
}
export type ReminderPolicy = z.infer<ReturnType<typeof reminderPolicySchema>>;

export const DEFAULT_STOP_OVERDUE_AFTER_WORKING_DAYS = 60;

export const DEFAULT_REMINDER_POLICY: ReminderPolicy = {
  beforeDueWorkingDays: [7, 1],
  onDueDay: true,
  overdueEveryWorkingDays: 3,
  escalateAfterWorkingDays: 5,
  ongoingCheckinMonths: 3,
  stopOverdueAfterWorkingDays: DEFAULT_STOP_OVERDUE_AFTER_WORKING_DAYS,
  sendAt: "08:00",
};

/**
 * The policy for one task: the defaults, then the plan's override, then the task's; a field set
 * in a later layer replaces the earlier one (a list is replaced, not merged). Overrides come from
 * stored JSON, so they are validated here; throws a ZodError when a layer or the result is invalid
 * (e.g. sendAt outside working hours).
 */
export function mergePolicy(
  defaults: ReminderPolicy,
  planOverride?: unknown,
  taskOverride?: unknown,
  hours: WorkingHours = DEFAULT_WORKING_HOURS,
): ReminderPolicy {
  const layers = [planOverride, taskOverride]
    .filter((layer) => layer !== undefined && layer !== null)
    .map((layer) => reminderPolicyOverrideSchema.parse(layer));
  const merged: Record<string, unknown> = { ...defaults };
  for (const layer of layers) {
    for (const [key, value] of Object.entries(layer)) if (value !== undefined) merged[key] = value;
  }
  const policy = reminderPolicySchema(hours).parse(merged);
  return {
    ...policy,
    beforeDueWorkingDays: [...new Set(policy.beforeDueWorkingDays)].sort((a, b) => b - a),
  };
}
