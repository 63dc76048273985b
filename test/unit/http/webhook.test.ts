import { connect } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { startHttpServer, type HttpHandle } from "../../../src/http/server.js";
import { freePort } from "../../helpers/app.js";
import { silentLogger } from "../../helpers/db.js";

const SECRET = "right-secret-123";

/**
 * Sends the request line, the headers and only the first `sent` bytes of a body announced as
 * `declared` bytes, then waits: a server that read the body before answering would never answer.
 */
function partialPost(
  port: number,
  headers: Record<string, string>,
  declared: number,
  sent: number,
): Promise<{ status: number; closed: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    let received = "";
    const closed = new Promise<void>((done) => socket.once("close", () => done()));
    socket.on("error", () => undefined);
    socket.on("data", (chunk) => {
      received += chunk.toString("latin1");
      const status = /^HTTP\/1\.1 (\d{3})/.exec(received);
      if (status?.[1]) resolve({ status: Number(status[1]), closed });
    });
    socket.once("close", () => reject(new Error(`closed without an answer: ${received}`)));
    const head = Object.entries({ ...headers, "content-length": String(declared) })
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join("");
    socket.write(`POST /hook HTTP/1.1\r\nhost: localhost\r\n${head}\r\n`);
    socket.write(Buffer.alloc(sent, 0x61));
  });
}

describe("webhook HTTP endpoint", () => {
  let http: HttpHandle | undefined;
  afterEach(async () => {
    await http?.close();
    http = undefined;
  });

  async function serve() {
    const port = await freePort();
    const handled: unknown[] = [];
    http = await startHttpServer({ port, logger: silentLogger });
    http.mount({
      webhooks: [
        {
          path: "/hook",
          authorize: (headers) => headers["x-secret"] === SECRET,
          handle: (_headers, body) => {
            handled.push(body);
            return { status: 200 };
          },
        },
      ],
      health: async () => ({ ok: true }),
    });
    return { port, handled };
  }

  it("fault 10: an unauthenticated 1 MB post is refused from its headers, without reading the body", async () => {
    const { port, handled } = await serve();
    const answer = await partialPost(port, { "x-secret": "wrong" }, 1_000_000, 1_024);
    expect(answer.status).toBe(401);
    // The server hangs up instead of waiting for (or draining) the other 998 976 bytes.
    await answer.closed;
    expect(handled).toEqual([]);
  });

  it("fault 10: a body announced over the cap is refused before it is read, even with the secret", async () => {
    const { port, handled } = await serve();
    const answer = await partialPost(port, { "x-secret": SECRET }, 5_000_000, 1_024);
    expect(answer.status).toBe(413);
    await answer.closed;
    expect(handled).toEqual([]);
  });

  it("reads and hands over an authorized update", async () => {
    const { port, handled } = await serve();
    const response = await fetch(`http://127.0.0.1:${port}/hook`, {
      method: "POST",
      headers: { "x-secret": SECRET, "content-type": "application/json" },
      body: JSON.stringify({ update_id: 1 }),
    });
    expect(response.status).toBe(200);
    expect(handled).toEqual([{ update_id: 1 }]);
  });

  it("refuses a body that grows past the cap while being read (no length announced)", async () => {
    const { port, handled } = await serve();
    const big = `{"text":"${"a".repeat(300 * 1024)}"}`;
    const response = await fetch(`http://127.0.0.1:${port}/hook`, {
      method: "POST",
      headers: { "x-secret": SECRET, "content-type": "application/json" },
      body: new Blob([big]).stream(),
      duplex: "half",
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(handled).toEqual([]);
  });
});
