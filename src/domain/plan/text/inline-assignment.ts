import { parseDeadline } from "../../deadline/parse.js";
import { fold } from "../../text/fold.js";
import { deadlinePhraseIn } from "../task-deadline.js";
import { cooperatingFromSentence, splitUnitList } from "../unit-phrases.js";
import { readField } from "./fields.js";
import { leadingUnit } from "./unit-text.js";

/*
 * Who and when written in brackets at the end of a task: "… quy chế làm việc (Sở Nội vụ chủ trì;
 * hoàn thành trong Quý II/2026).", "(Cơ quan chủ trì: Sở Tư pháp; thời gian: năm 2026)",
 * "(Giao Văn phòng UBND tỉnh chủ trì, phối hợp với Sở Tư pháp thực hiện; tháng 6/2026)".
 */

export interface InlineAssignment {
  /** The task's text without the brackets. */
  text: string;
  lead: string;
  cooperating: string[];
  deadlineText: string | null;
}

const TRAILING_BRACKETS = /\s*\(([^()]{4,300})\)\s*[.;]?\s*$/u;
const GIVEN_TO = /^(?:giao|đề nghị)\s+/iu;

export function inlineAssignment(text: string): InlineAssignment | null {
  const m = TRAILING_BRACKETS.exec(text);
  if (!m?.[1]) return null;
  let lead = "";
  let cooperating: string[] = [];
  let deadlineText: string | null = null;
  for (const part of m[1].split(/;/u).map((p) => p.trim())) {
    const field = readField(part, 0);
    if (field?.name === "lead") lead = field.value;
    else if (field?.name === "cooperating") cooperating = splitUnitList(field.value);
    else if (field?.name === "time") deadlineText = field.value;
    else if (/\bchu tri\b/.test(fold(part))) {
      lead = leadingUnit(part.replace(GIVEN_TO, "")) ?? "";
      cooperating = cooperatingFromSentence(part);
    } else if (deadlineText === null) {
      const whole = parseDeadline(part);
      deadlineText = deadlinePhraseIn(part) ?? (whole.ok && whole.deadline ? part : null);
    }
  }
  if (lead === "") return null;
  return { text: text.slice(0, m.index).trim(), lead, cooperating, deadlineText };
}
