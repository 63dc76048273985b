import { createServer, type Server } from "node:http";

/**
 * The smallest Bot API that telegraf needs: getMe, setWebhook, sendMessage (counted; `onSend`
 * hears each message's chat as it arrives).
 */
export async function startFakeBotApi(onSend?: (chatId: string) => void): Promise<{
  apiRoot: string;
  sent: () => number;
  close(): Promise<void>;
}> {
  let sent = 0;
  let messageId = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const method = (req.url ?? "").split("/").pop() ?? "";
      let result: unknown = true;
      if (method === "getMe")
        result = { id: 1, is_bot: true, first_name: "Bench", username: "bench_bot" };
      if (method === "sendMessage") {
        sent += 1;
        messageId += 1;
        const body = JSON.parse(Buffer.concat(chunks).toString() || "{}") as {
          chat_id?: number;
          text?: string;
        };
        result = {
          message_id: messageId,
          date: 0,
          chat: { id: body.chat_id, type: "private" },
          text: body.text,
        };
        onSend?.(String(body.chat_id));
      }
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ ok: true, result }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    apiRoot: `http://127.0.0.1:${port}`,
    sent: () => sent,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
