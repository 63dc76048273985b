import { describe, expect, it } from "vitest";
import { cutAtWord } from "../../../../src/domain/text/shorten.js";

describe("titles kept whole or cut at a word with …", () => {
  const title =
    "Nghiên cứu, hoàn thành việc rà soát, sửa đổi các quy định, nội quy, quy chế làm việc của cơ quan";

  it("keeps a title that fits, whole", () => {
    expect(cutAtWord("Tổ chức hội nghị", 70)).toBe("Tổ chức hội nghị");
  });

  it("cuts a long title after a whole word, never inside one", () => {
    const cut = cutAtWord(title, 70);
    expect(cut.length).toBeLessThanOrEqual(70);
    expect(cut.endsWith("…")).toBe(true);
    const kept = cut.slice(0, -1);
    expect(title.startsWith(kept)).toBe(true);
    // The next character of the title after what was kept is a space or punctuation.
    expect(title[kept.length]).toMatch(/[\s,;]/);
    expect(cut).toBe("Nghiên cứu, hoàn thành việc rà soát, sửa đổi các quy định, nội quy…");
  });

  it("drops dangling punctuation before the …", () => {
    expect(cutAtWord("một hai ba bốn, năm sáu bảy", 16)).toBe("một hai ba bốn…");
  });
});
