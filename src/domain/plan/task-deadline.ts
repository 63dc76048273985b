import { messageList } from "../../core/message-key.js";
import { undatedWarning } from "../deadline/describe.js";
import { parseDeadline } from "../deadline/parse.js";
import type { DeadlineParseResult } from "../deadline/types.js";
import { foldKeepLength } from "../text/fold.js";
import type { ParsedTask, PlanFileError } from "./types.js";

/*
 * Finding a task's deadline phrase in a plan: on its own line ("Thời gian hoàn thành: Quý II
 * năm 2024", "c) Thời gian thực hiện: …", "- Tiến độ: …"), after a label inside the task's text,
 * or as a phrase inside the sentence ("… báo cáo Bộ Nội vụ trước ngày 15/12 hàng năm theo quy
 * định", "… xong trong tháng 12/2025"). Dates that are not deadlines — a document's date
 * ("Nghị quyết số 27/NQ-TW ngày 09/11/2022"), a target ("đến năm 2030", "giai đoạn 2026-2030"),
 * a start ("Từ năm 2020 đến nay") — are never taken: only a date introduced by a deadline word
 * ("trước", "chậm nhất", "trong", "xong trong", "hằng năm (trước …)") counts.
 */

// "Thời gian hoàn thành", "Thời hạn ban hành", "Thời gian thực hiện dự kiến", "Tiến độ thực hiện", "Hạn chót".
const LABEL_WORDS = String.raw`(?:(?:thoi gian|thoi han)(?:\s+(?:hoan thanh|thuc hien|ban hanh|trien khai|bao cao|nop|gui|trinh))?(?:\s+du kien)?|tien do(?:\s+(?:hoan thanh|thuc hien))?|han chot|han hoan thanh)`;
// "Thời hạn trình UBND tỉnh:", "Thời gian gửi báo cáo về Sở Nội vụ:" (a few words before the colon).
const LONG_LABEL = String.raw`(?:thoi gian|thoi han)\s+(?:trinh|gui|nop|bao cao)(?:\s+[^\s:]+){1,6}`;
// Bullets and list marks in front of a label: "-", "+", "•", "a)", "c)", "2.", "(c)".
const LABEL_MARKS = String.raw`(?:[\s\-+*•·–—]+|\(?(?:[a-z]|\d{1,2})\)\s*|(?:[a-z]|\d{1,2})\.\s+)*`;

// On a line of its own a label may also be "Hạn:", "Thời điểm hoàn thành:", "Mốc thời gian:", or
// carry a note in brackets ("Thời gian thực hiện (dự kiến):").
const LINE_LABEL_WORDS = String.raw`(?:${LABEL_WORDS}|${LONG_LABEL}|(?:thoi diem|moc thoi gian|han)(?:\s+(?:hoan thanh|thuc hien|ban hanh|trien khai|bao cao|nop|trinh))*)`;
const LABEL = new RegExp(
  String.raw`^${LABEL_MARKS}${LINE_LABEL_WORDS}(?:\s*\([^)]{0,40}\))?\s*:\s*`,
);

const INLINE_LABEL = new RegExp(String.raw`(?:^|[\s.;(])(?:${LABEL_WORDS}|${LONG_LABEL})\s*:\s*`);

const DAY_MONTH = String.raw`\d{1,2}(?:\s*[/.-]\s*|\s+thang\s+)\d{1,2}`;
const WITH_YEAR = String.raw`(?:(?:\s*[/.-]\s*|\s+nam\s+)\d{4})`;
const DAY_LIST = String.raw`ngay\s+${DAY_MONTH}${WITH_YEAR}?(?:\s*(?:,|;|va)\s*(?:ngay\s+)?${DAY_MONTH}${WITH_YEAR}?)*`;
const PERIOD = String.raw`(?:thang\s+\d{1,2}(?:\s*[/.-]\s*\d{4}|\s+nam\s+\d{4})?|qu[yi]\s+(?:[ivx]+|\d)(?:\s*[/.-]\s*\d{4}|\s+nam\s+\d{4})?)`;
const EACH_YEAR = String.raw`(?:,?\s+(?:hang|moi) nam)`;

