import { parse as parseYaml } from "yaml";
import { z } from "zod";

export const TOPICS = ["attitude", "communication", "ethics", "dress"] as const;
export type Topic = (typeof TOPICS)[number];

const phrase = z.string().trim().min(1);

const ruleSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "id: lower-case words joined by '-'"),
  topic: z.enum(TOPICS),
  title: phrase,
  titleEn: phrase,
  text: z.string().trim().min(10),
  citation: z.string().regex(/1847\/QĐ-TTg/, "citation must name Quyết định 1847/QĐ-TTg"),
  keywords: z.array(phrase).min(1),
  questions: z.array(phrase).default([]),
  related: z.array(z.string()).default([]),
  pointer: z.string().optional(),
});

const pointerSchema = z.strictObject({ label: phrase, citation: phrase });

const lexiconSchema = z.strictObject({
  abbreviations: z.record(z.string(), phrase),
  synonyms: z.array(z.strictObject({ canonical: phrase, variants: z.array(phrase).min(1) })),
  stopPhrases: z.array(phrase),
  outOfScope: z.array(phrase),
  contextWords: z.array(phrase).default([]),
});

const fileSchema = z.strictObject({
  version: z.literal(1),
  pointers: z.record(z.string(), pointerSchema).default({}),
  lexicon: lexiconSchema,
  rules: z.array(z.unknown()).min(1),
});

export type Rule = z.infer<typeof ruleSchema>;
export type Pointer = z.infer<typeof pointerSchema>;
export type Lexicon = z.infer<typeof lexiconSchema>;

export interface KnowledgeBase {
  rules: Rule[];
  lexicon: Lexicon;
  pointers: Record<string, Pointer>;
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

/** Parses and validates the rules file (YAML or JSON text); throws naming the faulty entry. */
export function loadKnowledgeBase(text: string): KnowledgeBase {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    throw new KnowledgeBaseError(`rules file is not valid YAML: ${(error as Error).message}`);
  }
  const file = fileSchema.safeParse(data);
  if (!file.success) throw new KnowledgeBaseError(describeIssues(file.error, "rules file"));

  const rules = file.data.rules.map((raw, index) => {
    const rule = ruleSchema.safeParse(raw);
    if (!rule.success)
      throw new KnowledgeBaseError(describeIssues(rule.error, ruleLabel(raw, index)));
    return rule.data;
  });

  const ids = new Set<string>();
  for (const [index, rule] of rules.entries()) {
    const label = ruleLabel(rule, index);
    if (ids.has(rule.id)) throw new KnowledgeBaseError(`${label}: duplicate id`);
    ids.add(rule.id);
    if (rule.pointer !== undefined && !(rule.pointer in file.data.pointers)) {
      throw new KnowledgeBaseError(`${label}: unknown pointer "${rule.pointer}"`);
    }
  }
  for (const [index, rule] of rules.entries()) {
    const missing = rule.related.find((id) => !ids.has(id) || id === rule.id);
    if (missing !== undefined) {
      throw new KnowledgeBaseError(
        `${ruleLabel(rule, index)}: related "${missing}" is not another rule`,
      );
    }
  }
  const uncovered = TOPICS.filter((topic) => !rules.some((rule) => rule.topic === topic));
  if (uncovered.length > 0) {
    throw new KnowledgeBaseError(`rules file: no rule for topic ${uncovered.join(", ")}`);
  }
  return { rules, lexicon: file.data.lexicon, pointers: file.data.pointers };
}
