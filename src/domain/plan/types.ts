import { messageList, type MessageList, type MessageParam } from "../../core/message-key.js";
import type { ReminderPolicyOverride } from "../reminders/policy.js";
import type { Deadline } from "../deadline/types.js";

/** What kind of body a unit is; a collective heading ("các sở, ban, ngành") names kinds. */
export type UnitKind =
  | "department" // sở, ban, ngành
  | "district" // UBND huyện / thành phố / thị xã
  | "commune" // UBND xã / phường / thị trấn
  | "public_service" // đơn vị sự nghiệp công lập
  | "other";

export const UNIT_KINDS: readonly UnitKind[] = [
  "department",
  "district",
  "commune",
  "public_service",
  "other",
];

export interface TaskAssignees {
  /** Units named one by one ("Sở Nội vụ"), as written. */
  unitNames: string[];
  /** Kinds named collectively ("Thủ trưởng các sở, ban, ngành" → "department"). */
  unitKinds: UnitKind[];
}

export interface ParsedTask {
  /** Stable reference inside the plan, e.g. "IV.1.a"; (plan code, ref) identifies a task on re-import. */
  ref: string;
  /** The responsible unit as written: "Sở Nội vụ", or the collective heading. */
  unit: string;
  assignees: TaskAssignees;
  /** Units named after "Phối hợp với …". */
  cooperating: string[];
  /** First sentence of the body, at most about 160 characters. */
  title: string;
  body: string;
  /** The deadline phrase as written ("Quý II năm 2024"); "" when the task states none. */
  deadlineText: string;
  /** Null when the plan gives no calendar date ("Theo kế hoạch riêng", none at all): tracked undated. */
  deadline: Deadline | null;
  /** Why the task has no date, or what else about it needs the admin's eye (a message). */
  warning?: MessageParam;
  /** Where the task starts in the source: text line, CSV line or spreadsheet row. */
  line?: number;
  /** Reminder policy override for this task (YAML/JSON plans only). */
  reminderPolicy?: ReminderPolicyOverride;
}

export interface PlanInfo {
  /** Stable key of the plan ("vhcv-thai-nguyen-2024-2025"). */
  code: string;
  title: string;
  issuer: string;
  /** "2024 - 2025", or null when the plan names no period. */
  period: string | null;
  /** The published text, when the plan was read from it. */
  sourceText?: string;
  /** Reminder policy override for the whole plan (YAML/JSON plans only). */
  reminderPolicy?: ReminderPolicyOverride;
}

export interface ParsedPlan {
  plan: PlanInfo;
  tasks: ParsedTask[];
  /** Non-fatal problems: text that looked like a task but could not be read, tasks without a date. */
  warnings: PlanFileError[];
}

/** Machine-readable reason of a PlanFileError (the message is for people). */
export type PlanFileErrorCode =
  | "empty_file"
  | "unsupported_extension"
  | "syntax"
  | "schema"
  | "section_missing"
  | "no_tasks"
  | "task_empty"
  | "deadline_missing"
  | "deadline_invalid"
  | "duplicate_ref"
  | "duplicate_code"
  | "unknown_reference"
  | "header_missing"
  | "column_missing"
  | "sheet_missing"
  | "required"
  | "invalid_value";

export interface PlanFileError {
  file: string;
  line?: number;
  /** Spreadsheet cell such as "B7". */
  cell?: string;
  sheet?: string;
  /** What is wrong: a message of locales/*.json, put into words by whoever shows it. */
  message: MessageParam;
  code?: PlanFileErrorCode;
}

/** "plan.csv:4", "plan.xlsx, Kế hoạch!E7". */
function locationOf(e: PlanFileError): string {
  let where = e.file;
  if (e.cell !== undefined) where += `, ${e.sheet !== undefined ? `${e.sheet}!` : ""}${e.cell}`;
  else if (e.sheet !== undefined)
    where += `, ${e.sheet}${e.line !== undefined ? `:${e.line}` : ""}`;
  else if (e.line !== undefined) where += `:${e.line}`;
  return where;
}

/** "plan.csv:4: …", "plan.xlsx, Kế hoạch!E7: …" (render it in the reader's locale). */
export function formatPlanFileError(e: PlanFileError): MessageList {
  return messageList([locationOf(e), e.message], ": ");
}

/** For logs and stack traces only: where, and the message key ("plan.csv:4: planfile.error.syntax"). */
function debugText(e: PlanFileError): string {
  const what =
    typeof e.message === "object" && "key" in e.message ? e.message.key : String(e.message);
  return `${locationOf(e)}: ${what}`;
}

/** A plan or units file that cannot be used; lists every problem found, not only the first. */
export class PlanFileInvalid extends Error {
  readonly errors: PlanFileError[];

  /** Errors are kept in file order (those with no line first). */
  constructor(errors: PlanFileError[]) {
    const sorted = [...errors].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    super(sorted.map(debugText).join("\n"));
    this.name = "PlanFileInvalid";
    this.errors = sorted;
  }
}

/**
 * The plan without where it was read from (task lines, source text): two reads of the same
 * plan from different formats compare equal, and a re-import compares only what matters.
 */
export function stripSourceLocations(parsed: ParsedPlan): ParsedPlan {
  const { sourceText: _sourceText, ...plan } = parsed.plan;
  return {
    plan,
    tasks: parsed.tasks.map(({ line: _line, ...task }) => task),
    warnings: [],
  };
}
