/**
 * Which registered units a plan's tasks go to, on import: names resolved by name, alias and
 * abbreviation; collective names ("UBND các xã, phường") expanded to the units of that kind;
 * names mapped by the admin (`--map "Tên=CODE"`); the rest either listed as unresolved, or
 * registered as new units (`--create-units`: code from the name, kind guessed from the name).
 * Pure: works on the unit list it is given.
 */
import { fold } from "../domain/text/fold.js";
import type { ParsedPlan, ParsedTask, UnitKind } from "../domain/plan/types.js";
import { collectiveKinds } from "../domain/plan/unit-phrases.js";
import { expandAssignees } from "../domain/units/expand.js";
import { unitNameKey } from "../domain/units/resolve.js";
import { isUnitActive, unitCodeSchema, type Unit } from "../domain/units/types.js";

/** A unit name written in the plan that matches no registered unit. */
export interface UnresolvedUnit {
  /** As written in the plan. */
  name: string;
  /** Tasks that name it. */
  refs: string[];
  /** Line (or row) of the first such task. */
  line?: number;
  /**
   * unknown: no unit of that name; no_units_of_kind: a collective name ("UBND các huyện") with no
   * active unit of the kind; no_units: the task names no unit at all.
   */
  reason: "unknown" | "no_units_of_kind" | "no_units";
  /** What `--create-units` would register (reason "unknown" only). */
  proposed?: { code: string; kind: UnitKind };
}

/** `--map "Tên đơn vị=CODE"`: a written name → a registered unit code ("A,B" for several). */
export interface UnitMapping {
  name: string;
  code: string;
}

/**
 * Generic collective names the plan reader leaves as names: "Các cơ quan, đơn vị" → every
 * department; "…, địa phương" adds every district and commune.
 */
export function genericCollectiveKinds(name: string): UnitKind[] {
  const folded = fold(name);
  if (!/^(?:tat ca )?cac (?:co quan|don vi)\b/.test(folded)) return [];
  return /\bdia phuong\b/.test(folded) ? ["department", "district", "commune"] : ["department"];
}

export interface ResolvedTask {
  task: ParsedTask;
  unitCodes: string[];
}

export interface UnitResolution {
  tasks: ResolvedTask[];
  unresolved: UnresolvedUnit[];
  /** Units to register before the import (with `createUnits`). */
  toCreate: Unit[];
  /** Mappings that name a code no unit has. */
  badMappings: UnitMapping[];
}

/** "Sở …"/"Ban …" → department; "UBND xã/phường/thị trấn …" → commune; "UBND huyện/thành phố/thị xã …" → district. */
export function guessUnitKind(name: string): UnitKind {
  const folded = fold(name)
    .replace(/^(?:thu truong|giam doc|chu tich|lanh dao)\s+/, "")
    .replace(/^(?:ubnd|uy ban nhan dan)\s+/, "");
  if (/^(?:so|ban)\s/.test(folded)) return "department";
  if (/^(?:xa|phuong|thi tran|dac khu)\s/.test(folded)) return "commune";
  if (/^(?:huyen|thanh pho|tp\.?|thi xa)\s/.test(folded)) return "district";
  return "other";
}

const PLACE_PREFIX =
  /^(?:ubnd\s+|uy ban nhan dan\s+)?(?:huyen|thanh pho|tp\.?|thi xa|xa|phuong|thi tran|dac khu)\s+/;

/**
 * A short code for a new unit: initials for a department or other body ("Sở Khoa học và Công
 * nghệ" → "SKHCN"), the place name for a district or commune ("UBND xã Tân Cương" → "TANCUONG").
 * Made unique against `taken` with a number ("TANCUONG2").
 */
export function unitCodeFromName(name: string, kind: UnitKind, taken: ReadonlySet<string>): string {
  const folded = fold(name).replace(/^(?:ubnd|uy ban nhan dan)\s+/, "");
  let base: string;
  if (kind === "district" || kind === "commune") {
    base = folded.replace(PLACE_PREFIX, "").replace(/[^a-z0-9]+/g, "");
  } else {
    base = folded
      .split(/[^a-z0-9]+/)
      .filter((w) => w !== "" && w !== "va")
      .map((w) => (/^\d+$/.test(w) ? w : (w[0] ?? "")))
      .join("");
  }
  base = base.toUpperCase().slice(0, 16);
  if (base.length < 2) base = `DV${base}`;
  const upperTaken = new Set([...taken].map((c) => c.toUpperCase()));
  let code = base;
  for (let n = 2; upperTaken.has(code); n += 1) code = `${base}${n}`;
  return unitCodeSchema.parse(code);
}

/** "Sở Khoa học và Công nghệ=SKHCN" → the mapping; undefined when there is no "=". */
export function parseUnitMapping(text: string): UnitMapping | undefined {
  const at = text.lastIndexOf("=");
  if (at <= 0) return undefined;
  const name = text.slice(0, at).trim();
  const code = text.slice(at + 1).trim();
  return name === "" || code === "" ? undefined : { name, code };
}

