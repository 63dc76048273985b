import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.js";

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("configuration", () => {
  it("with nothing set: embedded database, console only, Vietnamese", () => {
    const config = loadConfig({});
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir).toBe("./var");
    expect(config.telegram).toBeUndefined();
    expect(config.zalo).toBeUndefined();
    expect(config.port).toBeUndefined();
    expect(config.locale).toBe("vi");
  });

  it("names a wrong PORT and what it must be", () => {
    const found = problems({ PORT: "abc" });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^PORT /);
    expect(found[0]).toBe("PORT phải là số nguyên từ 1 đến 65535 (đang là “abc”)");
  });

  it("reports every problem at once", () => {
    const found = problems({
      PORT: "70000",
      LOG_LEVEL: "loud",
      DATABASE_URL: "mysql://x",
      BOT_LOCALE: "fr",
    });
    expect(found.map((p) => p.split(" ")[0]).sort()).toEqual([
      "BOT_LOCALE",
      "DATABASE_URL",
      "LOG_LEVEL",
      "PORT",
    ]);
  });

  it("requires a secret with a webhook URL, and never echoes secrets", () => {
    const found = problems({
      TELEGRAM_BOT_TOKEN: "123:abc",
      TELEGRAM_WEBHOOK_URL: "https://bot.example.vn/tg",
      ZALO_BOT_TOKEN: "999:zzz",
      ZALO_WEBHOOK_URL: "https://bot.example.vn/zalo",
      ZALO_WEBHOOK_SECRET: "short",
    });
    expect(found.some((p) => p.startsWith("TELEGRAM_WEBHOOK_SECRET phải có khi đặt"))).toBe(true);
    expect(found.some((p) => p.startsWith("ZALO_WEBHOOK_SECRET"))).toBe(true);
    expect(found.join("\n")).not.toContain("short");
  });

  it("turns channels on by their tokens and collects secrets for the logger", () => {
    const config = loadConfig({
      TELEGRAM_BOT_TOKEN: "123456:AAE-secret-token-value",
      TELEGRAM_WEBHOOK_URL: "https://bot.example.vn/tg",
      TELEGRAM_WEBHOOK_SECRET: "webhook_secret_1",
      ZALO_BOT_TOKEN: "4242:zalo-secret",
      DATABASE_URL: "postgresql://vhcv:db-pass-123@db:5432/vhcv",
      PORT: "8080",
    });
    expect(config.telegram?.webhook).toEqual({
      url: "https://bot.example.vn/tg",
      secret: "webhook_secret_1",
    });
    expect(config.zalo?.webhook).toBeUndefined();
    expect(config.port).toBe(8080);
    expect(config.secrets).toEqual(
      expect.arrayContaining([
        "123456:AAE-secret-token-value",
        "webhook_secret_1",
        "4242:zalo-secret",
        "db-pass-123",
      ]),
    );
  });

  it("treats empty variables as unset (as a .env template leaves them)", () => {
    const config = loadConfig({ TELEGRAM_BOT_TOKEN: "", PORT: "", DATABASE_URL: "" });
    expect(config.telegram).toBeUndefined();
    expect(config.port).toBeUndefined();
    expect(config.databaseUrl).toBeUndefined();
  });
});

describe("audit retention", () => {
  it("keeps everything by default and accepts a number of days", () => {
    expect(loadConfig({}).auditRetentionDays).toBeUndefined();
    expect(loadConfig({ AUDIT_RETENTION_DAYS: "365" }).auditRetentionDays).toBe(365);
    expect(problems({ AUDIT_RETENTION_DAYS: "7" })[0]).toMatch(
      /^AUDIT_RETENTION_DAYS phải là số ngày nguyên/,
    );
  });
});
