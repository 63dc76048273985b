import { addDays } from "./local-date.js";

/** "2024-09-30" → "30/9/2024", the short way people type a date. */
function typed(date: string): string {
  return `${Number(date.slice(8, 10))}/${Number(date.slice(5, 7))}/${date.slice(0, 4)}`;
}

/**
 * Dates for the examples of usage messages, computed from today so that an example typed as
 * shown is accepted: `date` and `dayMonth` a month ahead (a new due date, an extension),
 * `pastDate` a week back (the week of a digest).
 */
export function exampleDates(today: string): { date: string; dayMonth: string; pastDate: string } {
  const ahead = typed(addDays(today, 30));
  return {
    date: ahead,
    dayMonth: ahead.slice(0, ahead.lastIndexOf("/")),
    pastDate: typed(addDays(today, -7)),
  };
}
