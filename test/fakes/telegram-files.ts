/**
 * Files for the Telegram emulator (telegram-test-api has no documents): a small server in front
 * of it that answers `getFile` and serves `GET /file/bot<token>/<file_path>` like the Bot API,
 * and passes every other request through to the emulator unchanged. Point the bot's apiRoot here.
 */
import { createServer, request, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeDocument {
  file_id: string;
  file_unique_id: string;
  file_name: string;
  mime_type: string;
  file_size: number;
}

export interface TelegramFiles {
  /** Give this to the bot as TELEGRAM_API_ROOT. */
  apiRoot: string;
  /**
   * Make a file available; returns the `document` field of a message carrying it.
   * `reportSize: false`: getFile leaves file_size out (Telegram may), so only the download shows it.
   */
  addFile(
    name: string,
    content: Buffer,
    mimeType?: string,
    options?: { reportSize?: boolean },
  ): FakeDocument;
  /** file_id of every getFile call, in order. */
  readonly getFileCalls: string[];
  /** file_path of every download, in order. */
  readonly downloads: string[];
  /** sendPhoto/sendDocument calls answered 400 (with `refuseUploads`), in order. */
  readonly refusedUploads: string[];
  close(): Promise<void>;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "Content-Type": "application/json" });
  res.end(JSON.stringify(body));
}

export async function startTelegramFiles(options: {
  upstream: string;
  token: string;
  /** Answer sendPhoto and sendDocument 400, as Telegram does for a file it will not take. */
  refuseUploads?: boolean;
}): Promise<TelegramFiles> {
  const upstream = new URL(options.upstream);
  const byId = new Map<
    string,
    { path: string; content: Buffer; document: FakeDocument; reportSize: boolean }
  >();
  const byPath = new Map<string, Buffer>();
  const getFileCalls: string[] = [];
  const downloads: string[] = [];
  const refusedUploads: string[] = [];
  let next = 1;

  function passThrough(req: IncomingMessage, res: ServerResponse, body: Buffer): void {
    const forwarded = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host, "content-length": body.length },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forwarded.on("error", () => json(res, 502, { ok: false, error_code: 502 }));
    forwarded.end(body);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const url = new URL(req.url ?? "/", "http://fake");
    const filePrefix = `/file/bot${options.token}/`;
    if (url.pathname.startsWith(filePrefix)) {
      const path = decodeURIComponent(url.pathname.slice(filePrefix.length));
      const content = byPath.get(path);
      if (!content || req.method !== "GET") {
        json(res, 404, { ok: false, error_code: 404, description: "Not Found" });
        return;
      }
      downloads.push(path);
      res.writeHead(200, {
        "Content-Type": "application/octet-stream",
        "Content-Length": content.length,
      });
      res.end(content);
      return;
    }
    if (url.pathname === `/bot${options.token}/getFile`) {
      let fileId = url.searchParams.get("file_id") ?? "";
      if (body.length > 0) {
        try {
          fileId = String((JSON.parse(body.toString("utf8")) as { file_id?: unknown }).file_id);
        } catch {
          fileId = new URLSearchParams(body.toString("utf8")).get("file_id") ?? fileId;
        }
      }
      getFileCalls.push(fileId);
      const file = byId.get(fileId);
      if (!file) {
        json(res, 400, { ok: false, error_code: 400, description: "Bad Request: invalid file_id" });
        return;
      }
      json(res, 200, {
        ok: true,
        result: {
          file_id: file.document.file_id,
          file_unique_id: file.document.file_unique_id,
          ...(file.reportSize ? { file_size: file.document.file_size } : {}),
          file_path: file.path,
        },
      });
      return;
    }
    const method = url.pathname.slice(`/bot${options.token}/`.length);
    if (options.refuseUploads && (method === "sendPhoto" || method === "sendDocument")) {
      refusedUploads.push(method);
      json(res, 400, { ok: false, error_code: 400, description: "Bad Request: file refused" });
      return;
    }
    passThrough(req, res, body);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => json(res, 500, { ok: false, error_code: 500 }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    addFile(name, content, mimeType = "application/octet-stream", addOptions = {}) {
      const n = next++;
      const dot = name.lastIndexOf(".");
      const path = `documents/file_${n}${dot >= 0 ? name.slice(dot) : ""}`;
      const document: FakeDocument = {
        file_id: `BQACAgIAAx-fake-${n}`,
        file_unique_id: `AgAD-fake-${n}`,
        file_name: name,
        mime_type: mimeType,
        file_size: content.length,
      };
      byId.set(document.file_id, {
        path,
        content,
        document,
        reportSize: addOptions.reportSize ?? true,
      });
      byPath.set(path, content);
      return document;
    },
    getFileCalls,
    downloads,
    refusedUploads,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
