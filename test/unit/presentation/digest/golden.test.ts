import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { lastCompleteWeek } from "../../../../src/domain/digest/period.js";
import { prepareDigest } from "../../../../src/services/digest/compose.js";
import { renderDigest } from "../../../../src/presentation/digest/render.js";
import { DIGEST_AT, digestFixtureState } from "../../../fixtures/digest/state.js";
import { projectRoot } from "../../../helpers/process.js";

const FIXTURES = `${projectRoot}/test/fixtures/digest`;
const SEPARATOR = "\n\n======== next message ========\n\n";

/** Compare with the stored golden text; UPDATE_GOLDEN=1 writes it (check it by eye first). */
function expectGolden(name: string, actual: string): void {
  const path = `${FIXTURES}/${name}`;
  if (process.env.UPDATE_GOLDEN === "1") writeFileSync(path, actual);
  expect(existsSync(path), `${name} missing: run with UPDATE_GOLDEN=1`).toBe(true);
  expect(actual).toBe(readFileSync(path, "utf8"));
}

const texts = (channel: "telegram" | "zalo" | "console") =>
  renderDigest(prepared().document, channel, "vi").map((part) => part.text);

function prepared() {
  return prepareDigest(
    digestFixtureState(),
    { unitIds: null, scopeNames: [] },
    lastCompleteWeek(DIGEST_AT),
    "vi",
  );
}

describe("weekly digest text for week 47/2024, sent Monday 25/11/2024 08:00", () => {
  it("reads the same as the checked Telegram golden text (HTML, ≤ 4096 per message)", () => {
    const parts = texts("telegram");
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(4096);
    expectGolden("telegram.html.txt", parts.join(SEPARATOR));
  });

  it("reads the same as the checked Zalo golden text, every part ≤ 2000 characters", () => {
    const parts = texts("zalo");
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(2000);
    expectGolden("zalo.txt", parts.join(SEPARATOR));
  });

  it("escapes user data for Telegram HTML and bolds only the headings", () => {
    const html = texts("telegram").join("\n");
    expect(html).toContain("Thiếu kinh phí &lt;dự toán 2025&gt; &amp; nhân lực");
    expect(html).toContain("&lt;Quyết định 1847/QĐ-TTg&gt; &amp; Kế hoạch");
    expect(html).not.toContain("<dự toán");
    const tags = html.match(/<\/?[a-z]+>/g) ?? [];
    expect(new Set(tags)).toEqual(new Set(["<b>", "</b>"]));
    expect(html).toContain("<b>⏰ Quá hạn lâu nhất (");
  });

  it("keeps user text as typed on Zalo (plain text, no markup)", () => {
    const zalo = texts("zalo").join("\n");
    expect(zalo).toContain("Thiếu kinh phí <dự toán 2025> & nhân lực");
    expect(zalo).not.toContain("&lt;");
    expect(zalo).not.toContain("<b>");
  });

  it("cuts long lists with '… và N nhiệm vụ khác' pointing to /xuatexcel", () => {
    const text = texts("console").join("\n");
    expect(text).toMatch(/… và \d+ nhiệm vụ khác — xem đủ bằng lệnh \/xuatexcel/);
  });
});
