import { describe, expect, it } from "vitest";
import { addressedToOtherBot } from "../../../../src/channels/telegram/channel.js";

describe("a Telegram command's bot name", () => {
  it("claim 7: '/start@OtherBot' and '/weather@OtherBot …' are for another bot", () => {
    expect(addressedToOtherBot("/start@OtherBot", "VhcvBot")).toBe(true);
    expect(addressedToOtherBot("/weather@OtherBot Hà Nội", "VhcvBot")).toBe(true);
  });

  it("claim 7: our own name (any case), no name, or plain text are for us", () => {
    expect(addressedToOtherBot("/start@vhcvbot", "VhcvBot")).toBe(false);
    expect(addressedToOtherBot("/baocao STP-3A xong", "VhcvBot")).toBe(false);
    expect(addressedToOtherBot("gửi mail tới a@OtherBot", "VhcvBot")).toBe(false);
    expect(addressedToOtherBot("/start@OtherBot", undefined)).toBe(false);
  });
});
