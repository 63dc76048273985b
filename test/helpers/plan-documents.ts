import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { strToU8, zipSync } from "fflate";
import fontkit from "@pdf-lib/fontkit";
import { PDFDocument, degrees, rgb, type PDFFont, type PDFPage } from "pdf-lib";

/*
 * Builders of small .docx and text-PDF plans for the tests, in the layouts real plans use.
 * The .docx is written by hand (document.xml, numbering.xml, styles.xml zipped with fflate) so a
 * test controls exactly which numbering is Word's automatic list numbering and which is typed.
 * The PDF is drawn with pdf-lib and Be Vietnam Pro (the project's font dependency), with wrapped
 * paragraphs, a page number at the foot of each page and a bordered table.
 */

/* ---------------------------------------------------------------- .docx */

/** Lists defined in the fixture's numbering.xml. */
export const LIST = {
  /** Level 0 "I.", level 1 "1.", level 2 "a)". */
  outline: "1",
  /** "-" bullets (level 0), "+" (level 1). */
  dash: "2",
  /** A second outline list restarting at "1." on level 1 (startOverride). */
  restart: "3",
} as const;

export interface DocxParagraph {
  text: string;
  /** Automatic numbering: list id (LIST.*) and level. */
  list?: { id: string; level: number };
  bold?: boolean;
  /** Runs: the text split where formatting changes (to test that runs are joined). */
  runs?: string[];
  style?: string;
  /** Justified, with a first-line indent (the usual body paragraph of a plan). */
  justify?: boolean;
  center?: boolean;
}

export interface DocxCell {
  /** Paragraphs of the cell. */
  paragraphs: string[];
  span?: number;
  vMerge?: "restart" | "continue";
  /** Automatic numbering of the cell's paragraphs (an STT column numbered by Word). */
  list?: { id: string; level: number };
  /** Vertical alignment of the cell's text. */
  vAlign?: "center" | "bottom";
}

export type DocxBlock =
  | ({ kind?: "p" } & DocxParagraph)
  | {
      kind: "table";
      rows: (DocxCell | string)[][];
      borders?: boolean;
      /** Column widths in twentieths of a point (the page holds about 9,000). */
      widths?: number[];
    }
  /** WordprocessingML written out (w: prefix), for what the builder has no shorthand for. */
  | { kind: "raw"; xml: string };

