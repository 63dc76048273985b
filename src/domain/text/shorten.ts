/**
 * A text cut to at most `max` characters on a word boundary, ending in "…"; whitespace runs
 * become one space. A text that fits is returned whole. Only a single word longer than half of
 * `max` is cut inside the word.
 */
export function cutAtWord(text: string, max: number): string {
  const flat = text.replace(/\s+/gu, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  // A space right after the cut means the cut already ends a word.
  const space = flat[max - 1] === " " ? cut.length : cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.–-]+$/u, "")}…`;
}
