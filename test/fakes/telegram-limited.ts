/**
 * A tiny fake Telegram Bot API that enforces the published sending limits (telegram-test-api does
 * not emulate 429s): on node:http at 127.0.0.1, random port. sendMessage accepts at most
 * `perSecond` messages in any second overall, one per `perChatMs` to a chat, `groupPerMinute` to a
 * group (negative id) in any minute; over a limit it answers 429 with `retry_after`, like Telegram.
 * It counts accepted messages per (chat, text) so that duplicates can be detected. sendPhoto and
 * sendDocument (multipart uploads) are accepted without limits, or refused for chosen chats.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as delay } from "node:timers/promises";
import { z } from "zod";

export interface FakeTelegramOptions {
  perSecond?: number;
  perChatMs?: number;
  groupPerMinute?: number;
  /** Added to every answer (simulated network + server time). Default 0. */
  latencyMs?: number;
  /**
   * sendMessage waits this long before it is handled (a server that hangs); a request the
   * client gives up meanwhile never got through and is not accepted. Default 0.
   */
  holdSendsMs?: number;
  /** The only token answered; any other gets 401 Unauthorized, as Telegram does. Default: any. */
  token?: string;
}

export interface AcceptedMessage {
  chatId: string;
  text: string;
  messageId: number;
  /** Arrival time (ms since epoch, wall clock). */
  at: number;
}

export interface AcceptedFile {
  method: "sendPhoto" | "sendDocument";
  chatId: string;
  /** The uploaded file's name. */
  filename: string;
  caption?: string;
}

/** An editMessageText call on a message the fake had accepted. */
export interface EditedMessage {
  chatId: string;
  messageId: number;
  text: string;
  /** The buttons the message has after the edit (`[]`: none). */
  inlineKeyboard: unknown[];
}

export interface FakeTelegram {
  /** Give this to TelegramChannel as apiRoot. */
  apiRoot: string;
  accepted: AcceptedMessage[];
  /** editMessageText calls on accepted messages, in order (others answer 400 "not found"). */
  edits: EditedMessage[];
  /** Photos and documents accepted, in order. */
  files: AcceptedFile[];
  /** Every sendPhoto/sendDocument call, accepted or refused, in order. */
  fileAttempts: Array<{ method: string; chatId: string }>;
  /** From now on sendPhoto/sendDocument to this chat answer 400 (the file is refused). */
  refuseFiles(chatId: string): void;
  /** How many 429 answers were given. */
  readonly tooManyRequests: number;
  /** (chat, text) pairs accepted more than once. */
  duplicates(): Array<{ chatId: string; text: string; count: number }>;
  /** From now on sendMessage to this chat answers 403 "bot was blocked by the user". */
  block(chatId: string): void;
  /** From now on sendMessage to `oldId` answers 400 with migrate_to_chat_id = newId. */
  migrate(oldId: string, newId: number): void;
  /** The next `count` sendMessage calls answer HTTP 502. */
  failNext(count: number): void;
  /** The next `count` getMe calls (the bot's start) answer HTTP 502. */
  failGetMe(count: number): void;
  /** How many getMe calls were answered, 502s included. */
  readonly getMeCalls: number;
  /** sendMessage requests that arrived (accepted or not, held ones included). */
  readonly received: number;
  /** Change holdSendsMs for requests arriving from now on. */
  holdSends(ms: number): void;
  close(): Promise<void>;
}

const sendMessageSchema = z.object({
  chat_id: z.union([z.string(), z.number()]).transform(String),
  text: z.string().min(1).max(4096),
});

const editMessageTextSchema = z.object({
  chat_id: z.union([z.string(), z.number()]).transform(String),
  message_id: z.number().int(),
  text: z.string().min(1).max(4096),
  reply_markup: z.object({ inline_keyboard: z.array(z.unknown()) }).optional(),
});

/** The fields of a multipart/form-data body: values of text fields, and each file's name. */
function formFields(body: Buffer, contentType: string): Record<string, string> {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  const marker = boundary?.[1] ?? boundary?.[2];
  if (!marker) return {};
  const fields: Record<string, string> = {};
  for (const part of body.toString("utf8").split(`--${marker}`)) {
    const split = part.indexOf("\r\n\r\n");
    if (split < 0) continue;
    const head = part.slice(0, split);
    const name = /name="([^"]+)"/.exec(head)?.[1];
    if (!name) continue;
    const filename = /filename="([^"]*)"/.exec(head)?.[1];
    fields[name] = filename ?? part.slice(split + 4).replace(/\r\n$/, "");
  }
  return fields;
}

