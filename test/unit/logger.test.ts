import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString("utf8"));
      done();
    },
  });
  return { lines, destination };
}

const TOKEN = "7012345678:AAHk-very-secret-token_value";

describe("logger", () => {
  it("never writes a bot token, wherever it appears", () => {
    const { lines, destination } = capture();
    const logger = createLogger({ level: "debug", secrets: [TOKEN], destination });
    logger.info({ token: TOKEN }, "starting");
    logger.info({ url: `https://api.telegram.org/bot${TOKEN}/getMe` }, "calling");
    logger.error({ err: new Error(`request to /bot${TOKEN}/sendMessage failed`) }, "send failed");
    logger.warn(`plain message with ${TOKEN} inside`);
    logger.debug({ config: { telegram: { token: TOKEN } } }, "config");
    const output = lines.join("");
    expect(lines).toHaveLength(5);
    expect(output).not.toContain(TOKEN);
    expect(output).not.toContain("AAHk-very-secret");
    expect(output).toContain("[redacted]");
    expect(output).toContain("send failed");
  });

  it("redacts webhook secret headers by name", () => {
    const { lines, destination } = capture();
    const logger = createLogger({ level: "info", secrets: [], destination });
    logger.info({ headers: { "x-telegram-bot-api-secret-token": "s3cr3t-header" } }, "webhook");
    expect(lines.join("")).not.toContain("s3cr3t-header");
  });
});
