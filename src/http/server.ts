import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { WebhookHeaders, WebhookRoute } from "../channels/types.js";
import type { Logger } from "../logger.js";

/** Largest webhook body read: a platform update is a few kilobytes, a long one tens of them. */
export const MAX_BODY_BYTES = 256 * 1024;

export type { WebhookHeaders, WebhookRoute };

export interface HealthReport {
  ok: boolean;
  [part: string]: unknown;
}

/** What the bot serves once it is ready; before that, health says "starting" and webhooks 503. */
export interface HttpRoutes {
  webhooks: WebhookRoute[];
  health: () => Promise<HealthReport>;
  /** Extra GET routes by path prefix (e.g. expiring chart links). */
  files?: { prefix: string; serve(path: string, res: ServerResponse): Promise<void> };
}

export interface HttpServerOptions {
  port: number;
  host?: string;
  logger: Logger;
  /** Health before the routes are mounted (e.g. still waiting for the database). */
  startingHealth?: () => HealthReport;
}

export interface HttpHandle {
  server: Server;
  /** Serve the bot's routes from now on. */
  mount(routes: HttpRoutes): void;
  close(): Promise<void>;
}

class BodyTooLarge extends Error {}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge();
    chunks.push(buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown;
}

/**
 * Answers without reading the request body: the connection closes once the answer is out, so a
 * large body from someone without the secret costs a header check, nothing more.
 */
function refuseUnread(req: IncomingMessage, res: ServerResponse, status: number): void {
  res.setHeader("connection", "close");
  res.once("finish", () => req.destroy());
  answer(res, status);
}

function answer(res: ServerResponse, status: number, body: unknown = { ok: status < 400 }): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
  res.end(JSON.stringify(body));
}

/**
 * Webhooks and /healthz on node:http: nothing here needs a web framework. The server listens
 * before the database is open, so that an orchestrator sees "not ready" rather than nothing.
 */
export async function startHttpServer(options: HttpServerOptions): Promise<HttpHandle> {
  let routes: HttpRoutes | undefined;
  const startingHealth =
    options.startingHealth ?? ((): HealthReport => ({ ok: false, status: "starting" }));
  const server = createServer((req, res) => {
    void route(req, res).catch((error: unknown) => {
      options.logger.error({ err: error }, "http request failed");
      if (!res.headersSent) answer(res, 500);
    });
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    if (req.method === "GET" && path === "/healthz") {
      const report = routes ? await routes.health() : startingHealth();
      answer(res, report.ok ? 200 : 503, report);
      return;
    }
    if (!routes) {
      // Not ready: platforms deliver again later.
      refuseUnread(req, res, 503);
      return;
    }
    const { files } = routes;
    if (req.method === "GET" && files && path.startsWith(files.prefix)) {
      await files.serve(path.slice(files.prefix.length), res);
      return;
    }
    const webhook = routes.webhooks.find((w) => w.path === path);
    if (!webhook) {
      answer(res, 404);
      return;
    }
    if (req.method !== "POST") {
      refuseUnread(req, res, 405);
      return;
    }
    // The secret first: nothing of the body is read for a caller without it.
    if (!webhook.authorize(req.headers)) {
      refuseUnread(req, res, 401);
      return;
    }
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > MAX_BODY_BYTES) {
      refuseUnread(req, res, 413);
      return;
    }
    let body: unknown;
    try {
      body = await readJson(req);
    } catch (error) {
      if (error instanceof BodyTooLarge) refuseUnread(req, res, 413);
      else answer(res, 400);
      return;
    }
    const result = await webhook.handle(req.headers, body);
    answer(res, result.status);
  }

  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host ?? "0.0.0.0", () => {
      server.off("error", reject);
      resolve();
    });
  });
  options.logger.info({ port: options.port }, "http server listening");
  let closing: Promise<void> | undefined;
  return {
    server,
    mount(next) {
      routes = next;
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
