import { describe, expect, it } from "vitest";
import { backoffMs, jitteredBackoffMs } from "../../../src/domain/backoff.js";

const policy = { baseDelayMs: 1000, maxDelayMs: 30_000 };

describe("backoff", () => {
  it.each([
    [0, 1000],
    [1, 1000],
    [2, 2000],
    [5, 16_000],
    [6, 30_000],
    [5000, 30_000],
  ])("failure %i waits %i ms (1 s doubling, at most 30 s)", (failures, expected) => {
    expect(backoffMs(failures, policy)).toBe(expected);
  });

  it.each([
    [1, 1, 1000],
    [2, 1, 2000],
    [5, 1, 16_000],
    [6, 1, 30_000],
    [20, 1, 30_000],
    [1, 0, 500],
    [6, 0, 15_000],
  ])("with jitter, failure %i with random %d waits %i ms", (failures, random, expected) => {
    expect(jitteredBackoffMs(failures, policy, () => random)).toBe(expected);
  });
});
