import { getDefaultLocale, t, type Locale } from "../../i18n.js";
import { TOPICS, type Pointer, type Rule, type Topic } from "./knowledge-base.js";
import type { QaAlternative, TopicSummary } from "./types.js";

export function topicTitle(topic: Topic, locale?: Locale): string {
  return t(`qa.topics.${topic}.title`, {}, locale);
}

export function topicSummaries(locale?: Locale): TopicSummary[] {
  return TOPICS.map((topic) => ({
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
  if (pointer)
    lines.push(t("qa.pointer", { label: pointer.label, citation: pointer.citation }, locale));
  if (related.length > 0) {
    lines.push(t("qa.related", { titles: related.map((other) => other.title).join("; ") }, locale));
  }
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

export function renderAmbiguous(choices: Rule[], locale?: Locale): string {
  return [
    t("qa.ambiguous", {}, locale),
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
