import { createHash } from "node:crypto";
import { gunzipSync, gzipSync } from "node:zlib";
import { z } from "zod";

/**
 * The embedded database's backup file: PGlite's data folder as a gzipped tar (what
 * `dumpDataDir("gzip")` writes), plus one entry of ours, `/vhcv-backup.json`, a manifest with the
 * number of entries and a SHA-256 of them. Backups made before the manifest are still read (the
 * gzip and tar checks and the trial open still apply); a manifest that does not match is refused.
 */
export const MANIFEST_NAME = "/vhcv-backup.json";

/** Why a file is not restored; src/cli says each in Vietnamese. */
export type BackupProblem =
  | "notGzip"
  | "truncated"
  | "damaged"
  | "notDatabase"
  | "manifestMismatch"
  | "openFailed"
  | "notVhcv";

export class BackupRejectedError extends Error {
  constructor(
    readonly problem: BackupProblem,
    readonly detail = "",
  ) {
    super(`backup rejected (${problem})${detail ? `: ${detail}` : ""}`);
    this.name = "BackupRejectedError";
  }
}

export interface BackupEntry {
  /** As PGlite writes it: "/PG_VERSION", "/base/1/112". */
  name: string;
  type: "file" | "directory";
  data: Uint8Array;
}

export interface BackupContents {
  entries: BackupEntry[];
  /** Null for a backup made before manifests were written. */
  manifest: BackupManifest | null;
}

