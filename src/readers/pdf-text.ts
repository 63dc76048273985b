import type * as Unpdf from "unpdf";
import { MAX_PDF_PAGES, refuse } from "./file-limits.js";
import type { DocumentLine, DocumentText } from "./document-text.js";

/*
 * A PDF plan with a text layer → the plan text form (best effort; a .docx reads better).
 * pdf.js (through unpdf, loaded on first use) gives positioned pieces of text; from them:
 * - lines are rebuilt from baselines, pieces ordered left to right, spaces from the gaps;
 * - page headers, footers and page numbers are dropped (a bare number, "Trang 3", "- 3 -",
 *   "3/10" near the top or bottom edge, or a line repeated at the edge of several pages);
 * - a line that was wrapped is joined to the line before it (the line before reaches the right
 *   margin, or this one starts in lower case), also across a page break; a list mark, an
 *   indent or a wider vertical gap starts a new paragraph;
 * - a table whose columns are separated by clear vertical gaps (three columns or more) is
 *   rebuilt as TAB-separated rows: the columns come from the gaps shared by its full lines,
 *   a row starts where the first column (STT) has text, and the wrapped lines of a cell are
 *   joined into it. Cells vertically centred in a tall row, or a table without a first column
 *   that numbers its rows, come out less well (rows may be cut where the text is).
 */

interface Piece {
  x: number;
  y: number;
  w: number;
  size: number;
  text: string;
}

interface Segment {
  x0: number;
  x1: number;
  text: string;
}

interface Line {
  page: number;
  y: number;
  size: number;
  x0: number;
  x1: number;
  segments: Segment[];
  text: string;
}

/** A horizontal line drawn on a page (a table border), in page coordinates. */
interface Rule {
  y: number;
  x0: number;
  x1: number;
}

/** Gap between pieces (in font sizes) that separates table cells rather than words. */
const CELL_GAP = 0.75;
const WORD_GAP = 0.12;
/** Points: a stretched word gap of justified text in a large font is still narrower. */
const MAX_WORD_GAP = 10;

type PdfDocument = Awaited<ReturnType<typeof Unpdf.getDocumentProxy>>;
type PdfPage = Awaited<ReturnType<PdfDocument["getPage"]>>;

let unpdfModule: Promise<typeof Unpdf> | undefined;

function loadUnpdf(): Promise<typeof Unpdf> {
  // pdf.js 5.6 copies buffers with ArrayBuffer.prototype.transferToFixedLength (ES2024, Node 21+)
  // when it lists a page's drawing operations; on Node 20 this standard method is added here.
  if (!("transferToFixedLength" in ArrayBuffer.prototype)) {
    Object.defineProperty(ArrayBuffer.prototype, "transferToFixedLength", {
      configurable: true,
      writable: true,
      value(this: ArrayBuffer, length?: number): ArrayBuffer {
        const size = length ?? this.byteLength;
        const copy = new ArrayBuffer(size);
        new Uint8Array(copy).set(new Uint8Array(this, 0, Math.min(size, this.byteLength)));
        return copy;
      },
    });
  }
  unpdfModule ??= import("unpdf");
  return unpdfModule;
}

type Matrix = [number, number, number, number, number, number];

function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[1] * n[2],
    m[0] * n[1] + m[1] * n[3],
    m[2] * n[0] + m[3] * n[2],
    m[2] * n[1] + m[3] * n[3],
    m[4] * n[0] + m[5] * n[2] + n[4],
    m[4] * n[1] + m[5] * n[3] + n[5],
  ];
}

/** pdf.js's viewport transform as a Matrix (identity if it is not one). */
function viewportMatrix(transform: unknown, height: number): Matrix {
  return isNumbers(transform, 6) ? (transform.slice(0, 6) as Matrix) : [1, 0, 0, -1, 0, height];
}

function isNumbers(value: unknown, length: number): value is number[] {
  return (
    (Array.isArray(value) || ArrayBuffer.isView(value)) &&
    (value as ArrayLike<unknown>).length >= length &&
    Array.from(value as ArrayLike<unknown>)
      .slice(0, length)
      .every((v) => typeof v === "number" && Number.isFinite(v))
  );
}

/**
 * The horizontal lines a page draws (stroked lines and thin filled rectangles, as tables'
 * borders are drawn), from pdf.js's operator list. Empty when the list has an unexpected shape.
 */
