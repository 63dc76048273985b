import { message, type MessageParam } from "../../core/message-key.js";
import { deadlineErrorMessage } from "../deadline/describe.js";
import type { DeadlineParseResult } from "../deadline/types.js";
import { parseDeadline } from "../deadline/parse.js";
import { planFileError, type ErrorLocation } from "./errors.js";
import { assigneesFromHeading } from "./unit-phrases.js";
import type { ParsedTask, PlanFileError } from "./types.js";

/** A task as read from any format, before its deadline is parsed and its ref checked. */
export interface TaskDraft {
  ref: string;
  unit: string;
  cooperating: string[];
  title: string;
  body: string;
  deadlineText: string;
  line?: number;
  /** Where to point errors about the ref and about the deadline. */
  refAt: ErrorLocation;
  deadlineAt: ErrorLocation;
  /** Overrides plain parseDeadline (the text parser reads "hàng năm" from the whole task). */
  parsedDeadline?: DeadlineParseResult;
}

function describeLocation(where: ErrorLocation): MessageParam {
  if (where.cell !== undefined) return where.sheet ? `${where.sheet}!${where.cell}` : where.cell;
  return where.line !== undefined ? message("planfile.where.line", { line: where.line }) : "?";
}

/** Parses deadlines and rejects duplicate refs; problems are appended to `errors`. */
export function assembleTasks(
  drafts: readonly TaskDraft[],
  file: string,
  errors: PlanFileError[],
): ParsedTask[] {
  const firstSeen = new Map<string, ErrorLocation>();
  const tasks: ParsedTask[] = [];
  for (const draft of drafts) {
    const first = firstSeen.get(draft.ref);
    if (first) {
      errors.push(
        planFileError(
          file,
          "duplicate_ref",
          { ref: draft.ref, first: describeLocation(first) },
          draft.refAt,
        ),
      );
    } else {
      firstSeen.set(draft.ref, draft.refAt);
    }
    const parsed = draft.parsedDeadline ?? parseDeadline(draft.deadlineText);
    if (!parsed.ok) {
      errors.push(
        planFileError(
          file,
          "deadline_invalid",
          { ref: draft.ref, text: draft.deadlineText, reason: deadlineErrorMessage(parsed.error) },
          draft.deadlineAt,
        ),
      );
      continue;
    }
    const task: ParsedTask = {
      ref: draft.ref,
      unit: draft.unit,
      assignees: assigneesFromHeading(draft.unit),
      cooperating: draft.cooperating,
      title: draft.title,
      body: draft.body,
      deadlineText: draft.deadlineText,
      deadline: parsed.deadline,
    };
    if (draft.line !== undefined) task.line = draft.line;
    tasks.push(task);
  }
  return tasks;
}
