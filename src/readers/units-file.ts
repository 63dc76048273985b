import { extname } from "node:path";
import { z } from "zod";
import { planFileError } from "../domain/plan/errors.js";
import { fold } from "../domain/text/fold.js";
import { PlanFileInvalid, type PlanFileError } from "../domain/plan/types.js";
import {
  checkUnitReferences,
  unitKindFromText,
  unitSchema,
  type Unit,
  type UnitInput,
} from "../domain/units/types.js";
import type { ErrorLocation } from "../domain/plan/errors.js";
import type { ColumnSpec } from "./columns.js";
import { readCsvRows } from "./csv-rows.js";
import { MAX_TEXT_BYTES, MAX_UNITS, checkCount, checkSize } from "./file-limits.js";
import {
  findHeaderRow,
  headerMissingError,
  isBlankRow,
  missingColumnErrors,
  splitList,
} from "./table.js";
import { formatPath, loadLocatedDocument, schemaErrors } from "./yaml-doc.js";

/*
 * The list of units: YAML/JSON `units: [{ code, name, kind, parent?, aliases?, active?,
 * mergedInto?, mergedAt? }]`, or CSV with the columns Mã, Tên, Loại, Trực thuộc, Tên gọi khác,
 * Sáp nhập vào, Ngày sáp nhập (and optionally Ngày thành lập, Hoạt động).
 */

type UnitColumnKey =
  | "code"
  | "name"
  | "kind"
  | "parent"
  | "aliases"
  | "mergedInto"
  | "mergedAt"
  | "establishedAt"
  | "active";

const UNIT_COLUMNS: readonly ColumnSpec<UnitColumnKey>[] = [
  { key: "code", header: "Mã", aliases: ["ma don vi"], required: true, width: 12 },
  { key: "name", header: "Tên", aliases: ["ten don vi", "don vi"], required: true, width: 40 },
  { key: "kind", header: "Loại", aliases: ["loai don vi", "cap"], required: true, width: 16 },
  { key: "parent", header: "Trực thuộc", aliases: ["don vi cap tren"], required: false, width: 12 },
  {
    key: "aliases",
    header: "Tên gọi khác",
    aliases: ["ten khac", "viet tat"],
    required: false,
    width: 40,
  },
  {
    key: "mergedInto",
    header: "Sáp nhập vào",
    aliases: ["hop nhat vao"],
    required: false,
    width: 12,
  },
  {
    key: "mergedAt",
    header: "Ngày sáp nhập",
    aliases: ["ngay hop nhat", "ngay thoi hoat dong"],
    required: false,
    width: 14,
  },
  { key: "establishedAt", header: "Ngày thành lập", aliases: [], required: false, width: 14 },
  { key: "active", header: "Hoạt động", aliases: ["con hoat dong"], required: false, width: 10 },
];

const unitsDocumentSchema = z.object({ units: z.array(z.unknown()) });

// The file vocabulary: English kinds, or the Vietnamese words unitKindFromText accepts.
const KIND_CHOICES =
  "department (sở, ban, ngành), district (cấp huyện), commune (cấp xã), public_service (đơn vị sự nghiệp), other (khác)";

function kindError(file: string, value: string, where: ErrorLocation): PlanFileError {
  return planFileError(file, "unit_kind_invalid", { value, kinds: KIND_CHOICES }, where);
}

function referenceErrors(
  units: readonly { unit: Unit; at: (field: "code" | "parent" | "mergedInto") => ErrorLocation }[],
  file: string,
  fieldName: (field: "code" | "parent" | "mergedInto") => string = (field) => field,
): PlanFileError[] {
  return checkUnitReferences(units.map((u) => u.unit)).map((p) => {
    const where = units[p.index]?.at(p.field) ?? {};
    return p.problem === "duplicate_code"
      ? planFileError(file, "duplicate_code", { code: p.code }, where)
      : planFileError(
          file,
          "unknown_reference",
          { field: fieldName(p.field), code: p.code },
          where,
        );
  });
}

function columnHeader(key: string): string {
  return UNIT_COLUMNS.find((c) => c.key === key)?.header ?? key;
}

function readUnitsYaml(content: Buffer | string, file: string, format: "YAML" | "JSON"): Unit[] {
  const doc = loadLocatedDocument(content, file, format);
  const top = unitsDocumentSchema.safeParse(doc.data);
  if (!top.success) {
    throw new PlanFileInvalid(schemaErrors(top.error.issues, doc, file, "units: […]"));
  }
  const errors: PlanFileError[] = [];
  const read: { unit: Unit; at: (field: string) => ErrorLocation }[] = [];
  top.data.units.forEach((raw, i) => {
    const parsed = unitSchema.safeParse(raw);
    if (parsed.success) {
      read.push({ unit: parsed.data, at: (field) => ({ line: doc.lineOf(["units", i, field]) }) });
      return;
    }
    for (const issue of parsed.error.issues) {
      const path = ["units", i, ...issue.path];
      const where = { line: doc.lineOf(path) };
      const field = formatPath(path);
      const value = (raw as Record<string, unknown> | null)?.[String(issue.path[0])];
      if (issue.path[0] === "kind" && issue.code === "custom") {
        errors.push(kindError(file, String(value), where));
      } else if (
        (issue.path[0] === "mergedAt" || issue.path[0] === "establishedAt") &&
        issue.code === "custom"
      ) {
        errors.push(planFileError(file, "date_invalid", { field, value: String(value) }, where));
      } else {
        errors.push(...schemaErrors([{ ...issue, path }], doc, file));
      }
    }
  });
  errors.push(...referenceErrors(read, file));
  if (errors.length > 0) throw new PlanFileInvalid(errors);
  return read.map((r) => r.unit);
}

