import { escapeHtml } from "../../channels/escape-html.js";
import { splitText } from "../../channels/split-text.js";
import type { ChannelName } from "../../channels/types.js";
import type { DigestDocument, Line, Param } from "../../domain/digest/document.js";
import { render, t, type Locale } from "../../i18n.js";

export const TELEGRAM_MESSAGE_LIMIT = 4096;
/** The Telegram channel cuts plain texts at 4000 itself; stay under it so that it never has to. */
export const TELEGRAM_PLAIN_LIMIT = 4000;
export const ZALO_MESSAGE_LIMIT = 2000;

type Markup = "plain" | "html";

function lineText(line: Line, markup: Markup, locale: Locale | undefined): string {
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(line.params ?? {})) params[name] = param(value);
  const text = t(line.key, params, locale);
  return markup === "html" && line.heading ? `<b>${text}</b>` : text;

  function param(value: Param): string | number {
    if (typeof value === "number") return value;
    if (typeof value === "string") return markup === "html" ? escapeHtml(value) : value;
    return render(value, locale);
  }
}

/**
 * Packs whole chunks into parts of at most `limit` characters, an empty line between sections;
 * a chunk too long on its own is cut on line boundaries by splitText.
 */
function pack(document: DigestDocument, markup: Markup, limit: number, locale?: Locale): string[] {
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
    section.forEach((chunk, index) => {
      const text = chunk.map((line) => lineText(line, markup, locale)).join("\n");
      const separator = index === 0 ? "\n\n" : "\n";
      if (text.length <= limit) {
        push(text, separator);
        return;
      }
      for (const piece of splitText(text, limit)) push(piece, separator);
    });
  }
  if (current !== "") parts.push(current);
  return parts;
}

/** Plain text parts for a channel: Zalo ≤ 2000 characters, Telegram ≤ 4000, console one part. */
export function renderPlain(
  document: DigestDocument,
  channel: ChannelName,
  locale?: Locale,
): string[] {
  const limit =
    channel === "zalo"
      ? ZALO_MESSAGE_LIMIT
      : channel === "telegram"
        ? TELEGRAM_PLAIN_LIMIT
        : Number.MAX_SAFE_INTEGER;
  return pack(document, "plain", limit, locale);
}

/**
 * Telegram HTML parts (parse_mode HTML) of at most 4096 characters: user data escaped, headings
 * bold; every tag opens and closes on one line, so a cut between lines never breaks markup.
 */
export function renderTelegramHtml(document: DigestDocument, locale?: Locale): string[] {
  return pack(document, "html", TELEGRAM_MESSAGE_LIMIT, locale);
}
