import { describe, expect, it } from "vitest";
import { askLine } from "../../../../src/cli/ask.js";
import { render } from "../../../../src/i18n.js";
import { qaService } from "../../../../src/services/qa.js";
import { stringify } from "yaml";
import {
  DEFAULT_TUNING,
  MAX_QUESTION_LENGTH,
  TOPICS,
  createQaEngine,
  loadKnowledgeBase,
  type QaTuning,
} from "../../../../src/domain/qa/index.js";
import { realKnowledgeBase } from "./rule-base.js";

const kb = realKnowledgeBase();
const engine = qaService(createQaEngine(kb));
const ruleById = new Map(kb.rules.map((rule) => [rule.id, rule]));
const TOPIC_TITLES_VI = [
  "Tinh thần, thái độ làm việc",
  "Chuẩn mực giao tiếp, ứng xử",
  "Chuẩn mực về đạo đức, lối sống",
  "Trang phục",
  "Bài trí công sở",
];

describe("answering a question", () => {
  it.each([
    ["co dc di dep le di lam ko", "dress-footwear"],
    ["viên chức uống bia buổi trưa có sao không", "eth-no-alcohol"],
    ["mac quan jean di lam duoc khong", "dress-neat"],
    ["chơi lô đề có bị sao không", "eth-no-gambling"],
    ["4 xin 4 luôn gồm những gì", "com-4xin-4luon"],
    ["lãnh đạo bổ nhiệm người thân quen", "att-no-nepotism"],
  ])("%j quotes rule %s with its source", (question, ruleId) => {
    const rule = ruleById.get(ruleId);
    const result = engine.ask(question);
    expect(result.ruleId).toBe(ruleId);
    expect(result.topic).toBe(rule?.topic);
    expect(result.answer).toContain(rule?.text);
    expect(result.citation).toBe(rule?.citation);
    expect(result.answer).toContain(rule?.citation);
    expect(result.ambiguous).toBe(false);
    expect(result.score).toBeGreaterThan(0);
    expect(result.score).toBeLessThanOrEqual(1);
  });

  it("gives the fields of the CLI contract", () => {
    const result = engine.ask("đi dép lê đi làm được không?");
    expect(Object.keys(result)).toEqual(
      expect.arrayContaining(["q", "topic", "score", "answer", "citation"]),
    );
    expect(result.q).toBe("đi dép lê đi làm được không?");
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it("offers the related rules of the knowledge base", () => {
    const result = engine.ask("hút thuốc trong phòng làm việc được không");
    expect(result.alternatives.map((a) => a.ruleId)).toEqual(ruleById.get("eth-smoking")?.related);
    expect(result.answer).toContain(ruleById.get("eth-no-alcohol")?.title);
  });

  it("points to the social-media code when the rule is about social media", () => {
    const result = engine.ask("chia sẻ tin chưa kiểm chứng lên facebook");
    expect(result.ruleId).toBe("eth-social-media");
    expect(result.answer).toContain("874/QĐ-BTTTT");
    // Two rules fit "nói xấu cơ quan trên facebook": the bot asks instead of picking one.
    const both = engine.ask("đăng facebook nói xấu cơ quan");
    expect(both.kind).toBe("ambiguous");
    expect(both.alternatives.map((a) => a.ruleId)).toContain("eth-social-media");
  });

  it("answers in English with the Vietnamese rule text unchanged", () => {
    const result = engine.ask("co dc di dep le di lam ko", "en");
    expect(result.answer).toContain("Shoes, or sandals with a heel strap");
    expect(result.answer).toContain("đi giày hoặc dép có quai hậu");
    expect(result.answer).toContain("Source:");
    expect(result.alternatives[0]?.title).toBe("Neat, decent clothing");
  });

  it("is worded by the caller: the pure engine returns message keys, rendered in either language", () => {
    const pure = createQaEngine(kb).ask("co dc di dep le di lam ko");
    expect(pure.reply).toHaveProperty("items.0.key", "qa.answer");
    expect(pure.reply).toHaveProperty("items.0.params.topic", { key: "qa.topics.dress.title" });
    expect(JSON.stringify(pure.reply)).not.toContain("Nguồn:");
    expect(render(pure.reply, "vi")).toContain("Nguồn: Quyết định 1847/QĐ-TTg");
    expect(render(pure.reply, "en")).toContain("Source: Quyết định 1847/QĐ-TTg");
  });

  it("keeps the shape of `vhcv ask --json`: q, topic, score, answer text, citation", () => {
    const line = askLine(engine.ask("co dc di dep le di lam ko"));
    expect(Object.keys(line)).toEqual(["q", "topic", "score", "answer", "citation"]);
    expect(line).toMatchObject({ q: "co dc di dep le di lam ko", topic: "dress" });
    expect(typeof line.answer).toBe("string");
    expect(line.answer).toContain("đi giày hoặc dép có quai hậu");
  });

  it("reads at most MAX_QUESTION_LENGTH characters", () => {
    const result = engine.ask(`uống bia buổi trưa ${"rất ".repeat(500)}`);
    expect(result.q.length).toBeLessThanOrEqual(MAX_QUESTION_LENGTH);
  });
});

describe("declining", () => {
  it.each([
    "lương cơ sở bao nhiêu",
    "phụ cấp công vụ được bao nhiêu",
    "nghỉ phép năm được mấy ngày",
    "tiền phụ cấp trang phục bao nhiêu",
    "thủ tục bổ nhiệm lại trưởng phòng",
    "cán bộ viên chức có được không",
    "hôm nay thời tiết thế nào",
  ])("%j is outside the rules: no rule, no citation, the four topics offered", (question) => {
    const result = engine.ask(question);
    expect(result.topic).toBeNull();
    expect(result.ruleId).toBeNull();
    expect(result.citation).toBeNull();
    expect(result.alternatives).toEqual([]);
    expect(result.answer).toContain("nằm ngoài các quy định");
    for (const title of TOPIC_TITLES_VI) expect(result.answer).toContain(title);
  });

  // Everyday requests that share a word with a rule (giày, bia, cà phê, xe): asked without
  // anything about a rule, they are shopping, prices or recipes, not a rules question.
  it.each([
    ["ở đâu bán giày công sở đẹp"],
    ["giá bia sài gòn một két"],
    ["mua xe máy nào tiết kiệm xăng"],
    ["sửa điều hòa ở đâu uy tín"],
    ["đặt vé xem phim ở đâu"],
    ["cach cai lai may tinh win 11"],
    ["pha cà phê muối thế nào"],
    ["thap huong o chua nao linh"],
    ["ban tho ong dia dat huong nao"],
    ["viet giup e bai phat bieu ngay 20/11"],
    ["muon chuyen cong tac sang huyen khac can ho so gi"],
    ["le hoi hoa ban bao gio to chuc"],
  ])("%j is an everyday request: declined, no rule quoted", (question) => {
    const result = engine.ask(question);
    expect(result.kind).toBe("declined");
    expect(result.ruleId).toBeNull();
  });

  it("takes arrogance at the one-stop desk as arrogance (attitude), the desk being only the place", () => {
    const result = engine.ask("cong chuc o bo phan mot cua hach dich voi dan thi sai quy dinh nao");
    expect(result.kind).toBe("answer");
    expect(result.topic).toBe("attitude");
    expect(result.answer).toContain("hách dịch");
  });

  it("still answers a request word asked about a rule: where one may smoke", () => {
    const result = engine.ask("hút thuốc ở đâu thì đúng quy định");
    expect(result.kind).toBe("answer");
    expect(result.topic).toBe("ethics");
    expect(result.answer).toContain("đúng nơi quy định");
  });

  it.each(["", "   ", "😀😀", "???"])(
    "an empty question %j gets the topics and examples",
    (question) => {
      const result = engine.ask(question);
      expect(result.topic).toBeNull();
      expect(result.answer).not.toContain("nằm ngoài");
      for (const summary of engine.topics()) expect(result.answer).toContain(summary.example);
    },
  );
});

describe("words of the rules", () => {
  it("reads a two-syllable word of the rules as one word even when half of it is a stop word", () => {
    // "lên" alone carries nothing; "lên đồng" (a trance ritual) is superstition.
    const result = engine.ask("cán bộ đi lên đồng có bị cấm không");
    expect(result.topic).toBe("ethics");
    expect(result.ruleId).toBe("eth-no-superstition-festivals");
  });

  it("does not take 'người dân tộc' (an ethnic group) for 'người dân' (citizens)", () => {
    const result = engine.ask("ăn sáng ngay tại bàn tiếp dân có bị nhắc không");
    expect(result.topic).not.toBe("dress");
  });
});

describe("topics", () => {
  it("lists the topics, each with an example the engine answers in that topic", () => {
    const summaries = engine.topics();
    expect(summaries.map((s) => s.topic)).toEqual([...TOPICS]);
    expect(summaries.map((s) => s.title)).toEqual(TOPIC_TITLES_VI);
    for (const summary of summaries) expect(engine.ask(summary.example).topic).toBe(summary.topic);
  });

  it("has English titles", () => {
    expect(engine.topics("en").map((s) => s.title)).toEqual([
      "Attitude at work",
      "Communication and conduct",
      "Ethics and lifestyle",
      "Dress",
      "Office layout",
    ]);
  });
});

describe("answerRule", () => {
  it("answers a chosen rule, and null for an unknown id", () => {
    const result = engine.answerRule("dress-footwear", "vi", "1");
    expect(result?.answer).toContain("đi giày hoặc dép có quai hậu");
    expect(result?.citation).toBe(ruleById.get("dress-footwear")?.citation);
    expect(engine.answerRule("no-such-rule")).toBeNull();
  });
});

/** A small knowledge base to pin down ranking behaviour without depending on the real data. */
function tinyEngine(
  rules: { id: string; topic: string; keywords: string[]; text?: string }[],
  tuning: Partial<QaTuning> = {},
) {
  const text = stringify({
    version: 1,
    lexicon: {
      abbreviations: { ko: "không" },
      synonyms: [],
      stopPhrases: ["có", "không", "được"],
      outOfScope: ["lương"],
    },
    rules: [
      ...rules.map((rule) => ({
        id: rule.id,
        topic: rule.topic,
        title: `Quy định ${rule.id}`,
        titleEn: `Rule ${rule.id}`,
        text: rule.text ?? `Nội dung quy định ${rule.id} để thử`,
        citation: "Quyết định 1847/QĐ-TTg, thử",
        keywords: rule.keywords,
      })),
      ...["attitude", "communication", "ethics", "dress"].map((topic) => ({
        id: `filler-${topic}`,
        topic,
        title: "Mục khác",
        titleEn: "Other",
        text: "Một quy định khác hẳn về chủ đề riêng",
        citation: "Quyết định 1847/QĐ-TTg, thử",
        keywords: [`từ riêng ${topic}`],
      })),
    ],
  });
  return qaService(createQaEngine(loadKnowledgeBase(text), { ...DEFAULT_TUNING, ...tuning }));
}

describe("ambiguity", () => {
  const twins = tinyEngine([
    { id: "alpha", topic: "ethics", keywords: ["bia rượu"] },
    { id: "beta", topic: "attitude", keywords: ["bia rượu"] },
  ]);

  it("asks which rule was meant when two rules score alike", () => {
    const result = twins.ask("uống bia rượu có được không");
    expect(result.ambiguous).toBe(true);
    expect(result.ruleId).toBeNull();
    expect(result.citation).toBeNull();
    expect(result.alternatives.map((a) => a.ruleId).sort()).toEqual(["alpha", "beta"]);
    expect(result.answer).toContain("Bạn muốn hỏi quy định nào?");
    expect(result.answer).toMatch(/^1\. Quy định (alpha|beta)/m);
    expect(result.answer).toMatch(/^2\. Quy định (alpha|beta)/m);
  });

  it("shows what each offered rule says, without a citation, so the user can pick", () => {
    const result = twins.ask("uống bia rượu có được không");
    expect(result.answer).toMatch(/^\d\. Quy định alpha \(.+\): Nội dung quy định alpha để thử…$/m);
    expect(result.answer).toMatch(/^\d\. Quy định beta \(.+\): Nội dung quy định beta để thử…$/m);
    expect(result.answer).not.toContain("Quyết định 1847/QĐ-TTg, thử");
  });

  it("offers the best rule instead of quoting it when most of the question is unexplained", () => {
    const unsure = tinyEngine([{ id: "alpha", topic: "ethics", keywords: ["bia rượu"] }], {
      offerBelowCoverage: 0.99,
    });
    const result = unsure.ask("uống bia rượu có được không");
    expect(result.kind).toBe("ambiguous");
    expect(result.ruleId).toBeNull();
    expect(result.citation).toBeNull();
    expect(result.alternatives.map((a) => a.ruleId)).toEqual(["alpha"]);
    expect(result.answer).toContain("Có phải bạn muốn hỏi về quy định này?");
  });

  it("offers, never quotes, a strong match below the confidence to answer; declines a weak one", () => {
    const rules = [{ id: "alpha", topic: "ethics", keywords: ["bia rượu"] }];
    const question = "uống bia rượu có được không";
    const strongBelowBar = tinyEngine(rules, {
      minConfidence: 0.99,
      offerMinConfidence: 0.01,
      offerMinEvidence: 1,
    }).ask(question);
    expect(strongBelowBar.kind).toBe("ambiguous");
    expect(strongBelowBar.citation).toBeNull();
    expect(strongBelowBar.alternatives.map((a) => a.ruleId)).toEqual(["alpha"]);
    expect(strongBelowBar.answer).toContain("Có phải bạn muốn hỏi về quy định này?");

    const tooLittleEvidence = tinyEngine(rules, {
      minConfidence: 0.99,
      offerMinConfidence: 0.01,
      offerMinEvidence: 1000,
    }).ask(question);
    expect(tooLittleEvidence.kind).toBe("declined");
    expect(tooLittleEvidence.alternatives).toEqual([]);
  });

  it("answers directly when one rule is clearly better", () => {
    const distinct = tinyEngine([
      { id: "alpha", topic: "ethics", keywords: ["bia rượu", "nhậu trưa"] },
      { id: "beta", topic: "attitude", keywords: ["bia rượu"] },
    ]);
    const clear = distinct.ask("nhậu trưa bia rượu");
    expect(clear.ambiguous).toBe(false);
    expect(clear.ruleId).toBe("alpha");
  });
});

describe("diacritics", () => {
  // A one-word question in a six-rule base carries little evidence: lower the bar to test ranking.
  const lookAlikes = tinyEngine(
    [
      { id: "sandals", topic: "dress", keywords: ["dép"], text: "Đi dép có quai hậu" },
      { id: "beauty", topic: "ethics", keywords: ["đẹp"], text: "Sống đẹp, giản dị" },
    ],
    { minEvidence: 1, fullEvidence: 1 },
  );

  it("prefers the rule with the exact diacritics typed", () => {
    expect(lookAlikes.ask("dép").ruleId).toBe("sandals");
    expect(lookAlikes.ask("đẹp").ruleId).toBe("beauty");
  });

  it("without diacritics, cannot tell the look-alikes apart and asks", () => {
    const result = lookAlikes.ask("dep");
    expect(result.ambiguous).toBe(true);
    expect(result.alternatives.map((a) => a.ruleId).sort()).toEqual(["beauty", "sandals"]);
  });
});
