export {
  buildKnowledgeBase,
  loadKnowledgeBase,
  loadGateWords,
  KnowledgeBaseError,
  CORE_TOPICS,
  TOPICS,
} from "./knowledge-base.js";
export type {
  DocumentMeta,
  KnowledgeBase,
  KnowledgeBaseFiles,
  Rule,
  Topic,
} from "./knowledge-base.js";
export { createGate } from "./gate.js";
export type { Gate, GateWords, MessageKind } from "./gate.js";
export { createQaEngine } from "./engine.js";
export type { QaEngine } from "./engine.js";
export { DEFAULT_TUNING } from "./tuning.js";
export type { QaTuning } from "./tuning.js";
export type { QaAlternative, QaKind, QaResult, TopicSummary } from "./types.js";
export { MAX_QUESTION_LENGTH, normaliseText } from "./normalise.js";
