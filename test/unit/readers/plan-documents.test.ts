import { readFileSync } from "node:fs";
import { deflateRawSync } from "node:zlib";
import { strToU8, zipSync } from "fflate";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PlanFileInvalid, type PlanFileError } from "../../../src/domain/plan/types.js";
import { locateErrors } from "../../../src/readers/document-text.js";
import {
  MAX_DOCUMENT_BYTES,
  MAX_PDF_PAGES,
  MAX_TEXT_BYTES,
  MAX_ZIP_UNPACKED_BYTES,
  planFileLimit,
} from "../../../src/readers/file-limits.js";
import { readDocumentText, readPlanFile } from "../../../src/readers/read-plan-file.js";
import { decodeText, firstInvalidUtf8 } from "../../../src/readers/text-decode.js";
import { guardZip } from "../../../src/readers/zip.js";
import { readUnitsFile } from "../../../src/readers/units-file.js";
import {
  BODY_AND_APPENDIX,
  CENTRED_TABLE,
  OFFICE_PLAN,
  OFFICE_PLAN_TASKS,
  UNIT_HEADINGS,
  UNIT_HEADINGS_PDF,
} from "../../fixtures/plans/documents/layouts.js";
import {
  LIST,
  buildDocx,
  buildPdf,
  buildScannedPdf,
  buildTurnedPdf,
} from "../../helpers/plan-documents.js";
import { PDFDocument } from "pdf-lib";
import { refusal, said, shown } from "../../helpers/plan-errors.js";

const FIXTURES = new URL("../../fixtures/plans/documents/", import.meta.url);

async function invalid(run: () => Promise<unknown>): Promise<PlanFileInvalid> {
  try {
    await run();
  } catch (e) {
    if (e instanceof PlanFileInvalid) return e;
    throw e;
  }
  throw new Error("expected PlanFileInvalid");
}

async function message(content: Buffer | string, file: string): Promise<string> {
  const error = await invalid(() => readPlanFile(content, file));
  expect(error.errors).toHaveLength(1);
  return said(error.errors[0]?.message);
}

const SEED_TEXT = [
  "KẾ HOẠCH",
  "Thực hiện Đề án Văn hóa công vụ tỉnh Lam Sơn năm 2025",
  "",
  "I. MỤC ĐÍCH",
  "Xây dựng nền công vụ chuyên nghiệp, trách nhiệm.",
  "II. YÊU CẦU",
  "Bám sát nội dung Đề án.",
  "III. NỘI DUNG",
  "Thực hiện tốt văn hóa ứng xử nơi công sở.",
  "IV. TỔ CHỨC THỰC HIỆN",
  "1. Sở Nội vụ",
  "a) Tham mưu xây dựng bộ quy tắc ứng xử của cán bộ, công chức tỉnh.",
  "Thời gian hoàn thành: Quý II năm 2025",
  "b) Tổng hợp, báo cáo kết quả thực hiện kế hoạch.",
  "Thời gian hoàn thành: Trước ngày 15/12/2025",
  "2. Sở Thông tin và Truyền thông",
  "a) Tuyên truyền về văn hóa công vụ trên cổng thông tin điện tử tỉnh.",
  "Thời gian hoàn thành: Thường xuyên",
  "Nơi nhận:",
  "- Lưu: VT.",
].join("\n");

