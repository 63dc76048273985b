export { loadKnowledgeBase, KnowledgeBaseError, TOPICS } from "./knowledge-base.js";
export type { KnowledgeBase, Rule, Topic } from "./knowledge-base.js";
export { createQaEngine } from "./engine.js";
export type { QaEngine } from "./engine.js";
export { DEFAULT_TUNING } from "./tuning.js";
export type { QaTuning } from "./tuning.js";
export type { QaAlternative, QaResult, TopicSummary } from "./types.js";
export { MAX_QUESTION_LENGTH, normaliseText, foldDiacritics } from "./normalise.js";
