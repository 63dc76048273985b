import { isLocalDate, VN_UTC_OFFSET_MINUTES } from "../domain/calendar/index.js";
import { CliMistake } from "./errors.js";

const INSTANT =
  /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * A time the admin typed for a flag: "2024-06-20" (08:00 Vietnam time), "2024-06-20T08:00"
 * (Vietnam time) or with a zone. An impossible date or time is a CliMistake naming the flag.
 */
export function parseCliInstant(flag: string, value: string): Date {
  const m = INSTANT.exec(value.trim());
  const [, date = "", hh = "08", mm = "00", ss = "00", zone] = m ?? [];
  if (!m || !isLocalDate(date) || Number(hh) > 23 || Number(mm) > 59 || Number(ss) > 59) {
    throw new CliMistake("cli.args.badInstant", { flag, value });
  }
  const offset = zone ?? `+${String(VN_UTC_OFFSET_MINUTES / 60).padStart(2, "0")}:00`;
  return new Date(`${date}T${hh}:${mm}:${ss}${offset === "Z" ? "Z" : offset}`);
}

/** A calendar day the admin typed for a flag ("2024-06-20"); else a CliMistake naming the flag. */
export function parseCliDay(flag: string, value: string): string {
  const date = value.trim();
  if (!isLocalDate(date)) throw new CliMistake("cli.args.badDay", { flag, value });
  return date;
}

/** A whole number within bounds for a flag; else a CliMistake naming the flag and the bounds. */
export function parseCliWholeNumber(flag: string, value: string, min: number, max: number): number {
  const n = /^\d+$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new CliMistake("cli.args.badNumber", { flag, value, min, max });
  }
  return n;
}