describe(".docx → plan text form", () => {
  it("writes Word's automatic numbering (I., 1., a), -) and typed numbering in front of each paragraph, tables as TAB rows", async () => {
    const text = await readDocumentText(buildDocx(BODY_AND_APPENDIX), "ke-hoach.docx");
    expect(text.split("\n")).toEqual([
      // The letterhead table (two columns, no task header) is written as lines.
      "ỦY BAN NHÂN DÂN",
      "TỈNH LAM SƠN",
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "Độc lập - Tự do - Hạnh phúc",
      "Số: 88/KH-UBND",
      "Lam Sơn, ngày 14 tháng 3 năm 2025",
      "",
      "KẾ HOẠCH",
      "Phổ biến, giáo dục pháp luật cho cán bộ cơ sở năm 2025",
      "",
      "I. MỤC ĐÍCH, YÊU CẦU",
      "Nâng cao hiểu biết pháp luật của đội ngũ cán bộ cấp xã.",
      "II. CĂN CỨ XÂY DỰNG KẾ HOẠCH",
      "Luật Phổ biến, giáo dục pháp luật năm 2012.",
      "III. NHIỆM VỤ",
      "1. Rà soát tài liệu bồi dưỡng",
      "- Rà soát, cập nhật bộ tài liệu bồi dưỡng kiến thức pháp luật cho cán bộ cấp xã.",
      "Đơn vị chủ trì: Sở Tư pháp.",
      "Đơn vị phối hợp: Sở Nội vụ, UBND các xã, phường.",
      "Thời gian thực hiện: Quý IV/2025.",
      "2. Tổ chức tập huấn",
      "a) Mở các lớp tập huấn trực tuyến về kỹ năng hòa giải ở cơ sở.",
      "Cơ quan chủ trì: Sở Tư pháp.",
      "Thời hạn hoàn thành: Tháng 9/2025.",
      "b) Biên soạn sổ tay hỏi đáp pháp luật cho cán bộ mới.",
      "Cơ quan chủ trì: Sở Nội vụ.",
      "Thời hạn hoàn thành: Tháng 11/2025.",
      "3. Kiểm tra, đánh giá (đánh số gõ tay)",
      "- Kiểm tra việc triển khai kế hoạch tại một số xã, phường.",
      "Đơn vị chủ trì: Sở Tư pháp.",
      "Thời gian thực hiện: Trước ngày 15/12/2025.",
      "IV. TỔ CHỨC THỰC HIỆN",
      "Các sở, ngành theo chức năng, nhiệm vụ triển khai kế hoạch này.",
      "",
      "PHỤ LỤC",
      "DANH MỤC NHIỆM VỤ NĂM 2025",
      "STT\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian hoàn thành",
      // A group row: the merged cell's text, the covered columns dropped at the end of the row.
      "I\tNhóm nhiệm vụ về tài liệu",
      // A cell over two paragraphs is one cell; vertically merged cells repeat in each row.
      "1\tRà soát bộ tài liệu bồi dưỡng (bản điện tử và bản in)\tSở Tư pháp\tSở Nội vụ\tQuý IV/2025",
      "2\tBiên soạn sổ tay hỏi đáp pháp luật\tSở Tư pháp\tCác sở, ngành\tQuý IV/2025",
      "II\tNhóm nhiệm vụ về tập huấn",
      // An empty cell in the middle keeps the columns in place.
      "3\tMở lớp tập huấn kỹ năng hòa giải\tSở Tư pháp\t\tTháng 9/2025",
      "Nơi nhận:",
      "- Như trên;",
      "- Lưu: VT.",
      "TM. ỦY BAN NHÂN DÂN",
      "CHỦ TỊCH",
      "Nguyễn Văn Mẫu",
    ]);
  });

  it("keeps what a reader sees and leaves out what Word hides", async () => {
    const docx = buildDocx([
      {
        kind: "raw",
        xml: [
          // Runs split by formatting, a tab and a line break inside one paragraph.
          `<w:p><w:r><w:t>Kế </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>hoạch</w:t></w:r><w:r><w:tab/><w:t>số</w:t><w:br/><w:t>12</w:t></w:r></w:p>`,
          // Tracked deletion, hidden text, a field code with its shown result.
          `<w:p><w:r><w:t xml:space="preserve">Thời hạn: </w:t></w:r><w:del w:id="1" w:author="A"><w:r><w:delText>Quý I</w:delText></w:r></w:del><w:ins w:id="2" w:author="A"><w:r><w:t>Quý II</w:t></w:r></w:ins><w:r><w:rPr><w:vanish/></w:rPr><w:t> (ghi chú ẩn)</w:t></w:r><w:moveFrom w:id="3" w:author="A"><w:r><w:t> (đoạn đã chuyển đi)</w:t></w:r></w:moveFrom></w:p>`,
          `<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>Trang 7</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>`,
          // Text typed in lower case and shown in capitals.
          `<w:p><w:r><w:rPr><w:caps/></w:rPr><w:t>tổ chức thực hiện</w:t></w:r></w:p>`,
          // A drawing's text box has a fallback copy: read once.
          `<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>Dự thảo</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>Dự thảo</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>Văn bản</w:t></w:r></w:p>`,
        ].join(""),
      },
    ]);
    expect((await readDocumentText(docx, "x.docx")).split("\n")).toEqual([
      "Kế hoạch số 12",
      "Thời hạn: Quý II",
      "Trang 7",
      "TỔ CHỨC THỰC HIỆN",
      "Dự thảo",
      "Văn bản",
    ]);
  });

  it("numbers lists as Word does: levels reset under a new parent, a restarted list, numbering from a style", async () => {
    const docx = buildDocx([
      { text: "Một", list: { id: LIST.outline, level: 0 } },
      { text: "Một một", list: { id: LIST.outline, level: 1 } },
      { text: "Một hai", list: { id: LIST.outline, level: 1 } },
      { text: "Ý a", list: { id: LIST.outline, level: 2 } },
      { text: "Hai", list: { id: LIST.outline, level: 0 } },
      { text: "Hai một", list: { id: LIST.outline, level: 1 } },
      { text: "Danh sách mới", list: { id: LIST.restart, level: 1 } },
      { text: "Gạch đầu dòng theo kiểu đoạn", style: "ListDash" },
      { text: "Ý phụ", list: { id: LIST.dash, level: 1 } },
    ]);
    expect((await readDocumentText(docx, "x.docx")).split("\n")).toEqual([
      "I. Một",
      "1. Một một",
      "2. Một hai",
      "a) Ý a",
      "II. Hai",
      "1. Hai một",
      "1. Danh sách mới",
      "- Gạch đầu dòng theo kiểu đoạn",
      "+ Ý phụ",
    ]);
  });

  it("writes an STT column that Word numbers, and a row that starts after skipped grid columns", async () => {
    const docx = buildDocx([
      {
        kind: "table",
        rows: [
          ["STT", "Nhiệm vụ", "Chủ trì", "Thời hạn"],
          [
            { paragraphs: [""], list: { id: LIST.outline, level: 1 } },
            "Lập danh mục",
            "Sở Tư pháp",
            "Tháng 5/2025",
          ],
          [
            { paragraphs: [""], list: { id: LIST.outline, level: 1 } },
            "Báo cáo kết quả",
            "Sở Nội vụ",
            "Tháng 12/2025",
          ],
        ],
      },
    ]);
    expect((await readDocumentText(docx, "x.docx")).split("\n")).toEqual([
      "STT\tNhiệm vụ\tChủ trì\tThời hạn",
      "1.\tLập danh mục\tSở Tư pháp\tTháng 5/2025",
      "2.\tBáo cáo kết quả\tSở Nội vụ\tTháng 12/2025",
    ]);
  });

  it("reads the seed-like plan (unit headings, lettered tasks) end to end", async () => {
    const docx = buildDocx(UNIT_HEADINGS);
    expect(await readDocumentText(docx, "ke-hoach.docx")).toBe(SEED_TEXT);
    const parsed = await readPlanFile(docx, "ke-hoach.docx");
    expect(parsed.plan.title).toBe(
      "KẾ HOẠCH Thực hiện Đề án Văn hóa công vụ tỉnh Lam Sơn năm 2025",
    );
    expect(parsed.tasks.map((t) => [t.ref, t.unit, t.deadlineText])).toEqual([
      ["IV.1.a", "Sở Nội vụ", "Quý II năm 2025"],
      ["IV.1.b", "Sở Nội vụ", "Trước ngày 15/12/2025"],
      ["IV.2.a", "Sở Thông tin và Truyền thông", "Thường xuyên"],
    ]);
    expect(parsed.tasks[0]?.deadline).toEqual({ kind: "once", due: "2025-06-30" });
  });

  it("reads the tasks under III. NHIỆM VỤ with their labelled lines", async () => {
    const parsed = await readPlanFile(buildDocx(BODY_AND_APPENDIX), "ke-hoach.docx");
    expect(parsed.tasks.map((t) => [t.unit, t.deadlineText])).toEqual(
      expect.arrayContaining([
        ["Sở Tư pháp", expect.stringMatching(/^Quý IV\/2025/u)],
        ["Sở Nội vụ", expect.stringMatching(/^Tháng 11\/2025/u)],
        ["Sở Tư pháp", expect.stringMatching(/^Trước ngày 15\/12\/2025/u)],
      ]),
    );
  });
});

