import { posix } from "node:path";
import type * as Saxes from "saxes";
import type { SaxesParser, SaxesTagPlain } from "saxes";
import { refuse } from "./file-limits.js";
import type { DocumentLine, DocumentText } from "./document-text.js";
import { looksLikeOle, readZipParts } from "./zip.js";

/*
 * A .docx plan → the plan text form. Our own walk of word/document.xml (with numbering.xml and
 * styles.xml), because the list numbering Word generates ("1.", "a)", "-") is part of what a
 * reader sees and the text parser needs it, and mammoth drops it. Paragraphs become lines with
 * their numbering written in front; tables become TAB-separated rows (a cell's paragraphs joined
 * by a space, a horizontally merged cell followed by empty cells so the columns stay aligned, a
 * vertically merged cell repeated in every row it covers). Small tables of at most two columns
 * (the letterhead, the signature block) and one-column boxes are written as plain lines.
 * Deleted text of tracked changes, field codes, hidden text and the fallback copies of drawings
 * are left out; emphasis is dropped.
 */

const W_NAMESPACES = new Set([
  "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
  "http://purl.oclc.org/ooxml/wordprocessingml/main",
]);

type Attributes = Record<string, string>;

interface XmlWalker {
  open(name: string, attrs: Attributes): void;
  close(name: string): void;
  text(text: string): void;
}

let saxesModule: Promise<typeof Saxes> | undefined;

/** saxes is loaded on first use, so start-up does not pay for it. */
function loadSaxes(): Promise<typeof Saxes> {
  saxesModule ??= import("saxes");
  return saxesModule;
}

/**
 * Walks an XML part with element names reduced to local names in the WordprocessingML namespace
 * ("p", "tbl") and other namespaces kept prefixed ("mc:Fallback"); attributes likewise.
 */
async function walkXml(xml: string, walker: XmlWalker): Promise<void> {
  const { SaxesParser } = await loadSaxes();
  const parser: SaxesParser = new SaxesParser({ xmlns: false });
  const wPrefixes = new Set<string>();
  const local = (qname: string): string => {
    const colon = qname.indexOf(":");
    if (colon < 0) return qname;
    const prefix = qname.slice(0, colon);
    return wPrefixes.has(prefix) ? qname.slice(colon + 1) : qname;
  };
  parser.on("opentag", (tag: SaxesTagPlain) => {
    for (const [name, value] of Object.entries(tag.attributes)) {
      if (name.startsWith("xmlns:") && W_NAMESPACES.has(value)) wPrefixes.add(name.slice(6));
    }
    const attrs: Attributes = {};
    for (const [name, value] of Object.entries(tag.attributes)) attrs[local(name)] = value;
    walker.open(local(tag.name), attrs);
  });
  parser.on("closetag", (tag: SaxesTagPlain) => walker.close(local(tag.name)));
  parser.on("text", (text) => walker.text(text));
  parser.on("cdata", (text) => walker.text(text));
  parser.write(xml).close();
}

/* ---------------------------------------------------------------- numbering */

interface Level {
  start: number;
  format: string;
  text: string;
  suffix: string;
  legal: boolean;
  style?: string;
}

interface Numbering {
  abstracts: Map<string, Map<number, Level>>;
  nums: Map<
    string,
    { abstract: string; overrides: Map<number, { start?: number; level?: Level }> }
  >;
}

function emptyLevel(): Level {
  return { start: 1, format: "decimal", text: "", suffix: " ", legal: false };
}

