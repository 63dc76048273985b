/**
 * The one backoff formula of the project: the n-th failure in a row (n ≥ 1) waits
 * `baseDelayMs · 2^(n−1)`, at most `maxDelayMs`. Used by the outbox sender, the inbound worker,
 * the start-up waits and the platform clients' retries. Pure.
 */

export interface Backoff {
  /** Wait after the first failure. */
  baseDelayMs: number;
  /** Cap on one wait. */
  maxDelayMs: number;
}

/** Wait after the `failures`-th failure in a row (0 or less counts as the first). */
export function backoffMs(failures: number, backoff: Backoff): number {
  return Math.min(backoff.maxDelayMs, backoff.baseDelayMs * 2 ** Math.max(0, failures - 1));
}

/**
 * The same wait with "equal jitter": between half and all of it, so clients that failed together
 * do not retry together. `random` is in [0, 1) (Math.random unless a test pins it).
 */
export function jitteredBackoffMs(
  failures: number,
  backoff: Backoff,
  random: () => number,
): number {
  const ceiling = backoffMs(failures, backoff);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
