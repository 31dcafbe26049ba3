import { describe, expect, it } from "vitest";
import { formatQuantity, lineAmountFen, parseQuantity, spreadPercent, totalFen } from "./quote-math";

describe("quote arithmetic", () => {
  it("parses quantities exactly, refusing negatives, exponents and a 4th decimal", () => {
    expect(parseQuantity("820.5")).toBe(820_500);
    expect(parseQuantity("1,200")).toBe(1_200_000);
    expect(parseQuantity("0.001")).toBe(1);
    for (const bad of ["-1", "1e3", "0", "1.0001", "", "abc", "NaN"]) expect(parseQuantity(bad)).toBeNull();
    expect(formatQuantity(820_500)).toBe("820.5");
    expect(formatQuantity(6_000)).toBe("6");
  });

  it("rounds each line half-up to the fen and sums the rounded lines", () => {
    // 820.5 m² × ¥98.35 = ¥80,696.175 → ¥80,696.18
    expect(lineAmountFen(820_500, 9_835)).toBe(8_069_618);
    // 0.333 × ¥0.01 = 0.00333 fen... → 0 fen; 0.5 × ¥0.01 = 0.005 → rounds up to 1 fen
    expect(lineAmountFen(333, 1)).toBe(0);
    expect(lineAmountFen(500, 1)).toBe(1);
    // Large but exact: 1,000,000.001 × ¥9,999,999.99 = ¥9,999,999,999,999.99999901 → ¥10,000,000,000,000.00.
    expect(lineAmountFen(1_000_000_001, 999_999_999)).toBe(1_000_000_000_000_000);
    expect(() => lineAmountFen(999_999_999_999, 999_999_999_999)).toThrow(RangeError);
    const lines = [{ amountFen: lineAmountFen(1_000, 10) }, { amountFen: lineAmountFen(1_500, 3) }];
    expect(totalFen(lines)).toBe(10 + 5);
  });

  it("computes each total's spread above the lowest", () => {
    expect(spreadPercent(110_00, 100_00)).toBe(10);
    expect(spreadPercent(100_00, 100_00)).toBe(0);
    expect(spreadPercent(123_456, 100_000)).toBe(23.5);
  });
});