async function readNumbering(xml: string | undefined): Promise<Numbering> {
  const numbering: Numbering = { abstracts: new Map(), nums: new Map() };
  if (xml === undefined) return numbering;
  let abstract: Map<number, Level> | null = null;
  let num: { abstract: string; overrides: Map<number, { start?: number; level?: Level }> } | null =
    null;
  let override: { start?: number; level?: Level } | null = null;
  let level: Level | null = null;
  await walkXml(xml, {
    open(name, a) {
      const val = a.val;
      switch (name) {
        case "abstractNum":
          abstract = new Map();
          numbering.abstracts.set(a.abstractNumId ?? "", abstract);
          break;
        case "num":
          num = { abstract: "", overrides: new Map() };
          numbering.nums.set(a.numId ?? "", num);
          break;
        case "abstractNumId":
          if (num && val !== undefined) num.abstract = val;
          break;
        case "lvlOverride":
          override = {};
          num?.overrides.set(Number(a.ilvl ?? 0), override);
          break;
        case "startOverride":
          if (override && val !== undefined) override.start = Number(val);
          break;
        case "lvl":
          level = emptyLevel();
          if (override) override.level = level;
          else abstract?.set(Number(a.ilvl ?? 0), level);
          break;
        case "start":
          if (level && val !== undefined) level.start = Number(val);
          break;
        case "numFmt":
          if (level && val !== undefined) level.format = val;
          break;
        case "lvlText":
          if (level && val !== undefined) level.text = val;
          break;
        case "suff":
          if (level) level.suffix = val === "nothing" ? "" : " ";
          break;
        case "isLgl":
          if (level) level.legal = val !== "0" && val !== "false";
          break;
        case "pStyle":
          if (level && val !== undefined) level.style = val;
          break;
      }
    },
    close(name) {
      if (name === "abstractNum") abstract = null;
      else if (name === "num") num = null;
      else if (name === "lvlOverride") override = null;
      else if (name === "lvl") level = null;
    },
    text() {},
  });
  return numbering;
}

interface StyleNumbering {
  numId?: string;
  ilvl?: number;
  basedOn?: string;
}

async function readStyles(xml: string | undefined): Promise<Map<string, StyleNumbering>> {
  const styles = new Map<string, StyleNumbering>();
  if (xml === undefined) return styles;
  let style: StyleNumbering | null = null;
  await walkXml(xml, {
    open(name, a) {
      if (name === "style") {
        style = a.type === "paragraph" ? {} : null;
        if (style) styles.set(a.styleId ?? "", style);
      } else if (style && name === "basedOn" && a.val !== undefined) style.basedOn = a.val;
      else if (style && name === "numId" && a.val !== undefined) style.numId = a.val;
      else if (style && name === "ilvl" && a.val !== undefined) style.ilvl = Number(a.val);
    },
    close(name) {
      if (name === "style") style = null;
    },
    text() {},
  });
  return styles;
}

const ROMAN: [number, string][] = [
  [1000, "m"],
  [900, "cm"],
  [500, "d"],
  [400, "cd"],
  [100, "c"],
  [90, "xc"],
  [50, "l"],
  [40, "xl"],
  [10, "x"],
  [9, "ix"],
  [5, "v"],
  [4, "iv"],
  [1, "i"],
];

function roman(n: number): string {
  let out = "";
  let rest = n;
  for (const [value, digits] of ROMAN) {
    while (rest >= value) {
      out += digits;
      rest -= value;
    }
  }
  return out;
}

/** Word's letters: a … z, then aa, bb … */
function letters(n: number): string {
  const letter = String.fromCharCode(97 + ((n - 1) % 26));
  return letter.repeat(Math.floor((n - 1) / 26) + 1);
}

function formatNumber(n: number, format: string): string {
  switch (format) {
    case "lowerLetter":
      return letters(n);
    case "upperLetter":
      return letters(n).toUpperCase();
    case "lowerRoman":
      return roman(n);
    case "upperRoman":
      return roman(n).toUpperCase();
    case "decimalZero":
      return String(n).padStart(2, "0");
    case "none":
      return "";
    default:
      return String(n);
  }
}

/** A bullet as the text form writes it: "+" for the usual second-level marks, else "-". */
function bulletMark(text: string): string {
  const mark = text.trim();
  if (mark === "+" || mark === "o" || mark === "◦" || mark === "○" || mark === "\uf06f") {
    return "+";
  }
  return "-";
}

class ListCounter {
  private readonly counters = new Map<string, (number | undefined)[]>();
  private readonly seen = new Set<string>();

  constructor(
    private readonly numbering: Numbering,
    private readonly styles: Map<string, StyleNumbering>,
  ) {}

  /** The numbering style of a paragraph style, following basedOn. */
  private styleNumbering(styleId: string | undefined): { numId?: string; ilvl?: number } {
    const result: { numId?: string; ilvl?: number } = {};
    let id = styleId;
    for (let depth = 0; id !== undefined && depth < 20; depth++) {
      const style = this.styles.get(id);
      if (!style) break;
      result.numId ??= style.numId;
      result.ilvl ??= style.ilvl;
      id = style.basedOn;
    }
    return result;
  }

  private level(numId: string, ilvl: number): Level | undefined {
    const num = this.numbering.nums.get(numId);
    if (!num) return undefined;
    const override = num.overrides.get(ilvl);
    const base = this.numbering.abstracts.get(num.abstract)?.get(ilvl);
    const level = override?.level ?? base;
    if (!level) return undefined;
    return override?.start !== undefined ? { ...level, start: override.start } : level;
  }

