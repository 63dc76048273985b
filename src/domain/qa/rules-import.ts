import { fold } from "../text/fold.js";
import { stringify } from "yaml";
import type { Topic } from "./knowledge-base.js";
import { normaliseText } from "./normalise.js";

/*
 * A body's own code of conduct, as published: a title, then articles ("Điều 5. Trang phục") with
 * clauses ("1. …", "a) …") and dash items ("- …"), or numbered sections ("1. Trang phục") with
 * dash items. Each clause or item becomes a rule quoted word for word, cited as the document and
 * the article (or section) it is under.
 */

export interface ImportedRule {
  /** "Điều 5 khoản 1", "mục 2". */
  ref: string;
  text: string;
  line: number;
}

export interface ImportedSection {
  /** "Điều 5", "mục 2". */
  ref: string;
  heading: string;
  line: number;
  topic: Topic | null;
  rules: ImportedRule[];
}

export type ImportProblemReason = "notARule" | "tooShort" | "noTopic" | "noTitle";

export interface ImportProblem {
  line: number;
  text: string;
  reason: ImportProblemReason;
}

export interface ParsedRulesDocument {
  title: string;
  sections: ImportedSection[];
  /** What could not be read, each with its line; nothing of it is imported. */
  problems: ImportProblem[];
}

const MIN_RULE_LENGTH = 10;
const ARTICLE = /^Điều\s+(\d+[a-z]?)\s*[.:]?\s*(.*)$/iu;
const CHAPTER = /^(?:Chương|Phần|Mục)\s+[\dIVXLC]+\b/iu;
const NUMBERED = /^(\d{1,2}|[IVX]{1,5})\s*[.)]\s+(.+)$/u;
const POINT = /^([a-zđ])\s*\)\s+(.+)$/u;
const DASH = /^[-–—+•*]\s*(.+)$/u;
/** Lines of the national motto and the document number block, never part of a title. */
const LETTERHEAD =
  /^(?:cộng hòa xã hội chủ nghĩa việt nam|cộng hoà xã hội chủ nghĩa việt nam|độc lập\s*[-–]\s*tự do|số\s*[:.]|[-_=*\s]+$)|ngày\s+\d+\s+tháng\s+\d+\s+năm/iu;

/**
 * Words that tell a section's topic from its heading (and, failing that, its rules), folded and
 * lower case. The first topic with the most hits wins; none → ask the caller.
 */
const TOPIC_WORDS: Record<Topic, string[]> = {
  dress: [
    "trang phuc",
    "le phuc",
    "dong phuc",
    "an mac",
    "the cong chuc",
    "deo the",
    "giay",
    "dep",
  ],
  communication: [
    "giao tiep",
    "ung xu",
    "dong nghiep",
    "cap tren",
    "cap duoi",
    "nhan dan",
    "dien thoai",
  ],
  ethics: [
    "dao duc",
    "loi song",
    "ruou",
    "bia",
    "do uong co con",
    "thuoc la",
    "danh bac",
    "mang xa hoi",
    "phat ngon",
  ],
  attitude: [
    "tinh than",
    "thai do",
    "ky luat",
    "gio lam viec",
    "thoi gio",
    "trach nhiem",
    "nhiem vu",
    "cong vu",
  ],
  workplace: [
    "bai tri",
    "phong lam viec",
    "cong so",
    "tru so",
    "de xe",
    "ban tho",
    "bien ten",
    "khuon vien",
  ],
};

export function topicFromWords(text: string): Topic | null {
  const folded = ` ${fold(normaliseText(text))} `;
  let best: { topic: Topic; hits: number } | undefined;
  for (const [topic, words] of Object.entries(TOPIC_WORDS) as [Topic, string[]][]) {
    const hits = words.filter((word) => folded.includes(` ${word} `)).length;
    if (hits > 0 && (best === undefined || hits > best.hits)) best = { topic, hits };
  }
  return best?.topic ?? null;
}

/**
 * Reads the text of a rule document (one paragraph per line). `classify` gives the topic of a
 * section whose heading does not tell it (e.g. by asking the Q&A engine about its rules).
 */
