import { foldKeepLength } from "../../text/fold.js";
import { cooperatingFromSentence, startsWithUnit } from "../unit-phrases.js";

/*
 * Where a plan names who does a task without a label: a heading that is only a unit's name
 * ("1. Sở Nội vụ", "6. Đề nghị: Hiệp hội Doanh nghiệp tỉnh, Hội Nông dân tỉnh"), or the subject of
 * a duty sentence ("Các cơ quan, đơn vị, địa phương xây dựng Kế hoạch … xong trong tháng 12/2025").
 */

// The verb that ends the subject: "… có trách nhiệm …", "… chủ trì, phối hợp …", "… xây dựng …".
// Only in lower case: "Ban Tổ chức", "Sở Xây dựng" are names.
const SUBJECT_END =
  /\s(?:chu tri|phoi hop|co trach nhiem|chiu trach nhiem|can cu|chu dong|tiep tuc|khan truong|huong dan|thuc hien|trien khai|to chuc|chi dao|tham muu|xay dung|theo doi|kiem tra|don doc|tuyen truyen|ra soat|bao cao|day manh|tang cuong|cung cap|bo tri|nghien cuu|phan cong|quan tam|dam bao|bao dam|uu tien|lam|tong hop|hoan thanh|ban hanh|tiep nhan|cap nhat|niem yet|lay y kien|gui|soan thao|trinh|de xuat|khao sat|dieu tra|giam sat|danh gia|phat dong|van dong|bien soan|dang tai|phan anh|thong bao|boi duong|tap huan|ho tro|phoi hop voi|nang cao|sua doi|bo sung|tham dinh|thanh tra|so ket|tong ket|duy tri|quan ly|su dung|ung dung|ky|xu ly|giai quyet|cong khai|chuan bi|dang ky|van hanh)(?=[\s,.;:]|$)/g;

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
// "Đề nghị: Hội Nông dân tỉnh", "Trách nhiệm của Sở Nội vụ", "Đối với UBND các xã, phường".
const REQUEST = /^(?:đề nghị|kính đề nghị|giao|trách nhiệm của|nhiệm vụ của|đối với)\s*:?\s+/iu;

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

/** "Sở Tư pháp: chủ trì tổ chức tập huấn …" → the unit and the task after the colon. */
export function unitBeforeColon(text: string): { unit: string; rest: string } | null {
  const colon = text.indexOf(":");
  if (colon <= 0 || colon > 160) return null;
  const rest = text.slice(colon + 1).trim();
  const named = rest === "" ? null : unitHeading(text.slice(0, colon));
  return named ? { unit: named.name, rest } : null;
}
