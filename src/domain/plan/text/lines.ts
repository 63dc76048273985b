import { fold } from "../../text/fold.js";
import { readField } from "./fields.js";

/*
 * The plan text form, line by line: what a browser or Word copy of a published plan gives (one
 * paragraph per line, table rows as TAB-separated cells), and what the .docx and PDF readers
 * produce. Each line is classified once; paragraphs cut by a line or page break are joined.
 */

export type LineKind =
  | "roman" // "IV. TỔ CHỨC THỰC HIỆN"
  | "appendix" // "PHỤ LỤC", "Phụ lục I"
  | "number" // "1. Sở Nội vụ", "2.3. …"
  | "letter" // "a) …", "đ. …"
  | "dash" // "- …", "– …", "• …"
  | "plus" // "+ …"
  | "row" // a line with TABs
  | "text";

export interface Line {
  kind: LineKind;
  /** The text after the numbering or bullet, markup removed. */
  text: string;
  /** The whole line as written, markup removed. */
  raw: string;
  /** 1-based line number in the source. */
  line: number;
  /** The last source line of a paragraph joined over several lines. */
  endLine: number;
  /** "IV", "2.3", "a" … */
  label?: string;
  /** For rows: the cells, trimmed. */
  cells?: string[];
}

const ROMAN = /^([IVXL]{1,6})\s*[.)]\s*(\S.*)$/u;
const NUMBER = /^(\d{1,2}(?:\.\d{1,2}){0,3})(?:\s*[.)]|(?<=\d\.\d{1,2}))\s+(\S.*)$/u;
const LETTER = /^([a-zđ])\s*(?:\)|\.(?=\s))\s*(.*)$/u;
const DASH = /^[-–—•·●▪*]\s*(.*)$/u;
const PLUS = /^\+\s*(.*)$/u;

function stripMarkup(line: string): string {
  return line
    .replace(/\*\*|__/g, "")
    .replace(/^[ \u00a0]+|[ \u00a0]+$/gu, "")
    .replace(/^[*_]+(?=\S)|(?<=\S)[*_]+$/g, "");
}

/** "IV" → true; "IIV", "VV" → false: a real Roman numeral up to 89. */
export function isRomanNumeral(text: string): boolean {
  return text !== "" && /^L?X{0,3}(?:IX|IV|V?I{0,3})$/.test(text);
}

export function classifyLine(rawLine: string, line: number): Line | null {
  if (rawLine.includes("\t")) {
    const cells = rawLine.split("\t").map((c) => stripMarkup(c).trim());
    if (cells.filter((c) => c !== "").length >= 2) {
      return {
        kind: "row",
        text: cells.join(" "),
        raw: cells.join("\t"),
        line,
        endLine: line,
        cells,
      };
    }
  }
  const raw = stripMarkup(rawLine.replace(/\t/g, " ")).trim();
  if (raw === "") return null;
  const roman = ROMAN.exec(raw);
  if (roman?.[1] && isRomanNumeral(roman[1]) && /^[\p{Lu}\d"“(]/u.test(roman[2] ?? "")) {
    return { kind: "roman", text: roman[2] ?? "", raw, line, endLine: line, label: roman[1] };
  }
  if (/^phu luc\b/.test(fold(raw)) && raw.length < 120) {
    return { kind: "appendix", text: raw, raw, line, endLine: line };
  }
  const labelled = (kind: "number" | "letter", m: RegExpExecArray): Line => {
    return { kind, text: m[2] ?? "", raw, line, endLine: line, label: m[1] ?? "" };
  };
  const number = NUMBER.exec(raw);
  if (number) return labelled("number", number);
  const letter = LETTER.exec(raw);
  if (letter) return labelled("letter", letter);
  const plus = PLUS.exec(raw);
  if (plus) return { kind: "plus", text: plus[1] ?? "", raw, line, endLine: line };
  const dash = DASH.exec(raw);
  if (dash) return { kind: "dash", text: dash[1] ?? "", raw, line, endLine: line };
  return { kind: "text", text: raw, raw, line, endLine: line };
}

function startsLowercase(text: string): boolean {
  return /^\p{Ll}/u.test(text);
}

function endsSentence(text: string): boolean {
  return /[.:;!?…"”)]$/u.test(text);
}

/**
 * Text copied from a PDF viewer keeps the page's line breaks: most long lines stop mid-sentence,
 * near the same width. A browser or Word copy has one paragraph per line, ending its sentence.
 * The width, for hard-wrapped text; null otherwise.
 */
function wrapWidth(lines: readonly string[]): number | null {
  const long = lines.map((l) => l.trim()).filter((l) => l.length >= 40 && !l.includes("\t"));
  if (long.length < 8) return null;
  const open = long.filter((l) => !endsSentence(l)).length;
  if (open / long.length < 0.5) return null;
  const lengths = long.map((l) => l.length).sort((a, b) => a - b);
  return lengths[Math.floor(lengths.length * 0.9)] ?? null;
}

/**
 * Source text → classified lines. A text line that starts in lower case continues the paragraph
 * before it (a sentence split by a page break); so does one after a long line that stops
 * mid-sentence, and in hard-wrapped text any line right below one that stops mid-sentence. A
 * labelled line ("Đơn vị chủ trì: …") always starts anew; a row's continuation stays a separate
 * line for the table reader.
 */
export function readLines(lines: readonly string[]): Line[] {
  const width = wrapWidth(lines);
  // A line as long as the page is wide was cut by the page; a short one ends a heading.
  const fullWidth = (line: Line): boolean =>
    width !== null && (lines[line.endLine - 1] ?? "").trim().length >= 0.75 * width;
  const out: Line[] = [];
  lines.forEach((rawLine, i) => {
    const current = classifyLine(rawLine, i + 1);
    if (!current) return;
    const prev = out[out.length - 1];
    const joinable =
      prev && prev.kind !== "row" && prev.kind !== "roman" && prev.kind !== "appendix";
    if (current.kind === "text" && prev && joinable && !isFieldLine(current.text)) {
      const midSentence = prev.text !== "" && !endsSentence(prev.text);
      const continues =
        startsLowercase(current.text) ||
        (midSentence && fullWidth(prev) && current.line === prev.endLine + 1) ||
        (midSentence && isWrapped(prev));
      if (continues) {
        prev.text = prev.text === "" ? current.text : `${prev.text} ${current.text}`;
        prev.raw = `${prev.raw} ${current.text}`;
        prev.endLine = current.line;
        return;
      }
    }
    out.push(current);
  });
  return out;
}

/** A paragraph long enough that a line break inside it is a wrap, not the end of a heading. */
function isWrapped(line: Line): boolean {
  return line.kind === "text" || line.kind === "letter" || line.kind === "dash"
    ? line.text.length >= 60
    : false;
}

function isFieldLine(text: string): boolean {
  return readField(text, 0) !== null;
}
