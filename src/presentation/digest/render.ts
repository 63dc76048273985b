import { capabilitiesOf } from "../../channels/capabilities.js";
import { renderRichText } from "../../channels/render-rich-text.js";
import type { ChannelName, RenderedText, RichText } from "../../core/messages.js";
import type { DigestDocument } from "../../domain/digest/document.js";
import { render, type Locale } from "../../i18n.js";

/** The digest as neutral rich text: lines in the locale, headings marked, chunks kept together. */
export function digestRichText(document: DigestDocument, locale?: Locale): RichText {
  return {
    sections: document.sections.map((section) =>
      section.map((chunk) =>
        chunk.map((line) => ({
          text: render(line, locale),
          ...(line.heading ? { heading: true } : {}),
        })),
      ),
    ),
  };
}

/** The digest's messages for a channel: its markup, parts within its text limit. */
export function renderDigest(
  document: DigestDocument,
  channel: ChannelName,
  locale?: Locale,
): RenderedText[] {
  return renderRichText(digestRichText(document, locale), capabilitiesOf(channel));
}

/** Plain text parts within the channel's text limit (replies, which carry no markup). */
export function renderDigestPlain(
  document: DigestDocument,
  channel: ChannelName,
  locale?: Locale,
): string[] {
  const capabilities = { ...capabilitiesOf(channel), markup: "none" as const };
  return renderRichText(digestRichText(document, locale), capabilities).map((part) => part.text);
}