describe("problems on table rows and PDF pages are told where a reader finds them", () => {
  it("names the table and row, or the page, instead of the text-form line", () => {
    const doc = {
      lines: [
        { text: "KẾ HOẠCH" },
        { text: "STT\tNội dung", table: 2, row: 1 },
        { text: "5\tViệc", table: 2, row: 5 },
        { text: "a) Việc", page: 3 },
      ],
    };
    const errors: PlanFileError[] = [1, 3, 4].map((line) => ({
      file: "k.docx",
      line,
      message: "x",
    }));
    expect(locateErrors(doc, errors)).toEqual([
      { file: "k.docx", line: 1, message: "x" },
      { file: "k.docx", sheet: "bảng 2, hàng 5", message: "x" },
      { file: "k.docx", sheet: "trang 3", message: "x" },
    ]);
    const lines = shown(new PlanFileInvalid(locateErrors(doc, errors))).split("\n");
    expect(lines).toContain("k.docx, bảng 2, hàng 5: x");
  });
});

describe("a warning on an appendix row names the table and row", () => {
  it("a task row without a time is imported, with a warning at “bảng 1, hàng 3”", async () => {
    const docx = buildDocx([
      { text: "KẾ HOẠCH", bold: true },
      { text: "Triển khai số hóa hồ sơ lưu trữ năm 2025", bold: true },
      { text: "" },
      { text: "PHỤ LỤC" },
      {
        kind: "table",
        rows: [
          [
            "STT",
            "Nội dung nhiệm vụ",
            "Cơ quan chủ trì",
            "Cơ quan phối hợp",
            "Thời gian hoàn thành",
          ],
          [
            "1",
            "Số hóa hồ sơ lưu trữ lịch sử của tỉnh",
            "Sở Nội vụ",
            "Các sở, ngành",
            "Tháng 10/2025",
          ],
          ["2", "Xây dựng quy chế khai thác tài liệu số", "Sở Nội vụ", "Sở Tư pháp", ""],
        ],
      },
    ]);
    const parsed = await readPlanFile(docx, "so-hoa.docx");
    expect(parsed.tasks).toHaveLength(2);
    const undated = parsed.warnings.filter((w) => said(w.message).includes("chưa có thời hạn"));
    expect(undated).toEqual([
      expect.objectContaining({ file: "so-hoa.docx", sheet: "bảng 1, hàng 3" }),
    ]);
    expect(undated[0]?.line).toBeUndefined();
  });
});

