import { fold, foldKeepLength, slugify } from "../text/fold.js";
import { cutAtWord } from "../text/shorten.js";

/*
 * Plan metadata read from the published text and from titles: period, issuer, a stable code,
 * and a task's short title.
 */

const TITLE_MAX = 160;

/**
 * "giai đoạn 2024 – 2025" → "2024 - 2025"; "năm 2024" → "2024"; else null. A target year
 * ("đến năm 2030", "tầm nhìn đến năm 2045") is not the plan's period.
 */
export function periodFromText(text: string): string | null {
  const folded = fold(text);
  const range = /giai doan (\d{4}) ?- ?(\d{4})/.exec(folded);
  if (range) return `${range[1]} - ${range[2]}`;
  // The last year named: "Luật Thanh tra năm 2022 … năm 2026" is a plan for 2026.
  const years = [...folded.matchAll(/(?<!den |toi |nhin |huong )\bnam (\d{4})\b/g)];
  return years[years.length - 1]?.[1] ?? null;
}

const PLACE_NAME = /^\p{Lu}\p{L}*(?:\s+(?:-\s+)?\p{Lu}\p{L}*)*/u;
// Words that end a place name written in capitals: "TỈNH BẮC NINH GIAI ĐOẠN …", "HÀ NỘI ĐẾN NĂM 2030".
const NOT_PLACE = new Set([
  "giai",
  "nam",
  "den",
  "tren",
  "va",
  "trong",
  "tai",
  "theo",
  "thuoc",
  "ve",
  "dong",
  "tam",
  "huong",
  "nhiem",
  "ke",
  "lan",
]);

function isUpper(text: string): boolean {
  return text === text.toUpperCase() && text !== text.toLowerCase();
}

function titleCase(text: string): string {
  return text
    .toLowerCase()
    .split(" ")
    .map((w) => (w[0] ?? "").toUpperCase() + w.slice(1))
    .join(" ");
}

function placeName(raw: string): string {
  const words: string[] = [];
  for (const word of raw.split(/\s+/u)) {
    if (NOT_PLACE.has(fold(word))) break;
    words.push(word);
  }
  return words.join(" ").replace(/\s*-\s*$/u, "");
}

/** The place a plan is about: "… tỉnh Thái Nguyên giai đoạn …" → { level: "tỉnh", name: "Thái Nguyên" }. */
export function placeFromText(text: string): { level: string; name: string } | null {
  const nfc = text.normalize("NFC");
  const folded = foldKeepLength(nfc);
  const level = /(?:^|\s)(tinh|thanh pho)\s+/g;
  for (let m = level.exec(folded); m; m = level.exec(folded)) {
    const match = PLACE_NAME.exec(nfc.slice(m.index + m[0].length));
    const name = match ? placeName(match[0]) : "";
    if (name !== "") {
      const start = m.index + m[0].length - m[0].trimStart().length;
      const level = nfc.slice(start, start + (m[1] ?? "").length);
      // A title in capitals ("TỈNH HÒA BÌNH") gives "tỉnh Hòa Bình".
      return isUpper(name)
        ? { level: level.toLowerCase(), name: titleCase(name) }
        : { level, name };
    }
  }
  return null;
}

// Anchored after punctuation so that "… của Bộ trưởng Bộ Nội vụ về việc ban hành kế hoạch …"
// (a cited document) is not taken for the issuer.
const ISSUING =
  /(?:^|[,.;:]\s*)((?:ubnd|uy ban nhan dan|so|ban|bo)\s[^,.;:\n]{0,60}?)\s+ban hanh\s+ke hoach/m;

/**
 * Who issued the plan: "UBND tỉnh ban hành Kế hoạch …" plus the province named in the title
 * → "UBND tỉnh Thái Nguyên". Empty when the text does not say.
 */
export function issuerFromText(title: string, text: string): string {
  const nfc = text.normalize("NFC");
  const place = placeFromText(title) ?? placeFromText(nfc);
  const issuing = ISSUING.exec(foldKeepLength(nfc));
  if (issuing?.[1]) {
    const start = issuing.index + issuing[0].indexOf(issuing[1]);
    const issuer = nfc
      .slice(start, start + issuing[1].length)
      .replace(/^(?:Ủy|Uỷ|Uy) ban nhân dân|^Uy ban nhan dan/iu, "UBND");
    const bareLevel = /\s(tinh|thanh pho)$/.exec(fold(issuer));
    if (bareLevel && place && fold(place.level) === bareLevel[1]) return `${issuer} ${place.name}`;
    return issuer;
  }
  return place ? `UBND ${place.level} ${place.name}` : "";
}

/** A stable ASCII code from a title: "… Văn hóa công vụ tỉnh Thái Nguyên giai đoạn 2024 - 2025" → "vhcv-thai-nguyen-2024-2025". */
export function planCodeFromTitle(
  title: string,
  period: string | null,
  placeElsewhere?: { name: string } | null,
): string {
  const folded = fold(title);
  const topic = folded.includes("van hoa cong vu") ? "vhcv" : "kh";
  const place = placeFromText(title) ?? placeElsewhere ?? null;
  const years = period?.match(/\d{4}/g) ?? [];
  const parts = [topic, place ? slugify(place.name) : "", ...years].filter((p) => p !== "");
  if (parts.length <= 1) return slugify(title).slice(0, 60) || "ke-hoach";
  // Plans of other programmes share the place and years: a few words of the subject tell them apart.
  return topic === "kh"
    ? [...parts, subjectSlug(title)].filter((p) => p !== "").join("-")
    : parts.join("-");
}

const GENERIC_START = /^(?:ke hoach|trien khai|thuc hien|to chuc|ve viec|ve)\s+/;

/** "KẾ HOẠCH Triển khai thi hành Luật Việc làm …" → "thi-hanh-luat-viec". */
function subjectSlug(title: string): string {
  let folded = fold(title)
    .replace(/[^a-z0-9 ]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  for (let before = ""; before !== folded;) {
    before = folded;
    folded = folded.replace(GENERIC_START, "");
  }
  return folded.split(" ").slice(0, 4).join("-");
}

/** The first sentence of a task, cut at a word boundary near 160 characters. */
export function titleFromBody(body: string): string {
  const firstParagraph = body.trim().split("\n")[0] ?? "";
  const end = /[.!?…](?=\s+[\p{Lu}\d"“(]|\s*$)/u.exec(firstParagraph);
  const sentence = (end ? firstParagraph.slice(0, end.index) : firstParagraph).trim();
  if (sentence.length <= TITLE_MAX) return sentence;
  // A long sentence often lists several actions; the first clause names the task well enough.
  const clause = sentence.indexOf(";");
  if (clause >= 20 && clause <= TITLE_MAX) return sentence.slice(0, clause).trim();
  return cutAtWord(sentence, TITLE_MAX);
}
