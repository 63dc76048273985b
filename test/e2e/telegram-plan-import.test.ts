import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/app.js";
import type { Clock } from "../../src/clock.js";
import type { Database } from "../../src/db/client.js";
import { importUnits } from "../../src/services/units.js";
import {
  startTelegramFiles,
  type FakeDocument,
  type TelegramFiles,
} from "../fakes/telegram-files.js";
import { freePort, startTestApp } from "../helpers/app.js";
import { openTestPglite } from "../helpers/db.js";
import { person } from "../helpers/plan-fixture.js";
import { projectRoot } from "../helpers/process.js";
import { TelegramServer } from "../helpers/telegram-emulator.js";

const TOKEN = "99077:plan-import";
const PLAN = "vhcv-song-xanh-2026";

/** The wall clock, moved forward by the test when it needs 15 minutes to pass. */
function jumpingClock(): Clock & { jump(ms: number): void } {
  let offset = 0;
  return {
    now: () => new Date(Date.now() + offset),
    jump(ms) {
      offset += ms;
    },
  };
}

describe("plan import by file on Telegram (emulator + getFile and file download)", () => {
  let server: TelegramServer;
  let files: TelegramFiles;
  let db: Database;
  let app: App;
  const clock = jumpingClock();
  let plan: FakeDocument;
  let notAPlan: FakeDocument;

  beforeAll(async () => {
    server = new TelegramServer({ port: await freePort(), host: "127.0.0.1" });
    await server.start();
    files = await startTelegramFiles({ upstream: server.config.apiURL, token: TOKEN });
    db = await openTestPglite();
    await importUnits(
      db.prisma,
      [
        { code: "SNV", name: "Sở Nội vụ", kind: "department", aliases: [], active: true },
        {
          code: "SKHCN",
          name: "Sở Khoa học và Công nghệ",
          kind: "department",
          aliases: [],
          active: true,
        },
        {
          code: "BXTDT",
          name: "Ban Xúc tiến Đầu tư Sông Xanh",
          kind: "department",
          aliases: [],
          active: true,
        },
      ],
      { actor: "test", now: clock.now() },
    );
    await person(db, { id: "6001", role: "admin" });
    await person(db, { id: "6002", role: "head", unit: "SNV" });
    plan = files.addFile(
      "ke-hoach-song-xanh-2026.txt",
      await readFile(`${projectRoot}/test/fixtures/plans/import/ke-hoach-song-xanh-2026.txt`),
      "text/plain",
    );
    notAPlan = files.addFile(
      "ke-hoach-khong-doc-duoc.txt",
      await readFile(`${projectRoot}/test/fixtures/plans/import/ke-hoach-khong-doc-duoc.txt`),
      "text/plain",
    );
    ({ app } = await startTestApp(
      db,
      { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: files.apiRoot },
      { clock },
    ));
  }, 60_000);
  afterAll(async () => {
    await app?.stop();
    await db?.close();
    await files?.close();
    await server?.stop();
  });

  function client(userId: number) {
    return server.getClient(TOKEN, { userId, chatId: userId, firstName: "An", timeout: 20_000 });
  }

  async function sendDocument(userId: number, document: FakeDocument) {
    const c = client(userId);
    const { text: _text, ...message } = c.makeMessage("");
    await c.sendMessage({ ...message, document } as never);
    return c;
  }

  it("a head's file is refused in Vietnamese and never fetched", async () => {
    const c = await sendDocument(6002, plan);
    const answer = await c.getUpdates();
    expect(answer.result.map((u) => u.message.text).join("\n")).toContain(
      "Chỉ quản trị viên (Sở Nội vụ) mới nhập kế hoạch bằng tệp",
    );
    expect(files.getFileCalls).toEqual([]);
    expect(files.downloads).toEqual([]);
    expect(await db.prisma.plan.count()).toBe(0);
  }, 60_000);

  it("an admin's file: preview with buttons; after 15 minutes /xacnhan imports nothing", async () => {
    const c = await sendDocument(6001, plan);
    const preview = await c.getUpdates();
    const message = preview.result.at(-1)?.message;
    expect(message?.text).toContain(`(mã ${PLAN})`);
    expect(message?.text).toContain("chưa có thời hạn");
    expect(JSON.stringify(message?.reply_markup)).toContain("Nhập kế hoạch");
    expect(files.getFileCalls).toEqual([plan.file_id]);
    expect(files.downloads).toHaveLength(1);

    clock.jump(15 * 60_000 + 5_000);
    await c.sendCommand(c.makeCommand("/xacnhan"));
    const expired = await c.getUpdates();
    expect(expired.result.map((u) => u.message.text).join("\n")).toContain(
      "đã quá 15 phút nên chưa nhập gì",
    );
    expect(await db.prisma.plan.count()).toBe(0);
  }, 60_000);

  it("an admin's file, then the «Nhập kế hoạch» button: the plan is in the database and the bot says so", async () => {
    const c = await sendDocument(6001, plan);
    const preview = await c.getUpdates();
    const previewId = preview.result.at(-1)?.messageId;
    await c.sendCallback(
      c.makeCallbackQuery("pi:ok", {
        message: { message_id: Number(previewId), chat: { id: 6001, type: "private" } },
      } as never),
    );
    const done = await c.getUpdates();
    expect(done.result.map((u) => u.message.text).join("\n")).toContain("Đã nhập kế hoạch");
    const tasks = await db.prisma.task.findMany({
      where: { plan: { code: PLAN } },
      orderBy: { position: "asc" },
    });
    expect(tasks.map((t) => t.ref)).toEqual(["IV.1.a", "IV.1.b", "IV.2.a", "IV.3.a"]);
    expect(tasks[1]?.deadline).toBeNull();
  }, 60_000);

  it("a file over the size limit (5 MB for a text plan) is refused before any download", async () => {
    const calls = files.getFileCalls.length;
    const c = await sendDocument(6001, { ...plan, file_size: 25 * 1024 * 1024 });
    const answer = await c.getUpdates();
    expect(answer.result.map((u) => u.message.text).join("\n")).toContain("Tệp lớn hơn 5 MB");
    expect(files.getFileCalls).toHaveLength(calls);
  }, 60_000);

  it("a file that holds no plan gets the reader's message", async () => {
    const c = await sendDocument(6001, notAPlan);
    const answer = await c.getUpdates();
    expect(answer.result.map((u) => u.message.text).join("\n")).toContain(
      "Tệp ke-hoach-khong-doc-duoc.txt chưa nhập được",
    );
  }, 60_000);
});
