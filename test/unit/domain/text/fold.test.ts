import { describe, expect, it } from "vitest";
import { fold, foldKeepLength, foldText, slugify } from "../../../../src/domain/text/fold.js";

describe("one Vietnamese text fold for plans, deadlines, units and reports", () => {
  it("drops case and diacritics, reads đ and the look-alike ð as d", () => {
    expect(fold("Đơn vị  chủ trì")).toBe("don vi chu tri");
    expect(fold("Quý II năm 2024")).toBe("quy ii nam 2024");
    expect(fold("ðến hết tháng 6")).toBe("den het thang 6");
  });

  it("unifies dashes and spaces and unfolds full-width letters typed on phones", () => {
    expect(fold(" Quý II\u00a0–\u20032024 ")).toBe("quy ii - 2024");
    expect(fold("ｘｏｎｇ ５０％")).toBe("xong 50%");
  });

  it("reads text typed with separate tone marks (decomposed) like precomposed text", () => {
    expect(fold("Thời hạn".normalize("NFD"))).toBe(fold("Thời hạn"));
  });

  it("keeps the length letter for letter, so a match points into the original", () => {
    const original = "Thời gian hoàn thành: Quý II…".normalize("NFC");
    const folded = foldKeepLength(original);
    expect(folded).toHaveLength(original.length);
    expect(folded).toBe("thoi gian hoan thanh: quy ii…");
    const at = folded.indexOf("hoan thanh");
    expect(original.slice(at, at + "hoan thanh".length)).toBe("hoàn thành");
  });

  it("maps every folded character to the user's own spelling", () => {
    const folded = foldText("Xin  gia hạn ＵＢＮＤ");
    const at = folded.text.indexOf("han");
    expect(folded.text).toBe("xin  gia han ubnd");
    expect("Xin  gia hạn ＵＢＮＤ".slice(folded.start[at], folded.end[at + 2])).toBe("hạn");
  });

  it("makes readable ASCII slugs", () => {
    expect(slugify("Kế hoạch Thái Nguyên 2024–2025")).toBe("ke-hoach-thai-nguyen-2024-2025");
  });
});
