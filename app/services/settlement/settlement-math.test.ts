import { describe, expect, it } from "vitest";
import {
  dueBeforeRetentionFen,
  MAX_ABS_AMOUNT_FEN,
  outstandingFen,
  retentionFen,
  settlementFigures,
  validateSettlementInput,
  type SettlementInput,
} from "./settlement-math";
import type { SettlementLine } from "./settlement-types";

function line(kind: SettlementLine["kind"], amountFen: number, approvedBy = "王工"): SettlementLine {
  return { kind, number: `${kind}-1`, reason: "test", amountFen, approvedBy, approvedOn: "2025-06-01" };
}

function input(overrides: Partial<SettlementInput> = {}): SettlementInput {
  return {
    contractAmountFen: 100_000_000, // ¥1,000,000.00
    lines: [line("variation", 5_000_000), line("siteInstruction", -1_000_000), line("deduction", -200_000)],
    retention: { mode: "rate", basisPoints: 300, defectMonths: 24 },
    acceptedOn: "2024-02-29",
    paidFen: 50_000_000,
    ...overrides,
  };
}

describe("settlementFigures", () => {
  it("totals contract, variations and deductions, then retention and payable, to the fen", () => {
    const f = settlementFigures(input());
    expect(f).toEqual({
      contractAmountFen: 100_000_000,
      variationsFen: 4_000_000, // +¥50,000 variation, −¥10,000 site instruction
      deductionsFen: -200_000,
      finalTotalFen: 103_800_000,
      retentionBasisPoints: 300,
      retentionFen: 3_114_000,
      retentionDueOn: "2026-02-28", // 24 months from 2024-02-29: no 29 Feb in 2026
      paidFen: 50_000_000,
      payableNowFen: 103_800_000 - 3_114_000 - 50_000_000,
    });
    expect(dueBeforeRetentionFen(f)).toBe(100_686_000);
    expect(outstandingFen(f)).toBe(53_800_000);
    expect(outstandingFen(f, 103_800_000)).toBe(0);
    expect(() => outstandingFen(f, 0.5)).toThrow(RangeError);
  });

  it("rounds retention half-up in integers", () => {
    // 3% of ¥1,234,567.89 = ¥37,037.0367 → ¥37,037.04
    expect(retentionFen(123_456_789, 300)).toBe(3_703_704);
    const f = settlementFigures(input({ contractAmountFen: 123_456_789, lines: [], paidFen: 0 }));
    expect(f.retentionFen).toBe(3_703_704);
    expect(f.payableNowFen).toBe(123_456_789 - 3_703_704);
    // 3% of ¥0.01 = 0.03 fen → 0
    expect(retentionFen(1, 300)).toBe(0);
    // 2.5% of ¥333.33 = 833.325 fen → ¥8.33
    expect(retentionFen(33_333, 250)).toBe(833);
    // exactly half a fen rounds up: 1% of ¥0.50 = 0.5 fen → 1 fen
    expect(retentionFen(50, 100)).toBe(1);
    // near the limit, exactly: 3% of ¥99,999,999,999.99 = 299,999,999,999.97 fen → ¥3,000,000,000.00
    expect(retentionFen(9_999_999_999_999, 300)).toBe(300_000_000_000);
    expect(retentionFen(0, 300)).toBe(0);
    expect(retentionFen(-100, 300)).toBe(0);
    expect(() => retentionFen(1.5, 300)).toThrow(RangeError);
    expect(() => retentionFen(100, -1)).toThrow(RangeError);
  });

  it("holds no retention, and sets no due date, when a guarantee replaces it", () => {
    const f = settlementFigures(input({ retention: { mode: "guarantee", basisPoints: 300, defectMonths: 24 } }));
    expect(f.retentionBasisPoints).toBe(0);
    expect(f.retentionFen).toBe(0);
    expect(f.retentionDueOn).toBeNull();
    expect(f.payableNowFen).toBe(f.finalTotalFen - f.paidFen);
  });

  it("dates the end of the defect-liability period by the Civil Code, only with an acceptance date and retention", () => {
    const at = (acceptedOn: string | null, defectMonths: number, basisPoints = 300) =>
      settlementFigures(input({ acceptedOn, retention: { mode: "rate", basisPoints, defectMonths } })).retentionDueOn;
    expect(at("2024-02-29", 24)).toBe("2026-02-28");
    expect(at("2025-12-20", 12)).toBe("2026-12-20");
    expect(at("2024-02-29", 12)).toBe("2025-02-28");
    expect(at(null, 12)).toBeNull();
    expect(at("2025-12-20", 12, 0)).toBeNull();
    // A rate that rounds to nothing holds nothing, so nothing falls due.
    const tiny = settlementFigures(input({ contractAmountFen: 1, lines: [], paidFen: 0 }));
    expect(tiny.retentionFen).toBe(0);
    expect(tiny.retentionDueOn).toBeNull();
  });

  it("refuses to compute with amounts it cannot hold exactly", () => {
    expect(() => settlementFigures(input({ contractAmountFen: 0.1 }))).toThrow(RangeError);
    expect(() => settlementFigures(input({ paidFen: Number.NaN }))).toThrow(RangeError);
    expect(() => settlementFigures(input({ lines: [line("variation", Number.MAX_SAFE_INTEGER), line("variation", 10)] }))).toThrow(RangeError);
  });
});

