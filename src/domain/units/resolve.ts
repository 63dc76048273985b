import { fold } from "../text/fold.js";
import { isUnitActive, type Unit } from "./types.js";

/*
 * Matching unit names as people write them: any case, with or without diacritics, "UBND" or
 * "Ủy ban nhân dân", "TP" or "thành phố", and the usual abbreviations ("Sở TT&TT", "Sở KH&ĐT").
 */

const TITLES = /^(?:thu truong|giam doc|chu tich|lanh dao|nguoi dung dau)\s+/;

/** The comparison key of a name: "Ủy ban nhân dân TP. Thái Nguyên" and "TP Thái Nguyên" → "tpthainguyen". */
export function unitNameKey(name: string): string {
  return fold(name)
    .replace(TITLES, "")
    .replace(/\buy ban nhan dan\b/g, "ubnd")
    .replace(/\bthanh pho\b/g, "tp")
    .replace(/^ubnd\s+/, "")
    .replace(/[^a-z0-9]+/g, "");
}

/** "Sở Thông tin và Truyền thông" → "sotttt": syllable initials, the usual written abbreviation. */
function abbreviationKey(name: string): string | null {
  const m = /^(Sở|Ban)\s+(.+)$/u.exec(name.normalize("NFC").trim());
  if (!m?.[1] || !m[2]) return null;
  const initials = m[2]
    .split(/[\s,\-–]+/u)
    .filter((w) => w !== "" && w !== "và")
    .map((w) => w[0] ?? "")
    .join("");
  return initials.length >= 2 ? unitNameKey(`${m[1]} ${initials}`) : null;
}

function pick(candidates: readonly Unit[], asOf?: string): Unit | undefined {
  return candidates.find((u) => isUnitActive(u, asOf)) ?? candidates[0];
}

/**
 * The unit a name refers to, by name, then aliases, then the abbreviation of a "Sở …" name.
 * An active unit wins over a merged one of the same name. Undefined when nothing matches.
 */
export function resolveUnitName(
  name: string,
  units: readonly Unit[],
  asOf?: string,
): Unit | undefined {
  const key = unitNameKey(name);
  if (key === "") return undefined;
  const byCode = units.filter((u) => u.code.toLowerCase() === name.trim().toLowerCase());
  const byName = units.filter((u) => unitNameKey(u.name) === key);
  if (byName.length > 0) return pick(byName, asOf);
  const byAlias = units.filter((u) => u.aliases.some((a) => unitNameKey(a) === key));
  if (byAlias.length > 0) return pick(byAlias, asOf);
  if (byCode.length > 0) return pick(byCode, asOf);
  const byAbbreviation = units.filter((u) => abbreviationKey(u.name) === key);
  return byAbbreviation.length === 1 ? byAbbreviation[0] : pick(byAbbreviation, asOf);
}
