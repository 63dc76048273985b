import { describe, expect, it } from "vitest";
import { describePeriod } from "../../../../src/domain/deadline/describe-period.js";
import { render } from "../../../../src/i18n.js";

const said = (key: string, start: string, due: string | null, locale: "vi" | "en" = "vi") =>
  render(describePeriod(key, start, due), locale);

describe("an occurrence's period as people say it", () => {
  it("names quarters, months, halves and years the Vietnamese way, never the stored key", () => {
    expect(said("2024-Q3", "2024-07-01", "2024-09-30")).toBe("quý III/2024");
    expect(said("2025-04", "2025-04-01", "2025-04-30")).toBe("tháng 4/2025");
    expect(said("2024-H1", "2024-01-01", "2024-06-30")).toBe("6 tháng đầu năm 2024");
    expect(said("2024-H2", "2024-07-01", "2024-12-31")).toBe("6 tháng cuối năm 2024");
    expect(said("2026", "2026-01-01", "2026-12-31")).toBe("năm 2026");
    expect(said("2024-06-15", "2024-06-01", "2024-06-15")).toBe("ngày 15/06/2024");
  });

  it("gives a window without a common name by its dates", () => {
    expect(said("2024-P2", "2024-03-01", "2024-04-30")).toBe("từ 01/03/2024 đến 30/04/2024");
    expect(said("2024-P2", "2024-03-01", null)).toBe("từ 01/03/2024");
  });

  it("speaks English to an English reader", () => {
    expect(said("2024-Q3", "2024-07-01", "2024-09-30", "en")).toBe("Q3 2024");
  });
});
