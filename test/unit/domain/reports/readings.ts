import { expect } from "vitest";
import {
  parseReportText,
  type ParsedReport,
  type ReportParseError,
} from "../../../../src/domain/reports/index.js";

/** The day the report tables are read on: a Friday. */
export const TODAY = "2025-08-15";

/** A reading of a typed report: what it records, or the error the user is told. */
export type Expected = Omit<ParsedReport, "ok"> | ReportParseError;

/** The bot reads `text`, typed on TODAY, exactly as `expected`. */
export function expectReading(text: string, expected: Expected): void {
  const result = parseReportText(text, TODAY);
  if (typeof expected === "string") expect(result).toEqual({ ok: false, error: expected });
  else expect(result).toEqual({ ok: true, ...expected });
}
