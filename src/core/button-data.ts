/**
 * What a pressed button means, written into its data and read back: the one codec for every
 * channel with buttons (a channel without buttons never sees one). Data stays ≤ 64 bytes, the
 * smallest limit of the platforms (Telegram's callback_data).
 */
export const BUTTON_DATA_MAX_BYTES = 64;

/** Row ids are PostgreSQL `integer`s: a larger number cannot be one of ours. */
const MAX_ROW_ID = 2_147_483_647;

export type ReportChoice = "done" | "progress" | "blocked" | "extension";

export type ButtonAction =
  /** A reminder's answer: the occurrence it was about and the status chosen. */
  | { kind: "report"; occurrenceId: number; choice: ReportChoice }
  /** A rule chosen after "which rule did you mean?". */
  | { kind: "qa"; ruleId: string }
  /** The answer to a plan import preview: import it, or drop it. */
  | { kind: "planImport"; confirm: boolean };

const CHOICE_CODE: Record<ReportChoice, string> = {
  done: "d",
  progress: "p",
  blocked: "b",
  extension: "e",
};
const CODE_CHOICE = new Map(Object.entries(CHOICE_CODE).map(([k, v]) => [v, k as ReportChoice]));

/**
 * "rp:<occurrence id>:<d|p|b|e>", "qa:<rule id>" (a rule id too long is cut to fit) or
 * "pi:ok" / "pi:no".
 */
export function encodeButtonData(action: ButtonAction): string {
  switch (action.kind) {
    case "report":
      return `rp:${action.occurrenceId}:${CHOICE_CODE[action.choice]}`;
    case "qa":
      return `qa:${action.ruleId}`.slice(0, BUTTON_DATA_MAX_BYTES);
    case "planImport":
      return action.confirm ? "pi:ok" : "pi:no";
  }
}

/**
 * The action behind a button's data; undefined when it is none of ours (an old or forged button).
 * An occurrence id is a row id (1 … 2^31 − 1); a rule id is letters, digits, _ . - (≤ 60).
 */
export function decodeButtonData(data: string | undefined): ButtonAction | undefined {
  if (!data) return undefined;
  const report = /^rp:(\d{1,12}):([a-z])$/.exec(data);
  if (report?.[1] && report[2]) {
    const choice = CODE_CHOICE.get(report[2]);
    const occurrenceId = Number(report[1]);
    if (!choice || occurrenceId < 1 || occurrenceId > MAX_ROW_ID) return undefined;
    return { kind: "report", occurrenceId, choice };
  }
  if (data === "pi:ok" || data === "pi:no")
    return { kind: "planImport", confirm: data === "pi:ok" };
  const qa = /^qa:([A-Za-z0-9_.-]{1,60})$/.exec(data);
  if (qa?.[1]) return { kind: "qa", ruleId: qa[1] };
  return undefined;
}