// Each alternative is a deadline phrase as it appears inside a sentence; the first that parses wins.
const INLINE_PHRASES: RegExp[] = [
  // "hằng năm (trước ngày 15 tháng 11)", "hàng năm, trước ngày 20/11".
  new RegExp(String.raw`(?:hang|moi) nam\s*[(,]?\s*(?:truoc|cham nhat|vao)\s+${DAY_LIST}\)?`, "g"),
  // "trước ngày 01/6 và 15/11 hằng năm", "chậm nhất ngày 30/6/2025", "trước ngày 30 tháng 11 hàng năm".
  new RegExp(
    String.raw`(?:dinh ky\s+)?(?:truoc|cham nhat la|cham nhat|den het|vao)\s+${DAY_LIST}${EACH_YEAR}?`,
    "g",
  ),
  // "trước ngày 15 hằng tháng", "trước ngày 15 của tháng cuối quý".
  /(?:dinh ky\s+)?(?:truoc|cham nhat|vao)\s+ngay\s+\d{1,2}\s+(?:hang thang|(?:cua\s+)?thang\s+(?:dau|cuoi)\s+(?:moi\s+|hang\s+)?quy)/g,
  // "xong trong tháng 12/2025", "trong quý III năm 2025", "đến hết tháng 6/2025".
  new RegExp(
    String.raw`(?:xong\s+)?(?:truoc|cham nhat la|cham nhat|trong|den het|vao)\s+${PERIOD}${EACH_YEAR}?`,
    "g",
  ),
  // "hoàn thành trong năm 2025", "xong trước năm 2026" (a year alone only after "xong"/"hoàn thành").
  /(?:hoan thanh|xong)\s+(?:trong\s+)?nam\s+\d{4}/g,
  // "định kỳ 6 tháng", "định kỳ hằng quý", "định kỳ hằng tháng" (periodic reporting).
  /dinh ky\s+(?:(?:6|06|sau)\s+thang(?:\s+va\s+hang\s+nam)?|hang\s+(?:quy|thang))/g,
];

// Just before a document's date: "số 27/NQ-TW ngày …", "ban hành ngày …", "ký ngày …".
const DOCUMENT_DATE_BEFORE = /(?:so\s+[\w/.-]+|ban hanh|(?:^|\s)ky)\s*$/;

function trimPhrase(text: string): string {
  return text.trim().replace(/[\s.;,]+$/u, "");
}

/**
 * "Thời gian hoàn thành: Thường xuyên." → "Thường xuyên"; also "- Thời hạn ban hành: …",
 * "c) Thời gian thực hiện: …", "+ Tiến độ: …". Null when the line is not a deadline line.
 */
export function deadlineLabelText(line: string): string | null {
  const nfc = line.normalize("NFC").trim();
  const m = LABEL.exec(foldKeepLength(nfc));
  return m ? trimPhrase(nfc.slice(m[0].length)) : null;
}

export interface InlineDeadline {
  /** The phrase as written. */
  phrase: string;
  /** The text without the label part (the whole text when the phrase is inside a sentence). */
  body: string;
}

/** A deadline phrase inside a sentence, as written, when one parses to a calendar date. */
export function deadlinePhraseIn(text: string): string | null {
  const nfc = text.normalize("NFC");
  const folded = foldKeepLength(nfc);
  const found: { index: number; end: number }[] = [];
  for (const pattern of INLINE_PHRASES) {
    for (const m of folded.matchAll(pattern)) {
      const index = m.index;
      if (index > 0 && /[a-z0-9]/.test(folded[index - 1] ?? "")) continue;
      if (DOCUMENT_DATE_BEFORE.test(folded.slice(Math.max(0, index - 30), index))) continue;
      const phrase = trimPhrase(nfc.slice(index, index + m[0].length));
      const parsed = parseDeadline(phrase);
      // "Hàng năm, gửi báo cáo … trước ngày 10/12": the date takes its year from the sentence.
      const yearlyInText =
        !parsed.ok && parsed.error === "missing_year" && /\b(?:hang|moi) nam\b/.test(folded);
      if ((parsed.ok && parsed.deadline !== null) || yearlyInText) {
        found.push({ index, end: index + m[0].length });
      }
    }
  }
  found.sort((a, b) => a.index - b.index || b.end - a.end);
  const first = found[0];
  if (!first) return null;
  // "định kỳ hằng quý, trước ngày 15 của tháng cuối quý": a phrase right after the first one
  // says more of the same deadline; the two read together when they parse together.
  let end = first.end;
  for (const next of found) {
    if (next.index < end || next.index > end + 3) continue;
    const joined = parseDeadline(trimPhrase(nfc.slice(first.index, next.end)));
    if (joined.ok && joined.deadline !== null) end = next.end;
  }
  return trimPhrase(nfc.slice(first.index, end));
}

