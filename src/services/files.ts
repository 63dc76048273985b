/**
 * Expiring links to files under DATA_DIR (charts, workbooks) for channels that take a URL, not an
 * upload (Zalo's sendPhoto). A link is an unguessable token; what it points to is kept on disk in
 * DATA_DIR/files/<token>.json, so links survive a restart. Served by the HTTP server at /files/.
 */
import { randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import type { ServerResponse } from "node:http";
import { basename, dirname, extname, join, relative, resolve } from "node:path";
import { z } from "zod";
import { systemClock, type Clock } from "../clock.js";

export const FILES_PREFIX = "/files/";

const TOKEN = /^[A-Za-z0-9_-]{32}$/;

const recordSchema = z.object({
  path: z.string().min(1),
  expiresAt: z.iso.datetime(),
  filename: z.string().optional(),
});

const CONTENT_TYPES: Record<string, string> = {
  ".png": "image/png",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

export interface FileStore {
  /** Whether links can be given (PUBLIC_BASE_URL is set). */
  readonly linksEnabled: boolean;
  /** Publish a file under DATA_DIR for `ttlMs`; returns the token of its link. */
  publishFile(path: string, ttlMs: number, now?: Date): Promise<string>;
  /** The file behind a token, or undefined when unknown or expired. */
  resolveFile(token: string, now?: Date): Promise<string | undefined>;
  /** The public URL of a token (PUBLIC_BASE_URL + /files/<token>/<name>), if a base URL is set. */
  publicUrl(token: string, filename?: string): string | undefined;
  /** HTTP handler for the server's `files` option: `rest` is the path after /files/. */
  serveFile(rest: string, res: ServerResponse, now?: Date): Promise<void>;
  /** Forget expired links; returns how many. */
  prune(now?: Date): Promise<number>;
}

export interface FileStoreOptions {
  dataDir: string;
  publicBaseUrl?: string | undefined;
  clock?: Clock;
}

/** Write a file whole or not at all (a reader never sees half a PNG). */
export async function writeFileAtomic(path: string, data: Buffer): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  await writeFile(temporary, data);
  await rename(temporary, path);
}

function notFound(res: ServerResponse): void {
  res.writeHead(404, { "content-type": "application/json; charset=utf-8" });
  res.end(JSON.stringify({ ok: false }));
}

export function createFileStore(options: FileStoreOptions): FileStore {
  const root = resolve(options.dataDir);
  const folder = join(root, "files");
  const clock = options.clock ?? systemClock;
  const recordPath = (token: string) => join(folder, `${token}.json`);

  async function readRecord(token: string): Promise<z.infer<typeof recordSchema> | undefined> {
    if (!TOKEN.test(token)) return undefined;
    try {
      const parsed = recordSchema.safeParse(JSON.parse(await readFile(recordPath(token), "utf8")));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }

  async function resolveFile(token: string, now = clock.now()): Promise<string | undefined> {
    const record = await readRecord(token);
    if (!record || Date.parse(record.expiresAt) <= now.getTime()) return undefined;
    const path = resolve(record.path);
    // Only files under DATA_DIR are ever served.
    const inside = relative(root, path);
    if (inside.startsWith("..") || resolve(root, inside) !== path) return undefined;
    return path;
  }

  return {
    linksEnabled: options.publicBaseUrl !== undefined,
    async publishFile(path, ttlMs, now = clock.now()) {
      const absolute = resolve(path);
      if (relative(root, absolute).startsWith("..")) {
        throw new Error(`only files under DATA_DIR can be published: ${path}`);
      }
      const token = randomBytes(24).toString("base64url");
      const record = {
        path: absolute,
        expiresAt: new Date(now.getTime() + ttlMs).toISOString(),
        filename: basename(absolute),
      };
      await writeFileAtomic(recordPath(token), Buffer.from(JSON.stringify(record)));
      return token;
    },
    resolveFile,
    publicUrl(token, filename) {
      if (!options.publicBaseUrl) return undefined;
      const base = options.publicBaseUrl.endsWith("/")
        ? options.publicBaseUrl
        : `${options.publicBaseUrl}/`;
      const name = filename ? `/${encodeURIComponent(filename)}` : "";
      return new URL(`files/${token}${name}`, base).toString();
    },
    async serveFile(rest, res, now = clock.now()) {
      const token = rest.split("/")[0] ?? "";
      const path = await resolveFile(token, now);
      if (!path) return notFound(res);
      let size: number;
      try {
        size = (await stat(path)).size;
      } catch {
        return notFound(res);
      }
      const type = CONTENT_TYPES[extname(path).toLowerCase()] ?? "application/octet-stream";
      res.writeHead(200, {
        "content-type": type,
        "content-length": String(size),
        "cache-control": "private, max-age=300",
        "x-content-type-options": "nosniff",
        ...(type.startsWith("image/")
          ? {}
          : {
              "content-disposition": `attachment; filename*=UTF-8''${encodeURIComponent(basename(path))}`,
            }),
      });
      await new Promise<void>((done, fail) => {
        const stream = createReadStream(path);
        stream.on("error", fail);
        res.on("finish", done);
        res.on("close", done);
        stream.pipe(res);
      });
    },
    async prune(now = clock.now()) {
      await mkdir(folder, { recursive: true });
      let removed = 0;
      for (const name of await readdir(folder)) {
        if (!name.endsWith(".json")) continue;
        const token = name.slice(0, -5);
        const record = await readRecord(token);
        if (record && Date.parse(record.expiresAt) > now.getTime()) continue;
        await rm(recordPath(token), { force: true });
        removed += 1;
      }
      return removed;
    },
  };
}

/**
 * Delete files under `folder` (recursively) last written before `olderThan`; returns how many.
 * For runtime output such as DATA_DIR/digest and DATA_DIR/exports.
 */
export async function pruneOldFiles(folder: string, olderThan: Date): Promise<number> {
  let entries;
  try {
    entries = await readdir(folder, { withFileTypes: true, recursive: true });
  } catch {
    return 0;
  }
  let removed = 0;
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const info = await stat(path).catch(() => undefined);
    if (info && info.mtime.getTime() < olderThan.getTime()) {
      await rm(path, { force: true });
      removed += 1;
    }
  }
  return removed;
}
