import cron, { type ScheduledTask } from "node-cron";
import { TIME_ZONE } from "../../domain/calendar/local-date.js";
import type { DigestSchedule } from "../../domain/digest/schedule.js";

/** A digest fires at most this many times a day; more is a mistake ("* * * * *"), not a digest. */
const MAX_TIMES_PER_DAY = 24;

const cache = new Map<string, DigestSchedule>();

/**
 * A cron expression (evaluated in Asia/Ho_Chi_Minh by node-cron) as a DigestSchedule; throws on
 * an invalid expression or one that fires more than 24 times a day.
 */
export function digestSchedule(expression: string): DigestSchedule {
  const cached = cache.get(expression);
  if (cached) return cached;
  const fields = cron.parse(expression);
  const times: string[] = [];
  for (const hour of fields.hour)
    for (const minute of fields.minute)
      times.push(`${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`);
  if (times.length > MAX_TIMES_PER_DAY || !fields.second.includes(0)) {
    throw new Error(`digest schedule "${expression}" fires too often for a digest`);
  }
  // A task that is never started: only its matcher is used (node-cron keeps one per expression).
  const task: ScheduledTask = cron.createTask(expression, () => undefined, {
    timezone: TIME_ZONE,
    name: `digest-schedule:${expression}`,
  });
  const schedule: DigestSchedule = { timesOfDay: times, matches: (at) => task.match(at) };
  cache.set(expression, schedule);
  return schedule;
}
