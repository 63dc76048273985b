import { extname } from "node:path";
import { planFileError } from "../domain/plan/errors.js";
import { parsePlanText } from "../domain/plan/text-parser.js";
import { PlanFileInvalid, type ParsedPlan, type PlanFileError } from "../domain/plan/types.js";
import { readPlanCsv } from "./csv-plan.js";
import { documentPlanText, locateErrors, type DocumentText } from "./document-text.js";
import { docxToText } from "./docx-text.js";
import {
  MAX_DOCUMENT_BYTES,
  MAX_PLAN_TASKS,
  MAX_TEXT_BYTES,
  checkCount,
  checkSize,
  documentError,
  refuse,
} from "./file-limits.js";
import { pdfToText } from "./pdf-text.js";
import type { TableOptions } from "./table.js";
import { decodeText, findGarbled } from "./text-decode.js";
import { readPlanXlsx } from "./xlsx-plan.js";
import { readPlanYaml } from "./yaml-plan.js";

/** `plan`: metadata that wins over what the file says (CSV/XLSX also use it to fill gaps). */
export type ReadPlanOptions = TableOptions;

function withOverrides(parsed: ParsedPlan, options: ReadPlanOptions): ParsedPlan {
  const given = Object.entries(options.plan ?? {}).filter(([, v]) => v !== undefined);
  return given.length === 0
    ? parsed
    : { ...parsed, plan: { ...parsed.plan, ...Object.fromEntries(given) } };
}

function asBuffer(content: Buffer | string): Buffer {
  return typeof content === "string" ? Buffer.from(content, "binary") : content;
}

/** The text form of a Word or PDF plan through the text parser, with problems told by table row or page. */
function parseDocument(doc: DocumentText, file: string, format: string): ParsedPlan {
  const text = documentPlanText(doc);
  if (text.trim() === "") refuse(file, "document_empty", { format }, { code: "empty_file" });
  // A document typed with a legacy font (.VnTime) stores its letters as Western ones.
  const garbled = findGarbled(text);
  if (garbled) {
    const where = locateErrors(doc, [{ file, line: garbled.line, message: "" }])[0];
    throw new PlanFileInvalid([
      {
        ...documentError(file, "document_legacy_font", { format, excerpt: garbled.excerpt }),
        ...(where?.sheet !== undefined ? { sheet: where.sheet } : { line: garbled.line }),
      },
    ]);
  }
  let parsed: ParsedPlan & { warnings?: PlanFileError[] };
  try {
    parsed = parsePlanText(text, file);
  } catch (e) {
    if (e instanceof PlanFileInvalid) throw new PlanFileInvalid(locateErrors(doc, e.errors));
    throw e;
  }
  return parsed.warnings ? { ...parsed, warnings: locateErrors(doc, parsed.warnings) } : parsed;
}

/**
 * Reads a plan file by its extension: .docx and .pdf (the plan as drafted or published, through
 * their text form), .txt/.md (the plan's text), .yaml/.yml, .json, .csv, .xlsx. Files over the
 * size limits are refused before they are read. Throws PlanFileInvalid listing every problem with
 * its line, cell, table row or page. Reading never writes anything.
 */
export async function readPlanFile(
  content: Buffer | string,
  file: string,
  options: ReadPlanOptions = {},
): Promise<ParsedPlan> {
  const parsed = await readPlanByKind(content, file, options);
  checkCount(parsed.tasks.length, MAX_PLAN_TASKS, file, "tasks");
  return parsed;
}

async function readPlanByKind(
  content: Buffer | string,
  file: string,
  options: ReadPlanOptions,
): Promise<ParsedPlan> {
  const ext = extname(file).toLowerCase();
  const size = typeof content === "string" ? Buffer.byteLength(content) : content.length;
  const documentLimit = (kind: string): void => {
    checkSize(size, MAX_DOCUMENT_BYTES, file, kind);
    if (size === 0) throw new PlanFileInvalid([planFileError(file, "empty_file")]);
  };
  const textLimit = (): void => checkSize(size, MAX_TEXT_BYTES, file, ext);
  switch (ext) {
    case ".txt":
    case ".md":
      textLimit();
      return withOverrides(parsePlanText(decodeText(content, file), file), options);
    case ".docx":
      documentLimit(".docx");
      return withOverrides(
        parseDocument(await docxToText(asBuffer(content), file), file, "Word"),
        options,
      );
    case ".pdf":
      documentLimit(".pdf");
      return withOverrides(
        parseDocument(await pdfToText(asBuffer(content), file), file, "PDF"),
        options,
      );
    case ".doc":
      return refuse(file, "doc_legacy", {}, { code: "unsupported_extension" });
    case ".yaml":
    case ".yml":
      textLimit();
      return withOverrides(readPlanYaml(content, file, "YAML"), options);
    case ".json":
      textLimit();
      return withOverrides(readPlanYaml(content, file, "JSON"), options);
    case ".csv":
      textLimit();
      return readPlanCsv(content, file, options);
    case ".xlsx":
      documentLimit(".xlsx");
      return readPlanXlsx(asBuffer(content), file, options);
    default:
      throw new PlanFileInvalid([
        planFileError(file, "unsupported_extension", { ext: ext === "" ? file : ext }),
      ]);
  }
}

/** The text form a .docx or .pdf plan is read as (for `plan parse --text`-like diagnostics and tests). */
export async function readDocumentText(content: Buffer, file: string): Promise<string> {
  const ext = extname(file).toLowerCase();
  checkSize(content.length, MAX_DOCUMENT_BYTES, file, ext);
  const doc = ext === ".pdf" ? await pdfToText(content, file) : await docxToText(content, file);
  return documentPlanText(doc);
}