describe("text PDF → plan text form", () => {
  it("rebuilds lines, joins wrapped lines, drops page numbers and running headers, rebuilds the table", async () => {
    const pdf = await buildPdf(UNIT_HEADINGS_PDF, { header: "Kế hoạch số 88/KH-UBND" });
    const lines = (await readDocumentText(pdf, "ke-hoach.pdf")).split("\n");
    expect(lines).toEqual([
      "KẾ HOẠCH",
      "Thực hiện Đề án Văn hóa công vụ tỉnh Lam Sơn năm 2025",
      "",
      "I. MỤC ĐÍCH",
      "Xây dựng nền công vụ chuyên nghiệp, trách nhiệm, minh bạch và hiệu quả, phục vụ người dân và doanh nghiệp ngày càng tốt hơn trên mọi lĩnh vực quản lý nhà nước của tỉnh.",
      "II. TỔ CHỨC THỰC HIỆN",
      "1. Sở Nội vụ",
      "a) Tham mưu xây dựng bộ quy tắc ứng xử của cán bộ, công chức, viên chức trong các cơ quan hành chính nhà nước của tỉnh, trình Ủy ban nhân dân tỉnh ban hành.",
      "Thời gian hoàn thành: Quý II năm 2025",
      "b) Tổng hợp, báo cáo kết quả thực hiện kế hoạch.",
      "Thời gian hoàn thành: Trước ngày 15/12/2025",
      "2. Sở Thông tin và Truyền thông",
      "a) Tuyên truyền về văn hóa công vụ trên cổng thông tin điện tử tỉnh.",
      "Thời gian hoàn thành: Thường xuyên",
      "",
      "PHỤ LỤC",
      "STT\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian hoàn thành",
      "I\tNhóm nhiệm vụ về thể chế",
      "1\tXây dựng bộ quy tắc ứng xử của cán bộ, công chức, viên chức trong các cơ quan hành chính nhà nước\tSở Nội vụ\tCác sở, ban, ngành\tQuý II năm 2025",
      "2\tTuyên truyền về văn hóa công vụ\tSở Thông tin và Truyền thông\tSở Nội vụ\tThường xuyên",
    ]);
  });

  it("keeps a table going over a page break, one row per task with the cells in order", async () => {
    const rows = Array.from({ length: 24 }, (_, i) => [
      String(i + 1),
      `Nhiệm vụ số ${i + 1} về rà soát, cập nhật và công khai thủ tục hành chính thuộc lĩnh vực được giao`,
      i % 2 === 0 ? "Sở Tư pháp" : "Văn phòng UBND tỉnh",
      `Tháng ${(i % 12) + 1}/2025`,
    ]);
    const pdf = await buildPdf([
      { text: "DANH MỤC NHIỆM VỤ", bold: true, center: true },
      {
        kind: "table",
        widths: [35, 250, 100, 70],
        rows: [["STT", "Nội dung", "Chủ trì", "Thời hạn"], ...rows],
      },
    ]);
    const lines = (await readDocumentText(pdf, "x.pdf")).split("\n");
    expect(lines).toEqual([
      "DANH MỤC NHIỆM VỤ",
      "STT\tNội dung\tChủ trì\tThời hạn",
      ...rows.map((r) => r.join("\t")),
    ]);
  });

  it("reads a page turned to landscape (/Rotate) as it is shown", async () => {
    const lines = [
      "PHỤ LỤC: DANH MỤC NHIỆM VỤ NĂM 2025.",
      "Trang này được xoay ngang khi in ra tệp PDF.",
      "Chữ vẫn đọc được theo đúng chiều hiển thị.",
    ];
    expect(await readDocumentText(await buildTurnedPdf(lines), "x.pdf")).toBe(lines.join("\n"));
  });

  it("reads the seed-like PDF end to end", async () => {
    const pdf = await buildPdf(UNIT_HEADINGS_PDF, { header: "Kế hoạch số 88/KH-UBND" });
    const parsed = await readPlanFile(pdf, "ke-hoach.pdf");
    expect(parsed.tasks.map((t) => [t.ref, t.unit, t.deadlineText])).toEqual(
      expect.arrayContaining([
        ["II.1.a", "Sở Nội vụ", "Quý II năm 2025"],
        ["II.1.b", "Sở Nội vụ", "Trước ngày 15/12/2025"],
        ["II.2.a", "Sở Thông tin và Truyền thông", "Thường xuyên"],
      ]),
    );
  });
});

