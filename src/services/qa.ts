import { createQaEngine, loadKnowledgeBase, type QaEngine } from "../domain/qa/index.js";
import { readDataFile } from "./data-files.js";

let cached: Promise<QaEngine> | undefined;

/** The rules Q&A engine over data/rules/rules.yaml, built once per process. */
export function loadQaEngine(): Promise<QaEngine> {
  cached ??= readDataFile("rules", "rules.yaml").then((text) =>
    createQaEngine(loadKnowledgeBase(text)),
  );
  return cached;
}