  /** The number a reader sees in front of the paragraph ("2.", "b)", "-"), or "". */
  next(p: { numId?: string; ilvl?: number; style?: string }): string {
    const fromStyle = this.styleNumbering(p.style);
    const numId = p.numId ?? fromStyle.numId;
    if (numId === undefined || numId === "0") return "";
    const num = this.numbering.nums.get(numId);
    if (!num) return "";
    let ilvl = p.ilvl ?? fromStyle.ilvl;
    if (ilvl === undefined) {
      const levels = this.numbering.abstracts.get(num.abstract);
      const styled = [...(levels?.entries() ?? [])].find(([, l]) => l.style === p.style);
      ilvl = styled ? styled[0] : 0;
    }
    const level = this.level(numId, ilvl);
    if (!level) return "";
    // Lists sharing an abstract definition continue each other unless one restarts (overrides).
    const key = num.overrides.size > 0 ? `num:${numId}` : `abstract:${num.abstract}`;
    if (!this.seen.has(numId) && num.overrides.size > 0) this.counters.delete(key);
    this.seen.add(numId);
    const counters = this.counters.get(key) ?? [];
    this.counters.set(key, counters);
    counters[ilvl] = (counters[ilvl] ?? level.start - 1) + 1;
    for (let deeper = ilvl + 1; deeper < counters.length; deeper++) counters[deeper] = undefined;
    if (level.format === "bullet") return `${bulletMark(level.text)}${level.suffix}`;
    const text = level.text.replace(/%([1-9])/g, (_m, d: string) => {
      const at = Number(d) - 1;
      const other = this.level(numId, at);
      const value = counters[at] ?? other?.start ?? 1;
      const format = level.legal && at < ilvl ? "decimal" : (other?.format ?? "decimal");
      return formatNumber(value, format);
    });
    return text.trim() === "" ? "" : `${text}${level.suffix}`;
  }
}

/* ---------------------------------------------------------------- document walk */

interface Paragraph {
  parts: string[];
  numId?: string;
  ilvl?: number;
  style?: string;
}

interface Cell {
  paragraphs: string[];
  span: number;
  /** "restart" opens a vertical merge, "continue" is covered by the cell above. */
  vMerge?: "restart" | "continue";
}

interface Row {
  cells: Cell[];
  before: number;
}

interface Table {
  rows: Row[];
}

/** Elements whose whole content is not part of what a reader sees. */
const SKIPPED = new Set([
  "mc:Fallback",
  "delText",
  // Text moved elsewhere by a tracked change: shown struck out here, read where it moved to.
  "moveFrom",
  "instrText",
  "delInstrText",
  "sdtPr",
  "footnoteReference",
  "endnoteReference",
  "commentReference",
]);

function normaliseSpaces(text: string): string {
  return text
    .replace(/[\s\u00a0\u200b]+/gu, " ")
    .trim()
    .normalize("NFC");
}

function isTruthy(val: string | undefined): boolean {
  return val === undefined || (val !== "0" && val !== "false" && val !== "off");
}

interface Body {
  /** Paragraph lines and tables in document order. */
  blocks: ({ kind: "paragraph"; text: string } | { kind: "table"; table: Table })[];
}

