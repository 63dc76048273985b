import { message, type Message } from "../../core/message-key.js";
import { exampleDates } from "../calendar/examples.js";
import type { ReportParseError } from "./parse-report.js";

/**
 * A sentence telling the user what was wrong with their report and what to type instead.
 * With `today` (YYYY-MM-DD) the examples of extension dates are real future dates.
 */
export function reportErrorMessage(code: ReportParseError, today?: string): Message {
  const example =
    today === undefined ? message("report.example_date") : exampleDates(today).dayMonth;
  return message(`report.error.${code}`, { example });
}
