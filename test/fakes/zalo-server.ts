/**
 * A small fake of the Zalo Bot API (written from /work/shared/platforms.md; no public emulator
 * exists), on node:http at 127.0.0.1 with a random port. Same answer shapes as the real API:
 * `{ ok: true, result }` or `{ ok: false, error_code, description }` (HTTP status = error_code
 * when that is a valid 4xx/5xx status).
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeZaloFault {
  error_code: number;
  description: string;
  /** HTTP status of the answer; defaults to error_code when that is 400–599, else 200. */
  httpStatus?: number;
}

export interface ZaloCall {
  method: string;
  body: Record<string, unknown>;
}

export interface UserMessage {
  chatId: string;
  fromId: string;
  displayName: string;
  text: string;
  chatType?: "PRIVATE" | "GROUP";
  /** Default "message.text.received"; other events carry no text. */
  eventName?: string;
}

export interface FakeZalo {
  /** Give this to ZaloClient as apiRoot. */
  apiRoot: string;
  /** Every accepted call except getUpdates, in order: what the bot sent. */
  sent: ZaloCall[];
  /** Every request, with the error code it got (undefined when ok or held by a long poll). */
  calls: Array<ZaloCall & { errorCode: number | undefined }>;
  /** Statuses of webhook deliveries made while a webhook is set. */
  webhookDeliveries: Array<{ messageId: string; status: number | "network-error" }>;
  /** Queues an update from a user (or posts it to the webhook, when set); returns its message_id. */
  pushUserMessage(message: UserMessage): string;
  /** Resolves with the first sent call (past or future) matching `predicate`. */
  waitForSent(predicate: (call: ZaloCall) => boolean, timeoutMs?: number): Promise<ZaloCall>;
  /** The next call of `method` answers this fault instead of its normal answer. */
  failNext(method: string, fault: FakeZaloFault): void;
  close(): Promise<void>;
}

export interface FakeZaloOptions {
  token: string;
  /** Upper bound on how long getUpdates holds a request, whatever `timeout` asks. Default 1 000. */
  pollCapMs?: number;
}

const TEXT_LIMIT = 2000;

interface Waiter {
  res: ServerResponse;
  timer: NodeJS.Timeout;
}