async function walkDocument(xml: string, counter: ListCounter): Promise<Body> {
  const body: Body = { blocks: [] };
  const stack: string[] = [];
  let skipDepth = 0;
  const paragraphs: Paragraph[] = [];
  const tables: Table[] = [];
  const cells: Cell[] = [];
  let run: { hidden: boolean; caps: boolean } | null = null;
  let inText = false;

  const emitParagraph = (text: string): void => {
    const cell = cells[cells.length - 1];
    // A paragraph belongs to the innermost open cell, unless it opened outside it (a text box).
    if (cell && tables.length > 0) cell.paragraphs.push(text);
    else body.blocks.push({ kind: "paragraph", text });
  };

  const addText = (text: string): void => {
    const p = paragraphs[paragraphs.length - 1];
    if (!p || !run || run.hidden) return;
    p.parts.push(run.caps ? text.toUpperCase() : text);
  };

  await walkXml(xml, {
    open(name, a) {
      const parent = stack[stack.length - 1];
      stack.push(name);
      if (skipDepth > 0 || SKIPPED.has(name) || (name === "rPr" && parent === "pPr")) {
        skipDepth++;
        return;
      }
      const p = paragraphs[paragraphs.length - 1];
      switch (name) {
        case "p":
          paragraphs.push({ parts: [] });
          break;
        case "pStyle":
          if (p && parent === "pPr") p.style = a.val;
          break;
        case "numId":
          if (p && parent === "numPr") p.numId = a.val;
          break;
        case "ilvl":
          if (p && parent === "numPr") p.ilvl = Number(a.val ?? 0);
          break;
        case "r":
          run = { hidden: false, caps: false };
          break;
        case "vanish":
          if (run && parent === "rPr") run.hidden = isTruthy(a.val);
          break;
        case "caps":
          if (run && parent === "rPr") run.caps = isTruthy(a.val);
          break;
        case "t":
          inText = parent === "r";
          break;
        case "tab":
        case "br":
        case "cr":
          if (parent === "r") addText(" ");
          break;
        case "noBreakHyphen":
          if (parent === "r") addText("-");
          break;
        case "sym": {
          const code = parseInt(a.char ?? "", 16);
          // Symbol-font characters sit in the private-use area; only real characters are kept.
          if (parent === "r" && Number.isFinite(code) && (code < 0xe000 || code > 0xf8ff)) {
            addText(String.fromCodePoint(code));
          }
          break;
        }
        case "tbl":
          tables.push({ rows: [] });
          break;
        case "tr":
          tables[tables.length - 1]?.rows.push({ cells: [], before: 0 });
          break;
        case "gridBefore": {
          const rows = tables[tables.length - 1]?.rows;
          const row = rows?.[rows.length - 1];
          if (row && parent === "trPr") row.before = Number(a.val ?? 0) || 0;
          break;
        }
        case "tc": {
          const cell: Cell = { paragraphs: [], span: 1 };
          cells.push(cell);
          const rows = tables[tables.length - 1]?.rows;
          rows?.[rows.length - 1]?.cells.push(cell);
          break;
        }
        case "gridSpan": {
          const cell = cells[cells.length - 1];
          if (cell && parent === "tcPr") cell.span = Math.max(1, Number(a.val ?? 1) || 1);
          break;
        }
        case "vMerge": {
          const cell = cells[cells.length - 1];
          if (cell && parent === "tcPr") cell.vMerge = a.val === "restart" ? "restart" : "continue";
          break;
        }
      }
    },
    close(name) {
      stack.pop();
      if (skipDepth > 0) {
        skipDepth--;
        return;
      }
      switch (name) {
        case "p": {
          const p = paragraphs.pop();
          if (!p) break;
          const number = counter.next(p);
          const text = normaliseSpaces(p.parts.join(""));
          emitParagraph(text === "" && number.trim() === "" ? "" : `${number}${text}`.trim());
          break;
        }
        case "r":
          run = null;
          break;
        case "t":
          inText = false;
          break;
        case "tc":
          cells.pop();
          break;
        case "tbl": {
          const table = tables.pop();
          if (!table) break;
          const cell = cells[cells.length - 1];
          if (cell && tables.length > 0) {
            // A table inside a cell: its rows become text of that cell.
            for (const row of table.rows) {
              const text = row.cells
                .map((c) => c.paragraphs.filter((x) => x !== "").join(" "))
                .filter((x) => x !== "")
                .join(" ");
              if (text !== "") cell.paragraphs.push(text);
            }
          } else body.blocks.push({ kind: "table", table });
          break;
        }
      }
    },
    text(text) {
      if (skipDepth === 0 && inText) addText(text);
    },
  });
  return body;
}

/**
 * The grid of a table: one string per column, merged cells resolved. Grid columns where no cell
 * of any row starts (an editor's split of the grid that every row spans) are left out.
 */
function tableGrid(table: Table): string[][] {
  const grid: string[][] = [];
  const starts = new Set<number>();
  for (const row of table.rows) {
    const line: string[] = Array.from({ length: row.before }, () => "");
    for (const cell of row.cells) {
      const column = line.length;
      starts.add(column);
      let text = normaliseSpaces(cell.paragraphs.filter((p) => p !== "").join(" "));
      if (cell.vMerge === "continue") text = grid[grid.length - 1]?.[column] ?? "";
      line.push(text);
      for (let k = 1; k < cell.span; k++) line.push("");
    }
    grid.push(line);
  }
  return grid.map((line) => line.filter((_, column) => starts.has(column)));
}

