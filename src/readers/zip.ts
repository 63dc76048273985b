import { inflateRawSync } from "node:zlib";
import {
  MAX_ZIP_ENTRIES,
  MAX_ZIP_UNPACKED_BYTES,
  formatBytes,
  refuse,
  type DocumentErrorKey,
} from "./file-limits.js";

/*
 * A guarded zip reader for Office packages (.docx, .xlsx). It reads the central directory,
 * refuses too many parts or a declared unpacked size over the limit, and inflates parts with a
 * hard output cap (zlib's maxOutputLength), so a "zip bomb" whose headers lie stops at the cap
 * instead of filling memory.
 */

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflate. */
  method: number;
  flags: number;
  compressedSize: number;
  /** As declared by the central directory (may lie; inflation is capped anyway). */
  size: number;
  localOffset: number;
}

export interface ZipLimits {
  maxEntries: number;
  maxUnpackedBytes: number;
}

export const ZIP_LIMITS: ZipLimits = {
  maxEntries: MAX_ZIP_ENTRIES,
  maxUnpackedBytes: MAX_ZIP_UNPACKED_BYTES,
};

const EOCD_SIG = 0x06054b50;
const CENTRAL_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;

/** The "PK\3\4" signature of a zip file (an empty zip starts with the end record). */
export function looksLikeZip(content: Uint8Array): boolean {
  return (
    content.length >= 4 &&
    content[0] === 0x50 &&
    content[1] === 0x4b &&
    (content[2] === 0x03 || content[2] === 0x05) &&
    (content[3] === 0x04 || content[3] === 0x06)
  );
}

/** The OLE2 compound-file signature: .doc/.xls, and password-protected .docx/.xlsx. */
export function looksLikeOle(content: Uint8Array): boolean {
  const sig = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  return content.length >= 8 && sig.every((b, i) => content[i] === b);
}

function findEndRecord(buf: Buffer): number {
  const stop = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= stop; i--) {
    if (buf.readUInt32LE(i) === EOCD_SIG) return i;
  }
  return -1;
}

/**
 * The parts of a zip package, or null when `buf` is not a readable zip. Refuses (PlanFileInvalid)
 * too many parts or a declared unpacked total over the limit.
 */
export function listZip(
  buf: Buffer,
  file: string,
  limits: ZipLimits = ZIP_LIMITS,
): ZipEntry[] | null {
  const end = findEndRecord(buf);
  if (end < 0) return null;
  const count = buf.readUInt16LE(end + 10);
  const dirSize = buf.readUInt32LE(end + 12);
  const dirOffset = buf.readUInt32LE(end + 16);
  if (count === 0xffff || dirOffset === 0xffffffff) {
    refuse(file, "zip_unsupported", { detail: "ZIP64" });
  }
  if (count > limits.maxEntries) {
    refuse(
      file,
      "zip_too_many_entries",
      { count, max: limits.maxEntries },
      { code: "invalid_value" },
    );
  }
  if (dirOffset + dirSize > end) return null;
  const entries: ZipEntry[] = [];
  let declared = 0;
  let p = dirOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > end || buf.readUInt32LE(p) !== CENTRAL_SIG) return null;
    const nameLength = buf.readUInt16LE(p + 28);
    const entry: ZipEntry = {
      flags: buf.readUInt16LE(p + 8),
      method: buf.readUInt16LE(p + 10),
      compressedSize: buf.readUInt32LE(p + 20),
      size: buf.readUInt32LE(p + 24),
      localOffset: buf.readUInt32LE(p + 42),
      name: buf.toString("utf8", p + 46, p + 46 + nameLength),
    };
    declared += entry.size;
    if (declared > limits.maxUnpackedBytes) {
      refuse(
        file,
        "zip_too_large",
        { limit: formatBytes(limits.maxUnpackedBytes) },
        { code: "invalid_value" },
      );
    }
    entries.push(entry);
    p += 46 + nameLength + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return entries;
}

/**
 * Inflates one part with at most `budget` bytes of output; throws PlanFileInvalid ("zip bomb")
 * beyond it, or `brokenKey` when the part is damaged.
 */
export function readZipEntry(
  buf: Buffer,
  entry: ZipEntry,
  file: string,
  budget: number,
  brokenKey: DocumentErrorKey = "zip_unsupported",
): Buffer {
  if ((entry.flags & 0x1) !== 0)
    refuse(file, "zip_unsupported", { detail: `${entry.name}: encrypted` });
  const at = entry.localOffset;
  if (at + 30 > buf.length || buf.readUInt32LE(at) !== LOCAL_SIG) {
    refuse(file, brokenKey, { detail: entry.name });
  }
  const start = at + 30 + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28);
  const data = buf.subarray(start, start + entry.compressedSize);
  if (data.length < entry.compressedSize) refuse(file, brokenKey, { detail: entry.name });
  const tooLarge = (): never =>
    refuse(
      file,
      "zip_too_large",
      { limit: formatBytes(ZIP_LIMITS.maxUnpackedBytes) },
      { code: "invalid_value" },
    );
  if (entry.method === 0) {
    if (data.length > budget) tooLarge();
    return Buffer.from(data);
  }
  if (entry.method !== 8) {
    refuse(file, "zip_unsupported", { detail: `${entry.name}: method ${entry.method}` });
  }
  try {
    return inflateRawSync(data, { maxOutputLength: Math.max(1, budget) });
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === "ERR_BUFFER_TOO_LARGE" || e instanceof RangeError) tooLarge();
    return refuse(file, brokenKey, {
      detail: `${entry.name}: ${e instanceof Error ? e.message : String(e)}`,
    });
  }
}

/**
 * Reads the named parts (all others are left packed), within the limits. Parts not present are
 * absent from the result. Returns null when `buf` is not a zip.
 */
export function readZipParts(
  buf: Buffer,
  file: string,
  wanted: (name: string) => boolean,
  brokenKey: DocumentErrorKey = "zip_unsupported",
  limits: ZipLimits = ZIP_LIMITS,
): Map<string, Buffer> | null {
  const entries = listZip(buf, file, limits);
  if (!entries) return null;
  const parts = new Map<string, Buffer>();
  let budget = limits.maxUnpackedBytes;
  for (const entry of entries) {
    if (!wanted(entry.name)) continue;
    const data = readZipEntry(buf, entry, file, budget, brokenKey);
    budget -= data.length;
    parts.set(entry.name, data);
  }
  return parts;
}

/**
 * Checks a whole package before a library unpacks all of it (exceljs for .xlsx): entry count,
 * declared size, and the real unpacked size of every part, inflated with the cap and dropped.
 * Returns false when `buf` is not a zip (the caller's own error then applies).
 */
export function guardZip(buf: Buffer, file: string, limits: ZipLimits = ZIP_LIMITS): boolean {
  const entries = listZip(buf, file, limits);
  if (!entries) return false;
  let budget = limits.maxUnpackedBytes;
  for (const entry of entries) {
    if (entry.name.endsWith("/")) continue;
    budget -= readZipEntry(buf, entry, file, budget).length;
  }
  return true;
}