describe("files written by an office suite (LibreOffice 7.4, committed)", () => {
  const rows = [...OFFICE_PLAN_TASKS, ...OFFICE_PLAN_TASKS, ...OFFICE_PLAN_TASKS].map(
    (t, i) => `${i + 1}\t${t.task}\t${t.lead}\t${t.partners}\t${t.time}`,
  );

  it("a .docx re-saved by LibreOffice reads exactly like the one it came from", async () => {
    const saved = readFileSync(new URL("ke-hoach-libreoffice.docx", FIXTURES));
    const original = buildDocx(OFFICE_PLAN, { pageNumbers: true });
    const text = await readDocumentText(saved, "ke-hoach.docx");
    expect(text).toBe(await readDocumentText(original, "ke-hoach.docx"));
    expect(text.split("\n")).toEqual(
      expect.arrayContaining([
        "STT\tNội dung nhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tThời hạn",
        ...rows,
      ]),
    );
  });

  it("its PDF export: justified paragraphs joined, page numbers gone, the two-page table row by row", async () => {
    const pdf = readFileSync(new URL("ke-hoach-libreoffice.pdf", FIXTURES));
    const lines = (await readDocumentText(pdf, "ke-hoach.pdf")).split("\n");
    const tasks = OFFICE_PLAN_TASKS.flatMap((t, i) => [
      `${i + 1}. Nhiệm vụ thứ ${i + 1}`,
      `- ${t.task}`,
      `Đơn vị chủ trì: ${t.lead}.`,
      `Đơn vị phối hợp: ${t.partners}.`,
      `Thời gian thực hiện: ${t.time}.`,
    ]);
    const start = lines.indexOf("II. NHIỆM VỤ");
    expect(lines.slice(start + 1, start + 1 + tasks.length)).toEqual(tasks);
    const header = lines.indexOf(
      "STT\tNội dung nhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tThời hạn",
    );
    expect(header).toBeGreaterThan(start);
    expect(lines.slice(header + 1)).toEqual(rows);
    expect(lines.filter((l) => /^\d+$/u.test(l))).toEqual([]);
  });
});

