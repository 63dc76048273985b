import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildKnowledgeBase, createQaEngine } from "../../../../src/domain/qa/index.js";
import {
  importable,
  parseRulesText,
  rulesDocumentYaml,
  slugOf,
} from "../../../../src/domain/qa/rules-import.js";
import {
  readRuleFiles,
  readRulesDocumentText,
  saveImportedDocument,
  UnsupportedRulesFile,
  qaService,
} from "../../../../src/services/qa.js";
import { buildDocx, LIST } from "../../../helpers/plan-documents.js";
import { ruleFiles } from "./rule-base.js";

const sample = await readFile(
  new URL("../../../fixtures/qa-code-of-conduct.txt", import.meta.url),
  "utf8",
);

describe("reading a code of conduct", () => {
  const parsed = parseRulesText(sample);

  it("takes the title from the lines before the first article, without the letterhead", () => {
    expect(parsed.title).toBe(
      "QUY TẮC ỨNG XỬ CỦA CÔNG CHỨC SỞ THỬ NGHIỆM (văn bản mẫu viết để kiểm thử)",
    );
  });

  it("reads articles, clauses, points and dash items, each quoted as written", () => {
    const first = parsed.sections[0];
    expect(first?.ref).toBe("Điều 1");
    expect(first?.heading).toBe("Trang phục khi làm việc");
    expect(first?.topic).toBe("dress");
    expect(first?.rules.map((rule) => [rule.ref, rule.line])).toEqual([
      ["Điều 1 khoản 1", 8],
      ["Điều 1 khoản 2", 9],
      ["Điều 1 khoản 2", 10],
    ]);
    expect(first?.rules[1]?.text).toBe("Thứ Hai đầu tuần, nữ công chức mặc áo dài truyền thống.");
    expect(parsed.sections[1]?.rules[1]?.ref).toBe("Điều 2 khoản 1 điểm a");
    expect(parsed.sections[1]?.topic).toBe("communication");
    expect(parsed.sections[2]?.topic).toBe("workplace");
  });

  it("names every line it could not read", () => {
    expect(parsed.problems).toEqual([{ line: 16, text: "x", reason: "tooShort" }]);
  });

  it("reads numbered sections with dash items when there is no article", () => {
    const numbered = parseRulesText(
      [
        "Bộ quy tắc ứng xử của Trung tâm Mẫu",
        "Lời nói đầu không thuộc mục nào",
        "1. Trang phục",
        "- Mặc đồng phục của Trung tâm vào thứ Hai.",
        "2. Ứng xử với đồng nghiệp",
        "- Không nói chuyện riêng to tiếng trong phòng.",
      ].join("\n"),
    );
    expect(numbered.title).toBe(
      "Bộ quy tắc ứng xử của Trung tâm Mẫu Lời nói đầu không thuộc mục nào",
    );
    expect(numbered.sections.map((s) => [s.ref, s.topic, s.rules.length])).toEqual([
      ["mục 1", "dress", 1],
      ["mục 2", "communication", 1],
    ]);
  });

  it("reports a section whose topic it cannot tell, and leaves it out", () => {
    const unknown = parseRulesText(
      [
        "Quy định mẫu",
        "Điều 1. Linh tinh",
        "- Mỗi quý họp tổng kết một lần vào sáng thứ Sáu.",
      ].join("\n"),
    );
    expect(unknown.problems).toEqual([{ line: 2, text: "Điều 1 Linh tinh", reason: "noTopic" }]);
    expect(importable(unknown)).toEqual([]);
  });

  it("asks the caller for the topic when the heading does not tell it", () => {
    const asked = parseRulesText(
      [
        "Quy định mẫu",
        "Điều 1. Linh tinh",
        "- Mỗi quý họp tổng kết một lần vào sáng thứ Sáu.",
      ].join("\n"),
      () => "attitude",
    );
    expect(asked.sections[0]?.topic).toBe("attitude");
    expect(asked.problems).toEqual([]);
  });

  it("reports a file with no title", () => {
    expect(
      parseRulesText("Điều 1. Trang phục\n- Mặc áo sơ mi khi làm việc.").problems,
    ).toContainEqual({ line: 1, text: "Điều 1. Trang phục", reason: "noTitle" });
  });
});

describe("the imported document", () => {
  const parsed = parseRulesText(sample);
  const yaml = rulesDocumentYaml(parsed, "so-thu-nghiem", "qa-code-of-conduct.txt");
  const files = ruleFiles();
  const kb = buildKnowledgeBase({
    ...files,
    documents: [...files.documents, { name: "so-thu-nghiem.yaml", text: yaml }],
  });
  const engine = qaService(createQaEngine(kb));

  it("loads with the other documents, every rule cited as the document and its article", () => {
    const rules = kb.rules.filter((rule) => rule.document === "so-thu-nghiem");
    expect(rules).toHaveLength(7);
    expect(rules[0]?.citation).toBe(`${parsed.title}, Điều 1 khoản 1`);
    for (const rule of rules) expect(sample).toContain(rule.text);
  });

  it("is what the Q&A answers from, with its citation", () => {
    const result = engine.ask("thứ hai có phải mặc áo dài không");
    expect(result.ruleId).toBe("so-thu-nghiem-9");
    expect(result.answer).toContain(`Nguồn: ${parsed.title}, Điều 1 khoản 2`);
  });

  it("makes ids from titles", () => {
    expect(slugOf("Quy tắc ứng xử Sở Tư pháp")).toBe("quy-tac-ung-xu-so-tu-phap");
  });
});

describe("saving an imported document", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "vhcv-rules-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("writes DATA_DIR/rules/<id>.yaml, read back with the rule base at the next start", async () => {
    const yaml = rulesDocumentYaml(parseRulesText(sample), "so-thu-nghiem", "mau.txt");
    const written = await saveImportedDocument(dir, "so-thu-nghiem", yaml);
    expect(written).toBe(join(dir, "rules", "so-thu-nghiem.yaml"));
    expect(await readdir(join(dir, "rules"))).toEqual(["so-thu-nghiem.yaml"]);
    const kb = buildKnowledgeBase(await readRuleFiles(dir));
    expect(kb.documents.map((d) => d.id)).toContain("so-thu-nghiem");
  });

  it("writes nothing when the rule base would not load with it", async () => {
    const clash = rulesDocumentYaml(parseRulesText(sample), "qd-129-2007", "mau.txt");
    await expect(saveImportedDocument(dir, "qd-129-2007", clash)).rejects.toThrow(
      /document id "qd-129-2007" used twice/,
    );
    await expect(readdir(join(dir, "rules"))).rejects.toThrow(/ENOENT/);
  });

  it("reads .docx through the document reader and refuses other formats", async () => {
    const docx = join(dir, "quy-tac.docx");
    await writeFile(
      docx,
      buildDocx([
        { text: "QUY TẮC ỨNG XỬ MẪU" },
        { text: "Điều 1. Trang phục" },
        { text: "Mặc áo sơ mi có cổ khi tiếp dân.", list: { id: LIST.dash, level: 0 } },
      ]),
    );
    const parsed = parseRulesText(await readRulesDocumentText(docx));
    expect(parsed.title).toBe("QUY TẮC ỨNG XỬ MẪU");
    expect(parsed.sections[0]?.rules[0]?.text).toBe("Mặc áo sơ mi có cổ khi tiếp dân.");
    const pdf = join(dir, "quy-tac.pdf");
    await writeFile(pdf, "%PDF-1.4");
    await expect(readRulesDocumentText(pdf)).rejects.toThrow(UnsupportedRulesFile);
  });
});
