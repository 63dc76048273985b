import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { escapeHtml } from "../../../src/channels/escape-html.js";
import { splitHtml } from "../../../src/channels/split-html.js";

/** Every `&` starts a whole entity and every `<` a whole tag; tags are balanced. */
function expectWellFormed(part: string): void {
  expect(part).not.toMatch(/&(?!(?:lt|gt|amp|quot|#\d+);)/);
  expect(part.replace(/<\/?[a-z]+(?: [^<>]*)?>/g, "")).not.toMatch(/[<>]/);
  const stack: string[] = [];
  for (const [, close, name] of part.matchAll(/<(\/?)([a-z]+)[^<>]*>/g)) {
    if (close) expect(stack.pop()).toBe(name);
    else stack.push(name as string);
  }
  expect(stack).toEqual([]);
}

const unescape = (html: string) =>
  html
    .replace(/<[^<>]*>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

describe("splitHtml", () => {
  it("fault 12: a long escaped word is never cut inside an HTML entity", () => {
    // The digest line that was cut as "…&lt;kinh&am" | "p;phí&gt;…": no space to cut at.
    const html = escapeHtml("<kinh&phí>".repeat(40));
    for (const limit of [64, 65, 66, 67, 100, 101]) {
      const parts = splitHtml(html, limit);
      expect(parts.length).toBeGreaterThan(1);
      for (const part of parts) {
        expect(part.length).toBeLessThanOrEqual(limit);
        expectWellFormed(part);
      }
      expect(parts.join("")).toBe(html);
    }
  });

  it("fault 12: a bold heading cut in two is closed and opened again, never cut inside a tag", () => {
    const html = `<b>${"Quá hạn lâu nhất ".repeat(12)}</b>\n${"dòng thường ".repeat(3)}`;
    const parts = splitHtml(html, 80);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(80);
      expectWellFormed(part);
    }
    expect(parts[0]).toMatch(/^<b>Quá hạn/);
    expect(parts[1]).toMatch(/^<b>/);
    expect(unescape(parts.join(" ")).replace(/\s+/g, " ").trim()).toBe(
      unescape(html).replace(/\s+/g, " ").trim(),
    );
  });

  it("cuts between lines first, as plain text is cut", () => {
    const lines = ["<b>Tổng hợp tuần 47</b>", "Sở Nội vụ: 3/5 &amp; đúng hạn", "x".repeat(60)];
    expect(splitHtml(lines.join("\n"), 64)).toEqual([`${lines[0]}\n${lines[1]}`, lines[2]]);
  });

  it("returns a text that fits unchanged, and no part for a blank one", () => {
    expect(splitHtml("<b>Xin chào</b> &amp; tạm biệt", 4096)).toEqual([
      "<b>Xin chào</b> &amp; tạm biệt",
    ]);
    expect(splitHtml(" \n <b> </b>", 64)).toEqual([]);
  });

  it("keeps every part within the limit and well formed, for any escaped text with bold lines", () => {
    const line = fc
      .tuple(fc.boolean(), fc.string({ unit: fc.constantFrom("a", "ă", " ", "<", ">", "&", "😀") }))
      .map(([bold, text]) => (bold ? `<b>${escapeHtml(text)}</b>` : escapeHtml(text)));
    fc.assert(
      fc.property(
        fc.array(line, { maxLength: 30 }),
        fc.integer({ min: 64, max: 300 }),
        (lines, limit) => {
          const html = lines.join("\n");
          for (const part of splitHtml(html, limit)) {
            expect(part.length).toBeLessThanOrEqual(limit);
            expectWellFormed(part);
            expect(part).not.toMatch(/[\uD800-\uDBFF]$/);
          }
        },
      ),
    );
  });
});
