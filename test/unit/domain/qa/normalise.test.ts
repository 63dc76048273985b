import { fold } from "../../../../src/domain/text/fold.js";
import { describe, expect, it } from "vitest";
import { analyse } from "../../../../src/domain/qa/analyse.js";
import { PhraseMatcher, compileLexicon } from "../../../../src/domain/qa/lexicon.js";
import {
  MAX_QUESTION_LENGTH,
  capQuestion,
  normaliseText,
  syllables,
} from "../../../../src/domain/qa/normalise.js";
import { realKnowledgeBase } from "./rule-base.js";

const kb = realKnowledgeBase();
const lexicon = compileLexicon(kb.lexicon);
const expand = (text: string): string => lexicon.expand(syllables(normaliseText(text))).join(" ");
const content = (text: string): string => {
  const analysed = analyse(text, lexicon);
  return analysed.tokens.filter((_, i) => analysed.content[i]).join(" ");
};

describe("normaliseText", () => {
  it.each([
    ["Đi Dép Lê", "đi dép lê"],
    ["ĐƯỢC KHÔNG", "được không"],
    ["Đi dép lê, đi làm... được không???", "đi dép lê đi làm được không"],
    ["“4 xin, 4 luôn” là gì?", "4 xin 4 luôn là gì"],
    ["1847/QĐ-TTg", "1847 qđ ttg"],
    ["(quần jean) & áo-thun!!", "quần jean áo thun"],
    ["  nhiều    khoảng\t\ttrắng \n xuống dòng ", "nhiều khoảng trắng xuống dòng"],
  ])("%j → %j", (input, expected) => {
    expect(normaliseText(input)).toBe(expected);
  });

  it.each([
    ["đi dép lê 🩴 được ko 😅", "đi dép lê được ko"],
    ["👍🏽 uống bia 🍺🍺 trưa", "uống bia trưa"],
    ["nhân viên 👨‍💼 văn phòng", "nhân viên văn phòng"],
    ["4️⃣ xin", "4 xin"],
    ["❤️❤️❤️", ""],
  ])("drops emoji: %j → %j", (input, expected) => {
    expect(normaliseText(input)).toBe(expected);
  });

  it("drops control and invisible format characters", () => {
    expect(normaliseText("dép\u0000 lê\u200b\u200d được\u0007 không\u00ad")).toBe(
      "dép lê được không",
    );
  });

  it("gives the same text for composed and decomposed input", () => {
    const composed = "đồ uống có cồn";
    expect(normaliseText(composed.normalize("NFD"))).toBe(composed);
  });

  it.each([
    ["hoà", "hòa"],
    ["khoẻ", "khỏe"],
    ["thuý", "thúy"],
    ["uỷ ban", "ủy ban"],
    ["quý", "quý"],
    ["hoàn thành", "hoàn thành"],
  ])("writes tones one way: %j → %j", (input, expected) => {
    expect(normaliseText(input)).toBe(expected);
  });

  it("caps very long input", () => {
    const long = "đi dép lê được không ".repeat(1000);
    expect(capQuestion(long)).toHaveLength(MAX_QUESTION_LENGTH);
    expect(normaliseText(long).length).toBeLessThanOrEqual(MAX_QUESTION_LENGTH);
  });

  it("never cuts an emoji in half when capping", () => {
    const input = `${"a".repeat(MAX_QUESTION_LENGTH - 1)}😀😀`;
    const capped = capQuestion(input);
    expect(Array.from(capped)).toHaveLength(MAX_QUESTION_LENGTH);
    expect(capped.endsWith("😀")).toBe(true);
  });
});

describe("PhraseMatcher", () => {
  const matchLength = (phrases: string[], typed: string): number => {
    const tokens = syllables(normaliseText(typed));
    return new PhraseMatcher(phrases).matchAt(tokens, tokens.map(fold), 0);
  };

  it.each([
    ["co", "có", true],
    ["co", "cờ", true],
    ["có", "có", true],
    ["cờ", "có", false],
    ["dep", "dép", true],
    ["đẹp", "dép", false],
    ["Dép", "dép", true],
  ])("%j typed matches the listed word %j: %s", (typed, word, expected) => {
    expect(matchLength([word], typed)).toBe(expected ? 1 : 0);
  });

  it("takes the longest listed phrase", () => {
    expect(matchLength(["có", "có được không"], "co duoc khong nhe")).toBe(3);
    expect(matchLength(["có", "có được không"], "có được chứ")).toBe(1);
  });
});

describe("teencode and abbreviations", () => {
  it.each(Object.entries(kb.lexicon.abbreviations))("%j is read as %j", (short, full) => {
    expect(expand(`hỏi ${short} nhé`)).toBe(`hỏi ${normaliseText(full)} nhé`);
  });

  it.each([
    ["co dc di dep le di lam ko", "co được di dep le di lam không"],
    ["cbccvc dc uong bia trua hok", "cán bộ công chức viên chức được uong bia trua không"],
    ["vc co đk choi lo de k z", "viên chức co được choi lo de không vậy"],
    ["ntn la 4 xin 4 luon", "như thế nào la 4 xin 4 luon"],
    ["lương bn", "lương bao nhiêu"],
    ["đi lm muộn bị j", "đi làm muộn bị gì"],
    ["mxh đăng tt", "mạng xã hội đăng thông tin"],
    ["Ko DC", "không được"],
  ])("%j → %j", (input, expected) => {
    expect(expand(input)).toBe(expected);
  });

  it("leaves a word alone when only part of it looks like teencode", () => {
    expect(expand("kỷ luật khoa học")).toBe("kỷ luật khoa học");
  });
});

describe("stop words", () => {
  it.each([
    ["cán bộ viên chức có được không", ""],
    ["co dc di dep le di lam ko", "di dep le"],
    ["viên chức uống bia buổi trưa có sao không", "uống bia buổi trưa"],
    ["cho em hỏi mặc quần jean có bị kỷ luật không ạ", "mặc quần jean"],
  ])("%j keeps %j", (input, expected) => {
    expect(content(input)).toBe(expected);
  });

  it("does not take an accented word for a stop word with the same letters", () => {
    expect(content("chơi cờ bạc")).toBe("chơi cờ bạc");
    expect(content("chơi co bạc")).toBe("chơi bạc");
  });

  it("marks out-of-scope subjects and keeps them out of the content", () => {
    const analysed = analyse("lương cơ sở bao nhiêu", lexicon);
    expect(analysed.outOfScope).toEqual([true, true, true, false, false]);
    expect(analysed.content.some(Boolean)).toBe(false);
  });
});