/** A deadline written inside the task's text; `phrase` is as written, `body` is the text without a label part. */
export function inlineDeadline(body: string): InlineDeadline | null {
  const nfc = body.normalize("NFC");
  const folded = foldKeepLength(nfc);
  const label = INLINE_LABEL.exec(folded);
  if (label) {
    const start = label.index + label[0].length;
    const rest = nfc.slice(start);
    const stop = /\.(?:\s|$)|;|\n/u.exec(rest);
    const phrase = trimPhrase(stop ? rest.slice(0, stop.index) : rest);
    const before = nfc.slice(0, label.index + (/^[\s.;(]/.test(label[0]) ? 1 : 0));
    const after = stop ? rest.slice(stop.index + stop[0].length) : "";
    return { phrase, body: `${before.trimEnd()} ${after.trimStart()}`.trim() };
  }
  const phrase = deadlinePhraseIn(nfc);
  return phrase === null ? null : { phrase, body: nfc.trim() };
}

/**
 * Parses a deadline phrase found in a task. "Hàng năm, … trước ngày 15/12" (the yearly word far
 * from the date) is read as yearly when the date alone lacks a year; a labelled phrase that is a
 * whole sentence ("Định kỳ báo cáo … hằng năm (trước ngày 15 tháng 11) hoặc theo đề nghị") is
 * read by the deadline inside it.
 */
export function parseTaskDeadline(phrase: string, taskText: string): DeadlineParseResult {
  const result = parseDeadline(phrase);
  if (result.ok) return result;
  if (
    result.error === "missing_year" &&
    /\b(?:hang|moi) nam\b/.test(foldKeepLength(taskText.normalize("NFC")))
  ) {
    const yearly = parseDeadline(`${phrase} hằng năm`);
    if (yearly.ok) return yearly;
  }
  if (result.error === "unknown_phrase" || result.error === "unsupported_recurrence") {
    const inner = deadlinePhraseIn(phrase);
    if (inner !== null && inner.length < phrase.trim().length) {
      const found = parseDeadline(inner);
      if (found.ok) return found;
    }
  }
  return result;
}

/**
 * What `vhcv deadline` answers for a line: the phrase itself, or — when the line is a sentence
 * no rule reads as a whole — the deadline phrase written inside it.
 */
export function readDeadline(text: string): DeadlineParseResult {
  return parseTaskDeadline(text, text);
}

/** What a task that states no time at all is read as: undated (a warning, never a rejection). */
export const NO_DEADLINE_WRITTEN: DeadlineParseResult = {
  ok: true,
  deadline: null,
  undated: "unspecified",
};

/**
 * Gives every task without a calendar date its warning ("chưa có thời hạn: “Theo kế hoạch
 * riêng”") unless it has one, and returns the plan-level warnings for them (file + line).
 * Idempotent: a task that already carries a warning is listed with it, not given a second one.
 */
export function undatedTaskWarnings(tasks: ParsedTask[], file: string): PlanFileError[] {
  const warnings: PlanFileError[] = [];
  for (const task of tasks) {
    if (task.deadline !== null) continue;
    task.warning ??= undatedWarning(task.deadlineText);
    warnings.push({
      file,
      ...(task.line !== undefined ? { line: task.line } : {}),
      message: messageList([task.ref, task.warning], ": "),
    });
  }
  return warnings;
}
