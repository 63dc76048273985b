import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { splitText } from "../../../src/channels/split-text.js";

const visible = (s: string): string => s.replace(/\s+/g, "");

describe("splitText", () => {
  it.each([
    ["a short Vietnamese text", "Xin chào, đồng chí!", 2000],
    ["text of exactly the limit", "ă".repeat(2000), 2000],
    ["text with empty lines that fits", "Dòng 1\n\n\nDòng 4", 20],
  ])("returns %s unchanged as its only part", (_label, text, limit) => {
    expect(splitText(text, limit)).toEqual([text]);
  });

  it.each([[""], ["   "], ["\n\n\n"]])("gives no part for blank text %j", (text) => {
    expect(splitText(text, 10)).toEqual([]);
  });

  it("cuts between lines, keeping whole lines together", () => {
    const lines = ["Nhiệm vụ IV.3.a: đang thực hiện", "Hạn: 31/12/2025", "Đơn vị: Sở Nội vụ"];
    expect(splitText(lines.join("\n"), 50)).toEqual([`${lines[0]}\n${lines[1]}`, lines[2]]);
  });

  it("packs a text of about 4500 characters into 3 parts of at most 2000 on line boundaries", () => {
    const line = "Cán bộ, công chức thực hiện nghiêm văn hóa công vụ tại cơ quan.".padEnd(88, ".");
    const lines = Array.from({ length: 50 }, (_, i) => `${i}`.padStart(2, "0") + line);
    const text = lines.join("\n");
    expect(text.length).toBe(4549);
    const parts = splitText(text, 2000);
    expect(parts).toHaveLength(3);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(2000);
      for (const partLine of part.split("\n")) expect(lines).toContain(partLine);
    }
    expect(parts.join("\n")).toBe(text);
  });

  it("cuts a line longer than the limit at its last space that fits", () => {
    const text = "một hai ba bốn năm sáu bảy tám chín mười";
    const parts = splitText(text, 12);
    expect(parts).toEqual(["một hai ba", "bốn năm sáu", "bảy tám chín", "mười"]);
  });

  it("hard-cuts a line without spaces at the limit", () => {
    expect(splitText("x".repeat(25), 10)).toEqual(["x".repeat(10), "x".repeat(10), "x".repeat(5)]);
  });

  it("never cuts inside a surrogate pair", () => {
    const text = "a" + "😀".repeat(5); // 11 code units
    const parts = splitText(text, 4);
    expect(parts).toEqual(["a😀", "😀😀", "😀😀"]);
    expect(parts.join("")).toBe(text);
  });

  it("drops blank lines that fall on a cut instead of sending blank parts", () => {
    const text = `${"a".repeat(10)}\n\n\n${"b".repeat(10)}\n\n`;
    expect(splitText(text, 10)).toEqual(["a".repeat(10), "b".repeat(10)]);
  });

  it("keeps blank lines inside a part", () => {
    expect(splitText("aaa\n\nbbb\ncccccccccc", 10)).toEqual(["aaa\n\nbbb", "cccccccccc"]);
  });

  it("rejects a limit too small to hold a surrogate pair", () => {
    expect(() => splitText("abc", 1)).toThrow(RangeError);
  });

  it("for any text: parts fit, are not blank, and keep every visible character in order", () => {
    const char = fc.constantFrom("a", "ệ", "ư", " ", "\n", "😀", "Đ", ".");
    fc.assert(
      fc.property(
        fc.array(char, { maxLength: 300 }),
        fc.integer({ min: 2, max: 40 }),
        (chars, limit) => {
          const text = chars.join("");
          const parts = splitText(text, limit);
          for (const part of parts) {
            expect(part.length).toBeLessThanOrEqual(limit);
            expect(part.trim()).not.toBe("");
            expect(/[\uD800-\uDBFF]$/.test(part)).toBe(false);
          }
          expect(visible(parts.join(""))).toBe(visible(text));
        },
      ),
    );
  });
});
