import { PassThrough } from "node:stream";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultFallbacks } from "../../commands/fallbacks.js";
import { createRouter } from "../../commands/router.js";
import { ConsoleChannel } from "../../src/channels/console/channel.js";
import { createCommandServices } from "../../src/command-services.js";
import type { Database } from "../../src/db/client.js";
import { instantAt } from "../../src/domain/calendar/index.js";
import { loadDemoData } from "../../src/services/demo.js";
import { createFileStore } from "../../src/services/files.js";
import { syncOccurrences } from "../../src/services/occurrences.js";
import { readPayload } from "../../src/services/outbox.js";
import { loadQaEngine } from "../../src/services/qa.js";
import { runReminders } from "../../src/services/reminders.js";
import { loadWorkCalendar } from "../../src/services/work-calendar.js";
import { openTestPglite, silentLogger } from "../helpers/db.js";

/**
 * `npm start -- --as stp` in a terminal, on the demo data: the console channel, the real router
 * and the reminders the tick would print there.
 */
describe("the console's buttons, typed", () => {
  let db: Database;
  let now = instantAt("2024-06-19", "08:00");
  const clock = { now: () => now };
  const dataDir = join(tmpdir(), "vhcv-newcomer-console");

  beforeAll(async () => {
    db = await openTestPglite();
    await loadDemoData(db.prisma, clock.now());
    await syncOccurrences(db.prisma, { now: clock.now() });
  }, 120_000);
  afterAll(async () => {
    await db?.close();
  });

  it("newcomer: a reminder's buttons typed by number or by name work as pressed, follow-up questions included", async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let screen = "";
    output.on("data", (chunk: Buffer) => (screen += chunk.toString("utf8")));
    let ended: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (ended = resolve));
    const channel = new ConsoleChannel({
      input,
      output,
      user: { id: "stp", displayName: "Thủ trưởng Sở Tư pháp" },
      onEnd: () => ended(),
    });
    const router = createRouter({
      services: createCommandServices(db.prisma, {
        clock,
        logger: silentLogger,
        qa: await loadQaEngine(),
        dataDir,
        files: createFileStore({ dataDir, publicBaseUrl: undefined }),
      }),
      send: (_, message) => channel.send(message),
      locale: "vi",
      fallbacks: defaultFallbacks,
    });
    let answered: () => void = () => undefined;
    await channel.start(async (message) => {
      await router(message);
      answered();
    });

    /** The tick's reminders for Sở Tư pháp that day, printed as the outbox sender would. */
    let printed = 0;
    async function tick(day: string): Promise<void> {
      now = instantAt(day, "08:00");
      const deps = { prisma: db.prisma, calendar: await loadWorkCalendar(), logger: silentLogger };
      await runReminders({ ...deps, locale: "vi" }, now);
      const rows = await db.prisma.outbox.findMany({
        where: { chatId: "console:stp", id: { gt: printed } },
        orderBy: { id: "asc" },
      });
      for (const row of rows) {
        const read = readPayload(row);
        if (read.ok) await channel.send({ chatId: row.chatId, ...read.payload });
        printed = row.id;
      }
    }
    /** Type a line and wait until the bot has answered it. */
    async function type(line: string): Promise<string> {
      const before = screen.length;
      const handled = new Promise<void>((resolve) => (answered = resolve));
      input.write(`${line}\n`);
      await handled;
      return screen.slice(before);
    }

    await tick("2024-06-19");
    expect(screen).toMatch(/^🔔 Nhắc hạn nhiệm vụ STP-3A/);
    expect(screen).toContain("[1] Hoàn thành  [2] Đang thực hiện");
    expect(screen).toContain("[3] Vướng mắc  [4] Đề nghị gia hạn");

    // "3" is Vướng mắc: the bot asks why, and the answer is kept as the note.
    expect(await type("3")).toContain("STP-3A");
    expect(await type("thiếu người")).toContain("Đã ghi nhận");
    let occurrence = await db.prisma.occurrence.findUniqueOrThrow({ where: { code: "STP-3A" } });
    expect(occurrence.status).toBe("blocked");
    expect(occurrence.note).toContain("thiếu người");

    // On the due day, the button's name typed: the bot asks until when.
    await tick("2024-06-28");
    expect(await type("đề nghị gia hạn")).toContain("STP-3A");
    expect(await type("15/7/2024")).toContain("Đã ghi nhận");
    occurrence = await db.prisma.occurrence.findUniqueOrThrow({ where: { code: "STP-3A" } });
    expect(occurrence.status).toBe("extension_requested");

    input.end();
    await done;
  });
});