describe("validateSettlementInput", () => {
  const errorsOf = (overrides: Partial<SettlementInput>) => validateSettlementInput(input(overrides));
  const retention = (r: Partial<SettlementInput["retention"]>) => ({ retention: { mode: "rate" as const, basisPoints: 300, defectMonths: 12, ...r } });

  it("accepts a sound settlement", () => {
    expect(validateSettlementInput(input())).toEqual({});
    expect(errorsOf(retention({ basisPoints: 0 }))).toEqual({});
    expect(errorsOf(retention({ defectMonths: 24 }))).toEqual({});
    // In guarantee mode the rate is not used, so not checked.
    expect(errorsOf({ retention: { mode: "guarantee", basisPoints: 9_999, defectMonths: 12 } })).toEqual({});
    expect(errorsOf({ acceptedOn: null })).toEqual({});
    expect(errorsOf({ lines: [line("deduction", 0, "")] })).toEqual({});
  });

  it("refuses a retention rate that is not an integer from 0 to 300 basis points (at most 3%)", () => {
    expect(errorsOf(retention({ basisPoints: 301 }))).toEqual({ "retention.basisPoints": "settlement.retention.rateTooHigh" });
    expect(errorsOf(retention({ basisPoints: 500 }))).toEqual({ "retention.basisPoints": "settlement.retention.rateTooHigh" });
    for (const bad of [-1, 2.5, Number.NaN]) {
      expect(errorsOf(retention({ basisPoints: bad }))).toEqual({ "retention.basisPoints": "settlement.retention.rateInvalid" });
    }
    expect(errorsOf({ retention: { mode: "bond" as "rate", basisPoints: 300, defectMonths: 12 } })).toEqual({ "retention.mode": "settlement.retention.modeInvalid" });
  });

  it("refuses a defect-liability period outside 12 to 24 whole months", () => {
    expect(errorsOf(retention({ defectMonths: 11 }))).toEqual({ "retention.defectMonths": "settlement.retention.defectMonthsTooShort" });
    expect(errorsOf(retention({ defectMonths: 25 }))).toEqual({ "retention.defectMonths": "settlement.retention.defectMonthsTooLong" });
    expect(errorsOf(retention({ defectMonths: 12.5 }))).toEqual({ "retention.defectMonths": "settlement.retention.defectMonthsInvalid" });
    // Also in guarantee mode: the period runs whether money or a guarantee secures it.
    expect(errorsOf({ retention: { mode: "guarantee", basisPoints: 0, defectMonths: 36 } })).toEqual({ "retention.defectMonths": "settlement.retention.defectMonthsTooLong" });
  });

  it("refuses a deduction with a positive amount", () => {
    expect(errorsOf({ lines: [line("variation", 100), line("deduction", 1)] })).toEqual({ "lines[1].amountFen": "settlement.line.deductionPositive" });
  });

  it("refuses amounts that are not safe integers or exceed ¥100,000,000,000.00", () => {
    expect(errorsOf({ contractAmountFen: 1.5 })).toEqual({ contractAmountFen: "settlement.amount.invalid" });
    expect(errorsOf({ contractAmountFen: MAX_ABS_AMOUNT_FEN + 1 })).toEqual({ contractAmountFen: "settlement.amount.tooLarge" });
    expect(errorsOf({ paidFen: Number.MAX_SAFE_INTEGER + 2 })).toEqual({ paidFen: "settlement.amount.invalid" });
    expect(errorsOf({ paidFen: "100" as unknown as number })).toEqual({ paidFen: "settlement.amount.invalid" });
    expect(errorsOf({ lines: [line("variation", -(MAX_ABS_AMOUNT_FEN + 1))] })).toEqual({ "lines[0].amountFen": "settlement.amount.tooLarge" });
    expect(errorsOf({ lines: [line("siteInstruction", Number.NaN)] })).toEqual({ "lines[0].amountFen": "settlement.amount.invalid" });
    expect(errorsOf({ lines: [line("deduction", Number.POSITIVE_INFINITY)] })).toEqual({ "lines[0].amountFen": "settlement.amount.invalid" });
    // Within the per-amount limit, but the total is not.
    expect(errorsOf({ contractAmountFen: MAX_ABS_AMOUNT_FEN, lines: [line("variation", 1)] })).toEqual({ finalTotalFen: "settlement.amount.tooLarge" });
    expect(errorsOf({ contractAmountFen: -1, lines: [line("variation", 10_000)] })).toEqual({ contractAmountFen: "settlement.contract.negative" });
    expect(errorsOf({ paidFen: -1 })).toEqual({ paidFen: "settlement.paid.negative" });
  });

  it("refuses a variation or site instruction that nobody approved", () => {
    expect(errorsOf({ lines: [line("variation", 100, "")] })).toEqual({ "lines[0].approvedBy": "settlement.line.approvalRequired" });
    expect(errorsOf({ lines: [line("deduction", -100), line("siteInstruction", 100, "  ")] })).toEqual({ "lines[1].approvedBy": "settlement.line.approvalRequired" });
    expect(errorsOf({ lines: [{ ...line("variation", 100), approvedBy: undefined as unknown as string }] })).toEqual({ "lines[0].approvedBy": "settlement.line.approvalRequired" });
    expect(errorsOf({ lines: [line("bonus" as "variation", 100)] })).toEqual({ "lines[0].kind": "settlement.line.kindInvalid" });
  });

  it("refuses a final total of zero or less", () => {
    expect(errorsOf({ contractAmountFen: 100_000, lines: [line("deduction", -100_000)], paidFen: 0 })).toEqual({ finalTotalFen: "settlement.finalTotal.notPositive" });
    expect(errorsOf({ contractAmountFen: 100_000, lines: [line("variation", -100_001)], paidFen: 0 })).toEqual({ finalTotalFen: "settlement.finalTotal.notPositive" });
    expect(errorsOf({ contractAmountFen: 0, lines: [], paidFen: 0 })).toEqual({ finalTotalFen: "settlement.finalTotal.notPositive" });
  });

  it("refuses payments exceeding what is due before the retention is released", () => {
    // final ¥1,000.00, 3% retention ¥30.00: up to ¥970.00 may have been paid.
    const base = { contractAmountFen: 100_000, lines: [] };
    expect(errorsOf({ ...base, paidFen: 97_000 })).toEqual({});
    expect(errorsOf({ ...base, paidFen: 97_001 })).toEqual({ paidFen: "settlement.paid.exceedsDue" });
    expect(errorsOf({ ...base, paidFen: 100_000, retention: { mode: "guarantee", basisPoints: 300, defectMonths: 12 } })).toEqual({});
    expect(errorsOf({ ...base, paidFen: 100_001, retention: { mode: "guarantee", basisPoints: 300, defectMonths: 12 } })).toEqual({ paidFen: "settlement.paid.exceedsDue" });
  });

  it("refuses an acceptance date that is not a calendar date", () => {
    expect(errorsOf({ acceptedOn: "2025-02-30" })).toEqual({ acceptedOn: "form.invalidDate" });
  });

  it("reports several problems at once, each on its own field", () => {
    expect(errorsOf({ lines: [line("variation", 100, ""), line("deduction", 5)], retention: { mode: "rate", basisPoints: 400, defectMonths: 6 } })).toEqual({
      "lines[0].approvedBy": "settlement.line.approvalRequired",
      "lines[1].amountFen": "settlement.line.deductionPositive",
      "retention.basisPoints": "settlement.retention.rateTooHigh",
      "retention.defectMonths": "settlement.retention.defectMonthsTooShort",
    });
  });
});
