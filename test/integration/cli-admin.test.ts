import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client.js";
import { instantAt } from "../../src/domain/calendar/index.js";
import { vhcvInProcess } from "../helpers/cli.js";
import { testDatabases } from "../helpers/db.js";
import { fixedClock } from "../helpers/app.js";
import { seedDigest } from "../fixtures/digest/seed.js";

/** Internals an admin should never have to read. */
const INTERNALS =
  /account:\d|chat:telegram|\d{4}-W\d{2}|\d{4}-Q\d|\d{4}-\d{2}-\d{2}T|\bbefore\b|\bdue\b|\boverdue\b|\* \*|giữ khóa|: (yes|no)\b/;

describe.each(testDatabases())("vhcv admin output on $name", ({ open }) => {
  let db: Database;
  let dataDir: string;
  let planCode: string;
  const at = instantAt("2024-11-20", "08:00");
  const vhcv = (...args: string[]) => vhcvInProcess(args, { db, dataDir, clock: fixedClock(at) });

  beforeAll(async () => {
    db = await open();
    dataDir = await mkdtemp(join(tmpdir(), "vhcv-cli-admin-"));
    await seedDigest(db);
    planCode = (await db.prisma.plan.findFirstOrThrow()).code;
  }, 120_000);
  afterAll(async () => {
    await db?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("link create: unit codes in any case, the role's wording, expiry in Vietnam time", async () => {
    const head = await vhcv("link", "create", "--role", "head", "--unit", "stp");
    expect(head.stderr).toBe("");
    expect(head.code).toBe(0);
    expect(head.stdout).toContain("Vai trò: thủ trưởng đơn vị của Sở Tư pháp (STP)");
    expect(head.stdout).toContain("hết hạn lúc 23/11/2024 08:00 (giờ Việt Nam)");
    expect(head.stdout).toContain("trong chat riêng: /lienket ");
    expect(head.stdout).not.toMatch(INTERNALS);
    const link = await db.prisma.linkCode.findFirstOrThrow({ orderBy: { createdAt: "desc" } });
    expect(head.stdout).toContain(link.code);

    const leader = await vhcv("link", "create", "--role", "leader", "--ttl", "24");
    expect(leader.stdout).toContain("Vai trò: lãnh đạo (theo dõi mọi đơn vị)");
    expect(leader.stdout).toContain("hết hạn lúc 21/11/2024 08:00");
    expect(leader.stdout).not.toContain("chưa liên kết");

    const group = await vhcv("link", "create", "--purpose", "leadership");
    expect(group.code).toBe(0);
    expect(group.stdout).toContain("Thêm bot vào nhóm, rồi một thành viên gửi trong nhóm");

    const unknown = await vhcv("link", "create", "--role", "deputy", "--unit", "XYZ");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Không có đơn vị mã "XYZ"');
  });

  it("simulate: Vietnamese kinds and local times; an unknown unit is said, not 0 reminders", async () => {
    const unknown = await vhcv(
      "simulate",
      "--plan",
      planCode,
      "--from",
      "2024-06-01",
      "--to",
      "2024-12-31",
      "--unit",
      "XYZ",
    );
    expect(unknown.code).toBe(1);
    expect(unknown.stdout).toBe("");
    expect(unknown.stderr).toContain('Không có đơn vị mã "XYZ"');

    const run = await vhcv(
      "simulate",
      "--plan",
      planCode,
      "--from",
      "2024-06-01",
      "--to",
      "2024-12-31",
      "--unit",
      "stp",
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^\d{2}\/\d{2}\/2024 \d{2}:\d{2}\tnhắc trước hạn\tSTP-/m);
    expect(run.stdout).toMatch(/Tổng cộng [1-9]\d* lượt nhắc từ 01\/06\/2024 đến 31\/12\/2024/);
    expect(run.stdout).not.toMatch(INTERNALS);
  });

  it("plan export to a folder that does not exist: one sentence naming the folder", async () => {
    const run = await vhcv("plan", "export", planCode, "--xlsx", "/nonexistent-vhcv/x.xlsx");
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(
      "Không ghi được /nonexistent-vhcv/x.xlsx: thư mục /nonexistent-vhcv không tồn tại; hãy tạo thư mục trước hoặc chọn đường dẫn khác.",
    );
  });

  it("tick: what was done, in Vietnam time, without internals", async () => {
    const run = await vhcv("tick", "--at", "2024-11-20T08:00");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^Lượt điều phối lúc 20\/11\/2024 08:00 \(giờ Việt Nam\): \d+ lượt nhắc mới/,
    );
    expect(run.stdout).not.toMatch(INTERNALS);
  });

  it("digest: recipients by name, the next send time, weeks as dates", async () => {
    const friday = await vhcv("digest", "--at", "2024-11-29T08:00", "--dry-run");
    expect(friday.code).toBe(0);
    expect(friday.stdout).toContain(
      "- leader-stp (chat riêng): chưa đến lịch gửi; lần gửi tới: 02/12/2024 08:00.",
    );
    expect(friday.stdout).not.toMatch(INTERNALS);

    const one = await vhcv(
      "digest",
      "--at",
      "2024-11-18T08:00",
      "--dry-run",
      "--target",
      "LEADER-STP",
    );
    expect(one.code).toBe(0);
    expect(one.stdout).toContain("1 nơi nhận");
    expect(one.stdout).toContain("- leader-stp (chat riêng): đã gửi bản tổng hợp");
    expect(one.stdout).toContain("tuần 46/2024 (11/11/2024 – 17/11/2024)");

    const none = await vhcv("digest", "--at", "2024-11-18T08:00", "--target", "Ai đó");
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("Không có nơi nhận “Ai đó”. Các nơi nhận:");
    expect(none.stderr).toContain("“leader-stp”");
  });
});
