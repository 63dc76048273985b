import { describe, expect, it } from "vitest";
import { capabilitiesOf, CHANNEL_NAMES, sendLimitsOf } from "../../../src/channels/capabilities.js";
import { renderRichText } from "../../../src/channels/render-rich-text.js";
import type { RichText } from "../../../src/core/messages.js";

describe("channel capabilities", () => {
  it("tells a Telegram group from a private chat by its id, and knows Zalo has no groups", () => {
    expect(capabilitiesOf("telegram").isGroupChat("-1001234")).toBe(true);
    expect(capabilitiesOf("telegram").isGroupChat("123456")).toBe(false);
    expect(capabilitiesOf("zalo").isGroupChat("-1")).toBe(false);
  });

  it("gives each channel's sending limits with its own text limit", () => {
    expect(sendLimitsOf("telegram")).toMatchObject({
      perSecond: 30,
      groupPerMinute: 20,
      textLimit: 4096,
    });
    expect(sendLimitsOf("zalo")).toMatchObject({ perSecond: 10, textLimit: 2000 });
    expect(CHANNEL_NAMES.sort()).toEqual(["console", "telegram", "zalo"]);
  });

  it("says which channels take buttons and replies, and how files go", () => {
    expect(capabilitiesOf("telegram")).toMatchObject({
      buttons: true,
      replyTo: true,
      files: "upload",
    });
    expect(capabilitiesOf("zalo")).toMatchObject({ buttons: false, replyTo: false, files: "link" });
  });
});

describe("rich text rendered from capabilities", () => {
  const document: RichText = {
    sections: [
      [[{ text: "Tổng hợp <tuần 47>", heading: true }, { text: "Kinh phí & nhân lực" }]],
      [[{ text: "x".repeat(90) }], [{ text: "y".repeat(90) }]],
    ],
  };

  it("bolds headings and escapes text where the channel reads HTML", () => {
    const [first] = renderRichText(document, capabilitiesOf("telegram"));
    expect(first).toEqual({
      format: "html",
      text: `<b>Tổng hợp &lt;tuần 47&gt;</b>\nKinh phí &amp; nhân lực\n\n${"x".repeat(90)}\n${"y".repeat(90)}`,
    });
  });

  it("keeps text as typed, in parts within the limit, where the channel has no markup", () => {
    const parts = renderRichText(document, { markup: "none", textLimit: 100 });
    expect(parts.map((p) => p.format)).toEqual(["plain", "plain", "plain"]);
    expect(parts[0]?.text).toBe("Tổng hợp <tuần 47>\nKinh phí & nhân lực");
    for (const part of parts) expect(part.text.length).toBeLessThanOrEqual(100);
  });
});
