import { gunzipSync, gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import {
  BackupRejectedError,
  readBackup,
  sealBackup,
  writeArchive,
  type BackupEntry,
  type BackupProblem,
} from "../../../src/db/backup-archive.js";

const at = new Date("2026-12-02T07:00:00Z");
const file = (name: string, text: string): BackupEntry => ({
  name,
  type: "file",
  data: Buffer.from(text),
});
const dataFolder: BackupEntry[] = [
  file("/PG_VERSION", "17\n"),
  { name: "/global", type: "directory", data: new Uint8Array(0) },
  file("/global/pg_control", "control".repeat(200)),
  file("/base/1/112", "x".repeat(9000)),
];

function problemOf(bytes: Uint8Array): BackupProblem | undefined {
  try {
    readBackup(bytes);
    return undefined;
  } catch (error) {
    if (error instanceof BackupRejectedError) return error.problem;
    throw error;
  }
}

describe("claim 8: the backup file is checked to the end before restore touches anything", () => {
  it("claim 8: a sealed backup reads back with its manifest and every entry", () => {
    const sealed = sealBackup(writeArchive(dataFolder, at), at);
    const contents = readBackup(sealed);
    expect(contents.entries.map((e) => e.name)).toEqual(dataFolder.map((e) => e.name));
    expect(Buffer.from(contents.entries[3]?.data ?? []).toString()).toBe("x".repeat(9000));
    expect(contents.manifest).toMatchObject({ format: "vhcv-backup", entries: 4 });
  });

  it("claim 8: a backup made before manifests (PGlite's dump alone) is still read", () => {
    expect(readBackup(writeArchive(dataFolder, at)).manifest).toBeNull();
  });

  it("claim 8: a truncated file is refused as truncated, wherever it was cut", () => {
    const sealed = sealBackup(writeArchive(dataFolder, at), at);
    for (const length of [10, Math.floor(sealed.length / 2), sealed.length - 4]) {
      expect(problemOf(sealed.subarray(0, length)), `cut at ${length}`).toBe("truncated");
    }
    // Cut inside the tar and compressed again: the gzip is whole, the archive is not.
    const tar = gunzipSync(sealed);
    expect(problemOf(gzipSync(tar.subarray(0, 2048)))).toBe("truncated");
  });

  it("claim 8: a foreign file is refused: not gzip, or an archive without a data folder", () => {
    expect(problemOf(Buffer.from("Báo cáo quý IV\n"))).toBe("notGzip");
    expect(problemOf(gzipSync(Buffer.from("plain text, not a tar archive".repeat(40))))).toBe(
      "notDatabase",
    );
    expect(problemOf(writeArchive([file("/notes.txt", "hello")], at))).toBe("notDatabase");
    expect(problemOf(writeArchive([...dataFolder, file("/../escape", "x")], at))).toBe(
      "notDatabase",
    );
  });

  it("claim 8: a backup whose content no longer matches its manifest is refused", () => {
    const sealed = sealBackup(writeArchive(dataFolder, at), at);
    const tar = Buffer.from(gunzipSync(sealed));
    const at9000 = tar.indexOf("xxxx");
    tar[at9000] = "y".charCodeAt(0);
    expect(problemOf(gzipSync(tar))).toBe("manifestMismatch");
  });

  it("claim 8: a gzip whose checksum fails is refused as damaged", () => {
    const sealed = Buffer.from(sealBackup(writeArchive(dataFolder, at), at));
    // The gzip trailer's CRC-32 (bytes -8…-5).
    sealed[sealed.length - 8] = (sealed[sealed.length - 8] ?? 0) ^ 0xff;
    expect(problemOf(sealed)).toBe("damaged");
  });
});