export async function startFakeZalo(options: FakeZaloOptions): Promise<FakeZalo> {
  const { token } = options;
  const pollCapMs = options.pollCapMs ?? 1_000;
  const botId = token.split(":")[0] ?? "0";

  const queue: object[] = [];
  const waiters: Waiter[] = [];
  const faults = new Map<string, FakeZaloFault[]>();
  const sentListeners = new Set<(call: ZaloCall) => void>();
  let webhook: { url: string; secret: string } | undefined;

  const sent: ZaloCall[] = [];
  const calls: FakeZalo["calls"] = [];
  const webhookDeliveries: FakeZalo["webhookDeliveries"] = [];

  const answer = (res: ServerResponse, status: number, payload: object): void => {
    if (res.writableEnded || res.destroyed) return;
    res.writeHead(status, { "Content-Type": "application/json; charset=utf-8" });
    res.end(JSON.stringify(payload));
  };
  const fail = (res: ServerResponse, code: number, description: string, http?: number): number => {
    const status = http ?? (code >= 400 && code <= 599 ? code : 200);
    answer(res, status, { ok: false, error_code: code, description });
    return code;
  };
  const ok = (res: ServerResponse, result?: unknown): undefined => {
    answer(res, 200, result === undefined ? { ok: true } : { ok: true, result });
    return undefined;
  };

  const deliverToWaiter = (update: object): boolean => {
    while (waiters.length > 0) {
      const waiter = waiters.shift();
      if (!waiter) break;
      clearTimeout(waiter.timer);
      if (waiter.res.destroyed) continue;
      ok(waiter.res, update);
      return true;
    }
    return false;
  };

  const postToWebhook = (hook: { url: string; secret: string }, update: object, id: string) => {
    fetch(hook.url, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Bot-Api-Secret-Token": hook.secret },
      body: JSON.stringify(update),
    })
      .then((r) => webhookDeliveries.push({ messageId: id, status: r.status }))
      .catch(() => webhookDeliveries.push({ messageId: id, status: "network-error" }));
  };

  /** Answers one request; returns the error code it answered with, undefined when ok. */
  const route = (method: string, body: Record<string, unknown>, res: ServerResponse) => {
    const fault = faults.get(method)?.shift();
    if (fault) return fail(res, fault.error_code, fault.description, fault.httpStatus);
    const now = Date.now();
    switch (method) {
      case "getMe":
        return ok(res, {
          id: botId,
          account_name: "bot.fake",
          account_type: "BASIC",
          can_join_groups: false,
        });
      case "getUpdates": {
        if (webhook) return fail(res, 409, "Conflict: webhook is active, delete it first");
        const next = queue.shift();
        if (next) return ok(res, next);
        const seconds = Number(body.timeout ?? "30");
        const waitMs = Math.min(Number.isFinite(seconds) ? seconds * 1000 : 30_000, pollCapMs);
        const waiter: Waiter = {
          res,
          timer: setTimeout(() => {
            const index = waiters.indexOf(waiter);
            if (index >= 0) waiters.splice(index, 1);
            fail(res, 408, "Request timeout");
          }, waitMs),
        };
        waiters.push(waiter);
        res.on("close", () => {
          const index = waiters.indexOf(waiter);
          if (index >= 0) {
            clearTimeout(waiter.timer);
            waiters.splice(index, 1);
          }
        });
        return 0; // answered later; recorded as "held"
      }
      case "setWebhook": {
        const url = body.url;
        const secret = body.secret_token;
        if (
          typeof url !== "string" ||
          !/^(https:\/\/|http:\/\/(127\.0\.0\.1|localhost))/.test(url)
        ) {
          return fail(res, 400, "Bad Request: url must be HTTPS");
        }
        if (typeof secret !== "string" || secret.length < 8 || secret.length > 256) {
          return fail(res, 400, "Bad Request: secret_token must be 8-256 characters");
        }
        webhook = { url, secret };
        return ok(res, { url, updated_at: now });
      }
      case "deleteWebhook":
        webhook = undefined;
        return ok(res, { url: "", updated_at: now });
      case "getWebhookInfo":
        return ok(res, { url: webhook?.url ?? "", updated_at: now });
      case "sendMessage": {
        if (!isChatId(body.chat_id)) return fail(res, 400, "Bad Request: chat_id is required");
        const text = body.text;
        if (typeof text !== "string" || text.length < 1 || text.length > TEXT_LIMIT) {
          return fail(res, 400, "Bad Request: text must be 1-2000 characters");
        }
        return ok(res, { message_id: newMessageId(), date: now });
      }
      case "sendPhoto": {
        if (!isChatId(body.chat_id)) return fail(res, 400, "Bad Request: chat_id is required");
        if (typeof body.photo !== "string" || !/^https?:\/\//.test(body.photo)) {
          return fail(res, 400, "Bad Request: photo must be a URL");
        }
        const caption = body.caption;
        if (caption !== undefined && (typeof caption !== "string" || caption.length > TEXT_LIMIT)) {
          return fail(res, 400, "Bad Request: caption must be at most 2000 characters");
        }
        return ok(res, { message_id: newMessageId(), date: now });
      }
      case "sendSticker":
        if (!isChatId(body.chat_id)) return fail(res, 400, "Bad Request: chat_id is required");
        return ok(res, { message_id: newMessageId(), date: now });
      case "sendChatAction":
        if (!isChatId(body.chat_id)) return fail(res, 400, "Bad Request: chat_id is required");
        if (body.action !== "typing") return fail(res, 400, "Bad Request: unsupported action");
        return ok(res);
      default:
        return fail(res, 404, "Not Found");
    }
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const match = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? "");
      if (!match?.[1] || !match[2]) return void fail(res, 404, "Not Found");
      const method = match[2];
      const body = parseBody(Buffer.concat(chunks).toString("utf8"));
      if (body === undefined) {
        calls.push({ method, body: {}, errorCode: 400 });
        return void fail(res, 400, "Bad Request: body is not a JSON object");
      }
      if (decodeURIComponent(match[1]) !== token) {
        calls.push({ method, body, errorCode: 401 });
        return void fail(res, 401, "Unauthorized");
      }
      const errorCode = route(method, body, res);
      calls.push({ method, body, errorCode: errorCode === 0 ? undefined : errorCode });
      if (errorCode === undefined && method !== "getUpdates") {
        const call = { method, body };
        sent.push(call);
        for (const listener of sentListeners) listener(call);
      }
    });
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    sent,
    calls,
    webhookDeliveries,
    pushUserMessage(message) {
      const messageId = newMessageId();
      const eventName = message.eventName ?? "message.text.received";
      const update = {
        event_name: eventName,
        message: {
          message_id: messageId,
          date: Date.now(),
          ...(eventName === "message.text.received" ? { text: message.text } : {}),
          from: { id: message.fromId, display_name: message.displayName, is_bot: false },
          chat: { id: message.chatId, chat_type: message.chatType ?? "PRIVATE" },
        },
      };
      if (webhook) postToWebhook(webhook, update, messageId);
      else if (!deliverToWaiter(update)) queue.push(update);
      return messageId;
    },
    waitForSent(predicate, timeoutMs = 5_000) {
      const found = sent.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise<ZaloCall>((resolve, reject) => {
        const listener = (call: ZaloCall): void => {
          if (!predicate(call)) return;
          clearTimeout(timer);
          sentListeners.delete(listener);
          resolve(call);
        };
        const timer = setTimeout(() => {
          sentListeners.delete(listener);
          reject(new Error(`fake Zalo: nothing matching was sent within ${timeoutMs} ms`));
        }, timeoutMs);
        sentListeners.add(listener);
      });
    },
    failNext(method, fault) {
      faults.set(method, [...(faults.get(method) ?? []), fault]);
    },
    async close() {
      for (const waiter of waiters.splice(0)) clearTimeout(waiter.timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function newMessageId(): string {
  return randomBytes(10).toString("hex");
}

function isChatId(value: unknown): boolean {
  return typeof value === "string" && value.length > 0;
}

function parseBody(raw: string): Record<string, unknown> | undefined {
  if (raw.trim() === "") return {};
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
    return value as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
