import { describe, expect, it } from "vitest";
import { buildKnowledgeBase, createQaEngine } from "../../../src/domain/qa/index.js";
import { onDemandQaService, qaService } from "../../../src/services/qa.js";
import { ruleFiles } from "../domain/qa/rule-base.js";

describe("the Q&A built on demand (start-up does not wait for its index)", () => {
  const kb = buildKnowledgeBase(ruleFiles());

  it("answers, offers and declines exactly as the engine built at once", () => {
    const onDemand = onDemandQaService(kb);
    const eager = qaService(createQaEngine(kb));
    for (const question of [
      "co dc di dep le di lam ko",
      "đăng facebook nói xấu cơ quan",
      "giá vàng hôm nay bao nhiêu",
      "xong",
    ]) {
      expect(onDemand.ask(question)).toEqual(eager.ask(question));
    }
    expect(onDemand.topics("en")).toEqual(eager.topics("en"));
    expect(onDemand.answerRule("dress-footwear")).toEqual(eager.answerRule("dress-footwear"));
  });

  it("tells a report from a question before anything is built, and prepare() is harmless twice", () => {
    const onDemand = onDemandQaService(kb);
    expect(onDemand.classify("đã xong, gửi kèm báo cáo")).toBe("report");
    expect(onDemand.classify("có được mặc quần jean đi làm không")).toBe("question");
    onDemand.prepare();
    onDemand.prepare();
    expect(onDemand.ask("co dc di dep le di lam ko").ruleId).toBe("dress-footwear");
  });

  it("still refuses a broken rule file when the bot loads it, not at the first question", () => {
    const files = ruleFiles();
    const broken = { ...files, lexicon: "abbreviations: [" };
    expect(() => onDemandQaService(buildKnowledgeBase(broken))).toThrow(/lexicon\.yaml/);
  });
});
