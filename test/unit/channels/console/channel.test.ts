import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { ConsoleChannel } from "../../../../src/channels/console/channel.js";
import type { Button, IncomingMessage, OutgoingMessage } from "../../../../src/core/messages.js";

const REMINDER_BUTTONS: Button[][] = [
  [
    { label: "Hoàn thành", data: "rp:7:d" },
    { label: "Đang thực hiện", data: "rp:7:p" },
  ],
  [
    { label: "Vướng mắc", data: "rp:7:b" },
    { label: "Đề nghị gia hạn", data: "rp:7:e" },
  ],
];

/**
 * A console session: `lines` typed one after another; `answer` plays the bot, sending what it
 * would for each incoming message. Returns what the person saw and what the bot received.
 */
async function session(
  lines: string[],
  answer: (message: IncomingMessage) => OutgoingMessage[],
  options: { interactive?: boolean; before?: OutgoingMessage[] } = {},
): Promise<{ screen: string; received: IncomingMessage[] }> {
  const input = new PassThrough();
  const output = new PassThrough();
  let screen = "";
  output.on("data", (chunk: Buffer) => (screen += chunk.toString("utf8")));
  const received: IncomingMessage[] = [];
  let ended: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (ended = resolve));
  const channel = new ConsoleChannel({
    input,
    output,
    user: { id: "stp", displayName: "Thủ trưởng Sở Tư pháp" },
    onEnd: () => ended(),
    ...(options.interactive ? { interactive: { greeting: "Xin chào! (lời chào)" } } : {}),
  });
  await channel.start(async (message) => {
    received.push(message);
    for (const reply of answer(message)) await channel.send(reply);
  });
  for (const message of options.before ?? []) await channel.send(message);
  input.end(lines.map((line) => `${line}\n`).join(""));
  await done;
  return { screen, received };
}

const reminder: OutgoingMessage = {
  chatId: "console:stp",
  text: "🔔 Nhắc hạn nhiệm vụ STP-3A",
  buttons: REMINDER_BUTTONS,
};

describe("console channel", () => {
  it("newcomer: buttons are printed numbered, with how to choose", async () => {
    const { screen } = await session([], () => [], { before: [reminder] });
    expect(screen).toContain(
      "[1] Hoàn thành  [2] Đang thực hiện\n[3] Vướng mắc  [4] Đề nghị gia hạn",
    );
    expect(screen).toContain("(gõ số hoặc tên nút để chọn)");
  });

  it("newcomer: a typed number or label presses the button, and the follow-up answer is text", async () => {
    const { received, screen } = await session(
      ["3", "thiếu người", "đề nghị gia hạn", "30/9"],
      (message) =>
        message.callbackData === "rp:7:b"
          ? [{ chatId: "console:stp", text: "Vướng mắc gì ở nhiệm vụ STP-3A?" }]
          : message.callbackData === "rp:7:e"
            ? [{ chatId: "console:stp", text: "Xin gia hạn đến ngày nào?" }]
            : message.text === "thiếu người"
              ? [reminder]
              : [{ chatId: "console:stp", text: "Đã ghi nhận." }],
      { before: [reminder] },
    );
    expect(received.map((m) => [m.callbackData ?? null, m.text])).toEqual([
      ["rp:7:b", ""],
      [null, "thiếu người"],
      ["rp:7:e", ""],
      [null, "30/9"],
    ]);
    expect(screen).toContain("Xin gia hạn đến ngày nào?");
  });

  it("newcomer: numbers refer to the bot's latest answer; a reply without buttons ends them", async () => {
    const { received } = await session(
      ["/nhiemvu", "2", "hoàn thành"],
      () => [{ chatId: "console:stp", text: "Nhiệm vụ đang mở…" }],
      { before: [reminder] },
    );
    expect(received.map((m) => m.callbackData ?? m.text)).toEqual(["/nhiemvu", "2", "hoàn thành"]);
  });

  it("newcomer: a label that carries its number is shown with it once, and typed either way", async () => {
    const choices: OutgoingMessage = {
      chatId: "console:stp",
      text: "Bạn hỏi về quy định nào?",
      buttons: [
        [{ label: "1. Trang phục", data: "qa:dress" }],
        [{ label: "2. Giao tiếp", data: "qa:talk" }],
      ],
    };
    const { screen, received } = await session(["trang phuc"], () => [], { before: [choices] });
    expect(screen).toContain("[1] Trang phục\n[2] Giao tiếp");
    expect(received.map((m) => m.callbackData)).toEqual(["qa:dress"]);
  });

  it("newcomer: piped, the output is the replies and nothing else", async () => {
    const { screen } = await session(["/toi"], () => [
      { chatId: "console:stp", text: "Tên: Thủ trưởng Sở Tư pháp" },
    ]);
    expect(screen).toBe("Tên: Thủ trưởng Sở Tư pháp\n\n");
  });

  it("newcomer: at a terminal, a greeting, then a prompt before each line", async () => {
    const { screen } = await session(
      ["/toi"],
      () => [{ chatId: "console:stp", text: "Tên: Thủ trưởng Sở Tư pháp" }],
      { interactive: true },
    );
    expect(screen).toBe("Xin chào! (lời chào)\n\n> Tên: Thủ trưởng Sở Tư pháp\n\n> \n");
  });
});
