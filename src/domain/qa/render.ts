import { getDefaultLocale, t, type Locale } from "../../i18n.js";
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

export function topicTitle(topic: Topic, locale?: Locale): string {
  return t(`qa.topics.${topic}.title`, {}, locale);
}

export function topicSummaries(locale?: Locale, topics: readonly Topic[] = TOPICS): TopicSummary[] {
  return topics.map((topic) => ({
    topic,
    title: topicTitle(topic, locale),
    example: t(`qa.topics.${topic}.example`, {}, locale),
  }));
}

export const ruleTitle = (rule: Pick<Rule, "title" | "titleEn">, locale?: Locale): string =>
  (locale ?? getDefaultLocale()) === "en" ? rule.titleEn : rule.title;

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
): string {
  const lines = [
    t(
      "qa.answer",
      {
        topic: topicTitle(rule.topic, locale),
        title: ruleTitle(rule, locale),
        text: quoted(rule.text),
        citation: rule.citation,
      },
      locale,
    ),
  ];
  // The same point in another document: quoted too, so that a difference is never hidden.
  for (const other of samePoint) {
    lines.push(
      t(
        "qa.samePoint",
        {
          document: other.document?.shortTitle ?? other.rule.document,
          text: quoted(other.rule.text),
          citation: other.rule.citation,
        },
        locale,
      ),
    );
  }
  if (pointer)
    lines.push(t("qa.pointer", { label: pointer.label, citation: pointer.citation }, locale));
  if (related.length > 0) {
    lines.push(t("qa.related", { titles: related.map((other) => other.title).join("; ") }, locale));
  }
  return lines.join("\n");
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
): string {
  const title = (locale ?? getDefaultLocale()) === "en" ? overview.titleEn : overview.title;
  const lines = [t("qa.overviewHeader", { title }, locale)];
  if (overview.topic === null) {
    topicSummaries(locale, overview.topics).forEach((summary, i) =>
      lines.push(t("qa.overviewItem", { n: i + 1, title: summary.title }, locale)),
    );
    lines.push(t("qa.overviewSource", { citation: overview.citation ?? "" }, locale));
  } else {
    for (const group of groups) {
      if (groups.length > 1) {
        lines.push(t("qa.overviewGroup", { document: group.document?.shortTitle ?? "" }, locale));
      }
      const citations = new Set(group.rules.map((rule) => rule.citation));
      group.rules.forEach((rule, i) =>
        lines.push(
          citations.size === 1
            ? t("qa.overviewItem", { n: i + 1, title: ruleTitle(rule, locale) }, locale)
            : t(
                "qa.overviewItemCited",
                { n: i + 1, title: ruleTitle(rule, locale), citation: rule.citation },
                locale,
              ),
        ),
      );
      if (citations.size === 1) {
        lines.push(t("qa.overviewSource", { citation: [...citations][0] ?? "" }, locale));
      }
    }
  }
  lines.push(t("qa.overviewHint", {}, locale));
  return lines.join("\n");
}

function topicList(locale?: Locale): string[] {
  return topicSummaries(locale).map((summary, i) =>
    t("qa.topicLine", { n: i + 1, title: summary.title, example: summary.example }, locale),
  );
}

export function renderDeclined(empty: boolean, locale?: Locale): string {
  return [t(empty ? "qa.empty" : "qa.declined", {}, locale), ...topicList(locale)].join("\n");
}

/** The reply to a message that is no rules question (a report, a date, thanks…). */
export function renderNotAQuestion(
  kind: Exclude<MessageKind, "question" | "empty">,
  locale?: Locale,
): string {
  switch (kind) {
    case "report":
    case "date":
      return t(`qa.gate.${kind}`, { usage: t("commands.baocao.usage", {}, locale) }, locale);
    case "command":
      return t("qa.gate.command", {}, locale);
    case "greeting":
      return t("qa.gate.greeting", {}, locale);
    case "thanks":
      return t("qa.gate.thanks", {}, locale);
  }
}

export function renderAmbiguous(choices: Rule[], locale?: Locale): string {
  return [
    t(choices.length === 1 ? "qa.didYouMean" : "qa.ambiguous", {}, locale),
    ...choices.map((rule, i) =>
      t(
        "qa.choiceLine",
        { n: i + 1, title: ruleTitle(rule, locale), topic: topicTitle(rule.topic, locale) },
        locale,
      ),
    ),
    t("qa.ambiguousHint", {}, locale),
  ].join("\n");
}
