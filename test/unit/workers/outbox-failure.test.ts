import { describe, expect, it } from "vitest";
import {
  ChatMigratedError,
  ChatUnavailableError,
  RateLimitedError,
} from "../../../src/core/channel-errors.js";
import {
  decideOutboxFailure,
  DEFAULT_OUTBOX_FAILURE_POLICY as policy,
  type FailedRow,
} from "../../../src/workers/outbox-failure.js";

const now = new Date("2026-06-20T02:00:00.000Z");
const at = (ms: number) => new Date(now.getTime() + ms);
const reminder = (attempts: number): FailedRow => ({ attempts, purpose: "reminder:12" });
const adminNotice = (attempts: number): FailedRow => ({ attempts, purpose: "admin:failed" });
const decide = (error: unknown, row: FailedRow, quotaStrikes = 0) =>
  decideOutboxFailure(error, row, policy, { now, quotaStrikes });

describe("outbox failure policy", () => {
  it("retries a 429 after exactly the platform's wait, without spending a try", () => {
    const error = new RateLimitedError("429: Too Many Requests: retry after 2", 2_000);
    expect(decide(error, reminder(1))).toEqual({
      kind: "retry",
      at: at(2_000),
      countAttempt: false,
      reason: "429: Too Many Requests: retry after 2",
      retryAfterMs: 2_000,
    });
  });

  it("honours a wait right at the cap, and parks the message past it, telling the admin", () => {
    const cap = policy.maxRetryAfterMs;
    expect(decide(new RateLimitedError("429", cap), reminder(1))).toMatchObject({
      kind: "retry",
      at: at(cap),
    });
    expect(decide(new RateLimitedError("429", 3 * 3_600_000), reminder(1))).toEqual({
      kind: "park",
      pauseChannelUntil: at(policy.parkPauseMs),
      retryAfterMs: 3 * 3_600_000,
      reason: "429",
      tellAdmin: true,
    });
  });

  it("backs the whole channel off on a quota refusal with no wait, doubling per strike up to 5 min", () => {
    const quota = new RateLimitedError("Zalo sendMessage failed: 429 Quota exceeded", undefined);
    const untils = [0, 1, 2, 3, 6, 20].map((strikes) => decide(quota, reminder(1), strikes));
    expect(untils.map((action) => action.kind)).toEqual(Array(6).fill("pause-channel"));
    expect(untils.map((action) => action.kind === "pause-channel" && action.until)).toEqual([
      at(5_000),
      at(10_000),
      at(20_000),
      at(40_000),
      at(300_000),
      at(300_000),
    ]);
    expect(untils[0]).toMatchObject({ quotaStrikes: 1 });
    expect(untils[5]).toMatchObject({ quotaStrikes: 21 });
  });

  it("drops a chat that blocked the bot or was deleted, whatever tries are left", () => {
    const gone = new ChatUnavailableError("403: Forbidden: bot was blocked by the user");
    expect(decide(gone, reminder(1))).toEqual({
      kind: "drop-chat",
      reason: "403: Forbidden: bot was blocked by the user",
      tellAdmin: true,
    });
  });

  it("follows a group that became a supergroup: re-sent now to the new id, try not spent", () => {
    const moved = new ChatMigratedError("400: group chat was upgraded", "-1001234");
    expect(decide(moved, reminder(6))).toEqual({
      kind: "move-chat",
      newChatId: "-1001234",
      at: now,
      reason: "400: group chat was upgraded",
    });
  });

  it("retries a server or network error with waits of 15 s doubling to 15 min", () => {
    const waits = [1, 2, 3, 5].map((attempts) =>
      decide(new Error("502: Bad Gateway"), reminder(attempts)),
    );
    expect(waits).toEqual([
      { kind: "retry", at: at(15_000), countAttempt: true, reason: "502: Bad Gateway" },
      { kind: "retry", at: at(30_000), countAttempt: true, reason: "502: Bad Gateway" },
      { kind: "retry", at: at(60_000), countAttempt: true, reason: "502: Bad Gateway" },
      { kind: "retry", at: at(240_000), countAttempt: true, reason: "502: Bad Gateway" },
    ]);
    const longPolicy = { ...policy, retry: { ...policy.retry, maxAttempts: 20 } };
    expect(
      decideOutboxFailure(new Error("ETIMEDOUT"), reminder(12), longPolicy, {
        now,
        quotaStrikes: 0,
      }),
    ).toMatchObject({ kind: "retry", at: at(900_000) });
  });

  it("gives up on the last try and tells the admin", () => {
    expect(decide(new Error("502: Bad Gateway"), reminder(policy.retry.maxAttempts))).toEqual({
      kind: "give-up",
      attempts: 6,
      reason: "502: Bad Gateway",
      tellAdmin: true,
    });
  });

  it("claim 3: an attachment is retried on its own short budget (5 s, 10 s) and given up on its third try", () => {
    const chart = (attempts: number): FailedRow => ({
      attempts,
      purpose: "digest:chat:telegram:-100777:2024-W46",
      attachment: true,
    });
    const refused = new Error("400: Bad Request: failed to upload the file");
    expect(decide(refused, chart(1))).toMatchObject({ kind: "retry", at: at(5_000) });
    expect(decide(refused, chart(2))).toMatchObject({ kind: "retry", at: at(10_000) });
    expect(decide(refused, chart(3))).toMatchObject({ kind: "give-up", attempts: 3 });
    // The same failure on a text keeps the longer budget.
    expect(decide(refused, reminder(3))).toMatchObject({ kind: "retry", at: at(60_000) });
  });

  it("never answers a failed admin notice with another admin notice", () => {
    expect(decide(new Error("502"), adminNotice(6))).toMatchObject({
      kind: "give-up",
      tellAdmin: false,
    });
    expect(decide(new ChatUnavailableError("403"), adminNotice(1))).toMatchObject({
      kind: "drop-chat",
      tellAdmin: false,
    });
    expect(decide(new RateLimitedError("429", 86_400_000), adminNotice(1))).toMatchObject({
      kind: "park",
      tellAdmin: false,
    });
  });

  it("reads a thrown non-Error as its text", () => {
    expect(decide("socket hang up", reminder(1))).toMatchObject({
      kind: "retry",
      reason: "socket hang up",
    });
  });
});