async function horizontalRules(page: PdfPage, ops: Record<string, number>): Promise<Rule[]> {
  const viewport = page.getViewport({ scale: 1 });
  const painting = new Set(
    [
      "stroke",
      "closeStroke",
      "fill",
      "eoFill",
      "fillStroke",
      "eoFillStroke",
      "closeFillStroke",
      "closeEOFillStroke",
    ]
      .map((name) => ops[name])
      .filter((op): op is number => op !== undefined),
  );
  const list = await page.getOperatorList();
  const rules: Rule[] = [];
  const stack: Matrix[] = [];
  // Drawing coordinates go through the viewport (as the text does), then y is flipped up.
  const view = viewportMatrix(viewport.transform, viewport.height);
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  list.fnArray.forEach((fn: number, i: number) => {
    const args: unknown = list.argsArray[i];
    if (fn === ops.save) stack.push(ctm);
    else if (fn === ops.restore) ctm = stack.pop() ?? ctm;
    else if (fn === ops.transform && isNumbers(args, 6)) {
      ctm = multiply(args.slice(0, 6) as Matrix, ctm);
    } else if (fn === ops.constructPath && Array.isArray(args)) {
      const [paint, , box] = args as unknown[];
      if (typeof paint !== "number" || !painting.has(paint) || !isNumbers(box, 4)) return;
      const [bx0 = 0, by0 = 0, bx1 = 0, by1 = 0] = box;
      const m = multiply(ctm, view);
      const corners = [
        [bx0, by0],
        [bx1, by1],
        [bx0, by1],
        [bx1, by0],
      ].map(([x = 0, y = 0]) => [
        x * m[0] + y * m[2] + m[4],
        viewport.height - (x * m[1] + y * m[3] + m[5]),
      ]);
      const xs = corners.map((p) => p[0] ?? 0);
      const ys = corners.map((p) => p[1] ?? 0);
      const x0 = Math.min(...xs);
      const x1 = Math.max(...xs);
      const y0 = Math.min(...ys);
      const y1 = Math.max(...ys);
      if (x1 - x0 >= 20 && y1 - y0 <= 2.5) rules.push({ y: (y0 + y1) / 2, x0, x1 });
    }
  });
  return rules;
}

function isTextItem(item: unknown): item is { str: string; transform: number[]; width: number } {
  if (typeof item !== "object" || item === null) return false;
  const o = item as Record<string, unknown>;
  return typeof o.str === "string" && Array.isArray(o.transform) && typeof o.width === "number";
}

/**
 * Text pieces in the page as it is shown (a page turned by /Rotate, such as a landscape
 * appendix, reads upright): `view` maps PDF space to the viewport (y down), flipped back here.
 */
function piecesOf(items: unknown[], view: Matrix, height: number): Piece[] {
  const pieces: Piece[] = [];
  for (const item of items) {
    if (!isTextItem(item) || item.str.trim() === "" || !isNumbers(item.transform, 6)) continue;
    const [a, b, c, d, e, f] = multiply(item.transform.slice(0, 6) as Matrix, view);
    // Horizontal, left-to-right text only (rotated stamps and margin notes are left out).
    if (a <= 0 || Math.abs(b) > a * 0.05 || Math.abs(c) > Math.abs(d) * 0.05) continue;
    pieces.push({
      x: e,
      y: height - f,
      w: item.width,
      size: Math.abs(d) || a || 10,
      text: item.str,
    });
  }
  return pieces;
}

function buildLines(pieces: Piece[], page: number): Line[] {
  const sorted = [...pieces].sort((p, q) => q.y - p.y || p.x - q.x);
  const groups: Piece[][] = [];
  for (const piece of sorted) {
    const group = groups[groups.length - 1];
    const first = group?.[0];
    if (group && first && Math.abs(first.y - piece.y) <= Math.min(first.size, piece.size) * 0.4) {
      group.push(piece);
    } else groups.push([piece]);
  }
  return groups.map((group) => {
    group.sort((p, q) => p.x - q.x);
    const size = Math.max(...group.map((p) => p.size));
    const segments: Segment[] = [];
    for (const piece of group) {
      const seg = segments[segments.length - 1];
      const gap = seg ? piece.x - seg.x1 : Infinity;
      if (seg && gap < Math.min(CELL_GAP * size, MAX_WORD_GAP)) {
        const space = gap > WORD_GAP * size && !/\s$/u.test(seg.text) && !/^\s/u.test(piece.text);
        seg.text += (space ? " " : "") + piece.text;
        seg.x1 = Math.max(seg.x1, piece.x + piece.w);
      } else {
        segments.push({ x0: piece.x, x1: piece.x + piece.w, text: piece.text });
      }
    }
    for (const seg of segments) seg.text = seg.text.replace(/\s+/gu, " ").trim().normalize("NFC");
    const y = group.reduce((s, p) => s + p.y, 0) / group.length;
    return {
      page,
      y,
      size,
      x0: segments[0]?.x0 ?? 0,
      x1: Math.max(...segments.map((s) => s.x1)),
      segments,
      text: segments.map((s) => s.text).join(" "),
    };
  });
}

