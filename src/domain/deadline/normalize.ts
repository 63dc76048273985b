/**
 * Folds a deadline phrase to a plain form the rules can match:
 * NFC, lower case, diacritics removed, đ → d, dashes unified, spaces collapsed.
 * "Quý II năm 2024" and "quy ii nam 2024" both become "quy ii nam 2024".
 */
export function normalizeDeadlineText(text: string): string {
  return (
    text
      .normalize("NFC")
      .toLowerCase()
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      // đ (U+0111) and the look-alike ð (U+00F0) that some fonts/keyboards produce.
      .replace(/[\u0111\u00f0]/g, "d")
      .replace(/[\u2010-\u2015\u2212]/g, "-")
      .replace(/\s+/g, " ")
      .trim()
  );
}
