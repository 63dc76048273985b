import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sendLimitsOf } from "../../../src/channels/capabilities.js";
import {
  platformMessages,
  sendRules,
  SlidingWindowLimiter,
  type LimitKey,
} from "../../../src/domain/rate-limit.js";

const T0 = Date.parse("2024-06-20T02:00:00Z");
const at = (ms: number) => new Date(T0 + ms);
const overall: LimitKey = { key: "channel:telegram", limit: 3, windowMs: 1_000 };
const group: LimitKey = { key: "group:-1", limit: 2, windowMs: 60_000 };

/** Sends that start at `start` and last `duration`; returns the start times that were granted. */
function run(limiter: SlidingWindowLimiter, keys: LimitKey[], sends: Array<[number, number]>) {
  const granted: number[] = [];
  const refused: Array<{ start: number; retryAt: number }> = [];
  for (const [start, duration] of sends) {
    const result = limiter.tryAcquire(keys, at(start));
    if (result.ok) {
      granted.push(start);
      limiter.release(result.permit, at(start + duration));
    } else {
      refused.push({ start, retryAt: result.retryAt.getTime() - T0 });
    }
  }
  return { granted, refused };
}

describe("sliding-window limiter", () => {
  it.each([
    {
      name: "grants up to the limit, then refuses until a window after the oldest send ended",
      rule: overall,
      sends: [
        [0, 10],
        [0, 10],
        [0, 10],
        [0, 10],
        [1_009, 0],
        [1_010, 0],
      ] as Array<[number, number]>,
      granted: [0, 0, 0, 1_010],
      refused: [
        { start: 0, retryAt: 1_010 },
        { start: 1_009, retryAt: 1_010 },
      ],
    },
    {
      name: "counts a window from the end of a slow send, not from its start",
      rule: { key: "chat:1", limit: 1, windowMs: 1_000 },
      sends: [
        [0, 900],
        [1_500, 0],
        [1_900, 0],
      ] as Array<[number, number]>,
      granted: [0, 1_900],
      refused: [{ start: 1_500, retryAt: 1_900 }],
    },
    {
      name: "lets the next send go as soon as one of several slots expires",
      rule: overall,
      sends: [
        [0, 0],
        [300, 0],
        [600, 0],
        [900, 0],
        [1_000, 0],
        [1_200, 0],
        [1_300, 0],
      ] as Array<[number, number]>,
      granted: [0, 300, 600, 1_000, 1_300],
      refused: [
        { start: 900, retryAt: 1_000 },
        { start: 1_200, retryAt: 1_300 },
      ],
    },
  ])("$name", ({ rule, sends, granted, refused }) => {
    const result = run(new SlidingWindowLimiter(), [rule], sends);
    expect(result.granted).toEqual(granted);
    expect(result.refused).toEqual(refused);
  });

  it("holds a slot while the send is in flight and guesses one window for the retry", () => {
    const limiter = new SlidingWindowLimiter();
    const single: LimitKey = { key: "chat", limit: 1, windowMs: 1_000 };
    const first = limiter.tryAcquire([single], at(0));
    expect(first.ok).toBe(true);
    const second = limiter.tryAcquire([single], at(5_000));
    expect(second).toEqual({ ok: false, retryAt: at(6_000) });
    expect(limiter.nextFreeAt(single, at(5_000))).toBeUndefined();
    if (first.ok) limiter.release(first.permit, at(5_000));
    expect(limiter.nextFreeAt(single, at(5_000))).toEqual(at(6_000));
    expect(limiter.tryAcquire([single], at(6_000)).ok).toBe(true);
  });

  it("takes a slot under every key or under none", () => {
    const limiter = new SlidingWindowLimiter();
    run(
      limiter,
      [overall, group],
      [
        [0, 0],
        [100, 0],
      ],
    );
    // The group is full: the refusal must not use up the overall budget.
    const refused = limiter.tryAcquire([overall, group], at(200));
    expect(refused).toEqual({ ok: false, retryAt: at(60_000) });
    expect(limiter.available(overall, at(200))).toBe(1);
    expect(limiter.tryAcquire([overall], at(200)).ok).toBe(true);
  });

  it("gives the latest of the keys' free times", () => {
    const limiter = new SlidingWindowLimiter();
    run(
      limiter,
      [overall, group],
      [
        [0, 0],
        [100, 0],
      ],
    );
    run(limiter, [overall], [[200, 0]]);
    expect(limiter.tryAcquire([overall, group], at(300))).toEqual({
      ok: false,
      retryAt: at(60_000),
    });
  });

  it("counts a pacing rule from the start of each send, in flight or not", () => {
    const limiter = new SlidingWindowLimiter();
    const pace: LimitKey = { key: "pace", limit: 2, windowMs: 100, countFrom: "start" };
    expect(limiter.tryAcquire([pace], at(0)).ok).toBe(true);
    expect(limiter.tryAcquire([pace], at(10)).ok).toBe(true);
    expect(limiter.tryAcquire([pace], at(50))).toEqual({ ok: false, retryAt: at(100) });
    expect(limiter.nextFreeAt(pace, at(50))).toEqual(at(100));
    // Neither send has ended, yet the first one's slot is free again.
    expect(limiter.tryAcquire([pace], at(100)).ok).toBe(true);
  });

  it("refuses everything under a paused key until the pause ends", () => {
    const limiter = new SlidingWindowLimiter();
    limiter.pause(overall.key, at(5_000));
    expect(limiter.available(overall, at(4_999))).toBe(0);
    expect(limiter.tryAcquire([overall], at(1_000))).toEqual({ ok: false, retryAt: at(5_000) });
    expect(limiter.tryAcquire([overall], at(5_000)).ok).toBe(true);
  });

  it("never lets more than `limit` sends start within any window (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 300 })), {
          maxLength: 60,
        }),
        (limit, steps) => {
          const rule: LimitKey = { key: "k", limit, windowMs: 1_000 };
          const limiter = new SlidingWindowLimiter();
          let now = 0;
          const spans: Array<[number, number]> = [];
          for (const [gap, duration] of steps) {
            now += gap;
            const result = limiter.tryAcquire([rule], at(now));
            if (result.ok) {
              limiter.release(result.permit, at(now + duration));
              spans.push([now, now + duration]);
            } else {
              expect(result.retryAt.getTime()).toBeGreaterThan(T0 + now);
            }
          }
          // A send counts from its start to a window after its end: never more than `limit` at once.
          for (const [start] of spans) {
            const overlapping = spans.filter(([s, end]) => s <= start && start < end + 1_000);
            expect(overlapping.length).toBeLessThanOrEqual(limit);
          }
        },
      ),
    );
  });

  it("counts a send that makes several platform messages as several", () => {
    const limiter = new SlidingWindowLimiter();
    expect(limiter.tryAcquire([overall], at(0), 2).ok).toBe(true);
    expect(limiter.tryAcquire([overall], at(0), 2)).toEqual({ ok: false, retryAt: at(1_000) });
    expect(limiter.tryAcquire([overall], at(0), 1).ok).toBe(true);
    // Heavier than the whole limit: waits for every slot, then takes them all.
    const fresh = new SlidingWindowLimiter();
    expect(fresh.tryAcquire([overall], at(0), 10).ok).toBe(true);
    expect(fresh.available(overall, at(0))).toBe(0);
  });
});