export function parseRulesText(
  text: string,
  classify: (texts: string[]) => Topic | null = () => null,
): ParsedRulesDocument {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const problems: ImportProblem[] = [];
  const sections: ImportedSection[] = [];
  const titleLines: string[] = [];
  const hasArticles = lines.some((line) => ARTICLE.test(line.trim()));
  let section: ImportedSection | undefined;
  let clause: string | undefined;

  const addRule = (ref: string, body: string, line: number): void => {
    const trimmed = body.trim();
    if (section === undefined) {
      problems.push({ line, text: trimmed, reason: "notARule" });
    } else if (trimmed.length < MIN_RULE_LENGTH) {
      problems.push({ line, text: trimmed, reason: "tooShort" });
    } else {
      section.rules.push({ ref, text: trimmed, line });
    }
  };

  lines.forEach((raw, index) => {
    const line = index + 1;
    const text = raw.replace(/\s+/g, " ").trim();
    if (text === "") return;
    const article = hasArticles ? ARTICLE.exec(text) : null;
    if (article) {
      section = {
        ref: `Điều ${article[1]}`,
        heading: (article[2] ?? "").replace(/[.:]$/, ""),
        line,
        topic: null,
        rules: [],
      };
      sections.push(section);
      clause = undefined;
      return;
    }
    if (CHAPTER.test(text)) return;
    const numbered = NUMBERED.exec(text);
    if (numbered && !hasArticles) {
      section = {
        ref: `mục ${numbered[1]}`,
        heading: (numbered[2] ?? "").replace(/[.:]$/, ""),
        line,
        topic: null,
        rules: [],
      };
      sections.push(section);
      return;
    }
    if (section === undefined) {
      // Before the first article: the title (letterhead lines left out).
      if (sections.length === 0 && !LETTERHEAD.test(text)) titleLines.push(text);
      return;
    }
    if (numbered) {
      clause = numbered[1];
      addRule(`${section.ref} khoản ${clause}`, numbered[2] ?? "", line);
      return;
    }
    const point = POINT.exec(text);
    if (point) {
      const where = clause === undefined ? section.ref : `${section.ref} khoản ${clause}`;
      addRule(`${where} điểm ${point[1]}`, point[2] ?? "", line);
      return;
    }
    const dash = DASH.exec(text);
    const where = clause === undefined ? section.ref : `${section.ref} khoản ${clause}`;
    addRule(where, dash ? (dash[1] ?? "") : text, line);
  });

  const title = titleLines.join(" ").replace(/\s+/g, " ").trim();
  if (title === "") problems.push({ line: 1, text: lines[0]?.trim() ?? "", reason: "noTitle" });
  for (const found of sections) {
    found.topic =
      topicFromWords(found.heading) ??
      classify(found.rules.map((rule) => rule.text)) ??
      topicFromWords(found.rules.map((rule) => rule.text).join(" "));
    if (found.topic === null && found.rules.length > 0) {
      problems.push({
        line: found.line,
        text: `${found.ref} ${found.heading}`.trim(),
        reason: "noTopic",
      });
    }
  }
  problems.sort((a, b) => a.line - b.line);
  return { title, sections, problems };
}

/** Lower-case words joined by "-", from any text ("Quy tắc ứng xử Sở Tư pháp" → "quy-tac-ung-xu-so-tu-phap"). */
export function slugOf(text: string): string {
  return fold(normaliseText(text)).split(" ").filter(Boolean).slice(0, 8).join("-");
}

/** Rules that will be imported: those of sections with a topic. */
export const importable = (parsed: ParsedRulesDocument): ImportedSection[] =>
  parsed.sections.filter((section) => section.topic !== null && section.rules.length > 0);

/**
 * The document file (same format as data/rules/documents/*.yaml): every rule quoted as read,
 * cited "<title>, <article and clause>".
 */
export function rulesDocumentYaml(
  parsed: ParsedRulesDocument,
  id: string,
  sourceFile: string,
): string {
  const rules = importable(parsed).flatMap((section) =>
    section.rules.map((rule, i) => {
      const heading = section.heading === "" ? section.ref : section.heading;
      const title = section.rules.length > 1 ? `${heading} (${i + 1})` : heading;
      return {
        id: `${id}-${rule.line}`,
        topic: section.topic,
        title,
        titleEn: title,
        text: rule.text,
        citation: `${parsed.title}, ${rule.ref}`,
      };
    }),
  );
  const document = {
    version: 1,
    document: { id, title: parsed.title, shortTitle: parsed.title, source: sourceFile },
    rules,
  };
  return `# Imported with vhcv rules import from ${sourceFile}; rule texts are quoted as read.\n${stringify(document, { lineWidth: 0 })}`;
}
