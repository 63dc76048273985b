/**
 * A webhook update as JSON PostgreSQL's jsonb accepts. Platforms relay whatever a sender typed:
 * a `\u0000` or a lone surrogate made every insert fail, so the update was answered 503 on every
 * re-delivery and never handled. Such characters become U+FFFD (what a reader would see anyway);
 * nesting deeper than any real update is replaced by a stub that keeps the update id, so the
 * update is stored once and answered 200 instead of failing for ever.
 */

/** Telegram and Zalo updates nest about six levels; far beyond that is not an update. */
export const MAX_PAYLOAD_DEPTH = 64;

/** NUL, and a surrogate without its pair (not a character: jsonb refuses both). */
// eslint-disable-next-line no-control-regex -- NUL is exactly what must be replaced
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function clean(text: string): string {
  return text.replace(UNSTORABLE, "\uFFFD");
}

/** Deepest nesting of arrays and objects, walked without recursion (stops past `limit`). */
function depthOver(value: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop() ?? [undefined, 0];
    if (item === null || typeof item !== "object") continue;
    if (depth >= limit) return true;
    for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
  return false;
}

export interface StorablePayload {
  json: string;
  /** Set when the update could not be kept as sent. */
  replaced?: "too_deep";
  /** The stored form differs from what arrived (replaced, or characters cleaned). */
  changed: boolean;
}

/**
 * The update as the database holds it: what the worker must handle when it takes the update
 * from memory, so that it sees what a claim would (a stub, or U+FFFD for the bad characters).
 */
export function storedForm(payload: unknown, storable: StorablePayload): unknown {
  return storable.changed ? (JSON.parse(storable.json) as unknown) : payload;
}

/**
 * Why a stored update cannot be handled (it was kept as a stub), or undefined for a real one.
 * Such an update goes straight to "given up": retrying it would never help.
 */
export function unreadableReason(payload: unknown): StorablePayload["replaced"] | undefined {
  if (payload === null || typeof payload !== "object" || !("unreadable" in payload)) return;
  const reason = (payload as { unreadable: unknown }).unreadable;
  return reason === "too_deep" ? reason : undefined;
}

export function storablePayload(payload: unknown): StorablePayload {
  if (depthOver(payload, MAX_PAYLOAD_DEPTH)) {
    const updateId =
      payload !== null && typeof payload === "object" && "update_id" in payload
        ? (payload as { update_id: unknown }).update_id
        : undefined;
    return {
      json: JSON.stringify({ unreadable: "too_deep", update_id: updateId ?? null }),
      replaced: "too_deep",
      changed: true,
    };
  }
  let changed = false;
  const json = JSON.stringify(payload, (_key, value: unknown) => {
    if (typeof value === "string") {
      const cleaned = clean(value);
      if (cleaned !== value) changed = true;
      return cleaned;
    }
    if (value !== null && typeof value === "object" && !Array.isArray(value)) {
      const entries = Object.entries(value);
      if (entries.some(([key]) => clean(key) !== key)) {
        changed = true;
        return Object.fromEntries(entries.map(([key, v]) => [clean(key), v]));
      }
    }
    return value;
  });
  return { json, changed };
}