function esc(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function paragraphXml(p: DocxParagraph): string {
  const props: string[] = [];
  if (p.style) props.push(`<w:pStyle w:val="${p.style}"/>`);
  if (p.justify)
    props.push(`<w:spacing w:after="60"/><w:ind w:firstLine="567"/><w:jc w:val="both"/>`);
  if (p.center) props.push(`<w:jc w:val="center"/>`);
  if (p.list) {
    props.push(
      `<w:numPr><w:ilvl w:val="${p.list.level}"/><w:numId w:val="${p.list.id}"/></w:numPr>`,
    );
  }
  const runs = p.runs ?? [p.text];
  const runXml = runs
    .map((r, i) => {
      const rpr = p.bold || i % 2 === 1 ? "<w:rPr><w:b/></w:rPr>" : "";
      return `<w:r>${rpr}<w:t xml:space="preserve">${esc(r)}</w:t></w:r>`;
    })
    .join("");
  return `<w:p><w:pPr>${props.join("")}</w:pPr>${runXml}</w:p>`;
}

function cellXml(cell: DocxCell | string, width: number): string {
  const c: DocxCell = typeof cell === "string" ? { paragraphs: [cell] } : cell;
  const props: string[] = [`<w:tcW w:w="${width}" w:type="dxa"/>`];
  if (c.span && c.span > 1) props.push(`<w:gridSpan w:val="${c.span}"/>`);
  if (c.vMerge) props.push(c.vMerge === "restart" ? `<w:vMerge w:val="restart"/>` : `<w:vMerge/>`);
  if (c.vAlign) props.push(`<w:vAlign w:val="${c.vAlign}"/>`);
  const paragraphs = c.vMerge === "continue" ? [""] : c.paragraphs;
  const body = paragraphs
    .map((text) => paragraphXml(c.list ? { text, list: c.list } : { text }))
    .join("");
  return `<w:tc><w:tcPr>${props.join("")}</w:tcPr>${body}</w:tc>`;
}

function tableXml(rows: (DocxCell | string)[][], borders: boolean, widths?: number[]): string {
  const columns = Math.max(
    ...rows.map((r) => r.reduce((n, c) => n + (typeof c === "string" ? 1 : (c.span ?? 1)), 0)),
  );
  const border = borders
    ? `<w:tblBorders>${["top", "left", "bottom", "right", "insideH", "insideV"]
        .map((s) => `<w:${s} w:val="single" w:sz="4" w:space="0" w:color="000000"/>`)
        .join("")}</w:tblBorders>`
    : "";
  const cols =
    widths ??
    (columns <= 2
      ? Array.from({ length: columns }, () => Math.floor(9000 / columns))
      : [700, ...Array.from({ length: columns - 1 }, () => Math.floor(8300 / (columns - 1)))]);
  const grid = cols.map((w) => `<w:gridCol w:w="${w}"/>`).join("");
  const body = rows
    .map((r) => {
      let at = 0;
      const cells = r.map((c) => {
        const span = typeof c === "string" ? 1 : (c.span ?? 1);
        const width = cols.slice(at, at + span).reduce((a, b) => a + b, 0);
        at += span;
        return cellXml(c, width);
      });
      return `<w:tr>${cells.join("")}</w:tr>`;
    })
    .join("");
  const total = cols.reduce((a, b) => a + b, 0);
  return `<w:tbl><w:tblPr><w:tblW w:w="${total}" w:type="dxa"/><w:tblLayout w:type="fixed"/>${border}</w:tblPr><w:tblGrid>${grid}</w:tblGrid>${body}</w:tbl>`;
}

const W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

function level(ilvl: number, format: string, text: string, start = 1): string {
  return `<w:lvl w:ilvl="${ilvl}"><w:start w:val="${start}"/><w:numFmt w:val="${format}"/><w:lvlText w:val="${esc(text)}"/><w:lvlJc w:val="left"/></w:lvl>`;
}

const NUMBERING = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="${W_NS}">
<w:abstractNum w:abstractNumId="10">${level(0, "upperRoman", "%1.")}${level(1, "decimal", "%2.")}${level(2, "lowerLetter", "%3)")}</w:abstractNum>
<w:abstractNum w:abstractNumId="20">${level(0, "bullet", "-")}${level(1, "bullet", "+")}</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="10"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="20"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="10"/><w:lvlOverride w:ilvl="1"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
</w:numbering>`;

const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="${W_NS}">
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="ListDash"><w:name w:val="List Dash"/><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>
</w:styles>`;

/** Extra parts or replaced parts, by name (for damaged-file tests). */
export interface DocxOptions {
  parts?: Record<string, string | Uint8Array | null>;
  /** A footer with the page number (a PAGE field), centred. */
  pageNumbers?: boolean;
}

export function buildDocx(blocks: DocxBlock[], options: DocxOptions = {}): Buffer {
  const body = blocks
    .map((b) =>
      b.kind === "table"
        ? tableXml(b.rows, b.borders ?? true, b.widths)
        : b.kind === "raw"
          ? b.xml
          : paragraphXml(b),
    )
    .join("\n");
  const document = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="${W_NS}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><w:body>
${body}
<w:sectPr>${options.pageNumbers ? `<w:footerReference w:type="default" r:id="rId9"/>` : ""}<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1701" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr></w:body></w:document>`;
  const footer = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:ftr xmlns:w="${W_NS}"><w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:ftr>`;
  const rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  const parts: Record<string, string | Uint8Array | null> = {
    "[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>${options.pageNumbers ? `<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>` : ""}</Types>`,
    "_rels/.rels": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="word/document.xml"/></Relationships>`,
    "word/_rels/document.xml.rels": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/numbering" Target="numbering.xml"/><Relationship Id="rId2" Type="${rel}/styles" Target="styles.xml"/>${options.pageNumbers ? `<Relationship Id="rId9" Type="${rel}/footer" Target="footer1.xml"/>` : ""}</Relationships>`,
    "word/document.xml": document,
    "word/numbering.xml": NUMBERING,
    "word/styles.xml": STYLES,
    ...(options.pageNumbers ? { "word/footer1.xml": footer } : {}),
    ...options.parts,
  };
  const files: Record<string, Uint8Array> = {};
  for (const [name, data] of Object.entries(parts)) {
    if (data === null) continue;
    files[name] = typeof data === "string" ? strToU8(data) : data;
  }
  return Buffer.from(zipSync(files, { level: 6 }));
}

/* ---------------------------------------------------------------- PDF */

const require = createRequire(import.meta.url);
const FONT_DIR = dirname(require.resolve("@expo-google-fonts/be-vietnam-pro/package.json"));
const REGULAR = join(FONT_DIR, "400Regular", "BeVietnamPro_400Regular.ttf");
const BOLD = join(FONT_DIR, "700Bold", "BeVietnamPro_700Bold.ttf");

export type PdfBlock =
  | { kind?: "p"; text: string; bold?: boolean; center?: boolean; indent?: boolean }
  | { kind: "gap" }
  | { kind: "pagebreak" }
  | { kind: "table"; widths: number[]; rows: string[][]; borders?: boolean };

export interface PdfOptions {
  /** A running header printed at the top of every page. */
  header?: string;
  fontSize?: number;
}

