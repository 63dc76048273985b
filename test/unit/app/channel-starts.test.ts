import { describe, expect, it } from "vitest";
import { startChannels, type AbortableWait } from "../../../src/app/channel-starts.js";
import type { Channel } from "../../../src/channels/types.js";
import { CredentialsRejectedError } from "../../../src/core/channel-errors.js";
import { consoleCapabilities } from "../../../src/channels/console/capabilities.js";
import { silentLogger } from "../../helpers/db.js";

/** A channel whose start fails `failures` times (the platform down), then succeeds. */
function flakyChannel(name: "telegram" | "zalo", failures: number) {
  const calls = { starts: 0, stops: 0 };
  const channel: Channel = {
    name,
    capabilities: consoleCapabilities,
    start: async () => {
      calls.starts += 1;
      if (calls.starts <= failures) throw new Error("502 Bad Gateway");
    },
    send: async () => ({ messageId: "1" }),
    stop: async () => {
      calls.stops += 1;
    },
  };
  return { channel, calls };
}

/** Waits that return at once, recording how long they were asked to be. */
function instantWaits(): { wait: AbortableWait; asked: number[] } {
  const asked: number[] = [];
  return {
    asked,
    wait: async (ms, signal) => {
      asked.push(ms);
      if (signal.aborted) throw new Error("aborted");
      await Promise.resolve();
    },
  };
}

describe("starting the channels", () => {
  it("fault 14: a platform down at start is tried again with the backoff, and only it is reported waiting meanwhile", async () => {
    const telegram = flakyChannel("telegram", 3);
    const zalo = flakyChannel("zalo", 0);
    const { wait, asked } = instantWaits();
    const starts = await startChannels([telegram.channel, zalo.channel], async () => undefined, {
      logger: silentLogger,
      backoff: { baseDelayMs: 1_000, maxDelayMs: 30_000 },
      wait,
    });
    expect(starts.waiting()).toEqual(["telegram"]);
    await starts.settled;
    expect(starts.waiting()).toEqual([]);
    expect(telegram.calls.starts).toBe(4);
    expect(asked).toEqual([1_000, 2_000, 4_000]);
  });

  it("fault 14: stopping while a platform is still waited for ends the wait without starting it", async () => {
    const telegram = flakyChannel("telegram", Number.POSITIVE_INFINITY);
    let release: () => void = () => undefined;
    const wait: AbortableWait = (_ms, signal) =>
      new Promise((resolve, reject) => {
        release = resolve;
        signal.addEventListener("abort", () => reject(new Error("aborted")));
      });
    const starts = await startChannels([telegram.channel], async () => undefined, {
      logger: silentLogger,
      wait,
    });
    expect(starts.waiting()).toEqual(["telegram"]);
    starts.stop();
    await starts.settled;
    release();
    expect(telegram.calls.starts).toBe(1);
  });

  it("fault 14: a token refused after the platform came back is not tried again, nor reported waiting", async () => {
    const telegram = flakyChannel("telegram", 1);
    const start = telegram.channel.start;
    telegram.channel.start = async (handler) => {
      await start(handler);
      throw new CredentialsRejectedError("Telegram", "TELEGRAM_BOT_TOKEN", "getMe 401");
    };
    const refused: string[] = [];
    const starts = await startChannels([telegram.channel], async () => undefined, {
      logger: silentLogger,
      wait: instantWaits().wait,
      onCredentialsRejected: (error) => refused.push(error.setting),
    });
    expect(starts.waiting()).toEqual(["telegram"]);
    await starts.settled;
    expect(refused).toEqual(["TELEGRAM_BOT_TOKEN"]);
    expect(telegram.calls.starts).toBe(2);
    expect(starts.waiting()).toEqual([]);
  });
});
