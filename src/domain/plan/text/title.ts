import { fold } from "../../text/fold.js";

/*
 * The plan's name: the "KẾ HOẠCH" line and the subject under it, either right below
 * ("KẾ HOẠCH\nTriển khai thực hiện …") or after a blank line when "KẾ HOẠCH" stands alone,
 * as a browser copy gives. A bold block ("**KẾ HOẠCH … 2025**") is read whole.
 */

const MAX_LINES = 5;
const MAX_LINE = 250;
const NOT_TITLE = /^(?:[IVXL]+\s*[.)]|\d+\s*[.)]|phu luc\b|\(kem theo|can cu\b|noi nhan)/;

function clean(line: string): string {
  return line.replace(/\*\*|__/g, "").replace(/^[*_\s]+|[*_\s]+$/g, "");
}

export function readTitle(lines: readonly string[]): { text: string; line: number } | null {
  const starts = lines
    .map((l, i) => ({ i, text: clean(l) }))
    .filter(({ text }) => /^ke hoach\b/.test(fold(text)) && text.length < MAX_LINE);
  // "KẾ HOẠCH" in capitals is the heading; "Kế hoạch số …" in a sentence is not.
  const start = starts.find(({ text }) => /^KẾ HOẠCH\b/u.test(text)) ?? starts[0];
  if (!start) return null;
  const parts = [start.text];
  const bold = (lines[start.i] ?? "").trim().startsWith("**");
  let i = start.i + 1;
  const closedOnFirstLine =
    (lines[start.i] ?? "").trim().length > 4 && (lines[start.i] ?? "").trim().endsWith("**");
  if (bold && !closedOnFirstLine) {
    for (; i < lines.length && parts.length < MAX_LINES; i++) {
      const raw = (lines[i] ?? "").trim();
      if (raw !== "") parts.push(clean(raw));
      if (raw.endsWith("**")) break;
    }
  } else if (!bold) {
    const alone = fold(start.text) === "ke hoach";
    if (alone) while (i < lines.length && (lines[i] ?? "").trim() === "") i++;
    for (; i < lines.length && parts.length < MAX_LINES; i++) {
      const raw = clean(lines[i] ?? "");
      if (raw === "" || raw.length > MAX_LINE || NOT_TITLE.test(fold(raw))) break;
      parts.push(raw);
    }
  }
  const text = parts.join(" ").replace(/\s+/g, " ").trim();
  return { text, line: start.i + 1 };
}
