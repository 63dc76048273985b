import { readdirSync, readFileSync } from "node:fs";
import {
  buildKnowledgeBase,
  type KnowledgeBase,
  type KnowledgeBaseFiles,
} from "../../../../src/domain/qa/index.js";

const rulesDir = new URL("../../../../data/rules/", import.meta.url);

export const readRules = (name: string): string => readFileSync(new URL(name, rulesDir), "utf8");

/** The files of data/rules, read as the bot reads them (no imported documents). */
export function ruleFiles(): KnowledgeBaseFiles {
  const filesIn = (folder: string, extension = ".yaml") =>
    readdirSync(new URL(`${folder}/`, rulesDir))
      .filter((name) => name.endsWith(extension))
      .sort()
      .map((name) => ({ name, text: readRules(`${folder}/${name}`) }));
  const documents = filesIn("documents");
  return {
    lexicon: readRules("lexicon.yaml"),
    gate: readRules("gate.yaml"),
    colloquial: filesIn("colloquial"),
    overviews: readRules("overviews.yaml"),
    examples: filesIn("examples", ".jsonl"),
    documents,
  };
}

export const realKnowledgeBase = (): KnowledgeBase => buildKnowledgeBase(ruleFiles());