describe("PDF tables: rows from the table's borders, or from the STT column without them", () => {
  it("cells centred vertically: the PDF reads like the .docx it was exported from", async () => {
    const pdf = readFileSync(new URL("bang-can-giua-libreoffice.pdf", FIXTURES));
    const fromPdf = await readDocumentText(pdf, "bang.pdf");
    const fromDocx = await readDocumentText(buildDocx(CENTRED_TABLE), "bang.docx");
    expect(fromPdf).toBe(fromDocx);
    expect(fromPdf.split("\n")).toContain("II. NHÓM NHIỆM VỤ VỀ NGUỒN NHÂN LỰC");
  });

  it("cells merged down over several rows are repeated in each, as from the .docx", async () => {
    const pdf = readFileSync(new URL("ke-hoach-phu-luc-libreoffice.pdf", FIXTURES));
    const fromPdf = (await readDocumentText(pdf, "k.pdf")).split("\n");
    const fromDocx = (await readDocumentText(buildDocx(BODY_AND_APPENDIX), "k.docx")).split("\n");
    const table = (lines: string[]): string[] => lines.filter((l) => l.includes("\t"));
    expect(table(fromPdf)).toEqual(table(fromDocx));
    expect(table(fromPdf)).toContain(
      "2\tBiên soạn sổ tay hỏi đáp pháp luật\tSở Tư pháp\tCác sở, ngành\tQuý IV/2025",
    );
  });

  it("a table drawn without borders: a new row where the STT column has a number", async () => {
    const rows = OFFICE_PLAN_TASKS.map((t, i) => [String(i + 1), t.task, t.lead, t.time]);
    const pdf = await buildPdf([
      {
        kind: "table",
        borders: false,
        widths: [35, 250, 100, 70],
        rows: [["STT", "Nội dung", "Chủ trì", "Thời hạn"], ...rows],
      },
    ]);
    const lines = (await readDocumentText(pdf, "x.pdf")).split("\n");
    expect(lines).toEqual(["STT\tNội dung\tChủ trì\tThời hạn", ...rows.map((r) => r.join("\t"))]);
  });
});

describe("bad documents are refused with a message that names the problem", () => {
  it("a .docx that is not a zip", async () => {
    expect(await message(Buffer.from("Kế hoạch gõ trong Notepad"), "ke-hoach.docx")).toMatch(
      /không phải tệp Word \.docx hợp lệ/u,
    );
  });

  it("a zip without word/document.xml", async () => {
    const zip = Buffer.from(zipSync({ "ghi-chu.txt": strToU8("không phải Word") }));
    expect(await message(zip, "ke-hoach.docx")).toMatch(/word\/document\.xml/u);
  });

  it("an old .doc, or a .docx that is really a .doc or password-protected", async () => {
    expect(await message(Buffer.from("x"), "ke-hoach.doc")).toMatch(/Lưu thành.*\.docx/u);
    const ole = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.alloc(504),
    ]);
    expect(await message(ole, "ke-hoach.docx")).toMatch(/mật khẩu/u);
  });

  it("a .docx whose content part is broken XML", async () => {
    const docx = buildDocx([], {
      parts: { "word/document.xml": "<w:document><w:body><w:p></w:body>" },
    });
    expect(await message(docx, "ke-hoach.docx")).toMatch(/bị hỏng/u);
  });

  it("an empty file, and a .docx with no text", async () => {
    expect(await message(Buffer.alloc(0), "ke-hoach.docx")).toMatch(/Tệp rỗng/u);
    expect(await message(buildDocx([{ text: "" }]), "ke-hoach.docx")).toBe(
      "Tệp Word không có chữ nào.",
    );
  });

  it("a scanned PDF with no text layer: says so and suggests the .docx", async () => {
    expect(await message(await buildScannedPdf(), "ke-hoach.pdf")).toMatch(
      /không có lớp chữ.*bản quét.*\.docx/u,
    );
  });

  it("a password-protected PDF", async () => {
    const pdf = readFileSync(new URL("co-mat-khau.pdf", FIXTURES));
    expect(await message(pdf, "ke-hoach.pdf")).toMatch(/PDF có đặt mật khẩu/u);
  });

  it("a file named .pdf that is not a PDF, and a damaged PDF", async () => {
    expect(await message(Buffer.from("hello"), "ke-hoach.pdf")).toMatch(/không phải PDF hợp lệ/u);
    expect(await message(Buffer.from("%PDF-1.7\n1 0 obj\n<<"), "ke-hoach.pdf")).toMatch(
      /không phải PDF hợp lệ hoặc bị hỏng/u,
    );
  });

  it("a PDF over the page limit", async () => {
    const doc = await PDFDocument.create();
    for (let i = 0; i <= MAX_PDF_PAGES; i++) doc.addPage([200, 200]);
    const pdf = Buffer.from(await doc.save());
    expect(await message(pdf, "ke-hoach.pdf")).toContain(`${MAX_PDF_PAGES + 1} trang`);
  });

  it("tells a caller the limit for a file name before it downloads the file", () => {
    expect(planFileLimit("Kế hoạch.DOCX")).toBe(MAX_DOCUMENT_BYTES);
    expect(planFileLimit("ke-hoach.pdf")).toBe(MAX_DOCUMENT_BYTES);
    expect(planFileLimit("ke-hoach.csv")).toBe(MAX_TEXT_BYTES);
    expect(MAX_TEXT_BYTES).toBeLessThan(MAX_DOCUMENT_BYTES);
  });

  it("files over the size limits, before anything reads them", async () => {
    expect(MAX_DOCUMENT_BYTES).toBe(10 * 1024 * 1024);
    const big = Buffer.alloc(MAX_DOCUMENT_BYTES + 1, 0x20);
    expect(await message(big, "ke-hoach.docx")).toMatch(/Tệp quá lớn \(10 MB\).*tối đa 10 MB/u);
    expect(await message(big, "ke-hoach.pdf")).toMatch(/tối đa 10 MB/u);
    expect(await message(big, "ke-hoach.xlsx")).toMatch(/tối đa 10 MB/u);
    const csv = Buffer.alloc(MAX_TEXT_BYTES + 1, 0x41);
    expect(await message(csv, "ke-hoach.csv")).toMatch(/tối đa 5 MB/u);
  });
});

