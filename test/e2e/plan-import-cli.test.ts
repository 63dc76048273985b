import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runTsx } from "../helpers/process.js";

const FIXTURES = "test/fixtures/plans/import";

describe("vhcv plan import: preview, unknown units, setting a date later (embedded database)", () => {
  let dir: string;
  const vhcv = (...args: string[]) =>
    runTsx("src/cli/index.ts", args, { env: { DATA_DIR: dir }, timeoutMs: 180_000 });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "vhcv-plan-import-"));
    const units = await vhcv("units", "import", `${FIXTURES}/don-vi-song-xanh.yaml`);
    expect(units.code).toBe(0);
  }, 200_000);
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("--dry-run previews undated tasks and unknown units; the import refuses them until --create-units", async () => {
    const file = `${FIXTURES}/ke-hoach-song-xanh-xa-2026-2027.txt`;
    const preview = await vhcv("plan", "import", file, "--dry-run");
    expect(preview.code).toBe(0);
    expect(preview.stdout).toContain("(mã vhcv-song-xanh-2026-2027)");
    expect(preview.stdout).toContain("UBND các xã, phường: 2 nhiệm vụ");
    expect(preview.stdout).toContain(
      "IV.1.b — UBND các xã, phường — chưa có thời hạn (“Sau khi Sở Nội vụ ban hành mẫu phiếu”)",
    );
    expect(preview.stdout).toContain(
      "“Sở Văn hóa và Thể thao” (nhiệm vụ IV.2.a, dòng 25) — nếu đăng ký mới: mã SVHTT",
    );
    expect(preview.stdout).toContain("Chạy thử: chưa ghi gì");

    const refused = await vhcv("plan", "import", file);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("Sở Văn hóa và Thể thao");
    expect(refused.stderr).toContain("--create-units");
    expect(refused.stderr).toContain('--map "Tên đơn vị=MÃ"');

    const created = await vhcv("plan", "import", file, "--create-units");
    expect(created.code).toBe(0);
    expect(created.stdout).toContain("Đã đăng ký đơn vị mới: SVHTT (Sở Văn hóa và Thể thao");
    expect(created.stdout).toContain("Nhiệm vụ — thêm: IV.1.a, IV.1.b, IV.2.a");
    expect(created.stdout).toContain("chưa có thời hạn");
  }, 600_000);

  it('--map "name=CODE" sends a name to a registered unit; plan deadline dates an undated task', async () => {
    const file = `${FIXTURES}/ke-hoach-song-xanh-2026.txt`;
    const bad = await vhcv(
      "plan",
      "import",
      file,
      "--map",
      "Ban Xúc tiến Đầu tư Sông Xanh=KHONGCO",
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("không có đơn vị mã “KHONGCO”");
    const mapped = await vhcv(
      "plan",
      "import",
      file,
      "--map",
      "Ban Xúc tiến Đầu tư Sông Xanh=SKHCN",
    );
    expect(mapped.stderr).toBe("");
    expect(mapped.code).toBe(0);
    expect(mapped.stdout).toContain("Nhiệm vụ — thêm: IV.1.a, IV.1.b, IV.2.a, IV.3.a");

    const set = await vhcv("plan", "deadline", "vhcv-song-xanh-2026", "IV.1.b", "Quý IV năm 2026");
    expect(set.code).toBe(0);
    expect(set.stdout.trim()).toBe(
      "Đã đặt thời hạn nhiệm vụ IV.1.b của kế hoạch vhcv-song-xanh-2026: 31/12/2026 (“Quý IV năm 2026”).",
    );
    const parsedAgain = await vhcv(
      "plan",
      "import",
      file,
      "--map",
      "Ban Xúc tiến Đầu tư Sông Xanh=SKHCN",
      "--dry-run",
    );
    // The file still has no date for IV.1.b, but the date set later is kept.
    expect(parsedAgain.stdout).toContain("giữ nguyên: IV.1.a, IV.1.b, IV.2.a, IV.3.a");
  }, 600_000);
});
