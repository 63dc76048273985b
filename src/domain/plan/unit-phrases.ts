import { fold } from "../text/fold.js";
import type { TaskAssignees, UnitKind } from "./types.js";

/*
 * Reading unit names out of plan sentences: "Sở Nội vụ và các cơ quan có liên quan",
 * "Thủ trưởng các sở, ban, ngành; Chủ tịch UBND các huyện, thành phố".
 * Commas and "và" also occur inside names ("Sở Văn hóa, Thể thao và Du lịch"), so a list is
 * only split where the next part starts like a unit name.
 */

// How a body's name starts, with its diacritics: "Số hóa" is not "Sở", "Báo cáo" is not "Báo".
const SINGLE_HEADS =
  "Sở|Ban|Bộ|Đài|Báo|Hội|Cục|Viện|Trường|Phòng|Trạm|Đội|Hạt|Chi nhánh|Ban quản lý";
const NAMED_HEADS =
  "UBND|HĐND|Ủy ban|Uỷ ban|Văn phòng|Thanh tra|Công an|Bộ Chỉ huy|Trung tâm|Kho bạc|Chi cục|Hiệp hội|Liên đoàn|Liên minh|Tỉnh đoàn|Thành đoàn|Tỉnh ủy|Tỉnh uỷ|Thành ủy|Thành uỷ|Mặt trận|Bảo hiểm xã hội|Ngân hàng|Bệnh viện|Học viện|Đảng ủy|Đảng uỷ|Hội đồng|Tòa án|Toà án|Viện kiểm sát|Thủ trưởng|Giám đốc|Chủ tịch|Lãnh đạo|Người đứng đầu|Doanh nghiệp|Cơ quan|Đơn vị";
const COLLECTIVE_HEAD =
  /^[Cc]ác (?:sở|Sở|ban|bộ|cơ quan|đơn vị|địa phương|huyện|xã|phường|doanh nghiệp|hội|tổ chức|ngành|tỉnh|thành phố|trường)(?=[\s,;:.]|$)/u;
// A one-word head names a body when a capitalised name or a list follows: "Sở Nội vụ", "Sở, ban, ngành".
const SINGLE_HEAD = new RegExp(`^(?:${SINGLE_HEADS})(?:\\s+\\p{Lu}|\\s*[,;]|\\s*$)`, "u");
const NAMED_HEAD = new RegExp(`^(?:${NAMED_HEADS})(?=[\\s,;:.]|$)`, "u");

function capitalised(text: string): string {
  const upper = text === text.toUpperCase() && text !== text.toLowerCase();
  if (!upper) return text;
  // "SỞ NỘI VỤ" → "Sở Nội Vụ": every word capitalised, so a one-word head still sees a name after it.
  return text
    .toLowerCase()
    .replace(/(^|\s)(\p{L})/gu, (_m, space: string, letter: string) => space + letter.toUpperCase())
    .replace(/^Ubnd\b/u, "UBND")
    .replace(/^Hđnd\b/u, "HĐND");
}

export function startsWithUnit(text: string): boolean {
  const nfc = capitalised(text.normalize("NFC").trim());
  return SINGLE_HEAD.test(nfc) || NAMED_HEAD.test(nfc) || COLLECTIVE_HEAD.test(nfc);
}

// A lower-case verb ends the list of units: "… các cơ quan có liên quan hướng dẫn …".
const LIST_END =
  /\s(?:hướng dẫn|thực hiện|triển khai|tổ chức|chỉ đạo|tham mưu|xây dựng|theo dõi|kiểm tra|đôn đốc|tuyên truyền|rà soát|báo cáo|để|nhằm|tại|theo|đẩy mạnh|tăng cường|cung cấp|bố trí|chịu trách nhiệm|có trách nhiệm|trong việc|trong)(?=[\s,.;:]|$)/u;

const TITLE_PREFIX = /^(?:thủ trưởng|giám đốc|chủ tịch|lãnh đạo|người đứng đầu)\s+/iu;

