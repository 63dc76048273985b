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
  const yamlIn = (folder: string) =>
    readdirSync(new URL(`${folder}/`, rulesDir))
      .filter((name) => name.endsWith(".yaml"))
      .sort()
      .map((name) => ({ name, text: readRules(`${folder}/${name}`) }));
  const documents = yamlIn("documents");
  return {
    lexicon: readRules("lexicon.yaml"),
    colloquial: yamlIn("colloquial"),
    overviews: readRules("overviews.yaml"),
    documents,
  };
}

export const realKnowledgeBase = (): KnowledgeBase => buildKnowledgeBase(ruleFiles());