describe("platform limits as rules", () => {
  it.each([
    { text: "Nhắc hạn", extra: {}, parts: 1 },
    { text: "x".repeat(3_500), extra: {}, parts: 1 },
    { text: "x".repeat(9_000), extra: {}, parts: 3 },
    { text: "Biểu đồ", extra: { photo: { path: "chart.png" } }, parts: 2 },
    { text: "Báo cáo", extra: { document: { path: "r.xlsx", filename: "r.xlsx" } }, parts: 2 },
  ])(
    "a Telegram message of $text.length characters ($parts platform messages)",
    ({ text, extra, parts }) => {
      expect(platformMessages({ text, ...extra }, sendLimitsOf("telegram"))).toBe(parts);
    },
  );

  it("adds the 20-a-minute rule for Telegram groups only", () => {
    const keys = (isGroup: boolean) =>
      sendRules("telegram", "-1001", isGroup, sendLimitsOf("telegram")).map((rule) => [
        rule.key,
        rule.limit,
        rule.windowMs,
      ]);
    expect(keys(false)).toEqual([
      ["channel:telegram", 30, 1_000],
      ["pace:telegram", 5, 1_000 / 6],
    ]);
    expect(keys(true)).toContainEqual(["group:telegram:-1001", 20, 60_000]);
    expect(sendRules("zalo", "u1", true, sendLimitsOf("zalo"))).toHaveLength(2);
  });
});
