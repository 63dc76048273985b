import { parseDeadline } from "../deadline/parse.js";
import type { DeadlineParseResult } from "../deadline/types.js";
import { foldKeepLength } from "./fold.js";

/*
 * Finding a task's deadline phrase in a plan: on its own line ("Thời gian hoàn thành: Quý II
 * năm 2024"), after a label inside the task's text, or as a phrase inside the sentence
 * ("… báo cáo Bộ Nội vụ trước ngày 15/12 hàng năm theo quy định").
 */

const LABEL =
  /^(?:thoi gian hoan thanh|thoi gian thuc hien|thoi han hoan thanh|thoi han thuc hien|thoi han|tien do hoan thanh|tien do thuc hien|tien do)\s*:\s*/;

const INLINE_LABEL =
  /(?:^|[\s.;])(?:thoi gian hoan thanh|thoi gian thuc hien|thoi han hoan thanh|thoi han)\s*:\s*/;

const DATE_WORDS = String.raw`(?:ngay\s+\d{1,2}\s*[/.-]\s*\d{1,2}(?:\s*[/.-]\s*\d{4})?|thang\s+\d{1,2}(?:\s*[/.-]\s*\d{4}|\s+nam\s+\d{4})?|quy\s+(?:[ivx]+|\d)(?:\s*[/.-]\s*\d{4}|\s+nam\s+\d{4})?)`;
const INLINE_PHRASE = new RegExp(
  String.raw`(?:^|\s)((?:truoc|cham nhat la|cham nhat|trong|den het|vao)\s+${DATE_WORDS}(?:,?\s+hang nam)?)`,
);

function trimPhrase(text: string): string {
  return text.trim().replace(/[\s.;,]+$/u, "");
}

/** "Thời gian hoàn thành: Thường xuyên." → "Thường xuyên"; null when the line is not a deadline line. */
export function deadlineLabelText(line: string): string | null {
  const nfc = line.normalize("NFC").trim();
  const m = LABEL.exec(foldKeepLength(nfc));
  return m ? trimPhrase(nfc.slice(m[0].length)) : null;
}

/** A deadline written inside the task's text; `phrase` is as written, `body` is the text without a label part. */
export function inlineDeadline(body: string): { phrase: string; body: string } | null {
  const nfc = body.normalize("NFC");
  const folded = foldKeepLength(nfc);
  const label = INLINE_LABEL.exec(folded);
  if (label) {
    const start = label.index + label[0].length;
    const rest = nfc.slice(start);
    const stop = /\.(?:\s|$)|;|\n/u.exec(rest);
    const phrase = trimPhrase(stop ? rest.slice(0, stop.index) : rest);
    const before = nfc.slice(0, label.index + (/^[\s.;]/.test(label[0]) ? 1 : 0));
    const after = stop ? rest.slice(stop.index + stop[0].length) : "";
    return { phrase, body: `${before.trimEnd()} ${after.trimStart()}`.trim() };
  }
  const phrase = INLINE_PHRASE.exec(folded);
  if (!phrase?.[1]) return null;
  const start = phrase.index + phrase[0].length - phrase[1].length;
  return { phrase: trimPhrase(nfc.slice(start, start + phrase[1].length)), body: nfc.trim() };
}

/**
 * Parses a deadline phrase found in a task; "Hàng năm, … trước ngày 15/12" (the yearly word far
 * from the date) is read as yearly when the date alone lacks a year.
 */
export function parseTaskDeadline(phrase: string, taskText: string): DeadlineParseResult {
  const result = parseDeadline(phrase);
  if (
    !result.ok &&
    result.error === "missing_year" &&
    /\b(?:hang|moi) nam\b/.test(foldKeepLength(taskText.normalize("NFC")))
  ) {
    const yearly = parseDeadline(`${phrase} hằng năm`);
    if (yearly.ok) return yearly;
  }
  return result;
}
