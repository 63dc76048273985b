import { extname } from "node:path";
import { message } from "../core/message-key.js";
import { refuse } from "./file-limits.js";
import { looksLikeOle, looksLikeZip } from "./zip.js";

/*
 * Bytes of a text plan file (.txt, .md, .csv, .yaml, .json) → text. UTF-8 with or without BOM,
 * and UTF-16 (with BOM, or plainly UTF-16LE without one) are decoded; anything else is refused
 * with the first line that is not valid UTF-8, so a file saved in TCVN3, VNI or Windows-1258
 * is never imported as garbage. Binary files given a text extension are named for what they are.
 */

const EXCERPT_LENGTH = 40;

function lineAt(bytes: Uint8Array, index: number): { line: number; start: number; end: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < index; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      start = i + 1;
    }
  }
  let end = index;
  while (end < bytes.length && bytes[end] !== 0x0a && bytes[end] !== 0x0d) end++;
  return { line, start, end };
}

/** Index of the first byte that is not part of a valid UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

function excerpt(text: string): string {
  const trimmed = text.trim();
  return trimmed.length > EXCERPT_LENGTH ? `${trimmed.slice(0, EXCERPT_LENGTH)}…` : trimmed;
}

/** UTF-16LE text saved without a BOM: most high bytes of ASCII-range characters are zero. */
function looksLikeUtf16Le(bytes: Uint8Array): boolean {
  if (bytes.length < 4 || bytes.length % 2 !== 0) return false;
  const pairs = Math.min(bytes.length, 4096) / 2;
  let oddZeros = 0;
  let evenZeros = 0;
  for (let i = 0; i < pairs * 2; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  return oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05;
}

function binaryKind(bytes: Uint8Array): "pdf" | "zip" | "ole" | "binary" | null {
  if (bytes.length >= 5 && Buffer.from(bytes.subarray(0, 5)).toString("latin1") === "%PDF-") {
    return "pdf";
  }
  if (looksLikeZip(bytes)) return "zip";
  if (looksLikeOle(bytes)) return "ole";
  const sample = bytes.subarray(0, 8192);
  let control = 0;
  for (const b of sample) {
    if (b === 0) return "binary";
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) control++;
  }
  return control > sample.length * 0.1 ? "binary" : null;
}

function refuseBinary(kind: "pdf" | "zip" | "ole" | "binary", file: string): never {
  const ext = extname(file).toLowerCase() || file;
  const hint = kind === "pdf" ? "hint_pdf" : kind === "zip" ? "hint_zip" : "hint_other";
  return refuse(file, "binary_as_text", {
    ext,
    kind: message(`planfile.document.kind_${kind}`),
    hint: message(`planfile.document.${hint}`),
  });
}

// TCVN3 (ABC) text shown with a Western code page: letters Vietnamese never uses, many of them.
const LEGACY_FONT = /[¡-¿ÄÅÆÇËÎÏÐÑÖ×ØÛÜÞßäåæçëîïðñö÷øûüþÿ]/gu;
const VIETNAMESE = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/giu;
// UTF-8 decoded as Windows-1252 and saved again: "Ã¡", "áº", "á»", "Æ°", "Ä‘".
const DOUBLE_ENCODED = /Ã[\u00a0-\u00bf]|á[º»]|Æ[°¡]|Ä[‘\u0090]/gu;

export interface Garbled {
  kind: "double_encoded" | "legacy_font";
  /** 1-based line of `text` where it shows first. */
  line: number;
  excerpt: string;
}

/**
 * Text that is valid Unicode but plainly mis-encoded: UTF-8 read as Windows-1252 and saved again,
 * or Vietnamese typed with a legacy 8-bit font (TCVN3 .VnTime, VNI) shown as Western letters.
 */
export function findGarbled(text: string): Garbled | null {
  const lines = text.split(/\r\n|\r|\n/);
  const count = (re: RegExp, s: string): number => s.match(re)?.length ?? 0;
  if (count(DOUBLE_ENCODED, text) >= 3) {
    const i = lines.findIndex((l) => count(DOUBLE_ENCODED, l) > 0);
    return { kind: "double_encoded", line: i + 1, excerpt: excerpt(lines[i] ?? "") };
  }
  const legacy = count(LEGACY_FONT, text);
  if (legacy >= 5 && legacy > count(VIETNAMESE, text)) {
    const i = lines.findIndex((l) => count(LEGACY_FONT, l) >= 2);
    const at = i < 0 ? lines.findIndex((l) => count(LEGACY_FONT, l) > 0) : i;
    return { kind: "legacy_font", line: at + 1, excerpt: excerpt(lines[at] ?? "") };
  }
  return null;
}

/** Refuses text that is valid Unicode but plainly mis-encoded, naming its first line. */
function checkGarbled(text: string, file: string): void {
  const garbled = findGarbled(text);
  if (garbled) {
    refuse(
      file,
      garbled.kind,
      { line: garbled.line, excerpt: garbled.excerpt },
      { line: garbled.line },
    );
  }
}

/**
 * The text of a text plan file. `file` names the file in errors (PlanFileInvalid): binary
 * content, invalid UTF-8 (with its line), or text mis-encoded from a legacy Vietnamese font.
 */
export function decodeText(content: Buffer | string, file = "plan.txt"): string {
  if (typeof content === "string") return content.replace(/^\uFEFF/, "");
  const bytes = content;
  let text: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    text = new TextDecoder("utf-16le").decode(bytes.subarray(2));
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    text = new TextDecoder("utf-16be").decode(bytes.subarray(2));
  } else if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    text = decodeUtf8(bytes.subarray(3), file);
  } else if (looksLikeUtf16Le(bytes)) {
    text = new TextDecoder("utf-16le").decode(bytes);
  } else {
    const kind = binaryKind(bytes);
    if (kind) refuseBinary(kind, file);
    text = decodeUtf8(bytes, file);
  }
  if (text.includes("\u0000")) refuseBinary("binary", file);
  checkGarbled(text, file);
  return text;
}

function decodeUtf8(bytes: Uint8Array, file: string): string {
  const bad = firstInvalidUtf8(bytes);
  if (bad >= 0) {
    const { line, start, end } = lineAt(bytes, bad);
    const shown = new TextDecoder("utf-8").decode(bytes.subarray(start, end));
    refuse(file, "invalid_utf8", { line, excerpt: excerpt(shown) }, { line });
  }
  return new TextDecoder("utf-8").decode(bytes);
}