/**
 * A one-part zip whose central directory declares `declared` bytes for a part of `actual` zero
 * bytes (deflated by zlib: 60 MB of zeros pack into about 60 KB).
 */
const deflated = new Map<number, Buffer>();

function lyingZip(name: string, actual: number, declared: number): Buffer {
  const data = deflated.get(actual) ?? deflateRawSync(Buffer.alloc(actual), { level: 9 });
  deflated.set(actual, data);
  const nameBytes = Buffer.from(name, "utf8");
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(declared, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(declared, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  const dirOffset = local.length + nameBytes.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + nameBytes.length, 12);
  end.writeUInt32LE(dirOffset, 16);
  return Buffer.concat([local, nameBytes, data, central, nameBytes, end]);
}

describe("zip bombs and floods of parts are refused before they fill memory", () => {
  const BOMB = MAX_ZIP_UNPACKED_BYTES + 10 * 1024 * 1024;

  it("a part that unpacks past the cap while its header claims little", () => {
    const zip = lyingZip("xl/worksheets/sheet1.xml", 50_000, 10);
    expect(
      refusal(() => guardZip(zip, "x.xlsx", { maxEntries: 10, maxUnpackedBytes: 20_000 })),
    ).toMatch(/giải ra vượt/u);
    expect(guardZip(zip, "x.xlsx", { maxEntries: 10, maxUnpackedBytes: 60_000 })).toBe(true);
  });

  it("an .xlsx bomb through readPlanFile (declared and lying sizes)", async () => {
    const honest = lyingZip("xl/worksheets/sheet1.xml", 1000, BOMB);
    expect(await message(honest, "bom.xlsx")).toMatch(/bom nén/u);
    const lying = lyingZip("xl/worksheets/sheet1.xml", BOMB, 1000);
    expect(lying.length).toBeLessThan(1024 * 1024);
    expect(await message(lying, "bom.xlsx")).toMatch(/bom nén/u);
  });

  it("a .docx whose document.xml is a bomb", async () => {
    const docx = lyingZip("word/document.xml", BOMB, 1000);
    expect(await message(docx, "bom.docx")).toMatch(/bom nén/u);
  });

  it("too many parts", async () => {
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i < 2001; i++) files[`p/${i}.xml`] = new Uint8Array(0);
    const zip = Buffer.from(zipSync(files));
    expect(await message(zip, "x.xlsx")).toMatch(/2001 phần, vượt giới hạn 2000/u);
  });
});

