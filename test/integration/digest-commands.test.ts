import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CliCommand } from "../../src/cli/command.js";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { tonghopCommand } from "../../commands/tonghop.js";
import type { CommandDefinition } from "../../commands/types.js";
import { xuatexcelCommand } from "../../commands/xuatexcel.js";
import type { ChannelName } from "../../src/core/messages.js";
import { registerDigest } from "../../src/cli/digest.js";
import { fixedClock } from "../../src/clock.js";
import { loadConfig } from "../../src/config.js";
import type { Database } from "../../src/db/client.js";
import { instantAt } from "../../src/domain/calendar/index.js";
import { createCommandServices } from "../../src/command-services.js";
import { touchAccount } from "../../src/services/accounts.js";
import { createFileStore, type FileStore } from "../../src/services/files.js";
import { readPayload } from "../../src/services/outbox.js";
import { loadQaEngine } from "../../src/services/qa.js";
import { openTestPglite, silentLogger } from "../helpers/db.js";
import { seedDigest } from "../fixtures/digest/seed.js";

const PUBLIC = "https://bot.example.vn";
const WEDNESDAY = instantAt("2024-11-20", "10:00");

describe("/tonghop, /xuatexcel and vhcv digest", () => {
  let db: Database;
  let dataDir: string;
  let deps: { dataDir: string; files: FileStore };
  let update = 0;
  beforeAll(async () => {
    db = await openTestPglite();
    dataDir = await mkdtemp(join(tmpdir(), "vhcv-digest-cmd-"));
    await seedDigest(db);
    deps = { dataDir, files: createFileStore({ dataDir, publicBaseUrl: PUBLIC }) };
  }, 120_000);
  afterAll(async () => {
    await db?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  /** Runs a command as the router would for a person typing it in a chat. */
  async function type(
    command: CommandDefinition,
    who: { id: string; channel?: ChannelName; chatId?: string; group?: boolean },
    args: string,
  ): Promise<string[]> {
    const channel = who.channel ?? "telegram";
    const chatId = who.chatId ?? who.id;
    const { account, chat } = await touchAccount(db.prisma, {
      channel,
      externalId: who.id,
      displayName: who.id,
      chatId,
      chatKind: who.group ? "group" : "private",
    });
    const replies: string[] = [];
    update += 1;
    const parsed = command.args.parse(args.split(/\s+/).filter(Boolean));
    await command.run(
      {
        message: {
          channel,
          updateId: `u${update}`,
          chatId,
          chatKind: who.group ? "group" : "private",
          sender: { id: who.id, displayName: who.id, isBot: false },
          text: `/${command.names[0]} ${args}`,
          messageId: String(update),
          receivedAt: WEDNESDAY,
        },
        account,
        chat,
        locale: "vi",
        services: createCommandServices(db.prisma, {
          clock: fixedClock(WEDNESDAY),
          logger: silentLogger,
          qa: await loadQaEngine(),
          dataDir: deps.dataDir,
          files: deps.files,
        }),
        invokedAs: command.names[0],
        reply: (text) => replies.push(text),
      },
      parsed,
    );
    return replies;
  }

  const tonghop = () => tonghopCommand as CommandDefinition;
  const xuatexcel = () => xuatexcelCommand as CommandDefinition;

  it("gives a leader last week's digest on request, then the chart", async () => {
    const replies = await type(tonghop(), { id: "leader-tg" }, "tuần trước").catch(() => []);
    // Not linked as a leader yet: refused.
    expect(replies.join("\n")).toContain("dành cho lãnh đạo");
    await db.prisma.account.update({
      where: { channel_externalId: { channel: "telegram", externalId: "leader-tg" } },
      data: { role: "leader" },
    });
    const text = (await type(tonghop(), { id: "leader-tg" }, "tuần trước")).join("\n");
    expect(text).toContain(
      "Tuần 46/2024 (11/11/2024 – 17/11/2024), số liệu đến hết ngày 17/11/2024",
    );
    expect(text).toContain("Phạm vi: tất cả đơn vị");
    const chart = await db.prisma.outbox.findFirstOrThrow({
      where: { chatId: "leader-tg", purpose: { startsWith: "tonghop:" } },
    });
    const payload = readPayload(chart);
    expect(
      payload.ok && payload.payload.photo?.path && existsSync(payload.payload.photo.path),
    ).toBe(true);
  });

  it.each([
    ["", "Tuần 47/2024 (18/11/2024 – 24/11/2024), số liệu đến 10:00 ngày 20/11/2024"],
    ["15/11/2024", "Tuần 46/2024"],
    ["1/10", "Tuần 40/2024"],
  ])("/tonghop %s reads the right week", async (args, expected) => {
    const text = (await type(tonghop(), { id: "leader-tg" }, args)).join("\n");
    expect(text).toContain(expected);
  });

  it.each([
    ["31/12/2024", "Ngày 31/12/2024 chưa tới"],
    ["tuần sau", "Chưa hiểu thời gian cần tổng hợp"],
  ])("/tonghop %s is refused with a hint", async (args, expected) => {
    expect((await type(tonghop(), { id: "leader-tg" }, args)).join("\n")).toContain(expected);
  });

  it("answers in a leadership group whoever asks, within the group's scope", async () => {
    const text = (
      await type(tonghop(), { id: "staff-1", chatId: "-100777", group: true }, "tuần trước")
    ).join("\n");
    expect(text).toContain("Tuần 46/2024");
  });

  it("a Zalo leader gets the digest in parts of at most 2000 characters, scoped to their unit", async () => {
    const parts = await type(tonghop(), { id: "leader-stp", channel: "zalo" }, "tuần trước");
    expect(parts.length).toBeGreaterThanOrEqual(1);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(2000);
    expect(parts.join("\n")).toContain("Phạm vi: Sở Tư pháp");
  });

  it("/xuatexcel sends the workbook as a document on Telegram", async () => {
    const replies = await type(xuatexcel(), { id: "leader-tg" }, "");
    expect(replies[0]).toMatch(
      /^Đang gửi tệp Excel: \d+ dòng, mỗi dòng một lượt \(nhiệm vụ × đơn vị × kỳ, kể cả kỳ báo cáo đã qua\); \d+ lượt đang theo dõi, \d+ quá hạn; 3 báo cáo…$/,
    );
    // The caption, then the workbook in a row of its own (issue 15, claim 2).
    const [caption, row] = await db.prisma.outbox.findMany({
      where: { chatId: "leader-tg", purpose: { startsWith: "xuatexcel:" } },
      orderBy: { id: "asc" },
    });
    expect(caption?.payload).toEqual({ text: "Tổng hợp nhiệm vụ đến 20/11/2024" });
    const read = readPayload(row ?? { payload: null });
    if (!read.ok || !read.payload.document) throw new Error("no document");
    expect(read.payload.text).toBe("");
    expect(read.payload.document.filename).toBe("tong-hop-vhcv-2024-11-20.xlsx");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(read.payload.document.path);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      "Tổng hợp",
      "Chi tiết",
      "Lịch sử báo cáo",
    ]);
    expect(workbook.getWorksheet("Lịch sử báo cáo")?.rowCount).toBe(4);
  });

  it("newcomer: /xuatexcel and /tonghop on the console print the path of what they wrote, at once", async () => {
    const who = { id: "leader-console", channel: "console" as const, chatId: "console:lanhdao" };
    await type(xuatexcel(), who, "");
    await db.prisma.account.update({
      where: { channel_externalId: { channel: "console", externalId: who.id } },
      data: { role: "leader" },
    });
    const [reply, ...more] = await type(xuatexcel(), who, "");
    expect(more).toEqual([]);
    const path = /^Đã ghi tệp Excel: .*; 3 báo cáo\. Tệp ở: (\S+\.xlsx)$/.exec(reply ?? "")?.[1];
    expect(path && existsSync(path)).toBe(true);
    // Nothing left for the outbox to print later (at the next start).
    const queued = await db.prisma.outbox.count({ where: { chatId: who.chatId } });
    expect(queued).toBe(0);
    // /tonghop likewise: the digest, then the chart's path, nothing left for the outbox.
    const digest = await type(tonghop(), who, "tuần trước");
    expect(digest.join("\n")).toContain("Tuần 46/2024");
    const chart = /^Đã ghi biểu đồ theo đơn vị: (\S+\.png)$/.exec(digest.at(-1) ?? "")?.[1];
    expect(chart && existsSync(chart)).toBe(true);
    expect(await db.prisma.outbox.count({ where: { chatId: who.chatId } })).toBe(0);
    // The digests below count the leaders: this one was only for the console.
    await db.prisma.account.delete({
      where: { channel_externalId: { channel: "console", externalId: who.id } },
    });
  });

  it("/xuatexcel on Zalo answers with an expiring link to the workbook", async () => {
    const [reply] = await type(xuatexcel(), { id: "leader-stp", channel: "zalo" }, "");
    const url = /https:\/\/bot\.example\.vn\/files\/([A-Za-z0-9_-]{32})\/\S+\.xlsx/.exec(
      reply ?? "",
    );
    expect(url).not.toBeNull();
    const path = await deps.files.resolveFile(url?.[1] ?? "");
    expect(path && existsSync(path)).toBe(true);
  });

  it("fault 15: Zalo /xuatexcel without PUBLIC_BASE_URL never shows the server's path", async () => {
    const withLinks = deps;
    deps = { dataDir, files: createFileStore({ dataDir, publicBaseUrl: undefined }) };
    try {
      const replies = await type(xuatexcel(), { id: "leader-stp", channel: "zalo" }, "");
      expect(replies).toEqual([expect.stringContaining("PUBLIC_BASE_URL")]);
      expect(replies.join("")).not.toContain(dataDir);
      expect(replies.join("")).not.toMatch(/\/(tmp|var|home|work)\b|\.xlsx/);
    } finally {
      deps = withLinks;
    }
  });

  describe("vhcv digest", () => {
    async function cli(args: string[]): Promise<string> {
      const program = new CliCommand("vhcv").exitOverride();
      const config = loadConfig({ DATA_DIR: dataDir, PUBLIC_BASE_URL: PUBLIC });
      registerDigest(program, () => ({
        config,
        logger: silentLogger,
        clock: fixedClock(WEDNESDAY),
        database: async () => db,
        close: async () => undefined,
      }));
      let out = "";
      const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk, ...rest) => {
        out += String(chunk);
        const done = rest.find((r) => typeof r === "function");
        if (typeof done === "function") (done as () => void)();
        return true;
      });
      try {
        await program.parseAsync(["node", "vhcv", "digest", ...args]);
      } finally {
        spy.mockRestore();
      }
      return out;
    }

    it("--dry-run prints the digest for each target and writes nothing", async () => {
      const before = await db.prisma.outbox.count();
      const out = await cli(["--at", "2024-11-18T08:00", "--dry-run"]);
      expect(out).toContain("Tổng hợp tuần lúc 18/11/2024 08:00 (giờ Việt Nam): 3 nơi nhận.");
      expect(out).toContain("- nhóm lãnh đạo (chưa có tên): sẽ gửi");
      expect(out).toContain("- leader-stp (chat riêng): sẽ gửi");
      // No stored keys, ids or cron strings for the admin to decode.
      expect(out).not.toMatch(/account:|chat:telegram|\* \*/);
      expect(out).toContain("📊 TỔNG HỢP THỰC HIỆN KẾ HOẠCH VĂN HÓA CÔNG VỤ");
      expect(out).toContain("--- ảnh:");
      expect(await db.prisma.outbox.count()).toBe(before);
      expect(await db.prisma.digestRun.count()).toBe(0);
    });

    it("without --dry-run queues once; --target picks one recipient", async () => {
      const first = await cli(["--at", "2024-11-18T08:00", "--target", "chat:telegram:-100777"]);
      expect(first).toContain("- nhóm lãnh đạo (chưa có tên): đã đưa");
      expect(first).not.toContain("chat riêng");
      const again = await cli(["--at", "2024-11-18T08:00"]);
      expect(again).toContain(
        "- nhóm lãnh đạo (chưa có tên): đã gửi bản tổng hợp tuần 46/2024 (11/11/2024 – 17/11/2024).",
      );
      // The Zalo leader of Sở Tư pháp, and the Telegram leader linked above.
      expect(again.match(/\(chat riêng\): đã đưa \d+ tin/g)).toHaveLength(2);
      expect(await db.prisma.digestRun.count()).toBe(3);
    });
  });
});