const PAGE_NUMBER = /^(?:trang\s*|page\s*)?[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s*\/\s*\d{1,4})?$/iu;

/**
 * The lines set apart at the top and bottom edge of a page (header and footer blocks): below
 * (above) the first vertical gap wider than 1.8 line spacings within the outer 12 % of the page.
 */
function edgeBlocks(lines: Line[], height: number, spacing: number): Set<Line> {
  const edge = new Set<Line>();
  const sorted = [...lines].sort((p, q) => q.y - p.y);
  const wide = (upper: Line, lower: Line): boolean => upper.y - lower.y > 1.8 * spacing;
  for (let k = 0; k + 1 < sorted.length; k++) {
    const [upper, lower] = [sorted[k], sorted[k + 1]];
    if (!upper || !lower || upper.y < height * 0.88) break;
    if (wide(upper, lower)) {
      for (const line of sorted.slice(0, k + 1)) edge.add(line);
      break;
    }
  }
  for (let k = sorted.length - 1; k > 0; k--) {
    const [upper, lower] = [sorted[k - 1], sorted[k]];
    if (!upper || !lower || lower.y > height * 0.12) break;
    if (wide(upper, lower)) {
      for (const line of sorted.slice(k)) edge.add(line);
      break;
    }
  }
  return edge;
}

/**
 * Drops page numbers and running headers/footers: lines in a page's header or footer block that
 * are a page number or come back (digits aside) on two pages or more. Body lines near the edge,
 * even repeated ones ("Thời gian thực hiện: Thường xuyên."), stay.
 */
function dropPageFurniture(pages: { lines: Line[]; height: number }[]): Line[][] {
  const all = pages.flatMap((p) => p.lines);
  const spacing = Math.max(
    1,
    mode(
      all.slice(1).flatMap((l, i) => {
        const prev = all[i];
        return prev && prev.page === l.page && prev.y > l.y ? [prev.y - l.y] : [];
      }),
    ),
  );
  const key = (text: string): string => text.replace(/\d+/gu, "#").toLowerCase();
  const edges = pages.map(({ lines, height }) => edgeBlocks(lines, height, spacing));
  const seen = new Map<string, Set<number>>();
  edges.forEach((edge, i) => {
    for (const line of edge)
      seen.set(key(line.text), (seen.get(key(line.text)) ?? new Set()).add(i));
  });
  return pages.map(({ lines }, i) =>
    lines.filter((line) => {
      if (!edges[i]?.has(line)) return true;
      if (PAGE_NUMBER.test(line.text)) return false;
      return (seen.get(key(line.text))?.size ?? 0) < 2;
    }),
  );
}

function mode(values: number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(Math.round(v), (counts.get(Math.round(v)) ?? 0) + 1);
  let best = 0;
  let bestCount = -1;
  for (const [v, n] of counts) {
    if (n > bestCount || (n === bestCount && v < best)) {
      best = v;
      bestCount = n;
    }
  }
  return best;
}

const LIST_MARK = /^(?:[-+•–—*]|\d{1,3}(?:\.\d{1,3})*[.)]|[a-zđ][.)]|[IVXLC]{1,6}[.)])\s/u;
/** A list label set apart from its text by a tab ("a)", "2.", "-", "III."). */
const LIST_LABEL = /^(?:[-+•–—*]|\d{1,3}(?:\.\d{1,3})*[.)]|[a-zđ][.)]|[IVXLC]{1,6}[.)])$/u;

/* ---------------------------------------------------------------- tables */

interface Zone {
  start: number;
  end: number;
  /** Column intervals, left to right. */
  columns: { x0: number; x1: number }[];
}