export async function startFakeTelegram(options: FakeTelegramOptions = {}): Promise<FakeTelegram> {
  const perSecond = options.perSecond ?? 30;
  const perChatMs = options.perChatMs ?? 1_000;
  const groupPerMinute = options.groupPerMinute ?? 20;
  const latencyMs = options.latencyMs ?? 0;
  let holdSendsMs = options.holdSendsMs ?? 0;

  const accepted: AcceptedMessage[] = [];
  const edits: EditedMessage[] = [];
  const files: AcceptedFile[] = [];
  const fileAttempts: Array<{ method: string; chatId: string }> = [];
  const refused = new Set<string>();
  const counts = new Map<string, number>();
  const lastByChat = new Map<string, number>();
  const groupTimes = new Map<string, number[]>();
  const recent: number[] = [];
  const blocked = new Set<string>();
  const migrated = new Map<string, number>();
  let failures = 0;
  let getMeFailures = 0;
  let nextMessageId = 1;

  const state = {
    tooManyRequests: 0,
    getMeCalls: 0,
    received: 0,
  };

  /** Seconds to wait (≥ 1) when a limit is exceeded, else 0. */
  function limitWait(chatId: string, now: number): number {
    while (recent.length > 0 && (recent[0] ?? 0) <= now - 1_000) recent.shift();
    let waitMs = 0;
    if (recent.length >= perSecond) waitMs = Math.max(waitMs, (recent[0] ?? now) + 1_000 - now);
    const last = lastByChat.get(chatId);
    if (last !== undefined && now - last < perChatMs)
      waitMs = Math.max(waitMs, last + perChatMs - now);
    if (chatId.startsWith("-")) {
      const times = (groupTimes.get(chatId) ?? []).filter((at) => at > now - 60_000);
      groupTimes.set(chatId, times);
      if (times.length >= groupPerMinute)
        waitMs = Math.max(waitMs, (times[0] ?? now) + 60_000 - now);
    }
    return waitMs === 0 ? 0 : Math.max(1, Math.ceil(waitMs / 1_000));
  }

  function sendMessage(body: unknown): { status: number; answer: unknown } {
    const parsed = sendMessageSchema.safeParse(body);
    if (!parsed.success) {
      return error(400, "Bad Request: message text is empty");
    }
    const { chat_id: chatId, text } = parsed.data;
    if (failures > 0) {
      failures -= 1;
      return error(502, "Bad Gateway");
    }
    if (blocked.has(chatId)) return error(403, "Forbidden: bot was blocked by the user");
    const newId = migrated.get(chatId);
    if (newId !== undefined) {
      return error(400, "Bad Request: group chat was upgraded to a supergroup chat", {
        migrate_to_chat_id: newId,
      });
    }
    const now = Date.now();
    const wait = limitWait(chatId, now);
    if (wait > 0) {
      state.tooManyRequests += 1;
      return error(429, `Too Many Requests: retry after ${wait}`, { retry_after: wait });
    }
    recent.push(now);
    lastByChat.set(chatId, now);
    if (chatId.startsWith("-")) groupTimes.get(chatId)?.push(now);
    const messageId = nextMessageId++;
    accepted.push({ chatId, text, messageId, at: now });
    const key = `${chatId}\u0000${text}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    return {
      status: 200,
      answer: {
        ok: true,
        result: {
          message_id: messageId,
          date: Math.floor(now / 1000),
          chat: { id: Number(chatId), type: chatId.startsWith("-") ? "supergroup" : "private" },
          text,
        },
      },
    };
  }

  function sendFile(
    method: AcceptedFile["method"],
    fields: Record<string, string>,
  ): { status: number; answer: unknown } {
    const chatId = fields.chat_id ?? "";
    fileAttempts.push({ method, chatId });
    if (refused.has(chatId)) return error(400, "Bad Request: failed to upload the file");
    const file = fields[method === "sendPhoto" ? "photo" : "document"] ?? "";
    files.push({
      method,
      chatId,
      filename: file,
      ...(fields.caption ? { caption: fields.caption } : {}),
    });
    const messageId = nextMessageId++;
    return {
      status: 200,
      answer: {
        ok: true,
        result: {
          message_id: messageId,
          date: Math.floor(Date.now() / 1000),
          chat: { id: Number(chatId), type: chatId.startsWith("-") ? "supergroup" : "private" },
        },
      },
    };
  }

  function editMessageText(body: unknown): { status: number; answer: unknown } {
    const parsed = editMessageTextSchema.safeParse(body);
    if (!parsed.success) return error(400, "Bad Request: message text is empty");
    const { chat_id: chatId, message_id: messageId, text, reply_markup } = parsed.data;
    if (!accepted.some((m) => m.chatId === chatId && m.messageId === messageId)) {
      return error(400, "Bad Request: message to edit not found");
    }
    edits.push({ chatId, messageId, text, inlineKeyboard: reply_markup?.inline_keyboard ?? [] });
    return {
      status: 200,
      answer: { ok: true, result: { message_id: messageId, chat: { id: Number(chatId) }, text } },
    };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const contentType = req.headers["content-type"] ?? "";
    const [, token, method] = /^\/bot([^/]+)\/(\w+)/.exec(req.url ?? "") ?? [];
    if (options.token !== undefined && decodeURIComponent(token ?? "") !== options.token) {
      const refused = error(401, "Unauthorized");
      res.writeHead(refused.status, { "Content-Type": "application/json" });
      res.end(JSON.stringify(refused.answer));
      return;
    }
    if (method === "sendPhoto" || method === "sendDocument") {
      const reply = sendFile(method, formFields(Buffer.concat(chunks), contentType));
      res.writeHead(reply.status, { "Content-Type": "application/json" });
      res.end(JSON.stringify(reply.answer));
      return;
    }
    const raw = Buffer.concat(chunks).toString("utf8");
    let body: unknown = {};
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw);
      } catch {
        body = undefined;
      }
    }
    let reply: { status: number; answer: unknown };
    if (method === "sendMessage") state.received += 1;
    if (method === "sendMessage" && holdSendsMs > 0) {
      const gaveUp = new Promise<void>((resolve) => res.once("close", resolve));
      await Promise.race([delay(holdSendsMs, undefined, { ref: false }), gaveUp]);
      if (res.destroyed || !res.writable) return;
    }
    if (method === "sendMessage") reply = sendMessage(body);
    else if (method === "editMessageText") reply = editMessageText(body);
    else if (method === "getMe" && getMeFailures > 0) {
      state.getMeCalls += 1;
      getMeFailures -= 1;
      reply = error(502, "Bad Gateway");
    } else if (method === "getMe") {
      state.getMeCalls += 1;
      reply = {
        status: 200,
        answer: {
          ok: true,
          result: { id: 1, is_bot: true, first_name: "Fake", username: "FakeBot" },
        },
      };
    } else if (["setWebhook", "deleteWebhook", "setMyCommands"].includes(method ?? "")) {
      // What a bot calls at start-up: accepted, nothing else to emulate.
      reply = { status: 200, answer: { ok: true, result: true } };
    } else if (method === "getUpdates") {
      // Nobody writes to this bot: a short long-poll with no news.
      await delay(500);
      reply = { status: 200, answer: { ok: true, result: [] } };
    } else reply = error(404, "Not Found: method not found");
    if (latencyMs > 0) await delay(latencyMs);
    res.writeHead(reply.status, { "Content-Type": "application/json" });
    res.end(JSON.stringify(reply.answer));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    accepted,
    edits,
    files,
    fileAttempts,
    refuseFiles: (chatId) => void refused.add(chatId),
    get tooManyRequests() {
      return state.tooManyRequests;
    },
    get getMeCalls() {
      return state.getMeCalls;
    },
    get received() {
      return state.received;
    },
    holdSends(ms) {
      holdSendsMs = ms;
    },
    duplicates() {
      return [...counts.entries()]
        .filter(([, count]) => count > 1)
        .map(([key, count]) => {
          const [chatId = "", text = ""] = key.split("\u0000");
          return { chatId, text, count };
        });
    },
    block: (chatId) => void blocked.add(chatId),
    migrate: (oldId, newId) => void migrated.set(oldId, newId),
    failNext(count) {
      failures += count;
    },
    failGetMe(count) {
      getMeFailures += count;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

function error(
  code: number,
  description: string,
  parameters?: Record<string, number>,
): { status: number; answer: unknown } {
  return {
    status: code,
    answer: { ok: false, error_code: code, description, ...(parameters ? { parameters } : {}) },
  };
}