/**
 * Each task's unit codes, what stays unresolved, and what `createUnits` would register.
 * `asOf` dates the question (a past plan goes to the units of its start); `today` is the day a
 * created unit starts.
 */
export function resolvePlanUnits(
  parsed: ParsedPlan,
  units: readonly Unit[],
  options: {
    asOf: string;
    today: string;
    createUnits?: boolean;
    mappings?: readonly UnitMapping[];
  },
): UnitResolution {
  const { asOf } = options;
  const mapped = new Map<string, string[]>();
  const badMappings: UnitMapping[] = [];
  for (const mapping of options.mappings ?? []) {
    const wanted = mapping.code.split(/[\s,;]+/).filter((c) => c !== "");
    const found = wanted.map((code) =>
      units.find((u) => u.code.toLowerCase() === code.toLowerCase()),
    );
    if (found.length === 0 || found.some((u) => u === undefined)) badMappings.push(mapping);
    else
      mapped.set(
        unitNameKey(mapping.name),
        found.map((u) => u?.code ?? ""),
      );
  }
  const unresolved = new Map<string, UnresolvedUnit>();
  const created = new Map<string, Unit>();
  const taken = new Set(units.map((u) => u.code));
  const note = (task: ParsedTask, name: string, reason: UnresolvedUnit["reason"]) => {
    const key = `${reason}:${unitNameKey(name) || name}`;
    const entry = unresolved.get(key);
    if (entry) {
      if (!entry.refs.includes(task.ref)) entry.refs.push(task.ref);
      return;
    }
    const item: UnresolvedUnit = {
      name,
      refs: [task.ref],
      ...(task.line !== undefined ? { line: task.line } : {}),
      reason,
    };
    if (reason === "unknown") {
      const kind = guessUnitKind(name);
      // The code is only proposed: reserved so that two new names never get the same one.
      const code = unitCodeFromName(name, kind, taken);
      taken.add(code);
      item.proposed = { code, kind };
    }
    unresolved.set(key, item);
  };

  const tasks = parsed.tasks.map((task): ResolvedTask => {
    const codes: string[] = [];
    const add = (code: string) => {
      if (!codes.includes(code)) codes.push(code);
    };
    const names: string[] = [];
    for (const name of task.assignees.unitNames) {
      const mappedCodes = mapped.get(unitNameKey(name));
      if (mappedCodes) mappedCodes.forEach(add);
      else names.push(name);
    }
    const expansion = expandAssignees(
      { unitNames: names, unitKinds: task.assignees.unitKinds },
      units,
      {
        asOf,
      },
    );
    for (const code of expansion.codes) add(code);
    // A unit registered after the plan started is still the one a plan naming it means.
    for (const ended of expansion.ended) {
      const unit = units.find((u) => u.code === ended.code);
      if (unit?.establishedAt && asOf < unit.establishedAt && unit.mergedAt === undefined)
        add(unit.code);
    }
    // A collective name with no unit of its kind (no district level since July 2025) is a
    // problem only when the task then reaches no unit at all.
    const emptyCollectives: string[] = [];
    for (const kind of task.assignees.unitKinds) {
      if (!units.some((u) => u.kind === kind && isUnitActive(u, asOf)))
        if (!emptyCollectives.includes(task.unit)) emptyCollectives.push(task.unit);
    }
    let unknown = 0;
    for (const name of expansion.unknown) {
      const named = collectiveKinds(name);
      const kinds = named.length > 0 ? named : genericCollectiveKinds(name);
      if (kinds.length > 0) {
        const ofKind = units.filter((u) => kinds.includes(u.kind) && isUnitActive(u, asOf));
        if (ofKind.length === 0) emptyCollectives.push(name);
        for (const unit of ofKind) add(unit.code);
        continue;
      }
      unknown += 1;
      note(task, name, "unknown");
    }
    if (codes.length === 0 && unknown === 0) {
      if (emptyCollectives.length > 0)
        for (const name of emptyCollectives) note(task, name, "no_units_of_kind");
      else note(task, task.unit, "no_units");
    }
    return { task, unitCodes: codes };
  });

  const stillUnresolved: UnresolvedUnit[] = [];
  for (const item of unresolved.values()) {
    if (!(options.createUnits && item.reason === "unknown" && item.proposed)) {
      stillUnresolved.push(item);
      continue;
    }
    created.set(unitNameKey(item.name), {
      code: item.proposed.code,
      name: item.name.trim(),
      kind: item.proposed.kind,
      aliases: [],
      active: true,
      establishedAt: options.today,
    });
  }
  if (created.size > 0) {
    for (const resolved of tasks) {
      for (const name of resolved.task.assignees.unitNames) {
        const unit = created.get(unitNameKey(name));
        if (unit && !resolved.unitCodes.includes(unit.code)) resolved.unitCodes.push(unit.code);
      }
    }
  }
  return { tasks, unresolved: stillUnresolved, toCreate: [...created.values()], badMappings };
}
