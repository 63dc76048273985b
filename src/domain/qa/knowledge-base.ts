import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { ExamplesError, parseLabelledQuestions, type LabelledQuestion } from "./examples.js";
import { gateFileSchema, NO_GATE_WORDS, type GateWords } from "./gate.js";
import { normaliseText } from "./normalise.js";
import { CORE_TOPICS, TOPICS } from "./topics.js";

export { CORE_TOPICS, TOPICS, type Topic } from "./topics.js";

const phrase = z.string().trim().min(1);
const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "id: lower-case words joined by '-'");

const ruleSchema = z.strictObject({
  id: slug,
  topic: z.enum(TOPICS),
  title: phrase,
  titleEn: phrase,
  text: z.string().trim().min(10),
  /** Document and article (or section) the text is quoted from. */
  citation: phrase,
  keywords: z.array(phrase).default([]),
  questions: z.array(phrase).default([]),
  related: z.array(z.string()).default([]),
  /** Rules of other documents on the same point: the answer quotes them too. */
  samePoint: z.array(z.string()).default([]),
  pointer: z.string().optional(),
});

const pointerSchema = z.strictObject({ label: phrase, citation: phrase });

const documentMetaSchema = z.strictObject({
  id: slug,
  title: phrase,
  /** How answers name the document ("Quyết định 129/2007/QĐ-TTg (Quy chế văn hóa công sở)"). */
  shortTitle: phrase,
  /** Where the text was read: a file next to the rules, or the file an admin imported. */
  source: phrase.optional(),
});

const lexiconSchema = z.strictObject({
  abbreviations: z.record(z.string(), phrase),
  synonyms: z.array(
    z.strictObject({
      canonical: phrase,
      variants: z.array(phrase).min(1),
      /** Longer words that contain the canonical phrase without meaning it ("người dân tộc"). */
      notIn: z.array(phrase).default([]),
    }),
  ),
  stopPhrases: z.array(phrase),
  outOfScope: z.array(phrase),
  contextWords: z.array(phrase).default([]),
  /** Everyday requests ("ở đâu", "giá", "cách", "gợi ý"): out of scope unless a rule cue is there. */
  requests: z.array(phrase).default([]),
  /** Words that ask about a rule ("có được không", "vi phạm", "bắt buộc"). */
  ruleCues: z.array(phrase).default([]),
});

const lexiconFileSchema = lexiconSchema.extend({ version: z.literal(1) });

const documentFileSchema = z.strictObject({
  version: z.literal(1),
  document: documentMetaSchema,
  pointers: z.record(z.string(), pointerSchema).default({}),
  rules: z.array(z.unknown()).min(1),
});

/** One file with everything: the lexicon and the rules of one document (tests, small bases). */
const singleFileSchema = z.strictObject({
  version: z.literal(1),
  document: documentMetaSchema.optional(),
  pointers: z.record(z.string(), pointerSchema).default({}),
  lexicon: lexiconSchema,
  rules: z.array(z.unknown()).min(1),
});

const colloquialFileSchema = z.strictObject({
  version: z.literal(1),
  mappings: z.array(
    z.strictObject({
      /** A phrase of the rules (title, text or keywords of at least one rule). */
      concept: phrase,
      /** How staff say it. */
      words: z.array(phrase).min(1),
      /** Where this way of saying it was seen, or why it means the concept. */
      source: phrase,
    }),
  ),
});

const overviewSchema = z.strictObject({
  id: slug,
  /** Null for the overview of all four contents. */
  topic: z.enum(TOPICS).nullable(),
  title: phrase,
  titleEn: phrase,
  /** Phrases naming the structure asked about ("tinh thần thái độ làm việc"). */
  triggers: z.array(phrase).min(1),
  /** For `topic: null`: the topics listed, with this citation. */
  topics: z.array(z.enum(TOPICS)).default([]),
  citation: phrase.optional(),
});

const overviewsFileSchema = z.strictObject({
  version: z.literal(1),
  /** Words asking for a list ("gồm những gì", "là gì", "nội dung"). */
  cues: z.array(phrase).min(1),
  /** Words that may stand next to a trigger without changing the question ("theo", "1847"). */
  allowed: z.array(phrase).default([]),
  overviews: z.array(overviewSchema),
});

