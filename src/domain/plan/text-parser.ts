import { planFileError, planFileWarning } from "./errors.js";
import { fold } from "../text/fold.js";
import { issuerFromText, periodFromText, placeFromText, planCodeFromTitle } from "./plan-info.js";
import { buildTask } from "./text/build.js";
import type { TaskCandidate } from "./text/candidate.js";
import { readLines, type Line } from "./text/lines.js";
import { mergeBodyAndTables } from "./text/merge.js";
import { leadFromField, readNarrative } from "./text/narrative.js";
import { readTables, type Table } from "./text/tables.js";
import { readTitle } from "./text/title.js";
import { splitUnitList } from "./unit-phrases.js";
import { PlanFileInvalid, type ParsedPlan, type ParsedTask, type PlanFileError } from "./types.js";

/*
 * Reads a plan as its issuer published it, in any of the usual layouts (see text/narrative.ts and
 * text/tables.ts): sections with Roman numerals, tasks in prose or in an appendix table. Sections
 * about aims, targets and funding hold no tasks. A file is refused only when it holds no task;
 * everything else that could not be read becomes a warning with its line.
 */

const SKIPPED_SECTION =
  /^(?:muc dich|yeu cau|muc tieu|quan diem|doi tuong|pham vi|can cu|su can thiet|thuc trang|tinh hinh|ket qua|danh gia|(?:nguon )?kinh phi)/;
// The end of the body: the closing paragraph, the recipients, the signature.
const CLOSING =
  /^(?:chu tich (?:ubnd|uy ban nhan dan)\b.*\byeu cau\b|(?:ubnd|uy ban nhan dan) (?:tinh|thanh pho|huyen|xa|phuong) yeu cau\b|tren day la\b|noi nhan\b|trong qua trinh (?:to chuc )?(?:trien khai|thuc hien)\b)/;

interface Section {
  prefix: string;
  lines: Line[];
}

function splitSections(
  lines: readonly Line[],
  tables: readonly Table[],
): { sections: Section[]; tablePrefix: Map<Table, string> } {
  const inTable = new Map<number, Table>();
  for (const table of tables) for (const n of table.lines) inTable.set(n, table);
  const hasRoman = lines.some((l) => l.kind === "roman");
  const sections: Section[] = [];
  const tablePrefix = new Map<Table, string>();
  let current: Section | null = hasRoman ? null : { prefix: "", lines: [] };
  let prefix = "";
  let inAppendix = false;
  let closed = false;
  const open = (next: Section | null): void => {
    if (current) sections.push(current);
    current = next;
  };
  for (const line of lines) {
    const table = inTable.get(line.line);
    if (table) {
      if (!tablePrefix.has(table)) tablePrefix.set(table, inAppendix ? "PL" : prefix);
      continue;
    }
    if (line.kind === "appendix") {
      inAppendix = true;
      closed = false;
      prefix = "PL";
      open({ prefix, lines: [] });
      continue;
    }
    if (line.kind === "roman") {
      closed = false;
      prefix = inAppendix ? `PL.${line.label ?? ""}` : (line.label ?? "");
      open(SKIPPED_SECTION.test(fold(line.text)) ? null : { prefix, lines: [] });
      continue;
    }
    if (closed) continue;
    if (line.kind !== "row" && CLOSING.test(fold(line.text))) {
      closed = true;
      continue;
    }
    (current as Section | null)?.lines.push(line);
    if (line.raw.includes("./.")) closed = true;
  }
  open(null);
  return { sections, tablePrefix };
}

function tableCandidates(table: Table, prefix: string): TaskCandidate[] {
  return table.rows.map((row) => {
    const lead = leadFromField(row.cells.lead ?? "");
    const candidate: TaskCandidate = {
      ref: [prefix, row.group ?? "", row.number].filter((p) => p !== "").join("."),
      line: row.line,
      unit: lead,
      cooperating: row.cells.cooperating ? splitUnitList(row.cells.cooperating) : [],
      paragraphs: [row.cells.task ?? ""],
      deadlineText: row.cells.time ?? null,
      from: "table",
    };
    if (row.cells.time) candidate.deadlineLine = row.line;
    return candidate;
  });
}

