/**
 * One notice per tick and kind for Sở Nội vụ (issue 15, claim 5): the units whose reminders had
 * nobody to go to, or the tasks escalated, as one list, cut with "… và N … khác" when long,
 * instead of one message each (214 of them over three ticks, 20 a minute to a group).
 */
import { t, type Locale } from "../i18n.js";

/** Units listed in one notice; the rest are counted. */
export const MAX_SUMMARY_LINES = 20;
/** Task codes listed per unit; the rest are counted. */
const MAX_CODES_PER_UNIT = 8;
/** A task title in an escalation line is cut to this many characters. */
const MAX_TITLE = 80;

export interface NoHeadItem {
  unit: { code: string; name: string };
  code: string;
}

export interface EscalationItem {
  code: string;
  unit: string;
  task: string;
  /** Working days late. */
  days: number;
}

function cut(lines: string[], more: (count: number) => string): string[] {
  if (lines.length <= MAX_SUMMARY_LINES) return lines;
  return [...lines.slice(0, MAX_SUMMARY_LINES), more(lines.length - MAX_SUMMARY_LINES)];
}

const shorten = (text: string) =>
  text.length <= MAX_TITLE ? text : `${text.slice(0, MAX_TITLE - 1).trimEnd()}…`;

/** "3 đơn vị chưa có thủ trưởng …: • Sở Tư pháp (STP): STP-3A, STP-3B …", units in first-seen order. */
export function noHeadSummary(items: NoHeadItem[], locale?: Locale): string {
  const byUnit = new Map<string, { name: string; codes: string[] }>();
  for (const item of items) {
    const unit = byUnit.get(item.unit.code) ?? { name: item.unit.name, codes: [] };
    if (!unit.codes.includes(item.code)) unit.codes.push(item.code);
    byUnit.set(item.unit.code, unit);
  }
  const lines = [...byUnit.entries()].map(([unitCode, unit]) => {
    const shown = unit.codes.slice(0, MAX_CODES_PER_UNIT).join(", ");
    const hidden = unit.codes.length - MAX_CODES_PER_UNIT;
    const codes =
      hidden > 0
        ? `${shown} ${t("reminder.secretariat.moreCodes", { count: hidden }, locale)}`
        : shown;
    return t("reminder.secretariat.noRecipientLine", { unit: unit.name, unitCode, codes }, locale);
  });
  const listed = cut(lines, (count) => t("reminder.secretariat.moreUnits", { count }, locale));
  return t(
    "reminder.secretariat.noRecipientSummary",
    { count: byUnit.size, reminders: items.length, lines: listed.join("\n") },
    locale,
  );
}

/** "⚠️ … 12 nhiệm vụ đã quá hạn …: • STP-3A · Sở Tư pháp — quá hạn 5 ngày làm việc: …". */
export function escalationSummary(items: EscalationItem[], locale?: Locale): string {
  const lines = items.map((item) =>
    t("reminder.secretariat.escalationLine", { ...item, task: shorten(item.task) }, locale),
  );
  const listed = cut(lines, (count) => t("reminder.secretariat.moreTasks", { count }, locale));
  return t(
    "reminder.secretariat.escalationSummary",
    { count: items.length, lines: listed.join("\n") },
    locale,
  );
}
