import type { DigestState, DigestUnit } from "./types.js";

/** The units in `roots` and every unit under them (through parent links), as ids. */
export function unitsUnder(units: readonly DigestUnit[], roots: readonly number[]): Set<number> {
  const children = new Map<number, number[]>();
  for (const unit of units) {
    if (unit.parentId === null) continue;
    const list = children.get(unit.parentId) ?? [];
    list.push(unit.id);
    children.set(unit.parentId, list);
  }
  const found = new Set<number>();
  const queue = [...roots];
  while (queue.length > 0) {
    const id = queue.pop();
    if (id === undefined || found.has(id)) continue;
    found.add(id);
    queue.push(...(children.get(id) ?? []));
  }
  return found;
}

/** The part of the state a target follows; `unitIds` null = every unit. */
export function scopeState(state: DigestState, unitIds: ReadonlySet<number> | null): DigestState {
  if (unitIds === null) return state;
  return {
    units: state.units.filter((u) => unitIds.has(u.id)),
    occurrences: state.occurrences.filter((o) => unitIds.has(o.unitId)),
  };
}
