/**
 * What reading a plan document costs: the first read (which loads pdf.js or the XML parser), then
 * repeated reads of the committed LibreOffice fixtures and of a 20-page PDF plan with a table,
 * and how fast a zip bomb is refused. Run: npx tsx bench/plan-documents.ts
 */
import { readFileSync } from "node:fs";
import { deflateRawSync } from "node:zlib";
import { PlanFileInvalid } from "../src/domain/plan/types.js";
import { docxToText } from "../src/readers/docx-text.js";
import { MAX_ZIP_UNPACKED_BYTES } from "../src/readers/file-limits.js";
import { pdfToText } from "../src/readers/pdf-text.js";
import { guardZip } from "../src/readers/zip.js";
import { OFFICE_PLAN_TASKS } from "../test/fixtures/plans/documents/layouts.js";
import { buildPdf, type PdfBlock } from "../test/helpers/plan-documents.js";

const FIXTURES = new URL("../test/fixtures/plans/documents/", import.meta.url);

async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

async function median(runs: number, run: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await timed(run));
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}

function bomb(size: number): Buffer {
  const data = deflateRawSync(Buffer.alloc(size), { level: 9 });
  const name = Buffer.from("xl/worksheets/sheet1.xml");
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(1000, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(1000, 24);
  central.writeUInt16LE(name.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(local.length + name.length + data.length, 16);
  return Buffer.concat([local, name, data, central, name, end]);
}

const rows: string[] = [];
const row = (what: string, ms: number, note = ""): void => {
  rows.push(`| ${what} | ${ms.toFixed(0)} ms | ${note} |`);
};

const docx = readFileSync(new URL("ke-hoach-libreoffice.docx", FIXTURES));
const pdf = readFileSync(new URL("ke-hoach-libreoffice.pdf", FIXTURES));
row("first .docx read (loads saxes)", await timed(() => docxToText(docx, "k.docx")), "2 pages");
row("first PDF read (loads pdf.js)", await timed(() => pdfToText(pdf, "k.pdf")), "2 pages");
row(".docx read, median of 20", await median(20, () => docxToText(docx, "k.docx")), "2 pages");
row("PDF read, median of 10", await median(10, () => pdfToText(pdf, "k.pdf")), "2 pages, 1 table");

const many: PdfBlock[] = [];
for (let i = 0; i < 10; i++) {
  many.push({ text: `${i + 1}. Nhóm nhiệm vụ thứ ${i + 1}`, bold: true });
  for (const t of OFFICE_PLAN_TASKS) {
    many.push({ text: `- ${t.task}`, indent: true });
    many.push({ text: `Đơn vị chủ trì: ${t.lead}.`, indent: true });
    many.push({ text: `Thời gian thực hiện: ${t.time}.`, indent: true });
  }
}
many.push({
  kind: "table",
  widths: [35, 200, 100, 90, 70],
  rows: [
    ["STT", "Nội dung", "Chủ trì", "Phối hợp", "Thời hạn"],
    ...Array.from({ length: 60 }, (_, i) => {
      const t = OFFICE_PLAN_TASKS[i % OFFICE_PLAN_TASKS.length];
      return [String(i + 1), t?.task ?? "", t?.lead ?? "", t?.partners ?? "", t?.time ?? ""];
    }),
  ],
});
const big = await buildPdf(many, { header: "Kế hoạch số 1/KH-UBND" });
const bigText = await pdfToText(big, "big.pdf");
const pages = Math.max(...bigText.lines.map((l) => l.page ?? 0));
row(
  "PDF read, median of 3",
  await median(3, () => pdfToText(big, "big.pdf")),
  `${pages} pages, 60-row table`,
);

const rssBefore = process.memoryUsage().rss;
const bombFile = bomb(MAX_ZIP_UNPACKED_BYTES * 4);
const bombMs = await timed(async () => {
  try {
    guardZip(bombFile, "bom.xlsx");
  } catch (e) {
    if (!(e instanceof PlanFileInvalid)) throw e;
  }
});
const rssGrowth = (process.memoryUsage().rss - rssBefore) / 1024 / 1024;
row(
  "zip bomb refused",
  bombMs,
  `${(bombFile.length / 1024).toFixed(0)} KB file claiming 1 KB, ${(MAX_ZIP_UNPACKED_BYTES * 4) / 1024 / 1024} MB inside; RSS grew ${rssGrowth.toFixed(0)} MB`,
);

process.stdout.write(["| what | time | note |", "| --- | --- | --- |", ...rows].join("\n") + "\n");
