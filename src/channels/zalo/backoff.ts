import { setTimeout as delay } from "node:timers/promises";
import type { Backoff } from "../../domain/backoff.js";

/** Waits `ms`; rejects with an AbortError when `signal` aborts. Injected in tests to run fast. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const realSleep: Sleep = async (ms, signal) => {
  await delay(ms, undefined, signal ? { signal } : undefined);
};

export interface BackoffPolicy extends Backoff {
  /** In [0, 1); Math.random unless a test pins it. */
  random: () => number;
}
