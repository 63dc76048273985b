/**
 * Renders a neutral rich text for a channel, from its capabilities alone: escaped HTML with bold
 * headings where the channel reads HTML, plain text elsewhere; blocks packed into messages of at
 * most the channel's text limit, an empty line between sections.
 */
import type { ChannelCapabilities } from "../core/channel-capabilities.js";
import type { RenderedText, RichLine, RichText } from "../core/messages.js";
import { escapeHtml } from "./escape-html.js";
import { splitHtml } from "./split-html.js";
import { splitText } from "./split-text.js";

export function renderRichText(
  document: RichText,
  capabilities: Pick<ChannelCapabilities, "markup" | "textLimit">,
): RenderedText[] {
  const html = capabilities.markup === "html";
  const limit = capabilities.textLimit;
  const line = (l: RichLine): string => {
    if (!html) return l.text;
    const text = escapeHtml(l.text);
    return l.heading ? `<b>${text}</b>` : text;
  };
  const split = (text: string): string[] =>
    html ? splitHtml(text, limit) : splitText(text, limit);

  const parts: string[] = [];
  let current = "";
  const push = (piece: string, separator: string) => {
    if (current === "") {
      current = piece;
    } else if (current.length + separator.length + piece.length <= limit) {
      current += separator + piece;
    } else {
      parts.push(current);
      current = piece;
    }
  };
  for (const section of document.sections) {
    section.forEach((block, index) => {
      const text = block.map(line).join("\n");
      const separator = index === 0 ? "\n\n" : "\n";
      if (text.length <= limit) {
        push(text, separator);
        return;
      }
      for (const piece of split(text)) push(piece, separator);
    });
  }
  if (current !== "") parts.push(current);
  const format = html ? "html" : "plain";
  return parts.map((text) => ({ text, format }));
}
