/**
 * Splits Telegram-style HTML into parts of at most `limit` UTF-16 code units that each parse on
 * their own: a cut never falls inside a tag (`<b>`, `<a href="…">`) or an entity (`&lt;`,
 * `&#39;`), and tags open at a cut are closed at the end of the part and opened again at the
 * start of the next. Cuts prefer a line break, then a space, as splitText does for plain text.
 */
interface Token {
  text: string;
  /** Name of the tag this token opens or closes. */
  open?: string;
  close?: string;
  breakable?: "line" | "space";
}

const TOKEN =
  /<\/?[A-Za-z][^<>]*>|&(?:#\d{1,7}|#x[0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});|\n| |[\uD800-\uDBFF][\uDC00-\uDFFF]|[^]/g;

function tokenize(html: string): Token[] {
  const tokens: Token[] = [];
  for (const [text] of html.matchAll(TOKEN)) {
    if (text === "\n") tokens.push({ text, breakable: "line" });
    else if (text === " ") tokens.push({ text, breakable: "space" });
    else if (text.startsWith("</")) tokens.push({ text, close: tagName(text.slice(2)) });
    else if (text.startsWith("<") && text.length > 1 && /^<[A-Za-z]/.test(text))
      tokens.push({ text, open: tagName(text.slice(1)) });
    else tokens.push({ text });
  }
  return tokens;
}

function tagName(rest: string): string {
  return (/^[A-Za-z][A-Za-z0-9-]*/.exec(rest)?.[0] ?? "").toLowerCase();
}

interface OpenTag {
  name: string;
  /** The opening tag as written (with its attributes), to open it again in the next part. */
  text: string;
}

const closing = (stack: OpenTag[]): string =>
  stack
    .slice()
    .reverse()
    .map((tag) => `</${tag.name}>`)
    .join("");
const reopening = (stack: OpenTag[]): string => stack.map((tag) => tag.text).join("");

function applyTag(stack: OpenTag[], token: Token): OpenTag[] {
  if (token.open) return [...stack, { name: token.open, text: token.text }];
  if (token.close) {
    const at = stack.map((tag) => tag.name).lastIndexOf(token.close);
    return at === -1 ? stack : stack.slice(0, at);
  }
  return stack;
}

export function splitHtml(html: string, limit: number): string[] {
  if (!Number.isInteger(limit) || limit < 64) {
    throw new RangeError(`splitHtml: limit must be an integer ≥ 64, got ${limit}`);
  }
  if (visibleText(html).trim() === "") return [];
  if (html.length <= limit) return [html];

  const tokens = tokenize(html);
  const parts: string[] = [];
  let index = 0;
  let stack: OpenTag[] = [];
  while (index < tokens.length) {
    let text = reopening(stack);
    let open = stack;
    /** The best place to cut so far: after a line break, else after a space. */
    let cut: { at: number; text: string; stack: OpenTag[]; kind: "line" | "space" } | undefined;
    let i = index;
    for (; i < tokens.length; i += 1) {
      const token = tokens[i] as Token;
      const next = applyTag(open, token);
      if (text.length + token.text.length + closing(next).length > limit && i > index) break;
      if (token.breakable && (token.breakable === "line" || cut?.kind !== "line")) {
        cut = { at: i, text, stack: open, kind: token.breakable };
      }
      text += token.text;
      open = next;
    }
    if (i >= tokens.length) {
      parts.push(text + closing(open));
      break;
    }
    if (cut && cut.at > index) {
      // The break itself (a newline or a space) is dropped with the cut.
      parts.push(cut.text + closing(cut.stack));
      stack = cut.stack;
      index = cut.at + 1;
    } else {
      parts.push(text + closing(open));
      stack = open;
      index = i;
    }
  }
  return parts.map(trimBlankEdgeLines).filter((part) => visibleText(part).trim() !== "");
}

function visibleText(html: string): string {
  return html.replace(/<[^<>]*>/g, "");
}

function trimBlankEdgeLines(part: string): string {
  return part.replace(/^(?:[ \t\r]*\n)+/, "").replace(/(?:\n[ \t\r]*)+$/, "");
}
