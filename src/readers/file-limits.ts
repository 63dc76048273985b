import { message, type KeysUnder, type MessageParam } from "../core/message-key.js";
import { withLocation } from "../domain/plan/errors.js";
import {
  PlanFileInvalid,
  type PlanFileError,
  type PlanFileErrorCode,
} from "../domain/plan/types.js";

/*
 * Limits on what a plan file may cost to read, and the located, worded errors of the file
 * readers (locales: planfile.document.*). A plan is tens of kilobytes; the limits leave a wide
 * margin for pictures and appendices while refusing a file built to exhaust memory or time.
 */

const MB = 1024 * 1024;

/** .docx, .pdf and .xlsx as sent. */
export const MAX_DOCUMENT_BYTES = 10 * MB;
/** .txt, .md, .csv, .yaml, .json as sent. */
export const MAX_TEXT_BYTES = 5 * MB;
/** Zip packages (.docx, .xlsx): parts and what they unpack to, all parts together. */
export const MAX_ZIP_ENTRIES = 2000;
export const MAX_ZIP_UNPACKED_BYTES = 50 * MB;
/**
 * Entries in one file: a province's plan has a few hundred tasks and a province about a hundred
 * units; a file past these is a mistake (or built to exhaust the bot), refused with the count.
 */
export const MAX_PLAN_TASKS = 5000;
export const MAX_UNITS = 2000;
/** PDF pages read for one plan. */
export const MAX_PDF_PAGES = 300;

const DOCUMENT_EXTENSIONS = new Set([".docx", ".pdf", ".xlsx", ".doc"]);

/**
 * The most bytes a plan file of this name may have (by extension): a caller that learns the size
 * before downloading (Telegram's getFile) can refuse early with the same limit readPlanFile uses.
 */
export function planFileLimit(file: string): number {
  const dot = file.lastIndexOf(".");
  const ext = dot < 0 ? "" : file.slice(dot).toLowerCase();
  return DOCUMENT_EXTENSIONS.has(ext) ? MAX_DOCUMENT_BYTES : MAX_TEXT_BYTES;
}

export type DocumentErrorKey = KeysUnder<"planfile.document">;

export interface DocumentErrorOptions {
  line?: number;
  sheet?: string;
  code?: PlanFileErrorCode;
}

export function documentError(
  file: string,
  key: DocumentErrorKey,
  params: Record<string, MessageParam> = {},
  options: DocumentErrorOptions = {},
): PlanFileError {
  const problem = message(`planfile.document.${key}`, params);
  return withLocation({ file, message: problem, code: options.code ?? "syntax" }, options);
}

/** Throws PlanFileInvalid with one document error. */
export function refuse(
  file: string,
  key: DocumentErrorKey,
  params: Record<string, MessageParam> = {},
  options: DocumentErrorOptions = {},
): never {
  throw new PlanFileInvalid([documentError(file, key, params, options)]);
}

/** "10 MB", "12,3 MB", "850 KB" (Vietnamese decimal comma). */
export function formatBytes(bytes: number): string {
  if (bytes >= MB) {
    const mb = Math.round((bytes / MB) * 10) / 10;
    return `${String(mb).replace(".", ",")} MB`;
  }
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** Refuses a file with more than `max` tasks or units. */
export function checkCount(
  count: number,
  max: number,
  file: string,
  what: "tasks" | "units",
): void {
  if (count > max) {
    refuse(file, `too_many_${what}`, { count, max }, { code: "invalid_value" });
  }
}

/** Refuses a file over `limit` bytes before anything reads it. */
export function checkSize(size: number, limit: number, file: string, kind: string): void {
  if (size > limit) {
    refuse(
      file,
      "too_large",
      { size: formatBytes(size), limit: formatBytes(limit), kind },
      { code: "invalid_value" },
    );
  }
}
