import { addDays } from "./local-date.js";

/** "2024-09-30" → "30/9/2024", the short way people type a date. */
function typed(date: string): string {
  return `${Number(date.slice(8, 10))}/${Number(date.slice(5, 7))}/${date.slice(0, 4)}`;
}

const QUARTERS = ["I", "II", "III", "IV"];

/** "2027-02-15" → "Quý I năm 2027", as plans write a quarter. */
function quarterPhrase(date: string): string {
  const quarter = QUARTERS[Math.floor((Number(date.slice(5, 7)) - 1) / 3)] ?? "I";
  return `Quý ${quarter} năm ${date.slice(0, 4)}`;
}

// A type, not an interface: it is passed as translation parameters (an index signature).
export type ExampleDates = {
  /** A month ahead, "d/m/yyyy": a new due date, an extension. */
  date: string;
  /** The same, "d/m". */
  dayMonth: string;
  /** A week back: the week of a digest. */
  pastDate: string;
  /** The quarter three months ahead, as plans write it: a deadline phrase. */
  quarter: string;
};

/** Examples for usage messages, computed from today so that one typed as shown is accepted. */
export function exampleDates(today: string): ExampleDates {
  const ahead = typed(addDays(today, 30));
  return {
    date: ahead,
    dayMonth: ahead.slice(0, ahead.lastIndexOf("/")),
    pastDate: typed(addDays(today, -7)),
    quarter: quarterPhrase(addDays(today, 90)),
  };
}
