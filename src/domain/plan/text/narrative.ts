import { inlineDeadline } from "../task-deadline.js";
import {
  cooperatingFromSentence,
  mergeUnitLists,
  splitUnitList,
  startsWithUnit,
} from "../unit-phrases.js";
import type { TaskCandidate } from "./candidate.js";
import { readField, type Field } from "./fields.js";
import { inlineAssignment } from "./inline-assignment.js";
import type { Line } from "./lines.js";
import { leadingUnit, unitBeforeColon, unitHeading } from "./unit-text.js";

/*
 * Tasks written as prose, in one section of the plan. Three ways of saying who does what are
 * read, and may be mixed:
 * - a heading that names a unit ("1. Sở Nội vụ"), its lettered or bulleted items being its tasks;
 * - a task followed by labelled lines ("Đơn vị chủ trì: …", "Thời gian thực hiện: …"): the lines
 *   close the task, which is everything since the previous labels or heading (several bullets
 *   before one set of labels are one task);
 * - a duty sentence starting with its unit and holding its deadline ("Các cơ quan … xong trong
 *   tháng 12/2025.").
 * Anything else (goals, lists of solutions with no unit and no date) is not a task.
 */

export interface SectionInput {
  /** Ref prefix: "IV", "PL", or "" when the plan has no Roman sections. */
  prefix: string;
  lines: readonly Line[];
}

export interface NarrativeResult {
  tasks: TaskCandidate[];
  /** Duty sentences with a deadline but no unit: not imported, shown to the admin. */
  unitless: { line: number; text: string }[];
}

interface Item {
  kind: "heading" | "letter" | "dash" | "text";
  text: string;
  line: number;
  label?: string;
  /** "Sở Tư pháp: chủ trì …": the unit written before the colon. */
  unit?: string;
}

interface Scope {
  name: string;
  cooperating: string[];
  label: string;
  /** Ref of the tasks under a lettered unit heading ("IV.1.a"); numbered headings use their own. */
  ref?: string;
}

const TASK_FIELDS = new Set(["lead", "time", "content"]);

function refJoin(...parts: string[]): string {
  return parts.filter((p) => p !== "").join(".");
}

