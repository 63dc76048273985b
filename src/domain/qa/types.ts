import type { Message, MessageList } from "../../core/message-key.js";
import type { Topic } from "./knowledge-base.js";
import type { MessageKind } from "./gate.js";

export interface QaAlternative {
  ruleId: string;
  title: string;
  topic: Topic;
}

/**
 * What the reply is: a rule quoted (`answer`), an overview of a part of the rules, "which one did
 * you mean?" (`ambiguous`), a decline, or a message that was no question at all (the gate's kind:
 * a report, a date, a command word, a greeting, thanks, nothing).
 */
export type QaKind =
  "answer" | "overview" | "ambiguous" | "declined" | Exclude<MessageKind, "question">;

/** One answer. `topic` null means no rule of one topic is quoted (declined, or not a question). */
export interface QaResult {
  /** The question as read (trimmed, capped at MAX_QUESTION_LENGTH characters). */
  q: string;
  kind: QaKind;
  topic: Topic | null;
  /** Confidence in [0, 1] that the best rule answers the question. */
  score: number;
  /** The rule quoted in `answer`; null when declined or when asking which rule was meant. */
  ruleId: string | null;
  /** The reply, rendered by the caller in its locale (plain text, several lines). */
  reply: Message | MessageList;
  /** Source of the quoted rule (or of the overview); null unless rules are quoted. */
  citation: string | null;
  /** The choices when ambiguous, otherwise related rules the user may ask about next. */
  alternatives: QaAlternative[];
  ambiguous: boolean;
}

export interface TopicSummary {
  topic: Topic;
  title: Message;
  example: Message;
}
