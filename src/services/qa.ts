import { readdir, readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import {
  buildKnowledgeBase,
  createQaEngine,
  type KnowledgeBaseFiles,
  type QaEngine,
} from "../domain/qa/index.js";
import { dataDir } from "./data-files.js";

/** Folder under DATA_DIR where `vhcv rules import` writes the documents an admin loads. */
export const IMPORTED_RULES_FOLDER = "rules";

/** DATA_DIR as the bot reads it (default ./var): runtime state, kept across restarts. */
export function runtimeDataDir(): string {
  return resolve(process.env.DATA_DIR?.trim() || "./var");
}

export function importedRulesDir(runtimeDir: string = runtimeDataDir()): string {
  return join(runtimeDir, IMPORTED_RULES_FOLDER);
}

async function yamlFiles(folder: string): Promise<{ name: string; text: string }[]> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const files = names.filter((name) => /\.ya?ml$/.test(name)).sort();
  return Promise.all(
    files.map(async (name) => ({ name, text: await readFile(join(folder, name), "utf8") })),
  );
}

/**
 * The files of the rule base: data/rules (versioned documents, lexicon, colloquial words,
 * overviews) and the documents imported into DATA_DIR/rules.
 */
export async function readRuleFiles(runtimeDir?: string): Promise<KnowledgeBaseFiles> {
  const rules = join(dataDir(), "rules");
  const read = (name: string) => readFile(join(rules, name), "utf8");
  const [lexicon, colloquial, overviews, documents, imported] = await Promise.all([
    read("lexicon.yaml"),
    read("colloquial.yaml"),
    read("overviews.yaml"),
    yamlFiles(join(rules, "documents")),
    yamlFiles(importedRulesDir(runtimeDir)),
  ]);
  return { lexicon, colloquial, overviews, documents: [...documents, ...imported] };
}

let cached: Promise<QaEngine> | undefined;

/** The rules Q&A engine over every rule document, built once per process. */
export function loadQaEngine(): Promise<QaEngine> {
  cached ??= readRuleFiles().then((files) => createQaEngine(buildKnowledgeBase(files)));
  return cached;
}
