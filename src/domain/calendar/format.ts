import { localDateOf, localMinutesOf } from "./local-date.js";

/** "2024-06-30" → "30/06/2024", the way dates are written in Vietnamese documents. */
export function formatDate(date: string): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

/** An instant as Vietnam clocks show it: "20/06/2024 08:00". */
export function formatLocalDateTime(at: Date): string {
  const minutes = localMinutesOf(at);
  const hh = String(Math.floor(minutes / 60)).padStart(2, "0");
  const mm = String(minutes % 60).padStart(2, "0");
  return `${formatDate(localDateOf(at))} ${hh}:${mm}`;
}
