import MiniSearch, { type SearchResult } from "minisearch";
import {
  analyse,
  foldedTerm,
  isFoldedTerm,
  isPairTerm,
  terms,
  type AnalysedText,
} from "./analyse.js";
import type { KnowledgeBase, Rule } from "./knowledge-base.js";
import type { CompiledLexicon } from "./lexicon.js";
import { normaliseText, syllables } from "./normalise.js";

interface RuleDocument {
  id: string;
  title: string;
  text: string;
  keywords: string;
  questions: string;
}

/** Field boosts: curated everyday words weigh most, the legal wording least. */
export const FIELD_BOOST = { keywords: 3, title: 2, questions: 1.5, text: 1 } as const;
/** A pair of syllables ("dép lê") says more than either syllable. */
const PAIR_BOOST = 1.5;
/**
 * The form typed with diacritics is a second query term next to the folded one; MiniSearch also
 * multiplies a score by the number of query terms matched, so the exact form already counts, and
 * its own weight stays below the folded one.
 */
const EXACT_BOOST = 0.5;

export interface RuleIndex {
  rules: ReadonlyMap<string, Rule>;
  /** Terms of each rule (as written and folded), over all fields: what confidence is measured against. */
  ruleTerms: ReadonlyMap<string, ReadonlySet<string>>;
  /** Folded syllables each rule has as a word of its own (a one-syllable keyword or variant). */
  standalone: ReadonlyMap<string, ReadonlySet<string>>;
  /**
   * Folded pairs each rule has only inside a keyword of three syllables or more: "bóng đá" of
   * "cá độ bóng đá" is a fragment, not the concept.
   */
  fragmentPairs: ReadonlyMap<string, ReadonlySet<string>>;
  /**
   * Folded terms each rule has only in its quoted text, not in its title, keywords or questions:
   * incidental words of the legal sentence ("Việt Nam" of "Nhà nước … Việt Nam"). Empty for a rule
   * with no keywords (an imported one), whose text is all it has.
   */
  textOnly: ReadonlyMap<string, ReadonlySet<string>>;
  /** Folded syllable pairs found in the rules (see `analyse`). */
  knownPairs: ReadonlySet<string>;
  /** ln(1 + rules / rules containing the folded term); undefined for a term no rule has. */
  idf(foldedTerm: string): number | undefined;
  search(queryTerms: string[]): SearchResult[];
}

type Analyser = (phrase: string) => AnalysedText;

/**
 * The same phrase (a variant shared by many rules) is analysed once per index build. A curated
 * word of two syllables (a keyword, a colloquial word: "lên đồng", "trong giờ") is one unit and
 * keeps its stop words; in a longer phrase they stay stop words ("khó khăn của dân").
 */
function memoAnalyser(lexicon: CompiledLexicon, curated = false): Analyser {
  const cache = new Map<string, AnalysedText>();
  return (phrase) => {
    let analysed = cache.get(phrase);
    if (analysed === undefined) {
      const keepAll = curated && syllables(normaliseText(phrase)).length === 2;
      analysed = analyse(phrase, lexicon, new Set(), { phrase: keepAll });
      cache.set(phrase, analysed);
    }
    return analysed;
  };
}

const joinTerms = (phrases: readonly string[], an: Analyser): string =>
  phrases.flatMap((phrase) => terms(an(phrase))).join(" ");

/** Variants of every synonym group whose canonical phrase the rule uses. */
function synonymVariants(rule: Rule, lexicon: CompiledLexicon): string[] {
  const surface = ` ${[rule.title, rule.text, ...rule.keywords].map(normaliseText).join(" | ")} `;
  return lexicon.synonyms
    .filter((group) =>
      group.notIn
        .reduce((text, longer) => text.replaceAll(` ${longer} `, " | "), surface)
        .includes(` ${group.canonical} `),
    )
    .flatMap((group) => group.variants);
}

const isFoldedPair = (term: string): boolean => isFoldedTerm(term) && isPairTerm(term);

function contentLength(phrase: string, an: Analyser): number {
  return an(phrase).content.filter(Boolean).length;
}

