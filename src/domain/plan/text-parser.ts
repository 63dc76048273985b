import { assembleTasks, type TaskDraft } from "./assemble.js";
import { planFileError } from "./errors.js";
import { fold } from "./fold.js";
import { issuerFromText, periodFromText, planCodeFromTitle, titleFromBody } from "./plan-info.js";
import { deadlineLabelText, inlineDeadline, parseTaskDeadline } from "./task-deadline.js";
import { PlanFileInvalid, type ParsedPlan, type PlanFileError } from "./types.js";
import { cooperatingFromSentence, mergeUnitLists } from "./unit-phrases.js";

/*
 * Reads a plan as published (Vietnamese administrative layout): the "KẾ HOẠCH …" title block,
 * then in the section "IV. TỔ CHỨC THỰC HIỆN" numbered unit headings ("1. Sở Nội vụ"), lettered
 * tasks (a, b, c, d, đ, e, g …, letters may be skipped) and a deadline line under each task.
 */

interface Block {
  kind: "roman" | "closing" | "unit" | "letter" | "deadline" | "text";
  text: string;
  /** The line(s) as written, markup removed. */
  raw: string;
  line: number;
  /** Unit number or task letter. */
  label?: string;
}

interface TaskInProgress {
  ref: string;
  line: number;
  paragraphs: string[];
  deadline?: { text: string; line: number };
}

interface UnitInProgress {
  number: string;
  name: string;
  cooperating: string[];
  intro: { text: string; line: number }[];
  hasLetters: boolean;
}

const ROMAN_HEADING = /^([IVXLC]+)\s*[.)]\s+(\S.*)$/u;
const UNIT_HEADING = /^(\d{1,2})\s*[.)]\s+(\S.*)$/u;
const LETTER_ITEM = /^([a-zđ])(?:\)|\.(?=\s))\s*(.*)$/u;
// The end of the task section: the closing paragraph or the list of recipients.
const CLOSING =
  /^(?:chu tich (?:ubnd|uy ban nhan dan)\b.*\byeu cau\b|(?:ubnd|uy ban nhan dan) (?:tinh|thanh pho|huyen) yeu cau\b|tren day la\b|noi nhan\b|trong qua trinh (?:to chuc )?(?:trien khai|thuc hien)\b)/;
const HEADING_TAIL =
  /\s*,?\s*(?:chủ trì|phối hợp với|có trách nhiệm|chịu trách nhiệm)(?=[\s,:;.]|$)/iu;

function stripMarkup(line: string): string {
  return line
    .replace(/\*\*/g, "")
    .replace(/^[*_]+|[*_]+$/g, "")
    .trim();
}

function startsLowercase(text: string): boolean {
  return /^\p{Ll}/u.test(text);
}