export type RuleData = z.infer<typeof ruleSchema>;
export interface Rule extends RuleData {
  /** Id of the document the rule is quoted from. */
  document: string;
}
export type Pointer = z.infer<typeof pointerSchema>;
export type Lexicon = z.infer<typeof lexiconSchema>;
export type DocumentMeta = z.infer<typeof documentMetaSchema>;
export type Overview = z.infer<typeof overviewSchema>;
/** A colloquial mapping and the file it was read from (named in errors). */
export type ColloquialMapping = z.infer<typeof colloquialFileSchema>["mappings"][number] & {
  file?: string;
};
export interface Overviews {
  cues: string[];
  allowed: string[];
  overviews: Overview[];
}

/** A labelled question of data/rules/examples, with the file it was read from. */
export type Example = LabelledQuestion & { file: string };

export interface KnowledgeBase {
  rules: Rule[];
  /** Labelled questions the Q&A learns topics and rules from (empty for a single rules file). */
  examples: Example[];
  /** The words of the gate before the rules (reports, dates, commands, greetings, thanks). */
  gate: GateWords;
  lexicon: Lexicon;
  pointers: Record<string, Pointer>;
  documents: DocumentMeta[];
  overviews: Overviews;
  colloquial: ColloquialMapping[];
}

export class KnowledgeBaseError extends Error {
  override name = "KnowledgeBaseError";
}

function describeIssues(error: z.ZodError, where: string): string {
  return error.issues
    .map(
      (issue) => `${where}${issue.path.length ? ` ${issue.path.join(".")}` : ""}: ${issue.message}`,
    )
    .join("; ");
}

function ruleLabel(raw: unknown, index: number): string {
  const id = typeof raw === "object" && raw !== null ? (raw as { id?: unknown }).id : undefined;
  return typeof id === "string" ? `rule #${index + 1} (id "${id}")` : `rule #${index + 1}`;
}

function parseFile<T>(text: string, schema: z.ZodType<T>, where: string): T {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    throw new KnowledgeBaseError(`${where} is not valid YAML: ${(error as Error).message}`);
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new KnowledgeBaseError(describeIssues(parsed.error, where));
  return parsed.data;
}

function parseRules(raw: unknown[], document: string, where: string): Rule[] {
  return raw.map((entry, index) => {
    const rule = ruleSchema.safeParse(entry);
    if (!rule.success)
      throw new KnowledgeBaseError(
        describeIssues(rule.error, `${where} ${ruleLabel(entry, index)}`),
      );
    return { ...rule.data, document };
  });
}

export interface KnowledgeBaseFiles {
  /** data/rules/lexicon.yaml */
  lexicon: string;
  /** data/rules/colloquial/*.yaml: one file per topic. */
  colloquial?: { name: string; text: string }[];
  /** data/rules/overviews.yaml */
  overviews?: string;
  /** data/rules/gate.yaml; without it the gate knows no words (slash commands, numeric dates). */
  gate?: string;
  /** One file per rule document (data/rules/documents/*.yaml and imported ones). */
  documents: { name: string; text: string }[];
  /** data/rules/examples/*.jsonl: labelled questions. */
  examples?: { name: string; text: string }[];
}

function parseExamples(files: readonly { name: string; text: string }[]): Example[] {
  return files.flatMap((file) => {
    try {
      return parseLabelledQuestions(file.text, file.name).map((example) => ({
        ...example,
        file: file.name,
      }));
    } catch (error) {
      if (error instanceof ExamplesError) throw new KnowledgeBaseError(error.message);
      throw error;
    }
  });
}

/** Parses and validates the rule base; throws naming the file and the faulty entry. */
export function buildKnowledgeBase(files: KnowledgeBaseFiles): KnowledgeBase {
  const { version: _version, ...lexicon } = parseFile(
    files.lexicon,
    lexiconFileSchema,
    "lexicon.yaml",
  );
  const rules: Rule[] = [];
  const documents: DocumentMeta[] = [];
  const pointers: Record<string, Pointer> = {};
  for (const file of files.documents) {
    const parsed = parseFile(file.text, documentFileSchema, file.name);
    if (documents.some((d) => d.id === parsed.document.id)) {
      throw new KnowledgeBaseError(`${file.name}: document id "${parsed.document.id}" used twice`);
    }
    documents.push(parsed.document);
    Object.assign(pointers, parsed.pointers);
    rules.push(...parseRules(parsed.rules, parsed.document.id, file.name));
  }
  const colloquial = (files.colloquial ?? []).flatMap((file) =>
    parseFile(file.text, colloquialFileSchema, file.name).mappings.map((mapping) => ({
      ...mapping,
      file: file.name,
    })),
  );
  const overviews =
    files.overviews === undefined
      ? { cues: ["gồm những gì"], allowed: [], overviews: [] }
      : parseFile(files.overviews, overviewsFileSchema, "overviews.yaml");
  const examples = parseExamples(files.examples ?? []);
  const gate = files.gate === undefined ? NO_GATE_WORDS : loadGateWords(files.gate);
  return check({ rules, examples, lexicon, pointers, documents, overviews, colloquial, gate });
}

