import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import {
  buildKnowledgeBase,
  CORE_TOPICS,
  KnowledgeBaseError,
  loadKnowledgeBase,
  TOPICS,
} from "../../../../src/domain/qa/knowledge-base.js";
import { readRules, realKnowledgeBase, ruleFiles } from "./rule-base.js";

const kb = realKnowledgeBase();
const rulesOf = (document: string) => kb.rules.filter((rule) => rule.document === document);
// The one correction the knowledge base makes to the published text.
const planSource = readRules("source-plan-section-ii.txt").replace("bồ nh溲m", "bổ nhiệm");
const qd129Source = readRules("source-qd-129-2007.txt");

const SECTION = { attitude: "II.1", communication: "II.2", ethics: "II.3", dress: "II.4" } as const;

describe("the Thái Nguyên plan, section II (Decision 1847/QĐ-TTg)", () => {
  const rules = rulesOf("ke-hoach-thai-nguyen-2024-2025");

  it("quotes every rule word for word from the plan's section II", () => {
    expect(rules.length).toBeGreaterThanOrEqual(30);
    expect(rules.filter((rule) => !planSource.includes(rule.text)).map((r) => r.id)).toEqual([]);
  });

  it("cites Decision 1847 and the plan section of the rule's topic", () => {
    for (const rule of rules) {
      expect(rule.topic, rule.id).not.toBe("workplace");
      expect(rule.citation, rule.id).toContain("Quyết định 1847/QĐ-TTg ngày 27/12/2018");
      expect(rule.citation, rule.id).toContain(
        `mục ${SECTION[rule.topic as keyof typeof SECTION]}`,
      );
    }
  });

  it("covers the four contents, with the clauses the users ask about most", () => {
    for (const topic of CORE_TOPICS) expect(rules.some((rule) => rule.topic === topic)).toBe(true);
    const texts = rules.map((rule) => rule.text);
    for (const clause of [
      "không được sử dụng đồ uống có cồn trong thời gian làm việc và giờ nghỉ trưa",
      "Cán bộ, công chức, viên chức không được đánh bạc, sa vào các tệ nạn xã hội",
      "hút thuốc lá đúng nơi quy định",
      "đi giày hoặc dép có quai hậu",
      "không lợi dụng vị trí công tác để bổ nhiệm người thân quen",
    ]) {
      expect(texts).toContain(clause);
    }
    expect(texts.some((text) => text.includes("“4 xin, 4 luôn”"))).toBe(true);
  });

  it("points to the social-media code only as the plan names it", () => {
    expect(kb.pointers.socialMediaCode?.citation).toContain("874/QĐ-BTTTT ngày 17/6/2021");
    expect(planSource).toContain(
      "Bộ Quy tắc ứng xử trên mạng xã hội tại Quyết định số 874/QĐ-BTTTT ngày 17/6/2021",
    );
  });
});

describe("the Quy chế văn hóa công sở (Quyết định 129/2007/QĐ-TTg)", () => {
  const rules = rulesOf("qd-129-2007");

  it("quotes every rule word for word from the recorded source", () => {
    expect(rules.length).toBeGreaterThanOrEqual(15);
    expect(rules.filter((rule) => !qd129Source.includes(rule.text)).map((r) => r.id)).toEqual([]);
  });

  it("records a public address for every article it quotes", () => {
    const articles = qd129Source.split(/\n(?=Điều \d+\.)/).slice(1);
    expect(articles.length).toBeGreaterThanOrEqual(7);
    for (const article of articles) expect(article, article.slice(0, 30)).toMatch(/https?:\/\//);
  });

  it("cites the decision and the article the text is under", () => {
    for (const rule of rules) {
      const match = /^Quyết định 129\/2007\/QĐ-TTg, Điều (\d+)/.exec(rule.citation);
      expect(match, rule.id).not.toBeNull();
      const article = qd129Source
        .split(/\n(?=Điều \d+\.)/)
        .find((part) => part.startsWith(`Điều ${match?.[1]}.`));
      expect(article, rule.id).toContain(rule.text);
    }
  });

  it("puts dress, ceremonial dress and the staff card under dress, the office layout under workplace", () => {
    const topicOf = (id: string) => rules.find((rule) => rule.id === id)?.topic;
    expect(topicOf("q129-dress-neat")).toBe("dress");
    expect(topicOf("q129-ceremonial-women")).toBe("dress");
    expect(topicOf("q129-card-wear")).toBe("dress");
    expect(topicOf("q129-office-altar-cooking")).toBe("workplace");
    expect(topicOf("q129-parking")).toBe("workplace");
  });

  it("links the points both documents speak of, both ways", () => {
    const rule = (id: string) => kb.rules.find((r) => r.id === id);
    expect(rule("q129-alcohol-workplace")?.samePoint).toContain("eth-no-alcohol");
    expect(rule("eth-no-alcohol")?.samePoint).toContain("q129-alcohol-workplace");
    expect(rule("eth-smoking")?.samePoint).toContain("q129-no-smoking-office");
  });
});

describe("data/rules/README.md", () => {
  it("documents every topic id and where the staff card goes", () => {
    const readme = readRules("README.md");
    for (const topic of TOPICS) expect(readme).toContain(`\`${topic}\``);
    expect(readme).toMatch(/thẻ/i);
  });
});

describe("loading", () => {
  const files = ruleFiles();

  it("names the file and the rule of a faulty entry", () => {
    const broken = files.documents.map((file, i) =>
      i === 0 ? { ...file, text: file.text.replace(/topic: attitude/, "topic: mood") } : file,
    );
    expect(() => buildKnowledgeBase({ ...files, documents: broken })).toThrow(
      new RegExp(`${files.documents[0]?.name}.*rule #1 \\(id "att-loyalty"\\).*topic`),
    );
  });

  it("refuses a colloquial word mapped to a concept no rule uses", () => {
    const colloquial = stringify({
      version: 1,
      mappings: [{ concept: "du lịch vũ trụ", words: ["tàu vũ trụ"], source: "thử" }],
    });
    expect(() =>
      buildKnowledgeBase({ ...files, colloquial: [{ name: "ethics.yaml", text: colloquial }] }),
    ).toThrow(/ethics\.yaml mapping #1 \("du lịch vũ trụ"\): no rule uses this phrase/);
  });

  it("refuses two documents with one id, and a samePoint to no rule", () => {
    const first = files.documents[0];
    if (first === undefined) throw new Error("no document");
    expect(() =>
      buildKnowledgeBase({
        ...files,
        documents: [...files.documents, { name: "again.yaml", text: first.text }],
      }),
    ).toThrow(KnowledgeBaseError);
    const dangling = files.documents.map((file) => ({
      ...file,
      text: file.text.replace("samePoint: [eth-smoking]", "samePoint: [no-such-rule]"),
    }));
    expect(() => buildKnowledgeBase({ ...files, documents: dangling })).toThrow(
      /samePoint "no-such-rule" is not another rule/,
    );
  });

  it("still reads a single file holding a lexicon and rules", () => {
    const single = loadKnowledgeBase(
      stringify({
        version: 1,
        lexicon: { abbreviations: {}, synonyms: [], stopPhrases: [], outOfScope: [] },
        rules: CORE_TOPICS.map((topic) => ({
          id: `r-${topic}`,
          topic,
          title: "Quy định",
          titleEn: "Rule",
          text: "Một quy định để thử nghiệm",
          citation: "Văn bản thử, Điều 1",
        })),
      }),
    );
    expect(single.rules).toHaveLength(4);
  });
});