/** "01/03/2025" or "2025-03-01" → "2025-03-01"; other text is returned as is (and rejected later). */
function isoDateFromCell(text: string): string {
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text.trim());
  return m ? `${m[3]}-${m[2]?.padStart(2, "0")}-${m[1]?.padStart(2, "0")}` : text.trim();
}

function activeFromCell(text: string): boolean | undefined {
  const key = fold(text);
  if (key === "") return undefined;
  if (["co", "x", "yes", "true", "1", "con", "con hoat dong"].includes(key)) return true;
  if (["khong", "no", "false", "0", "ngung", "het"].includes(key)) return false;
  return undefined;
}

function readUnitsCsv(content: Buffer | string, file: string): Unit[] {
  const rows = readCsvRows(content, file, UNIT_COLUMNS);
  const header = findHeaderRow(rows, UNIT_COLUMNS);
  if (!header) throw new PlanFileInvalid([headerMissingError(file, UNIT_COLUMNS, { line: 1 })]);
  const headerAt = rows[header.index]?.at(0) ?? {};
  const errors: PlanFileError[] = missingColumnErrors(file, UNIT_COLUMNS, header.columns, headerAt);
  const read: { unit: Unit; at: (field: string) => ErrorLocation }[] = [];
  for (const row of rows.slice(header.index + 1)) {
    if (isBlankRow(row)) continue;
    const get = (key: UnitColumnKey): string => {
      const index = header.columns.get(key);
      return index === undefined ? "" : (row.cells[index] ?? "").trim();
    };
    const at = (key: string): ErrorLocation => {
      const index = header.columns.get(key as UnitColumnKey);
      return index === undefined ? row.at(0) : row.at(index);
    };
    let ok = true;
    for (const key of ["code", "name", "kind"] as const) {
      if (get(key) === "" && header.columns.has(key)) {
        errors.push(planFileError(file, "required_cell", { column: columnHeader(key) }, at(key)));
        ok = false;
      }
    }
    if (get("kind") !== "" && unitKindFromText(get("kind")) === undefined) {
      errors.push(kindError(file, get("kind"), at("kind")));
      ok = false;
    }
    if (!ok) continue;
    const input: UnitInput = {
      code: get("code"),
      name: get("name"),
      kind: get("kind"),
      aliases: splitList(get("aliases")),
    };
    if (get("parent") !== "") input.parent = get("parent");
    if (get("mergedInto") !== "") input.mergedInto = get("mergedInto");
    if (get("mergedAt") !== "") input.mergedAt = isoDateFromCell(get("mergedAt"));
    if (get("establishedAt") !== "") input.establishedAt = isoDateFromCell(get("establishedAt"));
    const active = activeFromCell(get("active"));
    if (active !== undefined) input.active = active;
    else if (input.mergedAt !== undefined || input.mergedInto !== undefined) input.active = false;
    const parsed = unitSchema.safeParse(input);
    if (parsed.success) {
      read.push({ unit: parsed.data, at });
      continue;
    }
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? "code");
      const column = columnHeader(key);
      const value = get(key as UnitColumnKey);
      const isDate = key === "mergedAt" || key === "establishedAt";
      errors.push(
        planFileError(
          file,
          isDate ? "date_invalid" : "invalid_value",
          { field: column, value },
          at(key),
        ),
      );
    }
  }
  errors.push(...referenceErrors(read, file, columnHeader));
  if (errors.length > 0) throw new PlanFileInvalid(errors);
  return read.map((r) => r.unit);
}

/** Reads a units file (.yaml, .yml, .json, .csv); throws PlanFileInvalid listing every problem. */
export function readUnitsFile(content: Buffer | string, file: string): Unit[] {
  const ext = extname(file).toLowerCase();
  const size = typeof content === "string" ? Buffer.byteLength(content) : content.length;
  checkSize(size, MAX_TEXT_BYTES, file, ext);
  const counted = (units: Unit[]): Unit[] => {
    checkCount(units.length, MAX_UNITS, file, "units");
    return units;
  };
  switch (ext) {
    case ".yaml":
    case ".yml":
      return counted(readUnitsYaml(content, file, "YAML"));
    case ".json":
      return counted(readUnitsYaml(content, file, "JSON"));
    case ".csv":
      return counted(readUnitsCsv(content, file));
    default:
      throw new PlanFileInvalid([
        planFileError(file, "unsupported_units_extension", { ext: ext === "" ? file : ext }),
      ]);
  }
}
