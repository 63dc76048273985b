/**
 * A sliding-window rate limiter for outgoing messages: at most `limit` sends per `windowMs` for
 * each key (a channel, a group chat…). Pure: every call takes `now`.
 *
 * A slot is taken when a send starts and held while it is in flight; once the send ends the slot
 * stays taken for one more window. The platform counts a message when it arrives, which is some
 * time between our start and our end, so counting from the end keeps us under its limit whatever
 * the network latency (at a cost of one latency per window). Rules counted from the start instead
 * pace our own bursts (a burst of sends in flight together is slower, which holds slots longer).
 */

export interface WindowRule {
  limit: number;
  windowMs: number;
  /**
   * "end" (default): a slot counts until one window after the send ended — a platform limit.
   * "start": until one window after it started, in flight or not — pacing of our own.
   */
  countFrom?: "start" | "end";
}

export interface LimitKey extends WindowRule {
  key: string;
}

interface Slot {
  startedAt: number;
  /** Undefined while the send is in flight. */
  endedAt: number | undefined;
}

/** Proof of a granted send; hand it back to `release` when the send is over. */
export interface Permit {
  readonly slots: ReadonlyArray<{ key: string; slot: Slot }>;
}

export type Acquired = { ok: true; permit: Permit } | { ok: false; retryAt: Date };

export class SlidingWindowLimiter {
  private readonly slots = new Map<string, Slot[]>();
  private readonly pausedUntil = new Map<string, number>();

  /** Takes one slot under every key, or none: a refusal tells when to try again. */
  tryAcquire(keys: readonly LimitKey[], now: Date): Acquired {
    const at = now.getTime();
    let retryAt = at;
    for (const rule of keys) {
      const free = this.freeAt(rule, at);
      // Every slot in flight: no end is known yet, so guess one window.
      if (free > at) retryAt = Math.max(retryAt, free === Infinity ? at + rule.windowMs : free);
    }
    if (retryAt > at) return { ok: false, retryAt: new Date(retryAt) };
    const taken = keys.map(({ key }) => {
      const slot: Slot = { startedAt: at, endedAt: undefined };
      const list = this.slots.get(key) ?? [];
      list.push(slot);
      this.slots.set(key, list);
      return { key, slot };
    });
    return { ok: true, permit: { slots: taken } };
  }

  /** The send is over (sent or failed: the platform saw it either way). */
  release(permit: Permit, now: Date): void {
    for (const { slot } of permit.slots) slot.endedAt ??= now.getTime();
  }

  /** No slot under `key` before `until` (the platform asked us to wait). */
  pause(key: string, until: Date): void {
    const current = this.pausedUntil.get(key) ?? 0;
    this.pausedUntil.set(key, Math.max(current, until.getTime()));
  }

  /** Whether `key` is paused at `now`. */
  isPaused(key: string, now: Date): boolean {
    return (this.pausedUntil.get(key) ?? 0) > now.getTime();
  }

  /** How many sends under this key could start now. */
  available(rule: LimitKey, now: Date): number {
    const at = now.getTime();
    if ((this.pausedUntil.get(rule.key) ?? 0) > at) return 0;
    return Math.max(0, rule.limit - this.active(rule, at).length);
  }

  /** When the next slot under this key frees up: `now` when one is free, undefined when unknown. */
  nextFreeAt(rule: LimitKey, now: Date): Date | undefined {
    const at = now.getTime();
    const free = this.freeAt(rule, at);
    return Number.isFinite(free) ? new Date(free) : undefined;
  }

  /** The earliest instant a slot is free, or Infinity when every slot is held by a send in flight. */
  private freeAt(rule: LimitKey, at: number): number {
    const paused = this.pausedUntil.get(rule.key) ?? 0;
    if (paused <= at) this.pausedUntil.delete(rule.key);
    const active = this.active(rule, at);
    let free = at;
    const excess = active.length - rule.limit;
    if (excess >= 0) {
      // `excess + 1` slots must expire; in-flight slots expire at the earliest one window from now.
      const ends = active.map((slot) => expiry(slot, rule)).sort((a, b) => a - b);
      free = ends[excess] ?? Infinity;
    }
    return Math.max(free, paused > at ? paused : at);
  }

  /** Slots still counting at `at`; forgets expired ones (and keys with none left). */
  private active(rule: LimitKey, at: number): Slot[] {
    const list = this.slots.get(rule.key);
    if (!list) return [];
    const kept = list.filter((slot) => expiry(slot, rule) > at);
    if (kept.length === 0) this.slots.delete(rule.key);
    else if (kept.length !== list.length) this.slots.set(rule.key, kept);
    return kept;
  }
}

/** When a slot stops counting under `rule`; Infinity while an end-counted send is in flight. */
function expiry(slot: Slot, rule: WindowRule): number {
  if (rule.countFrom === "start") return slot.startedAt + rule.windowMs;
  return slot.endedAt === undefined ? Infinity : slot.endedAt + rule.windowMs;
}