/** Folded terms of the one-syllable phrases among a rule's keywords and their variants. */
function standaloneTerms(phrases: readonly string[], an: Analyser): Set<string> {
  const out = new Set<string>();
  for (const phrase of phrases) {
    const analysed = an(phrase);
    const content = analysed.folded.filter((_, i) => analysed.content[i]);
    if (content.length === 1) out.add(foldedTerm(content[0] ?? ""));
  }
  return out;
}

export function buildRuleIndex(kb: KnowledgeBase, lexicon: CompiledLexicon): RuleIndex {
  const an = memoAnalyser(lexicon);
  const kw = memoAnalyser(lexicon, true);
  const byId = new Map(kb.rules.map((rule) => [rule.id, rule]));
  const index = (id: string): Rule => byId.get(id) as Rule;
  const variants = new Map(kb.rules.map((rule) => [rule.id, synonymVariants(rule, lexicon)]));
  const variantsOf = (rule: Rule): string[] => variants.get(rule.id) ?? [];
  const documents: RuleDocument[] = kb.rules.map((rule) => ({
    id: rule.id,
    title: joinTerms([rule.title], an),
    text: joinTerms([rule.text], an),
    keywords: joinTerms([...rule.keywords, ...variantsOf(rule)], kw),
    questions: joinTerms(rule.questions, an),
  }));

  const standalone = new Map(
    kb.rules.map((rule) => [rule.id, standaloneTerms([...rule.keywords, ...variantsOf(rule)], kw)]),
  );
  const fragmentPairs = new Map(
    kb.rules.map((rule) => {
      const phrases = [...rule.keywords, ...variantsOf(rule)];
      const pairsOf = (texts: readonly string[], analyser: Analyser) =>
        texts.flatMap((text) => terms(analyser(text))).filter(isFoldedPair);
      const long = phrases.filter((phrase) => contentLength(phrase, kw) >= 3);
      const strong = new Set([
        ...pairsOf([rule.title, rule.text, ...rule.questions], an),
        ...pairsOf(
          phrases.filter((phrase) => contentLength(phrase, kw) < 3),
          kw,
        ),
      ]);
      return [rule.id, new Set(pairsOf(long, kw).filter((pair) => !strong.has(pair)))];
    }),
  );
  const ruleTerms = new Map<string, Set<string>>();
  const documentFrequency = new Map<string, number>();
  const knownPairs = new Set<string>();
  for (const document of documents) {
    const all = [document.title, document.text, document.keywords, document.questions].join(" ");
    const termSet = new Set(all.split(" ").filter((term) => term !== ""));
    ruleTerms.set(document.id, termSet);
    for (const term of [...termSet].filter(isFoldedTerm)) {
      documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
      if (isPairTerm(term)) knownPairs.add(term);
    }
  }

  const miniSearch = new MiniSearch<RuleDocument>({
    fields: ["title", "text", "keywords", "questions"],
    tokenize: (text) => text.split(" ").filter((term) => term !== ""),
    processTerm: (term) => term,
    searchOptions: {
      boost: { ...FIELD_BOOST },
      boostTerm: (term) =>
        (isPairTerm(term) ? PAIR_BOOST : 1) * (isFoldedTerm(term) ? 1 : EXACT_BOOST),
      prefix: false,
      fuzzy: false,
      combineWith: "OR",
    },
  });
  miniSearch.addAll(documents);

  const textOnly = new Map(
    documents.map((document) => {
      const rule = index(document.id);
      if (rule.keywords.length === 0) return [document.id, new Set<string>()];
      const curated = new Set(
        [document.title, document.keywords, document.questions].join(" ").split(" "),
      );
      return [
        document.id,
        new Set(document.text.split(" ").filter((term) => term !== "" && !curated.has(term))),
      ];
    }),
  );

  const ruleCount = documents.length;
  return {
    rules: new Map(kb.rules.map((rule) => [rule.id, rule])),
    ruleTerms,
    standalone,
    fragmentPairs,
    textOnly,
    knownPairs,
    idf(term) {
      const df = documentFrequency.get(term);
      return df === undefined ? undefined : Math.log(1 + ruleCount / df);
    },
    search: (queryTerms) =>
      queryTerms.length === 0 ? [] : miniSearch.search(queryTerms.join(" ")),
  };
}
