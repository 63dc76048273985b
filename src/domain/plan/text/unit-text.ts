import { fold, foldKeepLength } from "../fold.js";
import { cooperatingFromSentence } from "../unit-phrases.js";

/*
 * Where a plan names who does a task without a label: a heading that is only a unit's name
 * ("1. Sở Nội vụ", "6. Đề nghị: Hiệp hội Doanh nghiệp tỉnh, Hội Nông dân tỉnh"), or the subject of
 * a duty sentence ("Các cơ quan, đơn vị, địa phương xây dựng Kế hoạch … xong trong tháng 12/2025").
 */

// Folded starts of a body's name. "các" only counts before a kind of body ("các sở", "các cơ quan").
const UNIT_WORDS =
  /^(?:so|ban|bo|ubnd|hdnd|uy ban|van phong|thanh tra|cong an|bo chi huy|dai|bao|trung tam|kho bac|cuc|chi cuc|hoi|hiep hoi|lien doan|lien minh|tinh doan|thanh doan|tinh uy|thanh uy|mat tran|bao hiem|ngan hang|truong|benh vien|vien|hoc vien|dang uy|hoi dong|toa an|vien kiem sat|thu truong|giam doc|chu tich|lanh dao|nguoi dung dau|doanh nghiep|cac (?:so|ban|bo|co quan|don vi|dia phuong|huyen|xa|phuong|doanh nghiep|hoi|to chuc|nganh|tinh|thanh pho)|co quan|don vi)(?=[\s,;:.]|$)/;

// The verb that ends the subject: "… có trách nhiệm …", "… chủ trì, phối hợp …", "… xây dựng …".
// Only in lower case: "Ban Tổ chức", "Sở Xây dựng" are names.
const SUBJECT_END =
  /\s(?:chu tri|phoi hop|co trach nhiem|chiu trach nhiem|can cu|chu dong|tiep tuc|khan truong|huong dan|thuc hien|trien khai|to chuc|chi dao|tham muu|xay dung|theo doi|kiem tra|don doc|tuyen truyen|ra soat|bao cao|day manh|tang cuong|cung cap|bo tri|nghien cuu|phan cong|quan tam|dam bao|bao dam|uu tien|lam)(?=[\s,.;:]|$)/g;

/** Index (in the NFC text) of the first lower-case verb that ends a list of units, or -1. */
function subjectEnd(nfc: string): number {
  const folded = foldKeepLength(nfc);
  SUBJECT_END.lastIndex = 0;
  for (let m = SUBJECT_END.exec(folded); m; m = SUBJECT_END.exec(folded)) {
    if (/\p{Ll}/u.test(nfc[m.index + 1] ?? "")) return m.index;
  }
  return -1;
}

const HEADING_TAIL =
  /\s*,?\s*(?:chủ trì|phối hợp với|có trách nhiệm|chịu trách nhiệm)(?=[\s,:;.]|$)/iu;
const REQUEST = /^(?:đề nghị|kính đề nghị|giao)\s*:?\s+/iu;

export function startsWithUnit(text: string): boolean {
  return UNIT_WORDS.test(fold(text));
}

function wordCount(text: string): number {
  return text.split(/\s+/u).filter(Boolean).length;
}

export interface UnitHeading {
  name: string;
  cooperating: string[];
}

/**
 * A numbered heading that only names who is responsible, possibly with "chủ trì, phối hợp với …:".
 * A duty sentence that merely starts with a unit ("Sở Tài chính chủ trì … bố trí kinh phí.") is not one.
 */
export function unitHeading(heading: string): UnitHeading | null {
  const text = heading.replace(REQUEST, "").trim();
  const endsWithColon = /:$/u.test(text);
  const bare = text.replace(/[\s:]+$/u, "");
  if (!startsWithUnit(bare)) return null;
  const tail = HEADING_TAIL.exec(bare);
  const name = (tail && tail.index > 0 ? bare.slice(0, tail.index) : bare).trim();
  if (name === "" || wordCount(name) > 22) return null;
  if (tail && !endsWithColon && wordCount(bare) > wordCount(name) + 10) return null;
  // A sentence: a full stop inside, or a verb after the names.
  if (/\.\s/u.test(bare) || (/\.$/u.test(bare) && wordCount(bare) > 8)) return null;
  if (subjectEnd(name.normalize("NFC")) >= 0) return null;
  return { name, cooperating: cooperatingFromSentence(text) };
}

/** The units a duty sentence starts with, up to its verb; null when it does not start with one. */
export function leadingUnit(sentence: string): string | null {
  const text = sentence.normalize("NFC").replace(REQUEST, "").replace(/\s+/gu, " ").trim();
  if (!startsWithUnit(text)) return null;
  const end = subjectEnd(text);
  if (end <= 0) return null;
  const subject = text.slice(0, end).replace(/[\s,;:]+$/u, "");
  return wordCount(subject) > 25 ? null : subject;
}
