import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client.js";
import { claimInbound, storeInbound } from "../../src/services/inbound.js";
import { testDatabases } from "../helpers/db.js";

const T0 = new Date("2024-06-20T02:00:00Z");

/** An array nested `depth` deep, built without recursion. */
function nested(depth: number): unknown {
  let value: unknown = "đáy";
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

describe.each(testDatabases())("fault 9: poison webhook updates on $name", ({ open }) => {
  let db: Database;
  beforeAll(async () => {
    db = await open();
  });
  afterAll(async () => {
    await db?.close();
  });

  it("fault 9: \\u0000, a lone surrogate and nesting of 10,000 are stored once (not refused on every re-delivery)", async () => {
    const poison = {
      nul: { update_id: 901, message: { text: "xong\u0000", chat: { id: 1 } } },
      surrogate: { update_id: 902, message: { text: "vướng \uD83D kinh phí", chat: { id: 1 } } },
      key: { update_id: 903, message: { ["te\u0000xt"]: "x", chat: { id: 1 } } },
      deep: { update_id: 904, message: { text: "x", entities: nested(10_000) } },
    };
    for (const [name, payload] of Object.entries(poison)) {
      // Before: PostgreSQL refused the insert, the webhook answered 503, the platform re-sent.
      expect(await storeInbound(db.prisma, "telegram", name, payload, T0)).toBe(true);
      expect(await storeInbound(db.prisma, "telegram", name, payload, T0)).toBe(false);
    }
    const claimed = await claimInbound(db.prisma, {
      now: T0,
      limit: 10,
      leaseMs: 60_000,
      owner: "fault-9",
    });
    const byId = new Map(claimed.map((u) => [u.updateId, u.payload as Record<string, unknown>]));
    expect(byId.size).toBe(4);
    expect(byId.get("nul")).toMatchObject({ message: { text: "xong\uFFFD" } });
    expect(byId.get("surrogate")).toMatchObject({ message: { text: "vướng \uFFFD kinh phí" } });
    expect(byId.get("key")).toMatchObject({ message: { ["te\uFFFDxt"]: "x" } });
    // Too deep to be an update: kept as a stub with its id, which no channel decodes.
    expect(byId.get("deep")).toEqual({ unreadable: "too_deep", update_id: 904 });
  });
});
