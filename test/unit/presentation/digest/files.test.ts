import { mkdtemp, readFile, rm, utimes, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lastCompleteWeek, weekPeriod } from "../../../../src/domain/digest/period.js";
import { prepareDigest } from "../../../../src/services/digest/compose.js";
import { buildDigestWorkbook } from "../../../../src/presentation/digest/excel.js";
import {
  CHART_SCALE,
  CHART_WIDTH,
  chartHeight,
  chartRows,
} from "../../../../src/presentation/digest/chart.js";
import { createFileStore, pruneOldFiles, writeFileAtomic } from "../../../../src/services/files.js";
import { DIGEST_AT, digestFixtureState } from "../../../fixtures/digest/state.js";

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
  expect(png.toString("ascii", 12, 16)).toBe("IHDR");
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe("the digest chart", () => {
  const prepared = prepareDigest(
    digestFixtureState(),
    { unitIds: null, scopeNames: [] },
    lastCompleteWeek(DIGEST_AT),
    "vi",
  );

  it("is a PNG of the expected size: one bar per unit with tasks", () => {
    const chart = prepared.chart;
    expect(chart).toBeDefined();
    if (!chart) return;
    const rows = chartRows(prepared.digest.byUnit).length;
    expect(rows).toBe(14);
    expect(pngSize(chart.png)).toEqual({
      width: CHART_WIDTH * CHART_SCALE,
      height: chartHeight(rows) * CHART_SCALE,
    });
    expect(chart.png.length).toBeGreaterThan(20_000);
  });

  it("labels units and buckets in Vietnamese with diacritics, in the bundled font", () => {
    const svg = prepared.chart?.svg ?? "";
    for (const text of [
      "UBND huyện Định Hóa",
      "Sở Văn hóa, Thể thao và Du lịch",
      "Chưa hoàn thành – quá hạn",
      "Đã hoàn thành đúng hạn",
      "Tình hình thực hiện theo đơn vị – tuần 47/2024",
    ])
      expect(svg).toContain(text);
    expect(svg).toContain("Be Vietnam Pro");
  });

  it("is left out when no unit has a task with a deadline", () => {
    const empty = prepareDigest(
      { units: digestFixtureState().units, occurrences: [] },
      { unitIds: null, scopeNames: [] },
      lastCompleteWeek(DIGEST_AT),
    );
    expect(empty.chart).toBeUndefined();
  });
});

describe("the workbook /xuatexcel sends", () => {
  const state = digestFixtureState();
  let workbook: ExcelJS.Workbook;
  beforeAll(async () => {
    const buffer = await buildDigestWorkbook(state, weekPeriod("2024-11-25", DIGEST_AT), "vi");
    workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(buffer).buffer);
  });

  it("reopens with the three sheets, frozen headers and filters", () => {
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      "Tổng hợp",
      "Chi tiết",
      "Lịch sử báo cáo",
    ]);
    for (const sheet of workbook.worksheets) {
      expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
      expect(sheet.autoFilter).toBeTruthy();
    }
  });

  it("has a row per occurrence and per report, with real dates", () => {
    const detail = workbook.getWorksheet("Chi tiết");
    const history = workbook.getWorksheet("Lịch sử báo cáo");
    if (!detail || !history) throw new Error("sheet missing");
    const reports = state.occurrences.reduce((n, o) => n + o.reports.length, 0);
    expect(detail.rowCount).toBe(state.occurrences.length + 1);
    expect(history.rowCount).toBe(reports + 1);
    const header = (detail.getRow(1).values as unknown[]).slice(1);
    expect(header).toContain("Hạn");
    expect(header).toContain("Tình trạng");
    expect(header).toContain("Báo cáo gần nhất");
    const row = detail.getRow(2);
    const due = row.getCell(9).value;
    expect(due).toBeInstanceOf(Date);
    expect((due as Date).toISOString().slice(0, 10)).toBe("2024-06-30");
    expect(row.getCell(9).numFmt).toBe("dd/mm/yyyy");
    // Report times are shown in Vietnam time: 20/06/2024 09:00.
    const at = history.getRow(2).getCell(4).value as Date;
    expect(at.toISOString().slice(0, 16)).toBe("2024-06-20T09:00");
  });

  it("sums the official buckets per unit on 'Tổng hợp', with a total row", () => {
    const summary = workbook.getWorksheet("Tổng hợp");
    if (!summary) throw new Error("sheet missing");
    const last = summary.getRow(summary.rowCount);
    expect(last.getCell(2).value).toBe("Tổng cộng");
    expect(last.getCell(3).value).toBe(47);
    const headers = (summary.getRow(1).values as unknown[]).slice(1);
    expect(headers.slice(3, 7)).toEqual([
      "Đã hoàn thành đúng hạn",
      "Đã hoàn thành quá hạn",
      "Chưa hoàn thành – trong hạn",
      "Chưa hoàn thành – quá hạn",
    ]);
  });
});

describe("expiring file links", () => {
  let dir: string;
  let server: Server;
  let base: string;
  const store = () => createFileStore({ dataDir: dir, publicBaseUrl: "https://bot.example.vn/" });
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "vhcv-files-"));
    server = createServer((req, res) => {
      const path = new URL(req.url ?? "/", "http://x").pathname;
      void store().serveFile(path.slice("/files/".length), res);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await rm(dir, { recursive: true, force: true });
  });

  it("serves a published file by an unguessable token until it expires", async () => {
    const file = join(dir, "digest", "chart.png");
    await writeFileAtomic(file, Buffer.from("png!"));
    const files = store();
    const token = await files.publishFile(file, 60_000);
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(files.publicUrl(token, "bieu-do.png")).toBe(
      `https://bot.example.vn/files/${token}/bieu-do.png`,
    );
    const ok = await fetch(`${base}/files/${token}/bieu-do.png`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toBe("image/png");
    expect(await ok.text()).toBe("png!");
    expect(await files.resolveFile(token, new Date(Date.now() + 61_000))).toBeUndefined();
    expect((await fetch(`${base}/files/${"A".repeat(32)}`)).status).toBe(404);
    expect((await fetch(`${base}/files/..%2F..%2Fetc%2Fpasswd`)).status).toBe(404);
  });

  it("refuses to publish a file outside DATA_DIR, and forgets expired links", async () => {
    const files = store();
    await expect(files.publishFile("/etc/hostname", 1000)).rejects.toThrow("DATA_DIR");
    await files.publishFile(join(dir, "digest", "chart.png"), 1000);
    await writeFile(join(dir, "files", "junk.json"), "{");
    const kept = await files.publishFile(join(dir, "digest", "chart.png"), 3_600_000);
    const removed = await files.prune(new Date(Date.now() + 2000));
    expect(removed).toBeGreaterThanOrEqual(2);
    expect(await files.resolveFile(kept)).toBeDefined();
  });

  it("prunes runtime files older than the cut-off only", async () => {
    const old = join(dir, "exports", "old.xlsx");
    const fresh = join(dir, "exports", "fresh.xlsx");
    await writeFileAtomic(old, Buffer.from("x"));
    await writeFileAtomic(fresh, Buffer.from("y"));
    const longAgo = new Date(Date.now() - 10 * 24 * 3_600_000);
    await utimes(old, longAgo, longAgo);
    expect(await pruneOldFiles(join(dir, "exports"), new Date(Date.now() - 24 * 3_600_000))).toBe(
      1,
    );
    await expect(readFile(old)).rejects.toThrow();
    expect(await readFile(fresh, "utf8")).toBe("y");
  });
});
