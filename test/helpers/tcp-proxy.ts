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
  /** Listen again on the same port (nothing to do when listening). */
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

  function listen(): Promise<void> {
    if (server) return Promise.resolve();
    const next = createServer((client) => {
      const upstream = connect(target.port, target.host);
      for (const socket of [client, upstream]) {
        sockets.add(socket);
        socket.on("close", () => sockets.delete(socket));
        socket.on("error", () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream);
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
    restore: listen,
    close: cut,
  };
}
