import { extname } from "node:path";
import { planFileError } from "../../domain/plan/errors.js";
import { parsePlanText } from "../../domain/plan/text-parser.js";
import { PlanFileInvalid, type ParsedPlan } from "../../domain/plan/types.js";
import { readPlanCsv } from "./csv-plan.js";
import { decodeText } from "./csv-rows.js";
import type { TableOptions } from "./table.js";
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

/**
 * Reads a plan file by its extension: .txt (the plan as published), .yaml/.yml, .json, .csv,
 * .xlsx. Throws PlanFileInvalid listing every problem with its line or cell.
 */
export async function readPlanFile(
  content: Buffer | string,
  file: string,
  options: ReadPlanOptions = {},
): Promise<ParsedPlan> {
  const ext = extname(file).toLowerCase();
  switch (ext) {
    case ".txt":
      return withOverrides(parsePlanText(decodeText(content), file), options);
    case ".yaml":
    case ".yml":
      return withOverrides(readPlanYaml(content, file, "YAML"), options);
    case ".json":
      return withOverrides(readPlanYaml(content, file, "JSON"), options);
    case ".csv":
      return readPlanCsv(content, file, options);
    case ".xlsx":
      return readPlanXlsx(
        typeof content === "string" ? Buffer.from(content, "binary") : content,
        file,
        options,
      );
    default:
      throw new PlanFileInvalid([
        planFileError(file, "unsupported_extension", { ext: ext === "" ? file : ext }),
      ]);
  }
}
