import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { IncomingFile } from "../../src/core/messages.js";
import type { Database } from "../../src/db/client.js";
import type { Unit } from "../../src/domain/units/types.js";
import { fixedClock } from "../../src/clock.js";
import { importUnits } from "../../src/services/units.js";
import { chatHarness } from "../helpers/chat.js";
import { testDatabases } from "../helpers/db.js";
import { person } from "../helpers/plan-fixture.js";
import { buildDocx, buildScannedPdf } from "../helpers/plan-documents.js";
import { projectRoot } from "../helpers/process.js";

const START = new Date("2026-03-02T02:00:00Z");
const PLAN = "vhcv-song-xanh-2026";
const fixture = (name: string) => readFile(`${projectRoot}/test/fixtures/plans/import/${name}`);

const UNITS: Unit[] = [
  { code: "SNV", name: "Sở Nội vụ", kind: "department", aliases: [], active: true },
  {
    code: "SKHCN",
    name: "Sở Khoa học và Công nghệ",
    kind: "department",
    aliases: [],
    active: true,
  },
];

describe.each(testDatabases())("plan import by file in a chat on $name", ({ open }) => {
  let db: Database;
  const clock = fixedClock(START);
  const downloads: IncomingFile[] = [];
  let files: Record<string, Buffer> = {};
  let harness: Awaited<ReturnType<typeof chatHarness>>;
  let n = 0;

  beforeAll(async () => {
    db = await open();
    await importUnits(db.prisma, UNITS, { actor: "test", now: START });
    harness = await chatHarness(db, clock, undefined, {
      downloadFile: async (_channel, file) => {
        downloads.push(file);
        const content = files[file.id];
        if (!content) throw new Error("no such file");
        return content;
      },
    });
    files = {
      plan: await fixture("ke-hoach-song-xanh-2026.txt"),
      bad: await fixture("ke-hoach-khong-doc-duoc.txt"),
      // The same plan as the secretariat drafts it in Word, in our own words.
      docx: buildDocx(
        (await fixture("ke-hoach-song-xanh-2026.txt"))
          .toString("utf8")
          .split(/\n+/)
          .filter((line) => line.trim() !== "")
          .map((text) => ({ text })),
      ),
      scanned: await buildScannedPdf(),
      // A plan for district-level bodies, sent to a province registered with departments only.
      districts: Buffer.from(
        [
          "KẾ HOẠCH",
          "Rà soát nội quy tiếp dân tỉnh Sông Xanh năm 2026",
          "",
          "IV. TỔ CHỨC THỰC HIỆN",
          "",
          "1. UBND các huyện, thành phố",
          "",
          "a) Rà soát nội quy tiếp công dân tại trụ sở.",
          "",
          "Thời gian hoàn thành: Quý III năm 2026.",
          "",
        ].join("\n"),
        "utf8",
      ),
    };
  }, 120_000);
  afterAll(async () => {
    await db?.close();
  });
  beforeEach(async () => {
    clock.set(START);
    downloads.length = 0;
    // Each test starts with no plan and no pending preview.
    await db.prisma.plan.deleteMany();
    await db.prisma.conversation.deleteMany();
    await db.prisma.outbox.deleteMany();
    await db.prisma.auditLog.deleteMany();
    await db.prisma.unit.deleteMany({ where: { code: { notIn: ["SNV", "SKHCN"] } } });
  });

  async function admin(channel: "telegram" | "zalo" = "telegram") {
    n += 1;
    const id = `admin-${n}`;
    await person(db, { id, role: "admin", channel });
    return { id, channel };
  }

  function sendFile(
    who: { id: string; channel?: "telegram" | "zalo"; chatId?: string; chatKind?: "group" },
    name: string,
    id = "plan",
  ) {
    const before = harness.sent.length;
    return harness
      .router(harness.incoming(who, "", { file: { id, name, size: files[id]?.length ?? 0 } }))
      .then(() => harness.sent.slice(before));
  }

  async function pressButton(who: { id: string }, data: string) {
    const before = harness.sent.length;
    await harness.router(harness.incoming(who, "", { callbackData: data }));
    return harness.sent.slice(before).map((s) => s.message.text);
  }

  async function importedMessages() {
    const rows = await db.prisma.outbox.findMany({
      where: { purpose: { startsWith: "plan-import:" } },
    });
    return rows.map((row) => (row.payload as { text: string }).text);
  }

  it("an admin's file gets a preview with the two buttons, and the plan is imported only on confirmation", async () => {
    const who = await admin();
    const [preview] = await sendFile(who, "ke-hoach-song-xanh-2026.txt");
    expect(downloads).toHaveLength(1);
    const text = preview?.message.text ?? "";
    expect(text).toContain(`(mã ${PLAN})`);
    expect(text).toContain("Sở Nội vụ: 2 nhiệm vụ");
    expect(text).toContain("IV.1.a — Sở Nội vụ — 30/06/2026");
    expect(text).toContain("IV.1.b — Sở Nội vụ — chưa có thời hạn (“Theo kế hoạch riêng”)");
    expect(text).toContain("sẽ được đăng ký khi nhập: BXTDTSX (Ban Xúc tiến Đầu tư Sông Xanh");
    expect(preview?.message.buttons).toEqual([
      [
        { label: "Nhập kế hoạch", data: "pi:ok" },
        { label: "Hủy", data: "pi:no" },
      ],
    ]);
    expect(await db.prisma.plan.count()).toBe(0);

    clock.set(new Date(START.getTime() + 14 * 60_000));
    expect(await pressButton(who, "pi:ok")).toEqual([]);
    const plan = await db.prisma.plan.findUniqueOrThrow({
      where: { code: PLAN },
      include: { tasks: { orderBy: { position: "asc" } } },
    });
    expect(plan.tasks.map((t) => [t.ref, t.deadline])).toEqual([
      ["IV.1.a", { kind: "once", due: "2026-06-30" }],
      ["IV.1.b", null],
      ["IV.2.a", { kind: "once", due: "2026-09-30" }],
      ["IV.3.a", { kind: "ongoing" }],
    ]);
    expect(await db.prisma.unit.findUnique({ where: { code: "BXTDTSX" } })).toMatchObject({
      name: "Ban Xúc tiến Đầu tư Sông Xanh",
      kind: "department",
    });
    const [done] = await importedMessages();
    expect(done).toContain(`Đã nhập kế hoạch “`);
    expect(done).toContain("4 nhiệm vụ");
    // A second press finds nothing to confirm: one import, one message.
    expect(await pressButton(who, "pi:ok")).toEqual([
      expect.stringContaining("Không có kế hoạch nào đang chờ xác nhận"),
    ]);
    expect(await importedMessages()).toHaveLength(1);
  });

  it("a double tap (button and /xacnhan at once) imports once and says so once", async () => {
    const who = await admin();
    await sendFile(who, "ke-hoach-song-xanh-2026.txt");
    // Read what was sent once both are done: each one's own slice of `sent` would also hold a
    // reply the other sent meanwhile, and count it twice.
    const before = harness.sent.length;
    await Promise.all([pressButton(who, "pi:ok"), harness.say(who, "/xacnhan")]);
    expect(harness.sent.slice(before).map((s) => s.message.text)).toEqual([
      expect.stringContaining("Không có kế hoạch nào đang chờ xác nhận"),
    ]);
    expect(await importedMessages()).toHaveLength(1);
    expect(
      await db.prisma.auditLog.count({ where: { action: "plan.import", subject: PLAN } }),
    ).toBe(1);
  });

  it("without buttons (Zalo) the preview asks for /xacnhan, which imports", async () => {
    const who = await admin("zalo");
    const [preview] = await sendFile(who, "ke-hoach-song-xanh-2026.txt");
    expect(preview?.message.buttons).toBeUndefined();
    expect(preview?.message.text).toContain("Gõ /xacnhan trong 15 phút");
    expect(await harness.say(who, "/xacnhan")).toEqual([]);
    expect(await db.prisma.task.count({ where: { plan: { code: PLAN } } })).toBe(4);
  });

  it("after 15 minutes the confirmation imports nothing and asks for the file again", async () => {
    const who = await admin();
    await sendFile(who, "ke-hoach-song-xanh-2026.txt");
    clock.set(new Date(START.getTime() + 15 * 60_000 + 1_000));
    const [answer] = await harness.say(who, "/xacnhan");
    expect(answer).toContain("đã quá 15 phút nên chưa nhập gì");
    expect(answer).toContain("gửi lại tệp");
    expect(await db.prisma.plan.count()).toBe(0);
    expect(await pressButton(who, "pi:ok")).toEqual([
      expect.stringContaining("Không có kế hoạch nào đang chờ"),
    ]);
    expect(await db.prisma.plan.count()).toBe(0);
  });

  it("Hủy drops the preview", async () => {
    const who = await admin();
    await sendFile(who, "ke-hoach-song-xanh-2026.txt");
    expect(await pressButton(who, "pi:no")).toEqual(["Đã hủy, không nhập gì."]);
    expect((await harness.say(who, "/xacnhan"))[0]).toContain("Không có kế hoạch nào");
    expect(await db.prisma.plan.count()).toBe(0);
  });

  it("a non-admin's file is refused without being downloaded", async () => {
    await person(db, { id: "head-1", role: "head", unit: "SNV" });
    const replies = await sendFile({ id: "head-1" }, "ke-hoach-song-xanh-2026.txt");
    expect(replies.map((r) => r.message.text)).toEqual([
      "Chỉ quản trị viên (Sở Nội vụ) mới nhập kế hoạch bằng tệp. Tệp của bạn không được đọc.",
    ]);
    expect(downloads).toEqual([]);
    expect(await db.prisma.conversation.count()).toBe(0);
    expect(await db.prisma.plan.count()).toBe(0);
    const [refused] = await harness.say({ id: "head-1" }, "/xacnhan");
    expect(refused).toContain("Lệnh /xacnhan chỉ dành cho quản trị (Sở Nội vụ).");
  });

  it("the confirmation checks admin rights again", async () => {
    const who = await admin();
    await sendFile(who, "ke-hoach-song-xanh-2026.txt");
    await db.prisma.account.update({
      where: { channel_externalId: { channel: "telegram", externalId: who.id } },
      data: { role: "staff" },
    });
    expect(await pressButton(who, "pi:ok")).toEqual([expect.stringContaining("Chỉ quản trị viên")]);
    expect(await db.prisma.plan.count()).toBe(0);
  });

  it("a file in a group is not read; an admin is told to send it privately", async () => {
    const who = await admin();
    const inGroup = { ...who, chatId: "-100777", chatKind: "group" as const };
    const replies = await sendFile(inGroup, "ke-hoach-song-xanh-2026.txt");
    expect(replies.map((r) => r.message.text)).toEqual([
      "Để nhập kế hoạch, hãy gửi tệp trong tin nhắn riêng với bot.",
    ]);
    await person(db, { id: "staff-9", role: "staff" });
    expect(
      await sendFile({ id: "staff-9", chatId: "-100777", chatKind: "group" }, "a.txt"),
    ).toEqual([]);
    expect(downloads).toEqual([]);
  });

  it("a file that is no plan gets the reader's Vietnamese message with its line; an unknown type is named", async () => {
    const who = await admin();
    const [bad] = await sendFile(who, "ke-hoach-khong-doc-duoc.txt", "bad");
    expect(bad?.message.text).toMatch(
      /^Tệp ke-hoach-khong-doc-duoc\.txt chưa nhập được \(\d+ lỗi\)/,
    );
    expect(bad?.message.text).toContain("ke-hoach-khong-doc-duoc.txt");
    expect(bad?.message.buttons).toBeUndefined();
    const [photo] = await sendFile(who, "anh-chup.jpg");
    expect(photo?.message.text).toContain("bot đọc kế hoạch dạng .docx, .pdf, .txt, .md");
    expect(await db.prisma.conversation.count()).toBe(0);
  });

  it("a Word plan gets the same preview; a scanned PDF gets the reader's message", async () => {
    const who = await admin();
    const [preview] = await sendFile(who, "ke-hoach-song-xanh-2026.docx", "docx");
    expect(preview?.message.text).toContain(`(mã ${PLAN})`);
    expect(preview?.message.text).toContain("IV.1.b — Sở Nội vụ — chưa có thời hạn");
    expect(preview?.message.buttons).toHaveLength(1);
    const [scanned] = await sendFile(who, "ke-hoach-scan.pdf", "scanned");
    expect(scanned?.message.text).toContain("Tệp ke-hoach-scan.pdf chưa nhập được");
    expect(scanned?.message.text).toContain(".docx");
    expect(scanned?.message.buttons).toBeUndefined();
    expect(await db.prisma.plan.count()).toBe(0);
  });

  it("names the chat cannot fix (a collective with no unit of its kind) are listed and nothing waits for confirmation", async () => {
    const who = await admin();
    const [answer] = await sendFile(who, "ke-hoach-huyen.txt", "districts");
    expect(answer?.message.text).toContain(
      "“UBND các huyện, thành phố” (nhiệm vụ IV.1.a, dòng 8): không có đơn vị nào thuộc loại này",
    );
    expect(answer?.message.text).toContain("Chưa nhập được từ chat");
    expect(answer?.message.buttons).toBeUndefined();
    expect(await db.prisma.conversation.count()).toBe(0);
  });

  it("/dathan gives an undated task its date (admin only), and a re-import keeps it", async () => {
    const who = await admin();
    await sendFile(who, "ke-hoach-song-xanh-2026.txt");
    await pressButton(who, "pi:ok");
    const undatedTask = await db.prisma.task.findFirstOrThrow({ where: { ref: "IV.1.b" } });
    expect(await db.prisma.occurrence.count({ where: { taskId: undatedTask.id } })).toBe(1);
    const [set] = await harness.say(who, `/dathan ${PLAN} iv.1.b Quý IV năm 2026`);
    expect(set).toBe(
      `Đã đặt thời hạn nhiệm vụ IV.1.b của kế hoạch ${PLAN}: 31/12/2026 (“Quý IV năm 2026”).`,
    );
    const task = await db.prisma.task.findFirstOrThrow({ where: { ref: "IV.1.b" } });
    expect(task.deadline).toEqual({ kind: "once", due: "2026-12-31" });
    expect(
      await db.prisma.auditLog.count({
        where: { action: "plan.deadline", subject: `${PLAN}/IV.1.b` },
      }),
    ).toBe(1);
    // The undated task's check-in gives way to the one occurrence of its new date.
    const occurrences = await db.prisma.occurrence.findMany({ where: { taskId: task.id } });
    expect(occurrences.map((o) => o.dueDate?.toISOString().slice(0, 10))).toEqual(["2026-12-31"]);

    const [bad] = await harness.say(who, `/dathan ${PLAN} IV.1.b 31/13/2026`);
    expect(bad).toContain("Chưa hiểu thời hạn “31/13/2026”");
    const [undated] = await harness.say(who, `/dathan ${PLAN} IV.1.b Theo kế hoạch riêng`);
    expect(undated).toContain("“Theo kế hoạch riêng” không nêu ngày cụ thể");
    const [missing] = await harness.say(who, `/dathan ${PLAN} IX.9 Quý IV năm 2026`);
    expect(missing).toBe(`Kế hoạch ${PLAN} không có nhiệm vụ “IX.9”.`);

    // The same file again: the task stays dated.
    await sendFile(who, "ke-hoach-song-xanh-2026.txt");
    await pressButton(who, "pi:ok");
    const again = await db.prisma.task.findFirstOrThrow({ where: { ref: "IV.1.b" } });
    expect(again.deadline).toEqual({ kind: "once", due: "2026-12-31" });

    await person(db, { id: "head-2", role: "head", unit: "SNV" });
    const [refused] = await harness.say({ id: "head-2" }, `/dathan ${PLAN} IV.1.b Quý I năm 2027`);
    expect(refused).toContain("Lệnh /dathan chỉ dành cho quản trị (Sở Nội vụ).");
  });
});
