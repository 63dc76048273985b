/**
 * Vietnamese text folding for matching: lower case, no diacritics, đ → d.
 * `foldKeepLength` maps each UTF-16 unit of the NFC text to exactly one unit, so an index
 * found in the folded text is the same index in the (NFC) original.
 */
export function foldKeepLength(nfcText: string): string {
  let out = "";
  for (const unit of nfcText.split("")) {
    if (unit < "\u0080") {
      out += unit.toLowerCase();
      continue;
    }
    if (unit === "đ" || unit === "Đ" || unit === "ð" || unit === "Ð") {
      out += "d";
      continue;
    }
    const base = (unit.normalize("NFD")[0] ?? unit).toLowerCase();
    out += base.length === 1 ? base : unit;
  }
  return out;
}

/** Folded, dashes unified, spaces collapsed: "Thời  Hạn" → "thoi han". */
export function fold(text: string): string {
  return foldKeepLength(text.normalize("NFC"))
    .replace(/[\u2010-\u2015\u2212]/g, "-")
    .replace(/\s+/g, " ")
    .trim();
}

/** A readable ASCII slug: "Thái Nguyên" → "thai-nguyen". */
export function slugify(text: string): string {
  return fold(text)
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}