function sentences(text: string): string[] {
  return text
    .split(/(?<=[.;])\s+(?=\p{Lu})/u)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** "Sở Nội vụ chủ trì tham mưu …; Sở Tư pháp …" → "Sở Nội vụ"; a plain list stays as written. */
export function leadFromField(value: string): string {
  const clean = value.replace(/[.;,\s]+$/u, "");
  // Only a sentence naming who leads is cut; a plain list ("Doanh nghiệp, nhà cung cấp dịch vụ
  // IoT") stays whole even where a word of a name looks like a verb.
  return /\bchủ trì\b/iu.test(clean) ? (leadingUnit(clean) ?? clean) : clean;
}

export function readNarrative(section: SectionInput): NarrativeResult {
  const tasks: TaskCandidate[] = [];
  const unitless: NarrativeResult["unitless"] = [];
  const sectionHasTaskFields = section.lines.some((l) => {
    const field = l.kind === "row" ? null : readField(l.text, l.line);
    return field !== null && TASK_FIELDS.has(field.name);
  });

  let numberScope: Scope | null = null;
  let letterScope: Scope | null = null;
  let scope: Scope | null = null;
  /** Label of the numbered heading the tasks are under ("2", "2.3"). */
  let heading: string | null = null;
  let pending: Item[] = [];
  let fields: Field[] = [];

  const make = (candidate: Omit<TaskCandidate, "ref" | "from">, ref: string): void => {
    const task: TaskCandidate = { ...candidate, ref, from: "body" };
    tasks.push(task);
  };

  /** Each sentence of a duty paragraph that holds a deadline is a task of the paragraph's subject. */
  const dutySentences = (item: Item, ref: string): void => {
    const subject = leadingUnit(item.text);
    for (const sentence of sentences(item.text).filter((s) => inlineDeadline(s) !== null)) {
      if (!subject) {
        unitless.push({ line: item.line, text: sentence });
        continue;
      }
      const task = { line: item.line, unit: subject, cooperating: [], paragraphs: [sentence] };
      make({ ...task, deadlineText: null }, `${ref}#`);
    }
  };

  const close = (): void => {
    const content = pending.filter((i) => i.kind !== "heading");
    const head = pending.find((i) => i.kind === "heading");
    const byName = (name: string) => fields.find((f) => f.name === name);
    const contentField = byName("content");
    const lead = byName("lead");
    const time = byName("time");
    const coop = byName("cooperating");
    const hasTaskFields =
      fields.some((f) => TASK_FIELDS.has(f.name)) || content.some((i) => i.unit);
    const named = content.find((i) => i.unit)?.unit;
    const paragraphs = [
      ...(contentField && contentField.value !== "" ? [contentField.value] : []),
      ...content.map((i) => i.text),
    ];
    if (paragraphs.length === 0 && head && (hasTaskFields || scope)) paragraphs.push(head.text);
    const line = (content[0] ?? head)?.line ?? fields[0]?.line;
    const base =
      scope?.ref ?? (heading !== null ? refJoin(section.prefix, heading) : section.prefix);
    // Lettered tasks keep their letter; others are numbered in order under their heading.
    const refOf = (item: Item | undefined = content[0]): string =>
      item?.kind === "letter" ? refJoin(base, item.label ?? "") : `${base}#`;

    if (paragraphs.length > 0 && line !== undefined && (hasTaskFields || scope)) {
      const unit = lead
        ? leadFromField(lead.value)
        : (named ?? scope?.name ?? leadingUnit(paragraphs[0] ?? "") ?? "");
      const task: Omit<TaskCandidate, "ref" | "from"> = {
        line,
        unit,
        cooperating: mergeUnitLists(
          scope?.cooperating ?? [],
          coop ? splitUnitList(coop.value) : [],
        ),
        paragraphs,
        deadlineText: time ? time.value : null,
      };
      if (time) task.deadlineLine = time.line;
      make(task, refOf());
    } else if (!hasTaskFields && !scope) {
      const items = content.length > 0 ? content : head ? [head] : [];
      for (const item of items) {
        // Beside labelled tasks, a numbered item whose paragraph names its unit is a task too.
        if (
          sectionHasTaskFields &&
          item === items[0] &&
          startsWithUnit(item.text) &&
          leadingUnit(item.text)
        ) {
          make(
            {
              line: item.line,
              unit: leadingUnit(item.text) ?? "",
              cooperating: [],
              paragraphs: [item.text],
              deadlineText: null,
            },
            refOf(item),
          );
        } else {
          dutySentences(item, refOf(item).replace(/#$/u, ""));
        }
      }
    }
    pending = [];
    fields = [];
  };

  for (const line of section.lines) {
    if (line.kind === "row" || line.kind === "roman" || line.kind === "appendix") continue;
    const field = readField(line.text, line.line);
    if (field) {
      fields.push(field);
      continue;
    }
    if (fields.length > 0) close();

    // "… (Sở Nội vụ chủ trì; hoàn thành trong Quý II/2026)": a whole task on one line.
    const assigned = inlineAssignment(line.text);
    if (assigned && !unitHeading(line.text)) {
      close();
      if (line.kind === "number") {
        if (numberScope && !(line.label ?? "").startsWith(`${numberScope.label}.`))
          numberScope = null;
        letterScope = null;
        scope = numberScope;
        heading = line.label ?? "";
      }
      const base = heading !== null ? refJoin(section.prefix, heading) : section.prefix;
      const ref = line.kind === "letter" ? refJoin(base, line.label ?? "") : `${base}#`;
      const task = { line: line.line, unit: assigned.lead, cooperating: assigned.cooperating };
      make({ ...task, paragraphs: [assigned.text], deadlineText: assigned.deadlineText }, ref);
      continue;
    }

    if (line.kind === "number") {
      close();
      const label = line.label ?? "";
      const named = unitHeading(line.text);
      letterScope = null;
      if (named) {
        numberScope = { name: named.name, cooperating: named.cooperating, label };
        heading = label;
      } else {
        if (numberScope && !label.startsWith(`${numberScope.label}.`)) numberScope = null;
        heading = label;
        pending = [{ kind: "heading", text: line.text, line: line.line }];
      }
      scope = numberScope;
      continue;
    }

    // "a) Sở Nội vụ:" over its own bullets: the unit of the tasks below it.
    const subHeading = line.kind === "text" ? null : unitHeading(line.text);
    if (subHeading && (/:$/u.test(line.text) || line.kind === "letter")) {
      close();
      const label = `${numberScope?.label ?? heading ?? ""}.${line.label ?? "-"}`;
      const base = heading !== null ? refJoin(section.prefix, heading) : section.prefix;
      letterScope = {
        name: subHeading.name,
        cooperating: subHeading.cooperating,
        label,
        ref:
          line.kind === "letter" ? refJoin(base, line.label ?? "") : `${base}.${subHeading.name}`,
      };
      scope = letterScope;
      continue;
    }
    if (line.kind === "letter" && letterScope) {
      close();
      letterScope = null;
      scope = numberScope;
    }

    const split = line.kind === "text" ? null : unitBeforeColon(line.text);
    const item: Item =
      line.kind === "letter"
        ? { kind: "letter", text: line.text, line: line.line, label: line.label ?? "" }
        : { kind: line.kind === "text" ? "text" : "dash", text: line.text, line: line.line };
    if (split) {
      item.text = split.rest.replace(/^\p{Ll}/u, (c) => c.toUpperCase());
      item.unit = split.unit;
    }
    const content = pending.filter((i) => i.kind !== "heading");
    if (item.unit && content.length > 0) {
      close();
      pending.push(item);
      continue;
    }

    if (item.kind === "letter" || (item.kind === "dash" && scope)) {
      const onlyIntro = content.length > 0 && content.every((i) => i.kind === "text");
      if (scope && onlyIntro) {
        // "Phối hợp với Sở Nội vụ … hướng dẫn …:" introduces the unit's lettered tasks.
        const intro = content.map((i) => i.text).join(" ");
        scope.cooperating = mergeUnitLists(scope.cooperating, cooperatingFromSentence(intro));
        pending = pending.filter((i) => i.kind === "heading");
      } else if (item.kind === "dash" && content.some((i) => i.kind === "letter")) {
        pending.push(item); // a bullet inside a lettered task
        continue;
      } else if (content.length > 0) {
        close();
      }
      pending.push(item);
      continue;
    }
    pending.push(item);
  }
  close();
  return { tasks: numberSequences(tasks), unitless };
}

/** "IV.1#1" → "IV.1" when it is the heading's only task, else "IV.1.1", "IV.1.2" … */
function numberSequences(tasks: TaskCandidate[]): TaskCandidate[] {
  const counts = new Map<string, number>();
  for (const task of tasks) {
    const base = task.ref.split("#")[0] ?? task.ref;
    counts.set(base, (counts.get(base) ?? 0) + 1);
  }
  const seen = new Map<string, number>();
  return tasks.map((task) => {
    if (!task.ref.includes("#")) return task;
    const base = task.ref.split("#")[0] ?? task.ref;
    const k = (seen.get(base) ?? 0) + 1;
    seen.set(base, k);
    return {
      ...task,
      ref: (counts.get(base) ?? 0) > 1 ? refJoin(base, String(k)) : base || String(k),
    };
  });
}