/** Parses and validates data/rules/gate.yaml; throws naming the faulty entry. */
export function loadGateWords(text: string): GateWords {
  const { version: _version, ...words } = parseFile(text, gateFileSchema, "gate.yaml");
  return words;
}

const DEFAULT_DOCUMENT: DocumentMeta = {
  id: "rules",
  title: "Quy định",
  shortTitle: "Quy định",
};

/** Parses one file holding the lexicon and the rules of one document (YAML or JSON text). */
export function loadKnowledgeBase(text: string): KnowledgeBase {
  const file = parseFile(text, singleFileSchema, "rules file");
  const document = file.document ?? DEFAULT_DOCUMENT;
  return check({
    rules: parseRules(file.rules, document.id, "rules file"),
    examples: [],
    lexicon: file.lexicon,
    pointers: file.pointers,
    documents: [document],
    overviews: { cues: ["gồm những gì"], allowed: [], overviews: [] },
    colloquial: [],
    gate: NO_GATE_WORDS,
  });
}

function check(kb: KnowledgeBase): KnowledgeBase {
  const { rules } = kb;
  const ids = new Set<string>();
  for (const [index, rule] of rules.entries()) {
    const label = ruleLabel(rule, index);
    if (ids.has(rule.id)) throw new KnowledgeBaseError(`${label}: duplicate id`);
    ids.add(rule.id);
    if (rule.pointer !== undefined && !(rule.pointer in kb.pointers)) {
      throw new KnowledgeBaseError(`${label}: unknown pointer "${rule.pointer}"`);
    }
  }
  const byId = new Map(rules.map((rule) => [rule.id, rule]));
  for (const [index, rule] of rules.entries()) {
    const missing = [...rule.related, ...rule.samePoint].find(
      (id) => !ids.has(id) || id === rule.id,
    );
    if (missing !== undefined) {
      throw new KnowledgeBaseError(
        `${ruleLabel(rule, index)}: related or samePoint "${missing}" is not another rule`,
      );
    }
    // "The same point" goes both ways.
    for (const other of rule.samePoint) {
      const peer = byId.get(other);
      if (peer && !peer.samePoint.includes(rule.id)) peer.samePoint.push(rule.id);
    }
  }
  const uncovered = CORE_TOPICS.filter((topic) => !rules.some((rule) => rule.topic === topic));
  if (uncovered.length > 0) {
    throw new KnowledgeBaseError(`rules: no rule for topic ${uncovered.join(", ")}`);
  }
  // A colloquial word is indexed under the rules using its concept: a concept no rule uses
  // would map the word to nothing, silently.
  const surfaces = rules.map(
    (rule) => ` ${[rule.title, rule.text, ...rule.keywords].map(normaliseText).join(" | ")} `,
  );
  const numbers = new Map<string | undefined, number>();
  for (const mapping of kb.colloquial) {
    const number = (numbers.get(mapping.file) ?? 0) + 1;
    numbers.set(mapping.file, number);
    const concept = ` ${normaliseText(mapping.concept)} `;
    if (!surfaces.some((surface) => surface.includes(concept))) {
      throw new KnowledgeBaseError(
        `${mapping.file ?? "colloquial"} mapping #${number} ("${mapping.concept}"): no rule uses this phrase`,
      );
    }
  }
  const unknownRule = kb.examples.find((example) => example.rule && !ids.has(example.rule));
  if (unknownRule !== undefined) {
    throw new KnowledgeBaseError(
      `${unknownRule.file}: "${unknownRule.q}" names rule "${unknownRule.rule}", which no document has`,
    );
  }
  for (const overview of kb.overviews.overviews) {
    if (overview.topic === null && (overview.topics.length === 0 || !overview.citation)) {
      throw new KnowledgeBaseError(
        `overviews.yaml "${overview.id}": an overview without a topic needs topics and a citation`,
      );
    }
  }
  return kb;
}