function endsSentence(text: string): boolean {
  return /[.:;!?…"”)]$/u.test(text);
}

function classify(raw: string, line: number): Block {
  const roman = ROMAN_HEADING.exec(raw);
  if (roman) return { kind: "roman", text: roman[2] ?? "", raw, line, label: roman[1] ?? "" };
  if (CLOSING.test(fold(raw)) || raw.includes("./."))
    return { kind: "closing", text: raw, raw, line };
  const unit = UNIT_HEADING.exec(raw);
  if (unit) return { kind: "unit", text: unit[2] ?? "", raw, line, label: unit[1] ?? "" };
  const letter = LETTER_ITEM.exec(raw);
  if (letter) return { kind: "letter", text: letter[2] ?? "", raw, line, label: letter[1] ?? "" };
  const deadline = deadlineLabelText(raw);
  if (deadline !== null) return { kind: "deadline", text: deadline, raw, line };
  return { kind: "text", text: raw, raw, line };
}

/** Lines → blocks, joining text that a line or page break cut mid-sentence. */
function toBlocks(lines: readonly string[], firstLine: number): Block[] {
  const blocks: Block[] = [];
  lines.forEach((raw, i) => {
    const text = stripMarkup(raw);
    if (text === "") return;
    const block = classify(text, firstLine + i);
    const prev = blocks[blocks.length - 1];
    if (block.kind === "text" && prev) {
      const continues =
        ((prev.kind === "text" || prev.kind === "letter") &&
          (startsLowercase(text) || (prev.text !== "" && !endsSentence(prev.text)))) ||
        (prev.kind === "deadline" && startsLowercase(text));
      if (continues) {
        prev.text = prev.text === "" ? text : `${prev.text} ${text}`;
        prev.raw = `${prev.raw} ${text}`;
        return;
      }
    }
    blocks.push(block);
  });
  return blocks;
}

/** The bold "**KẾ HOẠCH …**" block (or the "KẾ HOẠCH" line and the lines under it), joined. */
function readTitle(lines: readonly string[]): { text: string; line: number } | null {
  const start = lines.findIndex((l) => fold(stripMarkup(l)).startsWith("ke hoach"));
  if (start < 0) return null;
  const parts: string[] = [];
  const bold = (lines[start] ?? "").trim().startsWith("**");
  for (let i = start; i < lines.length && parts.length < 8; i++) {
    const raw = (lines[i] ?? "").trim();
    if (!bold && raw === "") break;
    if (raw !== "") parts.push(stripMarkup(raw));
    if (bold && raw.endsWith("**") && (i > start || raw.length > 4)) break;
  }
  const text = parts.join(" ").replace(/\s+/g, " ").trim();
  return text === "" ? null : { text, line: start + 1 };
}

function findSection(lines: readonly string[]): { index: number; roman: string } | null {
  for (let i = 0; i < lines.length; i++) {
    const m = ROMAN_HEADING.exec(stripMarkup(lines[i] ?? ""));
    if (m && fold(m[2] ?? "").startsWith("to chuc thuc hien"))
      return { index: i, roman: m[1] ?? "" };
  }
  return null;
}

function unitFromHeading(heading: string): { name: string; cooperating: string[] } {
  const text = heading.replace(/[\s:]+$/u, "");
  const tail = HEADING_TAIL.exec(text);
  return {
    name: tail && tail.index > 0 ? text.slice(0, tail.index).trim() : text,
    cooperating: cooperatingFromSentence(text),
  };
}

/** Reads the published plan text; throws PlanFileInvalid listing every problem with its line. */
export function parsePlanText(text: string, file = "plan.txt"): ParsedPlan {
  const source = text.normalize("NFC").replace(/^\uFEFF/, "");
  if (source.trim() === "") throw new PlanFileInvalid([planFileError(file, "empty_file")]);
  const lines = source.split(/\r\n|\r|\n/);
  const errors: PlanFileError[] = [];

  const section = findSection(lines);
  const title = readTitle(section ? lines.slice(0, section.index) : lines);
  if (!title) errors.push(planFileError(file, "title_missing", {}, { line: 1 }));
  if (!section) {
    errors.push(planFileError(file, "section_missing"));
    throw new PlanFileInvalid(errors);
  }

  const drafts: TaskDraft[] = [];
  const state: { unit: UnitInProgress | null; task: TaskInProgress | null } = {
    unit: null,
    task: null,
  };

  const finishTask = (): void => {
    const { task: done, unit } = state;
    state.task = null;
    if (!done || !unit) return;
    let body = done.paragraphs.join("\n").trim();
    let deadlineText: string | undefined;
    let deadlineLine = done.line;
    if (done.deadline) {
      deadlineText = done.deadline.text;
      deadlineLine = done.deadline.line;
    } else {
      const inline = inlineDeadline(body);
      if (inline) {
        deadlineText = inline.phrase;
        body = inline.body;
      }
    }
    if (body === "") {
      errors.push(planFileError(file, "task_empty", { ref: done.ref }, { line: done.line }));
      return;
    }
    if (deadlineText === undefined) {
      errors.push(planFileError(file, "deadline_missing", { ref: done.ref }, { line: done.line }));
      return;
    }
    drafts.push({
      ref: done.ref,
      unit: unit.name,
      cooperating: mergeUnitLists(unit.cooperating, cooperatingFromSentence(body)),
      title: titleFromBody(body),
      body,
      deadlineText,
      line: done.line,
      refAt: { line: done.line },
      deadlineAt: { line: deadlineLine },
      parsedDeadline: parseTaskDeadline(deadlineText, body),
    });
  };

  /** Text under a heading with no lettered task is itself the unit's task ("IV.4"). */
  const introAsTask = (unit: UnitInProgress): TaskInProgress | null => {
    const first = unit.intro[0];
    if (!first || unit.hasLetters) return null;
    const made: TaskInProgress = {
      ref: `${section.roman}.${unit.number}`,
      line: first.line,
      paragraphs: unit.intro.map((p) => p.text),
    };
    unit.intro = [];
    return made;
  };

  const finishUnit = (): void => {
    finishTask();
    if (state.unit) {
      state.task = introAsTask(state.unit);
      finishTask();
    }
    state.unit = null;
  };

  for (const block of toBlocks(lines.slice(section.index + 1), section.index + 2)) {
    if (block.kind === "roman" || block.kind === "closing") break;
    if (block.kind === "unit") {
      finishUnit();
      const { name, cooperating } = unitFromHeading(block.text);
      state.unit = { number: block.label ?? "", name, cooperating, intro: [], hasLetters: false };
    } else if (block.kind === "letter") {
      finishTask();
      const unit = state.unit;
      if (!unit) {
        const letter = block.label ?? "";
        errors.push(planFileError(file, "task_outside_unit", { letter }, { line: block.line }));
        continue;
      }
      if (unit.intro.length > 0) {
        const intro = unit.intro.map((p) => p.text).join(" ");
        unit.cooperating = mergeUnitLists(unit.cooperating, cooperatingFromSentence(intro));
        unit.intro = [];
      }
      unit.hasLetters = true;
      state.task = {
        ref: `${section.roman}.${unit.number}.${block.label ?? ""}`,
        line: block.line,
        paragraphs: block.text === "" ? [] : [block.text],
      };
    } else if (block.kind === "deadline") {
      if (!state.task && state.unit) state.task = introAsTask(state.unit);
      const task = state.task;
      if (!task) {
        const where = { line: block.line };
        errors.push(planFileError(file, "deadline_line_without_task", { text: block.text }, where));
        continue;
      }
      // A second deadline line is kept as text of the task (e.g. a note under the first one).
      if (task.deadline) task.paragraphs.push(block.raw);
      else task.deadline = { text: block.text, line: block.line };
    } else if (state.task) {
      state.task.paragraphs.push(block.text);
    } else if (state.unit) {
      state.unit.intro.push({ text: block.text, line: block.line });
    }
  }
  finishUnit();

  const tasks = assembleTasks(drafts, file, errors);
  if (drafts.length === 0 && errors.length === 0) {
    errors.push(planFileError(file, "no_tasks", {}, { line: section.index + 1 }));
  }
  if (errors.length > 0) {
    throw new PlanFileInvalid(errors);
  }

  const planTitle = title?.text ?? "";
  const period = periodFromText(planTitle);
  return {
    plan: {
      code: planCodeFromTitle(planTitle, period),
      title: planTitle,
      issuer: issuerFromText(planTitle, lines.slice(0, section.index).join("\n")),
      period,
      sourceText: source,
    },
    tasks,
  };
}
