export type { Deadline, DeadlineErrorCode, DeadlineParseResult } from "./types.js";
export { DEADLINE_ERROR_CODES, deadlineSchema } from "./types.js";
export { parseDeadline } from "./parse.js";
export { normalizeDeadlineText } from "./normalize.js";
export { deadlineErrorMessage, describeDeadline } from "./describe.js";
export type { OccurrenceOptions, Period } from "./periods.js";
export { ONGOING_CADENCES, occurrencePeriods } from "./periods.js";
