/** Errors of the Zalo client. Messages never carry the bot token (see scrubToken). */

/** The platform answered `{ ok: false, error_code, description }` (or an HTTP error page). */
export class ZaloApiError extends Error {
  constructor(
    readonly method: string,
    readonly errorCode: number,
    readonly description: string,
  ) {
    super(`Zalo ${method} failed: ${errorCode} ${description}`.trim());
    this.name = "ZaloApiError";
  }
}

/** No answer: connection refused or reset, DNS failure, timeout. */
export class ZaloNetworkError extends Error {
  constructor(
    readonly method: string,
    reason: string,
    readonly code: string | undefined,
  ) {
    super(`Zalo ${method}: network error: ${reason}`);
    this.name = "ZaloNetworkError";
  }
}

/** The answer was not the documented shape. */
export class ZaloProtocolError extends Error {
  constructor(
    readonly method: string,
    detail: string,
  ) {
    super(`Zalo ${method}: unexpected answer: ${detail}`);
    this.name = "ZaloProtocolError";
  }
}

/** The caller aborted the request (channel stopping). */
export class ZaloAbortedError extends Error {
  constructor(readonly method: string) {
    super(`Zalo ${method}: aborted`);
    this.name = "AbortError";
  }
}

/** Replaces the token (raw and URL-encoded) wherever it occurs in a text. */
export function scrubToken(text: string, token: string): string {
  if (token === "") return text;
  let out = text;
  for (const form of new Set([token, encodeURIComponent(token)])) {
    out = out.split(form).join("[token]");
  }
  return out;
}
