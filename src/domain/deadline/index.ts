export type {
  Deadline,
  DeadlineErrorCode,
  DeadlineKind,
  DeadlineParseResult,
  RecurringDeadline,
  UndatedReason,
} from "./types.js";
export {
  DEADLINE_ERROR_CODES,
  UNDATED_REASONS,
  deadlineSchema,
  storedDeadlineSchema,
} from "./types.js";
export { parseDeadline } from "./parse.js";
export {
  deadlineErrorMessage,
  describeDeadline,
  undatedReasonText,
  undatedWarning,
} from "./describe.js";
export type { OccurrenceOptions, Period } from "./periods.js";
export { ONGOING_CADENCES, occurrencePeriods } from "./periods.js";