function columnOf(zone: Zone, x: number): number {
  let best = 0;
  zone.columns.forEach((col, i) => {
    if (x >= col.x0 - 2) best = i;
  });
  return best;
}

/** Every segment stays left of the next column's start (a column reaches to the next one). */
function fitsColumns(zone: Zone, line: Line): boolean {
  return line.segments.every((seg) => {
    const next = zone.columns[columnOf(zone, seg.x0) + 1];
    return next === undefined || seg.x1 <= next.x0 + 2;
  });
}

/** Column intervals from the gaps that all given lines leave open. */
function columnsFrom(lines: Line[]): { x0: number; x1: number }[] {
  const left = Math.min(...lines.map((l) => l.x0));
  const right = Math.max(...lines.map((l) => l.x1));
  const width = Math.ceil(right - left) + 1;
  const covered = new Uint8Array(width);
  for (const line of lines) {
    for (const seg of line.segments) {
      for (let x = Math.floor(seg.x0 - left); x <= Math.ceil(seg.x1 - left) && x < width; x++) {
        covered[Math.max(0, x)] = 1;
      }
    }
  }
  const columns: { x0: number; x1: number }[] = [];
  let start = -1;
  for (let x = 0; x <= width; x++) {
    const on = x < width && covered[x] === 1;
    if (on && start < 0) start = x;
    if (!on && start >= 0) {
      columns.push({ x0: left + start, x1: left + x - 1 });
      start = -1;
    }
  }
  return columns;
}

/** A row number or group numeral in the first column ("1", "12.", "II", "a)"). */
const ROW_MARK = /^(?:\d{1,3}(?:\.\d{1,3})*|[IVXLC]{1,6}|[a-zđ])[.)]?$/u;

const GROUP_TITLE = /^[IVXLC]{1,6}[.)]\s+\S/u;

/** A short mark in the first column of a group row ("I", "II.", "A", "1"). */
const GROUP_MARK = /^(?:[IVXLC]{1,6}|[A-Z]|\d{1,3})[.)]?$/u;

/**
 * A group row ("II | Nhóm nhiệm vụ …" with the title over the merged cells): a mark in the
 * first column and one piece of text starting in the second column or further right.
 */
function isGroupRow(zone: Zone, line: Line): boolean {
  const [mark, ...rest] = line.segments;
  const second = zone.columns[1];
  const first = zone.columns[0];
  // "I. NÂNG CAO NHẬN THỨC …" in one cell merged over the whole row.
  if (mark && rest.length === 0 && first && GROUP_TITLE.test(mark.text)) {
    return mark.x0 >= first.x0 - 2 && (second === undefined || mark.x0 < second.x0);
  }
  return (
    mark !== undefined &&
    second !== undefined &&
    rest.length === 1 &&
    GROUP_MARK.test(mark.text) &&
    mark.x1 <= second.x0 + 2 &&
    rest.every((seg) => seg.x0 >= second.x0 - 2)
  );
}

/**
 * Runs of lines that form a table: two or more lines of 3+ cells sharing their column gaps,
 * the lines between them that fit those columns (wrapped cells), and group rows.
 */
function findZones(lines: Line[], bodyLeft: number, bodyWidth: number): Zone[] {
  const zones: Zone[] = [];
  let i = 0;
  while (i < lines.length) {
    const first = lines[i];
    if (!first || first.segments.length < 3) {
      i++;
      continue;
    }
    const full = [first];
    let zone: Zone = { start: i, end: i, columns: columnsFrom(full) };
    let groupX: number | null = null;
    let j = i + 1;
    for (; j < lines.length; j++) {
      const line = lines[j];
      if (!line) break;
      if (line.segments.length >= 3 && !isGroupRow(zone, line)) {
        const columns = columnsFrom([...full, line]);
        if (columns.length >= 3 && columns.length >= zone.columns.length - 1) {
          groupX = null;
          full.push(line);
          zone = { ...zone, columns };
          continue;
        }
        break;
      }
      if (isGroupRow(zone, line)) {
        groupX = line.segments[0]?.x0 ?? null;
        continue;
      }
      // A group title too long for one line goes on at the same left edge.
      const only = line.segments.length === 1 ? line.segments[0] : undefined;
      if (groupX !== null && only && Math.abs(only.x0 - groupX) <= 3) continue;
      groupX = null;
      // A wide line starting left of the second column is the text after the table.
      const paragraph =
        line.segments.length === 1 &&
        line.x0 < (zone.columns[1]?.x0 ?? Infinity) - 2 &&
        line.x0 <= bodyLeft + 2 * line.size &&
        line.x1 - line.x0 > bodyWidth * 0.45;
      if (paragraph || !fitsColumns(zone, line)) break;
    }
    zone.end = j - 1;
    if (zone.columns.length >= 3 && full.length >= 2) {
      zones.push(zone);
      i = j;
    } else i++;
  }
  return zones;
}