const COLLECTIVE: readonly { kind: UnitKind; pattern: RegExp }[] = [
  {
    kind: "department",
    pattern:
      /\bcac so\b|\bso, ban,? nganh\b|\bco quan chuyen mon\b|\bcac co quan, don vi (?:cap|thuoc) tinh\b/,
  },
  {
    kind: "district",
    pattern:
      /\b(?:ubnd|uy ban nhan dan) (?:cac|cap) huyen\b|\bcac huyen, (?:thi xa, )?thanh pho\b|\bcap huyen\b/,
  },
  {
    kind: "commune",
    pattern: /\b(?:ubnd|uy ban nhan dan) (?:cac|cap) xa\b|\bcac xa, phuong\b|\bcap xa\b/,
  },
  { kind: "public_service", pattern: /\bdon vi su nghiep\b/ },
];

function trimPunctuation(text: string): string {
  return text.replace(/^[\s,;:.\-–]+|[\s,;:.\-–]+$/gu, "");
}

/** Splits "A, B và C" where B and C start like unit names; "; " always splits. */
export function splitUnitList(text: string): string[] {
  const parts: string[] = [];
  for (const group of text.split(/[;\n]/)) {
    let current = "";
    const pieces = group.split(/(\s*,\s*|\s+và\s+)/u);
    for (let i = 0; i < pieces.length; i += 2) {
      const piece = pieces[i] ?? "";
      const separator = i > 0 ? (pieces[i - 1] ?? "") : "";
      if (current !== "" && startsWithUnit(piece)) {
        parts.push(current);
        current = piece;
      } else {
        current += separator + piece;
      }
    }
    parts.push(current);
  }
  return parts.map(trimPunctuation).filter((p) => p !== "");
}

/** Kinds named collectively in a phrase; empty for a single named unit. */
export function collectiveKinds(phrase: string): UnitKind[] {
  const folded = fold(phrase);
  return COLLECTIVE.filter((c) => c.pattern.test(folded)).map((c) => c.kind);
}

/** "Thủ trưởng các sở, ban, ngành; Chủ tịch UBND các huyện, thành phố" → kinds department, district. */
export function assigneesFromHeading(heading: string): TaskAssignees {
  const unitNames: string[] = [];
  const unitKinds: UnitKind[] = [];
  for (const part of splitUnitList(heading)) {
    const kinds = collectiveKinds(part);
    if (kinds.length > 0) {
      for (const kind of kinds) if (!unitKinds.includes(kind)) unitKinds.push(kind);
    } else {
      const name = trimPunctuation(part.replace(TITLE_PREFIX, ""));
      if (name !== "" && !unitNames.includes(name)) unitNames.push(name);
    }
  }
  return { unitNames, unitKinds };
}

/** Units after "phối hợp với" in a sentence: "Phối hợp với Sở Nội vụ và các cơ quan có liên quan hướng dẫn …". */
export function cooperatingFromSentence(sentence: string): string[] {
  const text = sentence.normalize("NFC");
  const folded = fold(text);
  const match = /(?:^|\s)phoi hop voi\s/.exec(folded);
  if (!match) return [];
  // fold() collapses spaces, so find the same place in the original by counting words.
  const wordsBefore = folded.slice(0, match.index).split(" ").filter(Boolean).length;
  const rest = text
    .trim()
    .split(/\s+/u)
    .slice(wordsBefore + 3)
    .join(" ");
  let list = rest.split(/[:.(]/u)[0] ?? "";
  const end = LIST_END.exec(list);
  if (end) list = list.slice(0, end.index);
  return splitUnitList(list).filter((p) => startsWithUnit(p));
}

/** Merges unit lists keeping the first spelling of each name. */
export function mergeUnitLists(...lists: string[][]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const name of lists.flat()) {
    const key = fold(name);
    if (!seen.has(key)) {
      seen.add(key);
      out.push(name);
    }
  }
  return out;
}
