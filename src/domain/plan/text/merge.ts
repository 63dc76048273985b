import { fold } from "../../text/fold.js";
import type { ParsedTask } from "../types.js";
import { mergeUnitLists } from "../unit-phrases.js";

/*
 * A plan often lists its tasks twice: in the body (who does what) and in an appendix table (with
 * the deadlines). A table row whose task is a body task is the same task: the body keeps its ref
 * and unit, and takes the table's deadline when it has none.
 */

const MIN_WORDS = 4;
const SAME_TASK = 0.85;

function words(text: string): Set<string> {
  return new Set(fold(text).match(/[a-z0-9]+/g) ?? []);
}

function overlap(a: Set<string>, b: Set<string>): number {
  if (a.size < MIN_WORDS || b.size < MIN_WORDS) return 0;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return shared / Math.min(a.size, b.size);
}

export interface MergeResult {
  tasks: ParsedTask[];
  merged: { tableRef: string; bodyRef: string; line?: number }[];
}

export function mergeBodyAndTables(body: ParsedTask[], table: ParsedTask[]): MergeResult {
  const merged: MergeResult["merged"] = [];
  // Body tasks are completed in place: the caller keeps track of them by identity.
  const out = body;
  const bodyWords = out.map((task) => words(task.title));
  const used = new Set<number>();
  const kept: ParsedTask[] = [];
  for (const row of table) {
    const rowWords = words(row.title);
    let best = -1;
    let bestScore = 0;
    bodyWords.forEach((w, i) => {
      const score = overlap(w, rowWords);
      if (!used.has(i) && score >= SAME_TASK && score > bestScore) {
        best = i;
        bestScore = score;
      }
    });
    const target = out[best];
    if (!target) {
      kept.push(row);
      continue;
    }
    used.add(best);
    if (target.deadline === null && row.deadline !== null) {
      target.deadline = row.deadline;
      target.deadlineText = row.deadlineText;
      delete target.warning;
    }
    target.cooperating = mergeUnitLists(target.cooperating, row.cooperating);
    merged.push({
      tableRef: row.ref,
      bodyRef: target.ref,
      ...(row.line ? { line: row.line } : {}),
    });
  }
  return { tasks: [...out, ...kept], merged };
}
