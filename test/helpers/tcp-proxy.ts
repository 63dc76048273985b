import { createServer, connect, type Server, type Socket } from "node:net";

/**
 * A TCP forwarder in front of the real PostgreSQL, so that a test can take the database away
 * from a running bot (every connection dropped, new ones refused) and give it back on the same
 * port — without stopping the PostgreSQL other test files use.
 */
export interface TcpProxy {
  port: number;
  /** Drop every connection and stop listening: the database is gone. */
  cut(): Promise<void>;
  /**
   * A silent partition: connections stay open and new ones are accepted, but nothing passes
   * either way (no RST, no FIN) until restore().
   */
  stall(): void;
  /**
   * Cut (as `cut()`) the moment a client sends bytes containing `marker` (e.g. a table name):
   * the database goes away in the middle of that statement, before it reaches the server.
   */
  cutWhenSent(marker: string): Promise<void>;
  /** Listen again on the same port (nothing to do when listening); ends a stall. */
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(
  target: { host: string; port: number },
  options: { listening?: boolean; port?: number } = {},
): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = options.port ?? 0;
  let stalled = false;
  let trigger: { marker: string; fired: () => void } | undefined;

  function listen(): Promise<void> {
    if (server) return Promise.resolve();
    const next = createServer((client) => {
      if (stalled) {
        // Accepted and held: the peer waits for an answer that never comes.
        sockets.add(client);
        client.on("close", () => sockets.delete(client));
        client.on("error", () => client.destroy());
        client.pause();
        return;
      }
      const upstream = connect(target.port, target.host);
      for (const socket of [client, upstream]) {
        sockets.add(socket);
        socket.on("close", () => sockets.delete(socket));
        socket.on("error", () => {
          client.destroy();
          upstream.destroy();
        });
      }
      if (trigger) {
        client.on("data", (chunk: Buffer) => {
          const armed = trigger;
          if (armed && chunk.includes(armed.marker)) {
            trigger = undefined;
            void cut().then(armed.fired);
          } else if (!upstream.destroyed) upstream.write(chunk);
        });
      } else {
        client.pipe(upstream);
      }
      upstream.pipe(client);
    });
    server = next;
    return new Promise((resolve, reject) => {
      next.once("error", reject);
      next.listen(port, "127.0.0.1", () => {
        const address = next.address();
        if (typeof address === "object" && address) port = address.port;
        resolve();
      });
    });
  }

  async function cut(): Promise<void> {
    const current = server;
    server = undefined;
    for (const socket of sockets) socket.destroy();
    sockets.clear();
    if (current) await new Promise<void>((resolve) => current.close(() => resolve()));
  }

  function stall(): void {
    stalled = true;
    for (const socket of sockets) {
      socket.unpipe();
      socket.pause();
    }
  }

  async function restore(): Promise<void> {
    if (stalled) {
      // The partition heals; connections that lived through it are dropped (their state is lost).
      stalled = false;
      for (const socket of sockets) socket.destroy();
      sockets.clear();
    }
    await listen();
  }

  function cutWhenSent(marker: string): Promise<void> {
    return new Promise((resolve) => {
      trigger = { marker, fired: resolve };
    });
  }

  if (options.listening !== false) {
    await listen();
  } else if (port === 0) {
    // Reserve a port number that nothing listens on yet.
    await listen();
    await cut();
  }
  return {
    get port() {
      return port;
    },
    cut,
    stall,
    cutWhenSent,
    restore,
    close: cut,
  };
}