const PAGE = { width: 595, height: 842, left: 70, right: 525, top: 780, bottom: 70 };

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let current = "";
  for (const word of text.split(/\s+/u).filter((w) => w !== "")) {
    const trial = current === "" ? word : `${current} ${word}`;
    if (current !== "" && font.widthOfTextAtSize(trial, size) > width) {
      lines.push(current);
      current = word;
    } else current = trial;
  }
  if (current !== "") lines.push(current);
  return lines.length === 0 ? [""] : lines;
}

/** A text PDF of the blocks: A4, wrapped lines, page numbers at the foot, bordered tables. */
export async function buildPdf(blocks: PdfBlock[], options: PdfOptions = {}): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const regular = await doc.embedFont(readFileSync(REGULAR), { subset: true });
  const bold = await doc.embedFont(readFileSync(BOLD), { subset: true });
  const size = options.fontSize ?? 12;
  const leading = size * 1.35;
  const pages: PDFPage[] = [];
  let page = doc.addPage([PAGE.width, PAGE.height]);
  pages.push(page);
  let y = PAGE.top;
  const newPage = (): void => {
    page = doc.addPage([PAGE.width, PAGE.height]);
    pages.push(page);
    y = PAGE.top;
  };
  const textWidth = PAGE.right - PAGE.left;
  for (const block of blocks) {
    if (block.kind === "gap") {
      y -= leading;
      continue;
    }
    if (block.kind === "pagebreak") {
      newPage();
      continue;
    }
    if (block.kind === "table") {
      const pad = 5;
      const ruled = block.borders ?? true;
      const line = (start: { x: number; y: number }, end: { x: number; y: number }): void => {
        if (ruled) page.drawLine({ start, end, thickness: 0.5, color: rgb(0, 0, 0) });
      };
      const xs = block.widths.reduce<number[]>(
        (acc, w) => [...acc, (acc.at(-1) ?? PAGE.left) + w],
        [PAGE.left],
      );
      const tableRight = xs.at(-1) ?? PAGE.right;
      line({ x: PAGE.left, y: y + size }, { x: tableRight, y: y + size });
      for (const row of block.rows) {
        const cellLines = row.map((cell, i) =>
          wrap(cell, regular, size, (block.widths[i] ?? 50) - 2 * pad),
        );
        const height = Math.max(...cellLines.map((l) => l.length)) * leading + pad;
        if (y - height < PAGE.bottom) {
          newPage();
          line({ x: PAGE.left, y: y + size }, { x: tableRight, y: y + size });
        }
        cellLines.forEach((lines, i) => {
          lines.forEach((line, k) => {
            page.drawText(line, { x: (xs[i] ?? 0) + pad, y: y - k * leading, size, font: regular });
          });
        });
        const bottom = y - height + size;
        for (const x of xs) {
          line({ x, y: y + size }, { x, y: bottom });
        }
        line({ x: PAGE.left, y: bottom }, { x: tableRight, y: bottom });
        y -= height;
      }
      y -= leading;
      continue;
    }
    const font = block.bold ? bold : regular;
    const indent = block.indent ? 28 : 0;
    const lines = wrap(block.text, font, size, textWidth - indent);
    lines.forEach((line, k) => {
      if (y < PAGE.bottom) newPage();
      const w = font.widthOfTextAtSize(line, size);
      const x = block.center ? PAGE.left + (textWidth - w) / 2 : PAGE.left + (k === 0 ? indent : 0);
      page.drawText(line, { x, y, size, font });
      y -= leading;
    });
  }
  pages.forEach((p, i) => {
    const label = String(i + 1);
    p.drawText(label, { x: PAGE.width / 2, y: 35, size: 10, font: regular });
    if (options.header)
      p.drawText(options.header, { x: PAGE.left, y: 810, size: 9, font: regular });
  });
  return Buffer.from(await doc.save());
}

/** A PDF with a picture and no text at all (what a scanner gives). */
export async function buildScannedPdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([PAGE.width, PAGE.height]);
  for (let i = 0; i < 30; i++) {
    page.drawRectangle({
      x: 70,
      y: 760 - i * 20,
      width: 300 + (i % 5) * 30,
      height: 8,
      color: rgb(0.2, 0.2, 0.2),
    });
  }
  return Buffer.from(await doc.save());
}

/**
 * A landscape page made by turning a portrait page (/Rotate 90) with its text drawn turned the
 * other way, so that it reads upright when shown, as some PDF printers make landscape appendices.
 */
export async function buildTurnedPdf(lines: string[]): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(readFileSync(REGULAR), { subset: true });
  const page = doc.addPage([PAGE.width, PAGE.height]);
  page.setRotation(degrees(90));
  lines.forEach((text, i) => {
    page.drawText(text, { x: 100 + i * 20, y: 100, size: 12, font, rotate: degrees(90) });
  });
  return Buffer.from(await doc.save());
}