/**
 * The lines of one cell as one text. A capitals-only word cut by a narrow column ("ST" / "T")
 * is put back together.
 */
function joinCellParts(parts: string[]): string {
  let text = "";
  for (const part of parts) {
    const glued = /^\p{Lu}{1,3}$/u.test(text) && /^\p{Lu}{1,2}$/u.test(part);
    text = text === "" ? part : glued ? `${text}${part}` : joinWrapped(text, part);
  }
  return text.replace(/\s+/gu, " ").trim();
}

/**
 * A wrapped line joined to the one before: with a space, except where the line was cut inside a
 * code or a number: after a slash ("Quý IV/" + "2025"), or a hyphen between letters or between
 * digits ("319/QĐ-" + "BNV", "2024-" + "2025"); "Quý IV/2025-" + "Quý II/2026" keeps its space.
 */
function joinWrapped(before: string, after: string): string {
  const glued =
    /\S\/$/u.test(before) ||
    (/\p{L}-$/u.test(before) && /^\p{L}/u.test(after)) ||
    (/\d-$/u.test(before) && /^\d/u.test(after));
  return glued ? `${before}${after}` : `${before} ${after}`;
}

/**
 * Which ruled band of its page a zone line falls in (the number of the table's horizontal rules
 * above it), or undefined when the page draws no rules across the table.
 */
function bandOf(
  zone: Zone,
  rules: Map<number, Rule[]>,
  line: Line,
): { band: number; top: number | undefined } | undefined {
  const content = zone.columns[1] ?? zone.columns[0];
  if (!content) return undefined;
  const middle = (content.x0 + content.x1) / 2;
  const across = (rules.get(line.page) ?? []).filter((r) => r.x0 <= middle && r.x1 >= middle);
  if (across.length < 2) return undefined;
  const above = across.filter((r) => r.y > line.y);
  return {
    band: above.length,
    top: above.length > 0 ? Math.min(...above.map((r) => r.y)) : undefined,
  };
}

/** Whether the page draws a border at height `y` across column `column` (not merged there). */
function ruledAcross(zone: Zone, rules: Rule[], y: number, column: number): boolean {
  const col = zone.columns[column];
  if (!col) return true;
  const middle = (col.x0 + col.x1) / 2;
  return rules.some((r) => Math.abs(r.y - y) <= 1.5 && r.x0 <= middle && r.x1 >= middle);
}

