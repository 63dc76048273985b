import type { Topic } from "./knowledge-base.js";

export interface QaAlternative {
  ruleId: string;
  title: string;
  topic: Topic;
}

/** One answer. `topic` null means declined: the question is not covered by the rules we know. */
export interface QaResult {
  /** The question as read (trimmed, capped at MAX_QUESTION_LENGTH characters). */
  q: string;
  topic: Topic | null;
  /** Confidence in [0, 1] that the best rule answers the question. */
  score: number;
  /** The rule quoted in `answer`; null when declined or when asking which rule was meant. */
  ruleId: string | null;
  /** Reply text, ready to send (plain text, several lines). */
  answer: string;
  /** Source of the quoted rule; null unless a rule is quoted. */
  citation: string | null;
  /** The choices when ambiguous, otherwise related rules the user may ask about next. */
  alternatives: QaAlternative[];
  ambiguous: boolean;
}

export interface TopicSummary {
  topic: Topic;
  title: string;
  example: string;
}
