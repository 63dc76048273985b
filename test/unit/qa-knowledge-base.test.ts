import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { TOPICS, loadKnowledgeBase } from "../../src/domain/qa/knowledge-base.js";

const read = (path: string): string => readFileSync(new URL(path, import.meta.url), "utf8");
const rulesText = read("../../data/rules/rules.yaml");
const kb = loadKnowledgeBase(rulesText);
// The one correction the knowledge base makes to the published text.
const source = read("../../data/rules/source-plan-section-ii.txt").replace("bồ nh溲m", "bổ nhiệm");

const SECTION = { attitude: "II.1", communication: "II.2", ethics: "II.3", dress: "II.4" } as const;

describe("data/rules/rules.yaml", () => {
  it("quotes every rule word for word from the plan's section II", () => {
    const notFound = kb.rules.filter((rule) => !source.includes(rule.text)).map((rule) => rule.id);
    expect(notFound).toEqual([]);
  });

  it("cites Decision 1847 and the plan section of the rule's topic", () => {
    for (const rule of kb.rules) {
      expect(rule.citation, rule.id).toContain("Quyết định 1847/QĐ-TTg ngày 27/12/2018");
      expect(rule.citation, rule.id).toContain(`mục ${SECTION[rule.topic]}`);
    }
  });

  it("covers the four contents, with the clauses the users ask about most", () => {
    for (const topic of TOPICS) expect(kb.rules.some((rule) => rule.topic === topic)).toBe(true);
    const texts = kb.rules.map((rule) => rule.text);
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
    const pointer = kb.pointers.socialMediaCode;
    expect(pointer?.citation).toContain("874/QĐ-BTTTT ngày 17/6/2021");
    expect(source).toContain(
      "Bộ Quy tắc ứng xử trên mạng xã hội tại Quyết định số 874/QĐ-BTTTT ngày 17/6/2021",
    );
  });
});

describe("loadKnowledgeBase", () => {
  const valid = (): { rules: Record<string, unknown>[] } & Record<string, unknown> =>
    JSON.parse(JSON.stringify({ ...kb, version: 1 })) as {
      rules: Record<string, unknown>[];
    } & Record<string, unknown>;
  const load = (data: unknown): unknown => loadKnowledgeBase(stringify(data));

  it("accepts JSON as well as YAML", () => {
    expect(loadKnowledgeBase(JSON.stringify({ ...kb, version: 1 })).rules).toHaveLength(
      kb.rules.length,
    );
  });

  it("names the entry whose field is wrong", () => {
    const data = valid();
    const rule = data.rules[3] as Record<string, unknown>;
    delete rule.citation;
    expect(() => load(data)).toThrow(`rule #4 (id "${String(rule.id)}")`);
    expect(() => load(data)).toThrow(/citation/);
  });

  it("rejects a citation that does not name Decision 1847", () => {
    const data = valid();
    (data.rules[0] as Record<string, unknown>).citation = "Kế hoạch của tỉnh";
    expect(() => load(data)).toThrow(/1847/);
  });

  it("rejects an unknown topic and a duplicate id", () => {
    const unknownTopic = valid();
    (unknownTopic.rules[0] as Record<string, unknown>).topic = "salary";
    expect(() => load(unknownTopic)).toThrow(/rule #1 .*topic/);

    const duplicate = valid();
    duplicate.rules.push({ ...duplicate.rules[0] });
    expect(() => load(duplicate)).toThrow(/duplicate id/);
  });

  it("rejects a related rule or a pointer that does not exist", () => {
    const related = valid();
    (related.rules[0] as Record<string, unknown>).related = ["no-such-rule"];
    expect(() => load(related)).toThrow(/related "no-such-rule"/);

    const pointer = valid();
    (pointer.rules[0] as Record<string, unknown>).pointer = "nowhere";
    expect(() => load(pointer)).toThrow(/unknown pointer "nowhere"/);
  });

  it("rejects text that is not YAML with a clear message", () => {
    expect(() => loadKnowledgeBase("rules: [unclosed")).toThrow(/not valid YAML/);
  });
});