function tableRows(
  lines: Line[],
  zone: Zone,
  rules: Map<number, Rule[]>,
): { cells: string[]; page: number }[] {
  const zoneLines = lines.slice(zone.start, zone.end + 1);
  const firstCell = (line: Line): string | undefined =>
    line.segments.find((seg) => columnOf(zone, seg.x0) === 0)?.text;
  const isMark = (text: string | undefined): boolean =>
    text !== undefined && (ROW_MARK.test(text) || GROUP_TITLE.test(text));
  // When the first column numbers the rows, only a number (or a group numeral) starts a row:
  // other text there continues the row above (a wrapped group title, a header word "ST" / "T").
  const marked = zoneLines.filter((line) => isMark(firstCell(line))).length >= 2;
  const headerText = zoneLines[0]?.text;
  const rows: { cells: string[][]; page: number; top?: number }[] = [];
  let band: string | undefined;
  for (const line of zoneLines) {
    const byColumn = new Map<number, string>();
    for (const seg of line.segments) {
      const col = columnOf(zone, seg.x0);
      byColumn.set(col, byColumn.has(col) ? `${byColumn.get(col) ?? ""} ${seg.text}` : seg.text);
    }
    const first = byColumn.get(0);
    const ruled = bandOf(zone, rules, line);
    let starts: boolean;
    if (ruled !== undefined) {
      // Rows are the bands between the table's rules: right even when a cell is centred
      // vertically. A band at the top of a new page whose first column is empty goes on with
      // the row the page break cut.
      const key = `${line.page}:${ruled.band}`;
      const newPage = band !== undefined && !band.startsWith(`${line.page}:`);
      starts = key !== band && !(newPage && marked && first === undefined && rows.length > 1);
      band = key;
    } else {
      band = undefined;
      starts =
        rows.length === 0 ||
        line.text === headerText ||
        (first !== undefined && (marked ? isMark(first) : rows.length > 1 || isMark(first)));
    }
    if (starts) {
      const row: { cells: string[][]; page: number; top?: number } = {
        cells: zone.columns.map(() => []),
        page: line.page,
      };
      if (ruled?.top !== undefined) row.top = ruled.top;
      rows.push(row);
    }
    const row = rows[rows.length - 1];
    for (const [col, text] of byColumn) row?.cells[col]?.push(text);
  }
  // A cell merged over several rows (no border between them in its column) belongs to each of
  // them, as the .docx reader repeats a vertically merged cell: copied down, then up (its text
  // may sit in a lower row when centred).
  const merged = (r: number, c: number): boolean => {
    const row = rows[r];
    const above = rows[r - 1];
    if (!row || !above || c === 0 || row.top === undefined || above.page !== row.page) return false;
    return !ruledAcross(zone, rules.get(row.page) ?? [], row.top, c);
  };
  for (let r = 1; r < rows.length; r++) {
    rows[r]?.cells.forEach((parts, c) => {
      const upper = rows[r - 1]?.cells[c] ?? [];
      if (parts.length === 0 && upper.length > 0 && merged(r, c)) parts.push(...upper);
    });
  }
  for (let r = rows.length - 1; r >= 1; r--) {
    rows[r - 1]?.cells.forEach((parts, c) => {
      const lower = rows[r]?.cells[c] ?? [];
      if (parts.length === 0 && lower.length > 0 && merged(r, c)) parts.push(...lower);
    });
  }
  const joined = rows.map((r) => ({
    cells: r.cells.map((parts) => joinCellParts(parts)),
    page: r.page,
  }));
  // A header row repeated on the next page is read once.
  const header = joined[0]?.cells.join("\t");
  return joined.filter((r, i) => i === 0 || r.cells.join("\t") !== header);
}

/* ---------------------------------------------------------------- text form */

interface Layout {
  lines: Line[];
  bodyLeft: number;
  bodyRight: number;
  bodyWidth: number;
  /** The right margin is known when several lines reach it (wrapped, justified text). */
  marginSeen: boolean;
  spacing: number;
  zones: Zone[];
}

function analyse(pages: Line[][]): Layout {
  const lines = pages.flat();
  const bodyLeft = mode(lines.map((l) => l.x0));
  const bodyRight = Math.max(0, ...lines.map((l) => l.x1));
  const marginSeen = lines.filter((l) => l.x1 >= bodyRight - 0.5 * l.size).length >= 3;
  const bodyWidth = Math.max(1, bodyRight - bodyLeft);
  const spacing = mode(
    lines.slice(1).flatMap((l, i) => {
      const prev = lines[i];
      return prev && prev.page === l.page ? [prev.y - l.y] : [];
    }),
  );
  const zones = findZones(lines, bodyLeft, bodyWidth);
  return { lines, bodyLeft, bodyRight, bodyWidth, marginSeen, spacing, zones };
}

