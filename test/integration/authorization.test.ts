import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/clock.js";
import type { Database } from "../../src/db/client.js";
import { chatHarness } from "../helpers/chat.js";
import { openTestPglite } from "../helpers/db.js";
import { loadThaiNguyen, person } from "../helpers/plan-fixture.js";

type Role = "admin" | "head" | "deputy" | "leader" | "staff" | "stranger";
type Outcome = "ok" | "refused";

const REFUSED = [
  /không có quyền/,
  /không báo cáo được/,
  /dành cho lãnh đạo, quản trị/,
  /chỉ dành cho quản trị/,
  /nên không dùng được lệnh này/,
  /Lệnh \/\S+ dành cho [^.]+\. Bạn chưa liên kết/,
];

/**
 * Every command × every role × own unit / other unit. "own" means the caller's unit is STP and
 * the task is STP's; "other" means the task belongs to Sở Nội vụ.
 */
const matrix: {
  command: (unit: "own" | "other") => string;
  expect: Record<Role, Outcome>;
  unitMatters?: boolean;
}[] = [
  {
    command: () => "/batdau",
    expect: { admin: "ok", head: "ok", deputy: "ok", leader: "ok", staff: "ok", stranger: "ok" },
  },
  {
    command: () => "/trogiup",
    expect: { admin: "ok", head: "ok", deputy: "ok", leader: "ok", staff: "ok", stranger: "ok" },
  },
  {
    command: () => "/toi",
    expect: { admin: "ok", head: "ok", deputy: "ok", leader: "ok", staff: "ok", stranger: "ok" },
  },
  {
    command: () => "/quydinh",
    expect: { admin: "ok", head: "ok", deputy: "ok", leader: "ok", staff: "ok", stranger: "ok" },
  },
  {
    command: () => "/hoi đi dép lê được không",
    expect: { admin: "ok", head: "ok", deputy: "ok", leader: "ok", staff: "ok", stranger: "ok" },
  },
  {
    command: () => "/kehoach",
    expect: { admin: "ok", head: "ok", deputy: "ok", leader: "ok", staff: "ok", stranger: "ok" },
  },
  {
    command: () => "/nhiemvu",
    expect: {
      admin: "ok",
      head: "ok",
      deputy: "ok",
      leader: "ok",
      staff: "refused",
      stranger: "refused",
    },
  },
  {
    command: (unit) => `/baocao ${unit === "own" ? "STP-3A" : "SNV-3A"} đang làm 50%`,
    unitMatters: true,
    expect: {
      admin: "ok",
      head: "ok",
      deputy: "ok",
      leader: "refused",
      staff: "refused",
      stranger: "refused",
    },
  },
  {
    command: () => "/tonghop",
    expect: {
      admin: "ok",
      head: "refused",
      deputy: "refused",
      leader: "ok",
      staff: "refused",
      stranger: "refused",
    },
  },
  {
    command: () => "/xuatexcel",
    expect: {
      admin: "ok",
      head: "refused",
      deputy: "refused",
      leader: "ok",
      staff: "refused",
      stranger: "refused",
    },
  },
  {
    command: () => "/huy",
    expect: {
      admin: "ok",
      head: "ok",
      deputy: "ok",
      leader: "refused",
      staff: "refused",
      stranger: "refused",
    },
  },
  {
    command: (unit) => `/giahan ${unit === "own" ? "STP-3A" : "SNV-3A"} 30/12/2099`,
    expect: {
      admin: "ok",
      head: "refused",
      deputy: "refused",
      leader: "refused",
      staff: "refused",
      stranger: "refused",
    },
  },
  {
    // Admin only; a task that does not exist, so that the matrix changes no deadline.
    command: () => "/dathan vhcv-thai-nguyen-2024-2025 IX.9 Quý IV năm 2099",
    expect: {
      admin: "ok",
      head: "refused",
      deputy: "refused",
      leader: "refused",
      staff: "refused",
      stranger: "refused",
    },
  },
  {
    command: () => "/xacnhan",
    expect: {
      admin: "ok",
      head: "refused",
      deputy: "refused",
      leader: "refused",
      staff: "refused",
      stranger: "refused",
    },
  },
];

describe("authorization matrix: command × role × own / other unit", () => {
  let db: Database;
  const clock = fixedClock("2024-06-20T02:00:00Z");
  const roles: Role[] = ["admin", "head", "deputy", "leader", "staff", "stranger"];

  beforeAll(async () => {
    db = await openTestPglite();
    await loadThaiNguyen(db, clock.now(), ["UBNDT", "SNV", "STTTT", "STP"]);
    for (const role of roles) {
      if (role === "stranger") continue;
      await person(db, {
        id: `p-${role}`,
        role,
        unit: role === "admin" ? "SNV" : role === "leader" || role === "staff" ? undefined : "STP",
      });
    }
  }, 60_000);
  afterAll(async () => {
    await db?.close();
  });

  const cases = matrix.flatMap((row) =>
    roles.flatMap((role) =>
      (["own", "other"] as const).map((unit) => {
        let expected = row.expect[role];
        // Heads and deputies may report only for their own unit.
        if (row.unitMatters && unit === "other" && (role === "head" || role === "deputy"))
          expected = "refused";
        return { text: row.command(unit), role, unit, expected };
      }),
    ),
  );

  it.each(cases)("$role ($unit unit): $text → $expected", async ({ text, role, expected }) => {
    const { say } = await chatHarness(db, clock);
    const replies = (await say({ id: `p-${role}`, name: role }, text)).join("\n");
    const refused = REFUSED.some((pattern) => pattern.test(replies));
    expect(replies.length).toBeGreaterThan(0);
    expect(refused ? "refused" : "ok").toBe(expected);
  });

  it("audits every refusal", async () => {
    const refusals = await db.prisma.auditLog.count({
      where: { action: { in: ["command.refused", "report.refused"] } },
    });
    expect(refusals).toBeGreaterThanOrEqual(cases.filter((c) => c.expected === "refused").length);
  });
});
