import { setTimeout as delay } from "node:timers/promises";

/** Waits `ms`; rejects with an AbortError when `signal` aborts. Injected in tests to run fast. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const realSleep: Sleep = async (ms, signal) => {
  await delay(ms, undefined, signal ? { signal } : undefined);
};

export interface BackoffPolicy {
  baseDelayMs: number;
  maxDelayMs: number;
  /** In [0, 1); Math.random unless a test pins it. */
  random: () => number;
}

/**
 * Exponential backoff with "equal jitter": the n-th retry (n ≥ 1) waits between half and all of
 * min(max, base·2^(n−1)), so clients that failed together do not retry together.
 */
export function backoffDelay(retry: number, policy: BackoffPolicy): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.round(ceiling / 2 + (policy.random() * ceiling) / 2);
}