/** Refs must be unique within a plan: a repeated one becomes "-2", "-3" … with a warning. */
function makeRefsUnique(
  tasks: readonly ParsedTask[],
  file: string,
  warnings: PlanFileError[],
): void {
  const firstLine = new Map<string, number | undefined>();
  for (const task of tasks) {
    if (!firstLine.has(task.ref)) {
      firstLine.set(task.ref, task.line);
      continue;
    }
    let k = 2;
    while (firstLine.has(`${task.ref}-${k}`)) k++;
    const newRef = `${task.ref}-${k}`;
    const first = firstLine.get(task.ref);
    const params = { ref: task.ref, newRef, first: first !== undefined ? String(first) : "?" };
    const where = task.line !== undefined ? { line: task.line } : {};
    warnings.push(planFileWarning(file, "duplicate_ref", params, where));
    firstLine.set(newRef, task.line);
    task.ref = newRef;
  }
}

/** Reads the published plan text; throws PlanFileInvalid only when it is empty or holds no task. */
export function parsePlanText(text: string, file = "plan.txt"): ParsedPlan {
  const source = text.normalize("NFC").replace(/^\uFEFF/, "");
  if (source.trim() === "") throw new PlanFileInvalid([planFileError(file, "empty_file")]);
  const rawLines = source.split(/\r\n|\r|\n/);
  const lines = readLines(rawLines);
  const tables = readTables(lines);
  const { sections, tablePrefix } = splitSections(lines, tables);

  const warnings: PlanFileError[] = [];
  const bodyCandidates: TaskCandidate[] = [];
  for (const section of sections) {
    const result = readNarrative(section);
    for (const task of result.tasks) {
      // A task nobody is named for cannot be reminded about: shown to the admin, not imported.
      if (task.unit !== "") bodyCandidates.push(task);
      else result.unitless.push({ line: task.line, text: task.paragraphs.join(" ") });
    }
    for (const u of result.unitless) {
      warnings.push(planFileWarning(file, "unitless", { text: u.text }, { line: u.line }));
    }
  }
  const tableCandidatesAll = tables.flatMap((table) =>
    tableCandidates(table, tablePrefix.get(table) ?? "PL"),
  );
  for (const table of tables) {
    for (const p of table.problems)
      warnings.push(planFileWarning(file, "table_row", {}, { line: p.line }));
  }

  const built = [...bodyCandidates, ...tableCandidatesAll].map((c) => ({
    from: c.from,
    ...buildTask(c, file),
  }));
  const { tasks, merged } = mergeBodyAndTables(
    built.filter((b) => b.from === "body").map((b) => b.task),
    built.filter((b) => b.from === "table").map((b) => b.task),
  );
  for (const m of merged) {
    const where = m.line !== undefined ? { line: m.line } : {};
    warnings.push(planFileWarning(file, "merged", { ref: m.tableRef, bodyRef: m.bodyRef }, where));
  }
  tasks.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  makeRefsUnique(tasks, file, warnings);
  // A task's own warning, unless the appendix gave it the date it lacked.
  for (const { task, warning } of built) {
    if (warning && task.warning && tasks.includes(task))
      warnings.push({ ...warning, message: task.warning });
  }

  if (tasks.length === 0) throw new PlanFileInvalid([planFileError(file, "no_tasks"), ...warnings]);

  const title = readTitle(rawLines);
  const planTitle = title?.text ?? file.replace(/\.[^.]+$/u, "");
  if (!title) warnings.push(planFileError(file, "title_missing", {}, { line: 1 }));
  const period = periodFromText(planTitle);
  const firstSection =
    lines.find((l) => l.kind === "roman" || l.kind === "appendix")?.line ?? rawLines.length;
  const preamble = rawLines.slice(0, firstSection).join("\n");
  return {
    plan: {
      code: planCodeFromTitle(planTitle, period, placeFromText(preamble)),
      title: planTitle,
      issuer: issuerFromText(planTitle, preamble),
      period,
      sourceText: source,
    },
    tasks,
    warnings: warnings.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)),
  };
}
