import { LineCounter, parseDocument, isNode, type Document, type ErrorCode } from "yaml";
import type { z } from "zod";
import { message, type Message } from "../core/message-key.js";
import { planFileError } from "../domain/plan/errors.js";
import { PlanFileInvalid, type PlanFileError } from "../domain/plan/types.js";
import { decodeText } from "./csv-rows.js";
import { documentError } from "./file-limits.js";

/** A parsed YAML or JSON file that can say on which line a value (or its parent) is. */
export interface LocatedDocument {
  data: unknown;
  /** Line of the value at `path`, or of its nearest parent that exists. */
  lineOf(path: readonly PropertyKey[]): number | undefined;
  has(path: readonly PropertyKey[]): boolean;
}

type Path = readonly PropertyKey[];

function yamlPath(path: Path): (string | number)[] {
  return path.map((p) => (typeof p === "symbol" ? String(p) : p));
}

/** The YAML parser also accepts JSON with trailing commas or comments; a .json file must be JSON. */
function assertStrictJson(text: string, file: string): void {
  try {
    JSON.parse(text);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const position = /position (\d+)/.exec(message);
    const where =
      position?.[1] !== undefined
        ? { line: text.slice(0, Number(position[1])).split("\n").length }
        : {};
    throw new PlanFileInvalid([
      planFileError(file, "syntax", { format: "JSON", detail: message }, where),
    ]);
  }
}

/** The yaml library's error codes, grouped into what an admin can fix (locales: planfile.yaml.*). */
const YAML_PROBLEMS: Partial<Record<ErrorCode, YamlProblem>> = {
  BAD_INDENT: "indent",
  TAB_AS_INDENT: "indent",
  DUPLICATE_KEY: "duplicate_key",
  MISSING_CHAR: "missing_char",
  BLOCK_AS_IMPLICIT_KEY: "key_line",
  MULTILINE_IMPLICIT_KEY: "key_line",
  KEY_OVER_1024_CHARS: "key_line",
  UNEXPECTED_TOKEN: "unexpected",
  BAD_SCALAR_START: "unexpected",
  BAD_DQ_ESCAPE: "unexpected",
  MULTIPLE_DOCS: "several_documents",
  BAD_ALIAS: "alias",
  ALIAS_PROPS: "alias",
};
type YamlProblem =
  | "indent"
  | "duplicate_key"
  | "missing_char"
  | "key_line"
  | "unexpected"
  | "several_documents"
  | "alias"
  | "other";

/** One Vietnamese sentence for a YAML syntax error (the library's own messages are English). */
function yamlProblem(code: ErrorCode): Message {
  return message(`planfile.yaml.${YAML_PROBLEMS[code] ?? "other"}`);
}

/** Parses YAML (JSON is read by the same parser, so its errors get line numbers too). */
export function loadLocatedDocument(
  content: Buffer | string,
  file: string,
  format: "YAML" | "JSON",
): LocatedDocument {
  const text = decodeText(content, file);
  if (text.trim() === "") throw new PlanFileInvalid([planFileError(file, "empty_file")]);
  if (format === "JSON") assertStrictJson(text, file);
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    // The parser often reports one mistake twice on a line: say each thing once.
    const seen = new Set<string>();
    const distinct = doc.errors.filter((e) => {
      const key = `${lineCounter.linePos(e.pos[0]).line}:${YAML_PROBLEMS[e.code] ?? "other"}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    throw new PlanFileInvalid(
      distinct.map((e) =>
        planFileError(
          file,
          "syntax",
          { format, detail: yamlProblem(e.code) },
          { line: lineCounter.linePos(e.pos[0]).line },
        ),
      ),
    );
  }
  const lineAt = (path: Path): number | undefined => {
    const node: unknown = doc.getIn(yamlPath(path), true);
    if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
    return undefined;
  };
  let data: unknown;
  try {
    // yaml refuses documents whose aliases expand past maxAliasCount (a "billion laughs" bomb).
    data = doc.toJS({ maxAliasCount: 100 });
  } catch {
    throw new PlanFileInvalid([documentError(file, "yaml_aliases", {}, { code: "syntax" })]);
  }
  return {
    data,
    has: (path) => doc.hasIn(yamlPath(path)),
    lineOf: (path) => {
      for (let n = path.length; n >= 0; n--) {
        const line = lineAt(path.slice(0, n));
        if (line !== undefined) return line;
      }
      return undefined;
    },
  };
}

/** "tasks[2].title" */
export function formatPath(path: Path): string {
  return path
    .map((p, i) => (typeof p === "number" ? `[${p}]` : `${i > 0 ? "." : ""}${String(p)}`))
    .join("");
}

function expectedType(expected: string): Message {
  switch (expected) {
    case "string":
      return message("planfile.type.string");
    case "number":
    case "int":
      return message("planfile.type.number");
    case "array":
      return message("planfile.type.array");
    case "object":
      return message("planfile.type.object");
    case "boolean":
      return message("planfile.type.boolean");
    default:
      return message("planfile.type.other");
  }
}

function valueText(data: unknown, path: Path): string {
  let value = data;
  for (const key of path) {
    if (value === null || typeof value !== "object") return "";
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  if (value === undefined) return "";
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** zod problems → located, worded errors. */
export function schemaErrors(
  issues: readonly z.core.$ZodIssue[],
  doc: LocatedDocument,
  file: string,
  rootShape = "",
): PlanFileError[] {
  return issues.map((issue) => {
    const where = { line: doc.lineOf(issue.path) };
    if (issue.path.length === 0)
      return planFileError(file, "root_shape", { shape: rootShape }, where);
    const field = formatPath(issue.path);
    if (issue.code === "invalid_type") {
      if (!doc.has(issue.path)) return planFileError(file, "required_field", { field }, where);
      return planFileError(
        file,
        "wrong_type",
        { field, expected: expectedType(issue.expected) },
        where,
      );
    }
    if (issue.code === "invalid_union") {
      return planFileError(file, "wrong_type", { field, expected: expectedType("string") }, where);
    }
    return planFileError(
      file,
      "invalid_value",
      { field, value: valueText(doc.data, issue.path) },
      where,
    );
  });
}