const manifestSchema = z.object({
  format: z.literal("vhcv-backup"),
  version: z.literal(1),
  createdAt: z.string(),
  entries: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type BackupManifest = z.infer<typeof manifestSchema>;

const BLOCK = 512;
/** Files a PostgreSQL data folder cannot be without. */
const REQUIRED = ["/PG_VERSION", "/global/pg_control"];

function text(block: Uint8Array, start: number, length: number): string {
  const field = block.subarray(start, start + length);
  const end = field.indexOf(0);
  return Buffer.from(end === -1 ? field : field.subarray(0, end)).toString("utf8");
}

function octal(block: Uint8Array, start: number, length: number): number {
  const value = text(block, start, length).trim();
  return /^[0-7]+$/.test(value) ? parseInt(value, 8) : Number.NaN;
}

function checksumOf(header: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < BLOCK; i += 1) sum += i >= 148 && i < 156 ? 32 : (header[i] ?? 0);
  return sum;
}

function isZero(block: Uint8Array): boolean {
  return block.every((byte) => byte === 0);
}

/** A name that would land outside the data folder, or is not PGlite's absolute form. */
function unsafe(name: string): boolean {
  return !name.startsWith("/") || name.split("/").some((part) => part === "..");
}

/** The entries of an uncompressed tar, every header checked; throws on anything short or odd. */
function readTar(tar: Uint8Array): BackupEntry[] {
  const entries: BackupEntry[] = [];
  let offset = 0;
  for (;;) {
    if (offset + BLOCK > tar.length) throw new BackupRejectedError("truncated", "tar ends early");
    const header = tar.subarray(offset, offset + BLOCK);
    if (isZero(header)) return entries;
    if (octal(header, 148, 8) !== checksumOf(header)) {
      throw new BackupRejectedError(
        entries.length === 0 ? "notDatabase" : "damaged",
        "tar header checksum",
      );
    }
    const prefix = text(header, 345, 131);
    const base = text(header, 0, 100);
    const name = prefix ? `${prefix}/${base}` : base;
    const size = octal(header, 124, 12);
    const flag = String.fromCharCode(header[156] ?? 0);
    if (!Number.isFinite(size)) throw new BackupRejectedError("damaged", `size of ${name}`);
    const start = offset + BLOCK;
    if (start + size > tar.length) throw new BackupRejectedError("truncated", `${name} is cut`);
    if (unsafe(name)) throw new BackupRejectedError("notDatabase", `entry ${name}`);
    if (flag === "5") entries.push({ name, type: "directory", data: new Uint8Array(0) });
    else if (flag === "0" || flag === "\0") {
      entries.push({ name, type: "file", data: tar.subarray(start, start + size) });
    } else throw new BackupRejectedError("notDatabase", `entry type ${flag} (${name})`);
    offset = start + Math.ceil(size / BLOCK) * BLOCK;
  }
}

function digestOf(entries: readonly BackupEntry[]): string {
  const hash = createHash("sha256");
  for (const entry of entries) {
    hash.update(`${entry.name}\0${entry.type}\0${entry.data.length}\0`);
    hash.update(entry.data);
  }
  return hash.digest("hex");
}

/**
 * Read a backup file to the end and check it: gzip (its CRC included), every tar header, the
 * files a data folder needs, and the manifest when there is one. Touches nothing on disk.
 */
export function readBackup(file: Uint8Array): BackupContents {
  if (file.length < 2 || file[0] !== 0x1f || file[1] !== 0x8b) {
    throw new BackupRejectedError("notGzip");
  }
  let tar: Buffer;
  try {
    tar = gunzipSync(file);
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    throw new BackupRejectedError(code === "Z_BUF_ERROR" ? "truncated" : "damaged", message);
  }
  const all = readTar(tar);
  const manifestEntry = all.find((e) => e.name === MANIFEST_NAME);
  const entries = all.filter((e) => e.name !== MANIFEST_NAME);
  const names = new Set(entries.map((e) => e.name));
  const missing = REQUIRED.filter((name) => !names.has(name));
  if (missing.length > 0) throw new BackupRejectedError("notDatabase", missing.join(", "));
  if (!manifestEntry) return { entries, manifest: null };
  let manifest: BackupManifest;
  try {
    manifest = manifestSchema.parse(JSON.parse(Buffer.from(manifestEntry.data).toString("utf8")));
  } catch {
    throw new BackupRejectedError("manifestMismatch", "manifest unreadable");
  }
  if (manifest.entries !== entries.length || manifest.sha256 !== digestOf(entries)) {
    throw new BackupRejectedError("manifestMismatch");
  }
  return { entries, manifest };
}

function tarHeader(name: string, type: BackupEntry["type"], size: number, mtime: Date): Buffer {
  const header = Buffer.alloc(BLOCK);
  if (Buffer.byteLength(name) > 100) throw new Error(`tar name too long: ${name}`);
  header.write(name, 0, 100, "utf8");
  header.write(type === "directory" ? "0000755\0" : "0000644\0", 100, "ascii");
  header.write("0000000\0", 108, "ascii");
  header.write("0000000\0", 116, "ascii");
  header.write(`${size.toString(8).padStart(11, "0")}\0`, 124, "ascii");
  const seconds = Math.floor(mtime.getTime() / 1000);
  header.write(`${seconds.toString(8).padStart(11, "0")}\0`, 136, "ascii");
  header.write(type === "directory" ? "5" : "0", 156, "ascii");
  header.write("ustar\u000000", 257, "ascii");
  header.write(`${checksumOf(header).toString(8).padStart(6, "0")}\0 `, 148, "ascii");
  return header;
}

/** A gzipped ustar archive of these entries (the form PGlite dumps and `readBackup` reads). */
export function writeArchive(entries: readonly BackupEntry[], mtime: Date): Buffer {
  const parts: Uint8Array[] = [];
  for (const entry of entries) {
    parts.push(tarHeader(entry.name, entry.type, entry.data.length, mtime), entry.data);
    parts.push(Buffer.alloc((BLOCK - (entry.data.length % BLOCK)) % BLOCK));
  }
  parts.push(Buffer.alloc(BLOCK * 2));
  return gzipSync(Buffer.concat(parts));
}

/**
 * PGlite's gzipped dump with our manifest added as its last entry: what `vhcv backup` writes.
 * The result is read back with `readBackup` before it is returned, so a backup that could not be
 * restored is never written.
 */
export function sealBackup(dump: Uint8Array, createdAt: Date): Buffer {
  const { entries } = readBackup(dump);
  const manifest: BackupManifest = {
    format: "vhcv-backup",
    version: 1,
    createdAt: createdAt.toISOString(),
    entries: entries.length,
    sha256: digestOf(entries),
  };
  const data = Buffer.from(JSON.stringify(manifest), "utf8");
  const sealed = writeArchive([...entries, { name: MANIFEST_NAME, type: "file", data }], createdAt);
  readBackup(sealed);
  return sealed;
}
