import { deadlineErrorMessage } from "../../deadline/describe.js";
import { parseDeadline } from "../../deadline/parse.js";
import type { Deadline } from "../../deadline/types.js";
import type { MessageList } from "../../../core/message-key.js";
import { planFileWarning } from "../errors.js";
import { titleFromBody } from "../plan-info.js";
import { inlineDeadline, parseTaskDeadline } from "../task-deadline.js";
import type { ParsedTask, PlanFileError } from "../types.js";
import { assigneesFromHeading, cooperatingFromSentence, mergeUnitLists } from "../unit-phrases.js";
import type { TaskCandidate } from "./candidate.js";

/** "Xây dựng quy chế (Quý II/2026)." → the bracket's phrase, when it reads as a deadline. */
function bracketedDeadline(text: string): { phrase: string; body: string } | null {
  const m = /\s*\(([^()]{3,80})\)\s*[.;]?\s*$/u.exec(text);
  if (!m?.[1]) return null;
  const result = parseDeadline(m[1]);
  return result.ok ? { phrase: m[1].trim(), body: text.slice(0, m.index).trim() } : null;
}

interface DeadlineFound {
  deadlineText: string;
  deadline: Deadline | null;
  body: string;
  /** Why there is no date, when there is none. */
  problem?: { key: "no_deadline" | "undated" | "deadline_unreadable"; reason?: MessageList };
}

/** The time field's phrase, else a deadline inside the text; never a guess. */
function findDeadline(candidate: TaskCandidate, text: string): DeadlineFound {
  let phrase = candidate.deadlineText?.replace(/[\s.;,]+$/u, "") ?? null;
  let body = text;
  if (phrase === null || phrase === "") {
    const inline = inlineDeadline(text) ?? bracketedDeadline(text);
    if (!inline) return { deadlineText: "", deadline: null, body, problem: { key: "no_deadline" } };
    phrase = inline.phrase;
    body = inline.body;
  }
  const result = parseTaskDeadline(phrase, text);
  if (!result.ok) {
    const reason = deadlineErrorMessage(result.error);
    return {
      deadlineText: phrase,
      deadline: null,
      body,
      problem: { key: "deadline_unreadable", reason },
    };
  }
  const deadline: Deadline | null = result.deadline ?? null;
  return deadline
    ? { deadlineText: phrase, deadline, body }
    : { deadlineText: phrase, deadline: null, body, problem: { key: "undated" } };
}

/** A candidate → the task the plan gives, with a warning when it has no date. */
export function buildTask(
  candidate: TaskCandidate,
  file: string,
): { task: ParsedTask; warning?: PlanFileError } {
  const text = candidate.paragraphs.join("\n").trim();
  const found = findDeadline(candidate, text);
  const task: ParsedTask = {
    ref: candidate.ref,
    unit: candidate.unit,
    assignees: assigneesFromHeading(candidate.unit),
    cooperating: mergeUnitLists(candidate.cooperating, cooperatingFromSentence(found.body)),
    title: titleFromBody(found.body),
    body: found.body,
    deadlineText: found.deadlineText,
    deadline: found.deadline,
    line: candidate.line,
  };
  if (found.problem) {
    const params = {
      ref: candidate.ref,
      text: found.deadlineText,
      reason: found.problem.reason ?? "",
    };
    const at =
      found.problem.key === "no_deadline"
        ? candidate.line
        : (candidate.deadlineLine ?? candidate.line);
    const warning = planFileWarning(file, found.problem.key, params, { line: at });
    task.warning = warning.message;
    return { task, warning };
  }
  return { task };
}
