import {
  message,
  messageList,
  type Locale,
  type Message,
  type MessageList,
} from "../../core/message-key.js";
import type { MessageKind } from "./gate.js";
import {
  TOPICS,
  type DocumentMeta,
  type Overview,
  type Pointer,
  type Rule,
  type Topic,
} from "./knowledge-base.js";
import type { QaAlternative, TopicSummary } from "./types.js";

/**
 * Every reply is a message (src/core/message-key.ts) that the caller renders in its locale; a reply
 * of several lines is a list joined by line breaks. Rule titles are data in both languages, so
 * `locale` (default Vietnamese) only picks the title.
 */
const LINES = "\n";
const lines = (items: Message[]): MessageList => messageList(items, LINES);

export const topicTitle = (topic: Topic): Message => message(`qa.topics.${topic}.title`);

export function topicSummaries(topics: readonly Topic[] = TOPICS): TopicSummary[] {
  return topics.map((topic) => ({
    topic,
    title: topicTitle(topic),
    example: message(`qa.topics.${topic}.example`),
  }));
}

export const ruleTitle = (rule: Pick<Rule, "title" | "titleEn">, locale: Locale = "vi"): string =>
  locale === "en" ? rule.titleEn : rule.title;

/** The clause as quoted: an ellipsis marks a clause cut out of a longer sentence. */
function quoted(text: string): string {
  const first = text.charAt(0);
  const head = first !== first.toLocaleUpperCase("vi") ? "…" : "";
  const tail = /[.!?]$/.test(text) ? "" : "…";
  return `${head}${text}${tail}`;
}

export function renderRuleAnswer(
  rule: Rule,
  pointer: Pointer | undefined,
  related: QaAlternative[],
  samePoint: { rule: Rule; document: DocumentMeta | undefined }[],
  locale?: Locale,
): MessageList {
  const out = [
    message("qa.answer", {
      topic: topicTitle(rule.topic),
      title: ruleTitle(rule, locale),
      text: quoted(rule.text),
      citation: rule.citation,
    }),
  ];
  // The same point in another document: quoted too, so that a difference is never hidden.
  for (const other of samePoint) {
    out.push(
      message("qa.samePoint", {
        document: other.document?.shortTitle ?? other.rule.document,
        text: quoted(other.rule.text),
        citation: other.rule.citation,
      }),
    );
  }
  if (pointer)
    out.push(message("qa.pointer", { label: pointer.label, citation: pointer.citation }));
  if (related.length > 0) {
    out.push(message("qa.related", { titles: related.map((other) => other.title).join("; ") }));
  }
  return lines(out);
}

export interface OverviewGroup {
  document: DocumentMeta | undefined;
  rules: Rule[];
}

/** The items of one part of the rules, by document, each group with its citation. */
export function renderOverview(
  overview: Overview,
  groups: OverviewGroup[],
  locale?: Locale,
): MessageList {
  const title = locale === "en" ? overview.titleEn : overview.title;
  const out = [message("qa.overviewHeader", { title })];
  if (overview.topic === null) {
    topicSummaries(overview.topics).forEach((summary, i) =>
      out.push(message("qa.overviewItem", { n: i + 1, title: summary.title })),
    );
    out.push(message("qa.overviewSource", { citation: overview.citation ?? "" }));
  } else {
    for (const group of groups) {
      if (groups.length > 1) {
        out.push(message("qa.overviewGroup", { document: group.document?.shortTitle ?? "" }));
      }
      const citations = new Set(group.rules.map((rule) => rule.citation));
      group.rules.forEach((rule, i) =>
        out.push(
          citations.size === 1
            ? message("qa.overviewItem", { n: i + 1, title: ruleTitle(rule, locale) })
            : message("qa.overviewItemCited", {
                n: i + 1,
                title: ruleTitle(rule, locale),
                citation: rule.citation,
              }),
        ),
      );
      if (citations.size === 1) {
        out.push(message("qa.overviewSource", { citation: [...citations][0] ?? "" }));
      }
    }
  }
  out.push(message("qa.overviewHint"));
  return lines(out);
}

/** The topics the bot answers, one line each with an example question. */
export function topicLines(summaries: readonly TopicSummary[]): Message[] {
  return summaries.map((summary, i) =>
    message("qa.topicLine", { n: i + 1, title: summary.title, example: summary.example }),
  );
}

export function renderDeclined(empty: boolean, summaries: readonly TopicSummary[]): MessageList {
  return lines([message(empty ? "qa.empty" : "qa.declined"), ...topicLines(summaries)]);
}

/** The reply to a message that is no rules question (a report, a date, thanks…). */
export function renderNotAQuestion(kind: Exclude<MessageKind, "question" | "empty">): Message {
  switch (kind) {
    case "report":
    case "date":
      // No clock here: the usage's extension example stays a form ("gia hạn <ngày/tháng>").
      return message(`qa.gate.${kind}`, {
        usage: message("commands.baocao.usage", { dayMonth: message("report.example_date") }),
      });
    case "command":
      return message("qa.gate.command");
    case "greeting":
      return message("qa.gate.greeting");
    case "thanks":
      return message("qa.gate.thanks");
  }
}

/**
 * "Which one did you mean?": each choice with its rule's words, so that the user sees what each
 * says before picking; the citation comes with the answer to the pick, as it is no answer yet.
 */
export function renderAmbiguous(choices: Rule[], locale?: Locale): MessageList {
  return lines([
    message(choices.length === 1 ? "qa.didYouMean" : "qa.ambiguous"),
    ...choices.map((rule, i) =>
      message("qa.choiceLine", {
        n: i + 1,
        title: ruleTitle(rule, locale),
        topic: topicTitle(rule.topic),
        text: quoted(rule.text),
      }),
    ),
    message("qa.ambiguousHint"),
  ]);
}
