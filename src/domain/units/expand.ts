import type { TaskAssignees } from "../plan/types.js";
import { resolveUnitName } from "./resolve.js";
import { isUnitActive, type Unit } from "./types.js";

export interface AssigneeExpansion {
  /** Codes of the units that must carry out the task, without duplicates, in list order. */
  codes: string[];
  /** Names that match no unit in the list. */
  unknown: string[];
  /** Named units that no longer exist and were replaced by the unit they merged into. */
  redirected: { name: string; from: string; to: string }[];
  /** Named units that no longer exist and have no successor. */
  ended: { name: string; code: string }[];
}

const MAX_MERGE_CHAIN = 10;

function successor(unit: Unit, units: readonly Unit[], asOf?: string): Unit | undefined {
  let current: Unit | undefined = unit;
  for (let i = 0; current && i < MAX_MERGE_CHAIN; i++) {
    if (isUnitActive(current, asOf)) return current;
    const next: string | undefined = current.mergedInto;
    current = next === undefined ? undefined : units.find((u) => u.code === next);
  }
  return undefined;
}

/**
 * The unit codes a task is assigned to: every active unit of the collective kinds, plus each
 * named unit (a merged unit is replaced by its successor). `asOf` ("YYYY-MM-DD") dates the
 * question, so that a 2024 task still reaches a department merged away in 2025.
 */
export function expandAssignees(
  assignees: TaskAssignees,
  units: readonly Unit[],
  options: { asOf?: string } = {},
): AssigneeExpansion {
  const { asOf } = options;
  const result: AssigneeExpansion = { codes: [], unknown: [], redirected: [], ended: [] };
  const add = (code: string): void => {
    if (!result.codes.includes(code)) result.codes.push(code);
  };
  for (const unit of units) {
    if (assignees.unitKinds.includes(unit.kind) && isUnitActive(unit, asOf)) add(unit.code);
  }
  for (const name of assignees.unitNames) {
    const unit = resolveUnitName(name, units, asOf);
    if (!unit) {
      result.unknown.push(name);
      continue;
    }
    const target = successor(unit, units, asOf);
    if (!target) {
      result.ended.push({ name, code: unit.code });
      continue;
    }
    if (target.code !== unit.code)
      result.redirected.push({ name, from: unit.code, to: target.code });
    add(target.code);
  }
  return result;
}
