/**
 * Splits a text into parts of at most `limit` UTF-16 code units, for platforms with a message
 * length cap (Zalo: 2000). Parts end on line boundaries; a single line longer than the limit is
 * cut at its last space that fits, else hard-cut (never inside a surrogate pair).
 *
 * Parts never are blank: blank lines that fall on a cut are dropped, and a text with no visible
 * character gives no part at all. A text that fits is returned unchanged as the only part.
 */
export function splitText(text: string, limit: number): string[] {
  if (!Number.isInteger(limit) || limit < 2) {
    throw new RangeError(`splitText: limit must be an integer ≥ 2, got ${limit}`);
  }
  if (text.trim() === "") return [];
  if (text.length <= limit) return [text];

  const parts: string[] = [];
  let current: string | undefined;
  const flush = (): void => {
    if (current !== undefined) parts.push(current);
    current = undefined;
  };

  for (const line of text.split("\n")) {
    if (current !== undefined && current.length + 1 + line.length <= limit) {
      current += "\n" + line;
      continue;
    }
    flush();
    let rest = line;
    while (rest.length > limit) {
      const cut = cutPoint(rest, limit);
      parts.push(rest.slice(0, cut.end));
      rest = rest.slice(cut.next);
    }
    current = rest;
  }
  flush();

  return parts.map(trimBlankEdgeLines).filter((part) => part.trim() !== "");
}

/** Where to cut a too-long line: at the last space that fits, else at the limit. */
function cutPoint(line: string, limit: number): { end: number; next: number } {
  const space = line.lastIndexOf(" ", limit);
  if (space > 0) return { end: space, next: space + 1 };
  const lastKept = line.charCodeAt(limit - 1);
  const isHighSurrogate = lastKept >= 0xd800 && lastKept <= 0xdbff;
  const end = isHighSurrogate ? limit - 1 : limit;
  return { end, next: end };
}

/** Drops empty lines at the start and end of a part (they would be invisible anyway). */
function trimBlankEdgeLines(part: string): string {
  return part.replace(/^(?:[ \t\r]*\n)+/, "").replace(/(?:\n[ \t\r]*)+$/, "");
}
