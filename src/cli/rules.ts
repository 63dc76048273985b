import { basename } from "node:path";
import { createInterface } from "node:readline/promises";
import type { Command } from "commander";
import { PlanFileInvalid } from "../domain/plan/types.js";
import { buildKnowledgeBase, createQaEngine, KnowledgeBaseError } from "../domain/qa/index.js";
import {
  importable,
  parseRulesText,
  rulesDocumentYaml,
  slugOf,
  type ParsedRulesDocument,
} from "../domain/qa/rules-import.js";
import { t, type TranslationKey } from "../i18n.js";
import {
  readRuleFiles,
  readRulesDocumentText,
  saveImportedDocument,
  topicByEngine,
  UnsupportedRulesFile,
} from "../services/qa.js";
import { type CliContext, print } from "./context.js";
import { onFile } from "./errors.js";
import { reportFileErrors } from "./plan.js";

const REASON: Record<string, TranslationKey> = {
  notARule: "cli.rulesNotARule",
  tooShort: "cli.rulesTooShort",
  noTopic: "cli.rulesNoTopic",
  noTitle: "cli.rulesNoTitle",
};

function preview(parsed: ParsedRulesDocument, file: string): string[] {
  const kept = importable(parsed);
  const count = kept.reduce((sum, section) => sum + section.rules.length, 0);
  return [
    t("cli.rulesPreviewTitle", { title: parsed.title || "?", file }),
    ...parsed.sections
      .filter((section) => section.rules.length > 0)
      .map((section) =>
        t("cli.rulesPreviewSection", {
          ref: section.ref,
          heading: section.heading,
          topic: section.topic === null ? "?" : t(`qa.topics.${section.topic}.title`),
          count: section.rules.length,
        }),
      ),
    ...parsed.problems.map((problem) =>
      t("cli.rulesUnread", {
        line: problem.line,
        reason: t(REASON[problem.reason] ?? "cli.rulesNotARule"),
        text: problem.text.slice(0, 80),
      }),
    ),
    t("cli.rulesPreviewTotal", {
      count,
      citation: `${parsed.title}, ${kept[0]?.rules[0]?.ref ?? ""}`,
    }),
  ];
}

async function confirmed(count: number, target: string): Promise<boolean> {
  if (!process.stdin.isTTY) return false;
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const answer = await rl.question(t("cli.rulesConfirm", { count, target }));
    return /^(có|co|c|yes|y|đồng ý|dong y)$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}

export function registerRules(program: Command, ctx: () => CliContext): void {
  const rules = program.command("rules").description(t("cli.help.rules"));
  rules
    .command("import")
    .description(t("cli.help.rulesImport"))
    .argument("<tệp>", t("cli.help.rulesFile"))
    .option("--yes", t("cli.help.rulesYes"))
    .option("--id <mã>", t("cli.help.rulesId"))
    .action(async (file: string, options: { yes?: boolean; id?: string }) => {
      const name = basename(file);
      let text: string;
      try {
        text = await onFile(file, false, () => readRulesDocumentText(file));
      } catch (error) {
        if (error instanceof PlanFileInvalid) {
          reportFileErrors(file, error);
          return;
        }
        if (error instanceof UnsupportedRulesFile) {
          process.stderr.write(`${t("cli.rulesFormat", { file: name })}\n`);
          process.exitCode = 2;
          return;
        }
        throw error;
      }
      const runtimeDir = ctx().config.dataDir;
      const engine = createQaEngine(buildKnowledgeBase(await readRuleFiles(runtimeDir)));
      const parsed = parseRulesText(text, topicByEngine(engine));
      await print(preview(parsed, name).join("\n"));
      const count = importable(parsed).reduce((sum, s) => sum + s.rules.length, 0);
      if (count === 0 || parsed.title === "") {
        process.stderr.write(`${t("cli.rulesNothing", { file: name })}\n`);
        process.exitCode = 1;
        return;
      }
      const id = options.id ?? slugOf(parsed.title);
      const target = `${runtimeDir}/rules/${id}.yaml`;
      if (!options.yes && !(await confirmed(count, target))) {
        await print(t("cli.rulesAskYes"));
        return;
      }
      try {
        const written = await saveImportedDocument(
          runtimeDir,
          id,
          rulesDocumentYaml(parsed, id, name),
        );
        await print(t("cli.rulesImported", { count, title: parsed.title, target: written }));
      } catch (error) {
        if (error instanceof KnowledgeBaseError) {
          process.stderr.write(`${t("cli.rulesInvalid", { file: name })}\n  ${error.message}\n`);
          process.exitCode = 1;
          return;
        }
        throw error;
      }
    });
  rules
    .command("list")
    .description(t("cli.help.rulesList"))
    .action(async () => {
      const kb = buildKnowledgeBase(await readRuleFiles(ctx().config.dataDir));
      await print(
        kb.documents
          .map((document) =>
            t("cli.rulesList", {
              id: document.id,
              title: document.title,
              count: kb.rules.filter((rule) => rule.document === document.id).length,
            }),
          )
          .join("\n"),
      );
    });
}