function toDocumentLines(layout: Layout, rules: Map<number, Rule[]>): DocumentLine[] {
  const { lines, bodyLeft, bodyRight, bodyWidth, marginSeen, spacing, zones } = layout;
  if (lines.length === 0) return [];
  const out: DocumentLine[] = [];
  let prev: Line | null = null;
  let z = 0;
  for (let i = 0; i < lines.length; i++) {
    const zone = zones[z];
    if (zone && i === zone.start) {
      for (const row of tableRows(lines, zone, rules)) {
        const last = row.cells.reduce((end, c, k) => (c !== "" ? k + 1 : end), 0);
        if (last > 0) out.push({ text: row.cells.slice(0, last).join("\t"), page: row.page });
      }
      i = zone.end;
      z++;
      prev = null;
      continue;
    }
    const line = lines[i];
    if (!line) continue;
    const labelled = LIST_LABEL.test(line.segments[0]?.text ?? "");
    const [left, right] = line.segments;
    const apart = left !== undefined && right !== undefined && right.x0 - left.x1 > 2.5 * line.size;
    const text =
      line.segments.length === 2 && !labelled && apart && line.x1 - line.x0 > bodyWidth * 0.6
        ? null // two blocks side by side (letterhead): written one after the other
        : line.text;
    const current = out[out.length - 1];
    if (text !== null && prev && current && current.text !== "") {
      const samePage = prev.page === line.page;
      const gap = samePage ? prev.y - line.y : spacing;
      // A line flush with the right margin was wrapped; one that ends a little short was wrapped
      // too, unless it ends a sentence and this line starts a new one.
      const flush = marginSeen && prev.x1 >= bodyRight - 0.5 * line.size;
      const sentenceEnds = /[.;:!?]$/u.test(current.text) && /^[\p{Lu}\d]/u.test(text);
      const wrapped =
        flush ||
        (prev.x1 >= bodyRight - Math.max(3 * line.size, bodyWidth * 0.15) && !sentenceEnds);
      const indented = line.x0 > bodyLeft + 0.8 * line.size;
      const joins =
        !LIST_MARK.test(text) &&
        gap <= spacing * 1.45 + 0.5 &&
        ((/^\p{Ll}/u.test(text) && !indented) || (wrapped && !indented));
      if (joins) {
        current.text = joinWrapped(current.text, text);
        prev = line;
        continue;
      }
      if (gap > spacing * 1.45 + 0.5) out.push({ text: "", page: line.page });
    }
    if (text === null)
      for (const seg of line.segments) out.push({ text: seg.text, page: line.page });
    else out.push({ text, page: line.page });
    prev = text === null ? null : line;
  }
  return out;
}

/**
 * The text form of a PDF plan. Throws PlanFileInvalid for a file that is not a PDF, a
 * password-protected PDF, one over the page limit, or one with no text layer (a scan).
 */
export async function pdfToText(content: Buffer, file: string): Promise<DocumentText> {
  if (!content.subarray(0, 1024).toString("latin1").includes("%PDF-")) {
    refuse(file, "pdf_invalid", { detail: "%PDF-" });
  }
  const { getDocumentProxy } = await loadUnpdf();
  let pdf: PdfDocument;
  try {
    pdf = await getDocumentProxy(new Uint8Array(content), {
      isEvalSupported: false,
      useSystemFonts: false,
      disableFontFace: true,
      verbosity: 0,
    });
  } catch (e) {
    const name = (e as { name?: string }).name;
    if (name === "PasswordException") refuse(file, "pdf_encrypted");
    const detail = e instanceof Error ? e.message : String(e);
    return refuse(file, "pdf_invalid", { detail });
  }
  try {
    if (pdf.numPages > MAX_PDF_PAGES) {
      refuse(
        file,
        "pdf_too_many_pages",
        { pages: pdf.numPages, max: MAX_PDF_PAGES },
        { code: "invalid_value" },
      );
    }
    const pages: { lines: Line[]; height: number }[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      try {
        const page = await pdf.getPage(n);
        const viewport = page.getViewport({ scale: 1 });
        const view = viewportMatrix(viewport.transform, viewport.height);
        const content = await page.getTextContent();
        pages.push({
          lines: buildLines(piecesOf(content.items, view, viewport.height), n),
          height: viewport.height,
        });
        page.cleanup();
      } catch (e) {
        // A damaged page: the file is refused with pdf.js's reason, never a stack trace.
        const detail = `${n}: ${e instanceof Error ? e.message : String(e)}`;
        refuse(file, "pdf_invalid", { detail });
      }
    }
    const letters = pages
      .flatMap((p) => p.lines)
      .reduce((n, l) => n + l.text.replace(/[^\p{L}]/gu, "").length, 0);
    if (letters < 40) refuse(file, "pdf_no_text");
    const layout = analyse(dropPageFurniture(pages));
    // Table borders are read only on pages with a table (listing the drawing costs time).
    const rules = new Map<number, Rule[]>();
    const tablePages = new Set(
      layout.zones.flatMap((z) => layout.lines.slice(z.start, z.end + 1).map((l) => l.page)),
    );
    if (tablePages.size > 0) {
      const { getResolvedPDFJS } = await loadUnpdf();
      const { OPS } = await getResolvedPDFJS();
      for (const n of tablePages) {
        try {
          rules.set(n, await horizontalRules(await pdf.getPage(n), OPS));
        } catch {
          // Without the borders, rows are found from the first column (see tableRows).
        }
      }
    }
    return { lines: toDocumentLines(layout, rules) };
  } finally {
    await pdf.destroy();
  }
}
