import { mkdir, readdir, readFile, rename, writeFile } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import {
  buildKnowledgeBase,
  createGate,
  createQaEngine,
  type DocumentMeta,
  type KnowledgeBase,
  type KnowledgeBaseFiles,
  type MessageKind,
  type QaEngine,
  type QaResult,
  type Topic,
} from "../domain/qa/index.js";
import { render, type Locale } from "../i18n.js";
import { dataDir } from "../readers/data-files.js";
import { docxToText } from "../readers/docx-text.js";
import { documentPlanText } from "../readers/document-text.js";
import { decodeText } from "../readers/text-decode.js";

/** Folder under DATA_DIR where `vhcv rules import` writes the documents an admin loads. */
export const IMPORTED_RULES_FOLDER = "rules";

/** DATA_DIR as the bot reads it (default ./var): runtime state, kept across restarts. */
export function runtimeDataDir(): string {
  return resolve(process.env.DATA_DIR?.trim() || "./var");
}

export function importedRulesDir(runtimeDir: string = runtimeDataDir()): string {
  return join(runtimeDir, IMPORTED_RULES_FOLDER);
}

const YAML = /\.ya?ml$/;

async function filesIn(folder: string, pattern: RegExp): Promise<{ name: string; text: string }[]> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const files = names.filter((name) => pattern.test(name)).sort();
  return Promise.all(
    files.map(async (name) => ({ name, text: await readFile(join(folder, name), "utf8") })),
  );
}

/**
 * The files of the rule base: data/rules (versioned documents, lexicon, colloquial words by topic,
 * overviews, labelled example questions) and the documents imported into DATA_DIR/rules.
 */
export async function readRuleFiles(runtimeDir?: string): Promise<KnowledgeBaseFiles> {
  const rules = join(dataDir(), "rules");
  const read = (name: string) => readFile(join(rules, name), "utf8");
  const [lexicon, gate, colloquial, overviews, documents, imported, examples] = await Promise.all([
    read("lexicon.yaml"),
    read("gate.yaml"),
    filesIn(join(rules, "colloquial"), YAML),
    read("overviews.yaml"),
    filesIn(join(rules, "documents"), YAML),
    filesIn(importedRulesDir(runtimeDir), YAML),
    filesIn(join(rules, "examples"), /\.jsonl$/),
  ]);
  return { lexicon, gate, colloquial, overviews, documents: [...documents, ...imported], examples };
}

/** An answer of the Q&A in words: the engine's result with its reply rendered in one locale. */
export interface QaAnswer extends Omit<QaResult, "reply"> {
  /** Reply text, ready to send (plain text, several lines). */
  answer: string;
}

/** The Q&A as commands, the CLI and the bench use it: answers in the caller's locale. */
export interface QaService {
  ask(question: string, locale?: Locale): QaAnswer;
  /** The answer for one rule, e.g. after the user picked a choice of an ambiguous answer. */
  answerRule(ruleId: string, locale?: Locale, question?: string): QaAnswer | null;
  topics(locale?: Locale): { topic: Topic; title: string; example: string }[];
  /** The documents the answers are quoted from. */
  documents(): DocumentMeta[];
  /** What a message is before the rules (a report, a date, thanks… or a question). */
  classify(text: string): MessageKind;
  /** Builds the search index and the learned models now if not yet built (they are on first use). */
  prepare(): void;
}

/** Renders the pure engine's messages; without a locale, the bot's default one. */
export function qaService(engine: QaEngine): QaService {
  const inWords = ({ reply, ...result }: QaResult, locale?: Locale): QaAnswer => ({
    ...result,
    answer: render(reply, locale),
  });
  return {
    ask: (question, locale) => inWords(engine.ask(question, locale), locale),
    answerRule(ruleId, locale, question) {
      const result = engine.answerRule(ruleId, locale, question);
      return result === null ? null : inWords(result, locale);
    },
    topics: (locale) =>
      engine.topics().map((summary) => ({
        topic: summary.topic,
        title: render(summary.title, locale),
        example: render(summary.example, locale),
      })),
    documents: () => engine.documents(),
    classify: (text) => engine.classify(text),
    prepare: () => undefined,
  };
}

/**
 * The Q&A over a checked rule base, whose index and learned models (about 0.3 s of CPU idle, more
 * under load) are built on first use or by `prepare`, not while the bot starts. The gate needs
 * neither.
 */
export function onDemandQaService(kb: KnowledgeBase): QaService {
  let built: QaService | undefined;
  const engine = (): QaService => (built ??= qaService(createQaEngine(kb)));
  const gate = createGate(kb.gate);
  return {
    ask: (question, locale) => engine().ask(question, locale),
    answerRule: (ruleId, locale, question) => engine().answerRule(ruleId, locale, question),
    topics: (locale) => engine().topics(locale),
    documents: () => engine().documents(),
    classify: (text) => gate.classify(text),
    prepare: () => void engine(),
  };
}

let cached: Promise<QaService> | undefined;

/**
 * The rules Q&A over every rule document, once per process: the files are read and checked now
 * (a broken rule file stops the start, naming the file and entry), the engine built on demand.
 */
export function loadQaEngine(runtimeDir?: string): Promise<QaService> {
  cached ??= readRuleFiles(runtimeDir).then((files) =>
    onDemandQaService(buildKnowledgeBase(files)),
  );
  return cached;
}

/** The text of a rule document to import: .txt as is, .docx through the plan document reader. */
export async function readRulesDocumentText(path: string): Promise<string> {
  const content = await readFile(path);
  const name = basename(path);
  if (/\.docx$/i.test(name)) return documentPlanText(await docxToText(content, name));
  if (/\.txt$/i.test(name)) return decodeText(content, name);
  throw new UnsupportedRulesFile(name);
}

export class UnsupportedRulesFile extends Error {
  override name = "UnsupportedRulesFile";
  constructor(readonly file: string) {
    super(file);
  }
}

/** Topic of a section from its rules, as the current Q&A answers them (majority, else null). */
export function topicByEngine(engine: Pick<QaEngine, "ask">): (texts: string[]) => Topic | null {
  return (texts) => {
    const votes = new Map<Topic, number>();
    for (const text of texts) {
      const result = engine.ask(text);
      if (result.kind === "answer" && result.topic !== null) {
        votes.set(result.topic, (votes.get(result.topic) ?? 0) + 1);
      }
    }
    const [best] = [...votes.entries()].sort((a, b) => b[1] - a[1]);
    return best !== undefined && best[1] * 2 >= texts.length ? best[0] : null;
  };
}

/**
 * Writes an imported document to DATA_DIR/rules/<id>.yaml after checking that the whole rule
 * base still loads with it; written to a temporary file and renamed, so a crash or a refusal
 * leaves the previous state whole.
 */
export async function saveImportedDocument(
  runtimeDir: string,
  id: string,
  yaml: string,
): Promise<string> {
  const files = await readRuleFiles(runtimeDir);
  const name = `${id}.yaml`;
  // A re-import replaces the earlier import of the same id, never a versioned document.
  const versioned = await filesIn(join(dataDir(), "rules", "documents"), YAML);
  const imported = await filesIn(importedRulesDir(runtimeDir), YAML);
  buildKnowledgeBase({
    ...files,
    documents: [
      ...versioned,
      ...imported.filter((file) => file.name !== name),
      { name, text: yaml },
    ],
  });
  const folder = importedRulesDir(runtimeDir);
  await mkdir(folder, { recursive: true });
  const target = join(folder, name);
  const temporary = `${target}.${process.pid}.tmp`;
  await writeFile(temporary, yaml, "utf8");
  await rename(temporary, target);
  return target;
}