describe("text files: encodings", () => {
  const seed = SEED_TEXT;

  it("decodes UTF-16 with a BOM (little and big endian) and UTF-16LE without one", async () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(seed, "utf16le")]);
    const be = Buffer.from(le);
    be.swap16();
    expect(decodeText(le, "k.txt")).toBe(seed);
    expect(decodeText(be, "k.txt")).toBe(seed);
    expect(decodeText(Buffer.from(seed, "utf16le"), "k.txt")).toBe(seed);
    const parsed = await readPlanFile(le, "ke-hoach.txt");
    expect(parsed.tasks).toHaveLength(3);
  });

  it("finds the first byte that is not UTF-8 exactly where a strict decoder fails", () => {
    const strict = new TextDecoder("utf-8", { fatal: true });
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 64 }),
        fc.string({ unit: "grapheme" }),
        (raw, text) => {
          const bytes = Buffer.concat([Buffer.from(text, "utf8"), raw]);
          const bad = firstInvalidUtf8(bytes);
          let valid = true;
          try {
            strict.decode(bytes);
          } catch {
            valid = false;
          }
          expect(bad === -1).toBe(valid);
          if (bad >= 0) {
            expect(() => strict.decode(bytes.subarray(0, bad))).not.toThrow();
            expect(bad).toBeGreaterThanOrEqual(Buffer.byteLength(text, "utf8"));
          }
        },
      ),
    );
  });

  it("refuses bytes that are not UTF-8 (TCVN3, VNI, Windows-1258), naming the first bad line", async () => {
    // "Tập huấn" typed in a legacy 8-bit code page.
    const bytes = Buffer.concat([
      Buffer.from("KẾ HOẠCH\nIV. TỔ CHỨC THỰC HIỆN\n", "utf8"),
      Buffer.from([0x54, 0xb9, 0x70, 0x20, 0x68, 0x75, 0xcb, 0x6e, 0x0a]),
    ]);
    const text = await message(bytes, "ke-hoach.txt");
    expect(text).toMatch(/^Dòng 3 có ký tự không đọc được theo bảng mã UTF-8/u);
    expect(text).toMatch(/lưu lại với bảng mã UTF-8/u);
    const error = await invalid(() => readPlanFile(bytes, "ke-hoach.csv"));
    expect(error.errors[0]?.line).toBe(3);
    expect(shown(error)).toMatch(/^ke-hoach\.csv:3: /u);
  });

  it("refuses text from a legacy font converted with the wrong code page", async () => {
    const garbled = "KÕ ho¹ch\nTæ chøc thùc hiÖn kÕ ho¹ch n¨m 2025\nSë Néi vô\n";
    expect(await message(Buffer.from(garbled, "utf8"), "k.txt")).toMatch(/phông cũ \(TCVN3/u);
    const doubled = Buffer.from(
      Buffer.from("Kế hoạch thực hiện nhiệm vụ", "utf8").toString("latin1"),
      "utf8",
    );
    expect(await message(doubled, "k.txt")).toMatch(/^Dòng 1 có chữ bị mã hóa hai lần/u);
  });

  it("refuses a .docx typed with a legacy font (.VnTime), whose letters are stored as Western ones", async () => {
    const docx = buildDocx([
      { text: "KÕ ho¹ch" },
      { text: "Tæ chøc thùc hiÖn kÕ ho¹ch n¨m 2025" },
      { text: "Së Néi vô chñ tr×" },
    ]);
    expect(await message(docx, "ke-hoach.docx")).toMatch(
      /^Tệp Word được gõ bằng phông chữ cũ \(TCVN3 \.VnTime hoặc VNI\).*“Tæ chøc thùc hiÖn/u,
    );
  });

  it("names a binary file given as .txt for what it is", async () => {
    const pdf = await buildPdf([{ text: "KẾ HOẠCH" }]);
    expect(await message(pdf, "ke-hoach.txt")).toMatch(
      /đây là tệp PDF\. Hãy gửi tệp với đuôi \.pdf/u,
    );
    expect(await message(buildDocx(UNIT_HEADINGS), "ke-hoach.txt")).toMatch(/tệp nén/u);
    expect(
      await message(Buffer.from([0x4b, 0x00, 0x01, 0x02, 0x03, 0x00, 0x41]), "ke-hoach.txt"),
    ).toMatch(/tệp nhị phân/u);
  });
});

describe("hostile YAML and oversized unit lists", () => {
  it("refuses a YAML alias bomb with a message instead of a stack trace", async () => {
    const levels = ["a: &a [x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array.from({ length: 9 }, () => `*${prev}`).join(", ")}]`);
    }
    expect(await message(levels.join("\n"), "bom.yaml")).toMatch(/bí danh YAML/u);
  });

  it("refuses a units file over the size limit", () => {
    const big = Buffer.alloc(MAX_TEXT_BYTES + 1, 0x41);
    expect(refusal(() => readUnitsFile(big, "don-vi.csv"))).toMatch(/Tệp quá lớn.*tối đa 5 MB/u);
  });
});
