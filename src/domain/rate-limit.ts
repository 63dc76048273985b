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

  /**
   * Takes `weight` slots (a send that makes several platform messages) under every key, or none:
   * a refusal tells when to try again. A weight over a key's limit takes all of that key.
   */
  tryAcquire(keys: readonly LimitKey[], now: Date, weight = 1): Acquired {
    const at = now.getTime();
    let retryAt = at;
    for (const rule of keys) {
      const free = this.freeAt(rule, at, weight);
      // Every slot in flight: no end is known yet, so guess one window.
      if (free > at) retryAt = Math.max(retryAt, free === Infinity ? at + rule.windowMs : free);
    }
    if (retryAt > at) return { ok: false, retryAt: new Date(retryAt) };
    const taken: Array<{ key: string; slot: Slot }> = [];
    for (const rule of keys) {
      const list = this.slots.get(rule.key) ?? [];
      for (let i = 0; i < Math.min(weight, rule.limit); i++) {
        const slot: Slot = { startedAt: at, endedAt: undefined };
        list.push(slot);
        taken.push({ key: rule.key, slot });
      }
      this.slots.set(rule.key, list);
    }
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

  /** The earliest instant `weight` slots are free; Infinity when that waits on sends in flight. */
  private freeAt(rule: LimitKey, at: number, weight = 1): number {
    const paused = this.pausedUntil.get(rule.key) ?? 0;
    if (paused <= at) this.pausedUntil.delete(rule.key);
    const active = this.active(rule, at);
    let free = at;
    const mustExpire = active.length + Math.min(weight, rule.limit) - rule.limit;
    if (mustExpire > 0) {
      const ends = active.map((slot) => expiry(slot, rule)).sort((a, b) => a - b);
      free = ends[mustExpire - 1] ?? Infinity;
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

// ---- the platforms' sending limits, as limiter rules ----

/** A channel's sending limits (each channel declares its own, with its capabilities). */
export interface SendLimits {
  /** Messages per second over the whole channel (one process). */
  perSecond: number;
  /** Least time between the end of one send to a chat and the start of the next. */
  chatSpacingMs: number;
  /** Messages per minute to one group chat; undefined: no such limit. */
  groupPerMinute?: number;
  /**
   * Most sends started together: the per-second budget goes out in bursts of this size spread
   * over the second (thirty requests at once come back slower than six bursts of five).
   */
  burst: number;
  /** Longest text in one platform message: a longer one goes out as several. */
  textLimit: number;
}

/** The channel-wide rule (the platform's rate, counted from each send's end). */
export function channelRule(channel: string, limits: SendLimits): LimitKey {
  return { key: `channel:${channel}`, limit: limits.perSecond, windowMs: 1_000 };
}

/** Every rule a send on the channel must pass: the platform's rate and our pacing of it. */
export function channelRules(channel: string, limits: SendLimits): LimitKey[] {
  const size = Math.max(1, Math.min(limits.burst, limits.perSecond));
  return [
    channelRule(channel, limits),
    {
      key: `pace:${channel}`,
      limit: size,
      windowMs: (1_000 * size) / limits.perSecond,
      countFrom: "start",
    },
  ];
}

/** The rules for one message: the channel's, plus the group's when the chat is a group. */
export function sendRules(
  channel: string,
  chatId: string,
  isGroup: boolean,
  limits: SendLimits,
): LimitKey[] {
  const rules = channelRules(channel, limits);
  if (isGroup && limits.groupPerMinute !== undefined) {
    rules.push({
      key: `group:${channel}:${chatId}`,
      limit: limits.groupPerMinute,
      windowMs: 60_000,
    });
  }
  return rules;
}

/** How many platform messages one outgoing message makes (long text is split; files go apart). */
export function platformMessages(
  message: { text: string; photo?: unknown; document?: unknown },
  limits: SendLimits,
): number {
  // Channels split on line boundaries, so a part may fall short of the limit: round up generously.
  const parts = Math.max(1, Math.ceil(message.text.length / (limits.textLimit * 0.9)));
  return parts + (message.photo ? 1 : 0) + (message.document ? 1 : 0);
}