function isLayoutTable(grid: string[][]): boolean {
  const columns = Math.max(0, ...grid.map((r) => r.filter((c) => c !== "").length));
  const width = Math.max(0, ...grid.map((r) => r.length));
  return width <= 1 || columns <= 1 || (width <= 2 && grid.length <= 4);
}

function toLines(body: Body): DocumentLine[] {
  const lines: DocumentLine[] = [];
  let tableNumber = 0;
  const push = (line: DocumentLine): void => {
    const last = lines[lines.length - 1];
    if (line.text === "" && (last === undefined || last.text === "")) return;
    lines.push(line);
  };
  for (const block of body.blocks) {
    if (block.kind === "paragraph") {
      push({ text: block.text });
      continue;
    }
    const rows = block.table.rows;
    const grid = tableGrid(block.table);
    if (isLayoutTable(grid)) {
      // Letterhead, signature block, a framed box: the cells' paragraphs as lines.
      for (const row of rows) {
        for (const cell of row.cells) {
          if (cell.vMerge === "continue") continue;
          for (const p of cell.paragraphs) push({ text: p });
        }
      }
      continue;
    }
    tableNumber++;
    grid.forEach((cells, i) => {
      const last = cells.reduce((end, c, k) => (c !== "" ? k + 1 : end), 0);
      if (last === 0) return;
      push({ text: cells.slice(0, last).join("\t"), table: tableNumber, row: i + 1 });
    });
  }
  while (lines.length > 0 && lines[lines.length - 1]?.text === "") lines.pop();
  return lines;
}

/* ---------------------------------------------------------------- package */

function relationshipTargets(xml: string | undefined, type: string): string[] {
  if (xml === undefined) return [];
  const targets: string[] = [];
  for (const m of xml.matchAll(/<(?:\w+:)?Relationship\b([^>]*)>/g)) {
    const attrs = m[1] ?? "";
    const typeAttr = /\bType="([^"]*)"/.exec(attrs)?.[1] ?? "";
    const target = /\bTarget="([^"]*)"/.exec(attrs)?.[1];
    if (target !== undefined && typeAttr.endsWith(`/${type}`)) targets.push(target);
  }
  return targets;
}

function resolvePart(from: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  return posix.normalize(posix.join(posix.dirname(from), target));
}

/**
 * The text form of a .docx plan. Throws PlanFileInvalid (Vietnamese message) for a file that is
 * not a .docx: not a zip, an old .doc or password-protected file, no word/document.xml, broken
 * XML, or a package over the zip limits.
 */
export async function docxToText(content: Buffer, file: string): Promise<DocumentText> {
  if (looksLikeOle(content)) refuse(file, "docx_protected");
  const wanted = new Set(["_rels/.rels"]);
  const rootParts = readZipParts(content, file, (name) => wanted.has(name), "docx_broken");
  if (!rootParts) refuse(file, "docx_not_zip");
  const rootRels = rootParts.get("_rels/.rels")?.toString("utf8");
  const main =
    relationshipTargets(rootRels, "officeDocument")
      .map((target) => resolvePart("", target))
      .find((name) => name.endsWith(".xml")) ?? "word/document.xml";
  const mainRels = posix.join(posix.dirname(main), "_rels", `${posix.basename(main)}.rels`);
  const first = readZipParts(
    content,
    file,
    (name) => name === main || name === mainRels,
    "docx_broken",
  );
  const documentXml = first?.get(main)?.toString("utf8");
  if (documentXml === undefined) refuse(file, "docx_no_document");
  const rels = first?.get(mainRels)?.toString("utf8");
  const numberingPart =
    relationshipTargets(rels, "numbering").map((t) => resolvePart(main, t))[0] ??
    "word/numbering.xml";
  const stylesPart =
    relationshipTargets(rels, "styles").map((t) => resolvePart(main, t))[0] ?? "word/styles.xml";
  const extra = readZipParts(
    content,
    file,
    (name) => name === numberingPart || name === stylesPart,
    "docx_broken",
  );
  try {
    const numbering = await readNumbering(extra?.get(numberingPart)?.toString("utf8"));
    const styles = await readStyles(extra?.get(stylesPart)?.toString("utf8"));
    const body = await walkDocument(documentXml, new ListCounter(numbering, styles));
    return { lines: toLines(body) };
  } catch (e) {
    const detail = e instanceof Error ? (e.message.split("\n")[0] ?? e.message) : String(e);
    return refuse(file, "docx_broken", { detail });
  }
}
