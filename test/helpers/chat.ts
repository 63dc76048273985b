import { tmpdir } from "node:os";
import { join } from "node:path";
import { defaultFallbacks } from "../../commands/fallbacks.js";
import { createRouter, type FallbackHandler } from "../../commands/router.js";
import type { CommandServices } from "../../commands/types.js";
import type {
  ChannelName,
  ChatKind,
  IncomingMessage,
  OutgoingMessage,
} from "../../src/core/messages.js";
import type { Clock } from "../../src/clock.js";
import { createCommandServices } from "../../src/command-services.js";
import type { Database } from "../../src/db/client.js";
import { loadQaEngine } from "../../src/services/qa.js";
import { createFileStore } from "../../src/services/files.js";
import { silentLogger } from "./db.js";

const testDataDir = join(tmpdir(), "vhcv-test-data");

export interface Person {
  id: string;
  name?: string;
  channel?: ChannelName;
  chatId?: string;
  chatKind?: ChatKind;
}

/** Drive the real router as a person would, collecting what the bot sends back. */
export async function chatHarness(
  db: Database,
  clock: Clock,
  fallbacks: FallbackHandler[] = defaultFallbacks,
  /** Services a test provides itself (e.g. a file download). */
  extra: Partial<CommandServices> = {},
) {
  const sent: { channel: ChannelName; message: OutgoingMessage }[] = [];
  const router = createRouter({
    services: {
      ...createCommandServices(db.prisma, {
        clock,
        logger: silentLogger,
        qa: await loadQaEngine(),
        dataDir: testDataDir,
        files: createFileStore({ dataDir: testDataDir, publicBaseUrl: undefined }),
      }),
      ...extra,
    },
    send: async (channel, message) => {
      sent.push({ channel, message });
      return { messageId: String(sent.length) };
    },
    locale: "vi",
    fallbacks,
  });
  let counter = 0;
  const session = Math.random().toString(36).slice(2, 8);

  function incoming(
    person: Person,
    text: string,
    extra: Partial<IncomingMessage> = {},
  ): IncomingMessage {
    counter += 1;
    return {
      channel: person.channel ?? "telegram",
      updateId: `${session}-${counter}`,
      chatId: person.chatId ?? person.id,
      chatKind: person.chatKind ?? "private",
      sender: { id: person.id, displayName: person.name ?? person.id, isBot: false },
      text,
      messageId: String(1000 + counter),
      receivedAt: clock.now(),
      ...extra,
    };
  }

  /** Send a message; returns the texts the bot answered with. */
  async function say(
    person: Person,
    text: string,
    extra: Partial<IncomingMessage> = {},
  ): Promise<string[]> {
    const before = sent.length;
    await router(incoming(person, text, extra));
    return sent.slice(before).map((s) => s.message.text);
  }

  return { say, sent, router, incoming };
}
