/** Telegram documents: a `message.document` becomes a neutral message with a file, downloaded on demand. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TelegramChannel } from "../../../../src/channels/telegram/channel.js";
import { FileTooLargeError } from "../../../../src/core/channel-errors.js";
import { startTelegramFiles, type TelegramFiles } from "../../../fakes/telegram-files.js";
import { silentLogger } from "../../../helpers/db.js";

const TOKEN = "4242:document-token";

describe("Telegram documents", () => {
  let files: TelegramFiles;
  let channel: TelegramChannel;

  beforeAll(async () => {
    // Nothing behind the fake: only getFile and downloads are asked for here.
    files = await startTelegramFiles({ upstream: "http://127.0.0.1:9", token: TOKEN });
    channel = new TelegramChannel({
      token: TOKEN,
      apiRoot: files.apiRoot,
      menu: [],
      logger: silentLogger,
    });
  });
  afterAll(async () => {
    await files?.close();
  });

  it("reads a document update (its caption as text) into a message carrying the file", () => {
    const message = channel.decodeStored({
      update_id: 77,
      message: {
        message_id: 5,
        date: 1_780_000_000,
        chat: { id: 900, type: "private", first_name: "Lan" },
        from: { id: 900, is_bot: false, first_name: "Lan" },
        caption: "kế hoạch mới",
        document: {
          file_id: "F1",
          file_unique_id: "U1",
          file_name: "ke-hoach.docx",
          mime_type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
          file_size: 12_345,
        },
      },
    });
    expect(message).toMatchObject({
      chatId: "900",
      chatKind: "private",
      text: "kế hoạch mới",
      file: { id: "F1", name: "ke-hoach.docx", size: 12_345 },
    });
  });

  it("downloads through getFile and /file/bot<token>/<path>", async () => {
    const content = Buffer.from("KẾ HOẠCH\n", "utf8");
    const document = files.addFile("ke-hoach.txt", content);
    const got = await channel.downloadFile(
      { id: document.file_id, name: document.file_name },
      1024,
    );
    expect(got.equals(content)).toBe(true);
    expect(files.getFileCalls.at(-1)).toBe(document.file_id);
    expect(files.downloads).toHaveLength(1);
  });

  it("stops at the size limit: before asking when the size is known, while reading otherwise", async () => {
    const document = files.addFile("lon.txt", Buffer.alloc(4096, 65));
    const calls = files.getFileCalls.length;
    await expect(
      channel.downloadFile({ id: document.file_id, name: "lon.txt", size: 4096 }, 1000),
    ).rejects.toBeInstanceOf(FileTooLargeError);
    expect(files.getFileCalls).toHaveLength(calls);
    // getFile tells the size: refused before the download.
    const downloads = files.downloads.length;
    await expect(
      channel.downloadFile({ id: document.file_id, name: "lon.txt" }, 1000),
    ).rejects.toBeInstanceOf(FileTooLargeError);
    expect(files.downloads).toHaveLength(downloads);
    // Nothing tells the size beforehand: the download stops once past the limit.
    const unsized = files.addFile("lon2.txt", Buffer.alloc(4096, 66), "text/plain", {
      reportSize: false,
    });
    await expect(
      channel.downloadFile({ id: unsized.file_id, name: "lon2.txt" }, 1000),
    ).rejects.toBeInstanceOf(FileTooLargeError);
    expect(files.downloads).toHaveLength(downloads + 1);
  });
});
