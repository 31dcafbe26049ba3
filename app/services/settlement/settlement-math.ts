/**
 * The settlement figures (工程结算书) in integer fen: final total, retention money (质量保证金) and
 * what is payable now. Pure, so the statement template, the pages and the API print the same
 * numbers.
 *
 * Rules (money-and-dates.md; 建设工程质量保证金管理办法 2017):
 * - final total = contract + variations and site instructions (signed) + deductions (≤ 0);
 * - retention is at most 3% of the final total (art. 7), in basis points, rounded half-up to the
 *   fen in integers; none when a performance bond or guarantee replaces it;
 * - the defect-liability period (缺陷责任期) is 12–24 months (art. 2: generally one year, at most
 *   two) from acceptance (art. 8), counted per the Civil Code (addMonthsCivil); retentionDueOn is
 *   its last day. Art. 8's "90 days after the completion report
 *   when the client delays acceptance" is the caller's business: pass that date as acceptedOn.
 * settlementFigures computes; validateSettlementInput says what a form must refuse. Call the
 * validator first — the calculator only throws when it cannot compute exactly.
 */
import type { FieldErrors } from "~/lib/forms";
import { addMonthsCivil, isValidDate } from "~/lib/calendar";
import type { SettlementFigures, SettlementLine } from "./settlement-types";

export interface SettlementRetentionInput {
  mode: "rate" | "guarantee";
  /** 300 = 3%; ignored in guarantee mode. */
  basisPoints: number;
  defectMonths: number;
}

export interface SettlementInput {
  contractAmountFen: number;
  lines: SettlementLine[];
  retention: SettlementRetentionInput;
  acceptedOn: string | null;
  paidFen: number;
}

/** art. 7: retention at most 3% of the final settlement total. */
export const MAX_RETENTION_BASIS_POINTS = 300;
export const DEFAULT_RETENTION_BASIS_POINTS = 300;
/** art. 2: the defect-liability period is generally 1 year, at most 2 years. */
export const MIN_DEFECT_MONTHS = 12;
export const MAX_DEFECT_MONTHS = 24;
/** ¥100,000,000,000.00 — far beyond any installation contract, well inside safe integers. */
export const MAX_ABS_AMOUNT_FEN = 10_000_000_000_000;

function toSafeNumber(value: bigint, what: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError(`${what} is beyond safe integers`);
  }
  return Number(value);
}

function mustBeFen(value: number, what: string): bigint {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${what} must be an integer number of fen: ${String(value)}`);
  return BigInt(value);
}

/** Sums in BigInt so no number of lines can round the total silently. */
function sumLines(lines: SettlementLine[], kinds: SettlementLine["kind"][]): number {
  let sum = 0n;
  lines.forEach((line, i) => {
    if (kinds.includes(line.kind)) sum += mustBeFen(line.amountFen, `lines[${i}].amountFen`);
  });
  return toSafeNumber(sum, "line total");
}

/**
 * finalTotal × basisPoints / 10000, half-up to the fen, in integers (3% of ¥1,234,567.89 =
 * ¥37,037.0367 → ¥37,037.04). A non-positive total holds no retention (the validator refuses it).
 */
export function retentionFen(finalTotalFen: number, basisPoints: number): number {
  const total = mustBeFen(finalTotalFen, "final total");
  if (!Number.isSafeInteger(basisPoints) || basisPoints < 0) throw new RangeError(`basis points must be a non-negative integer: ${basisPoints}`);
  if (total <= 0n) return 0;
  return toSafeNumber((total * BigInt(basisPoints) + 5_000n) / 10_000n, "retention");
}

export function settlementFigures(input: SettlementInput): SettlementFigures {
  const contractAmountFen = toSafeNumber(mustBeFen(input.contractAmountFen, "contract amount"), "contract amount");
  const paidFen = toSafeNumber(mustBeFen(input.paidFen, "paid"), "paid");
  const variationsFen = sumLines(input.lines, ["variation", "siteInstruction"]);
  const deductionsFen = sumLines(input.lines, ["deduction"]);
  const finalTotalFen = toSafeNumber(BigInt(contractAmountFen) + BigInt(variationsFen) + BigInt(deductionsFen), "final total");

  const retentionBasisPoints = input.retention.mode === "guarantee" ? 0 : input.retention.basisPoints;
  const retention = retentionFen(finalTotalFen, retentionBasisPoints);
  // No retention held (a guarantee instead, or a rate that rounds to nothing): nothing falls due.
  const retentionDueOn = input.acceptedOn && retention > 0 ? addMonthsCivil(input.acceptedOn, input.retention.defectMonths) : null;

  return {
    contractAmountFen,
    variationsFen,
    deductionsFen,
    finalTotalFen,
    retentionBasisPoints,
    retentionFen: retention,
    retentionDueOn,
    paidFen,
    payableNowFen: toSafeNumber(BigInt(finalTotalFen) - BigInt(retention) - BigInt(paidFen), "payable now"),
  };
}

/** What may be paid before the retention is released: final total − retention. */
export function dueBeforeRetentionFen(figures: SettlementFigures): number {
  return figures.finalTotalFen - figures.retentionFen;
}

/** Everything still owed, retention included, after `paidFen` (default: the figures' own). */
export function outstandingFen(figures: SettlementFigures, paidFen: number = figures.paidFen): number {
  mustBeFen(paidFen, "paid");
  return figures.finalTotalFen - paidFen;
}

function amountError(value: unknown): string | null {
  if (typeof value !== "number" || !Number.isSafeInteger(value)) return "settlement.amount.invalid";
  if (Math.abs(value) > MAX_ABS_AMOUNT_FEN) return "settlement.amount.tooLarge";
  return null;
}

const LINE_KINDS: ReadonlySet<string> = new Set<SettlementLine["kind"]>(["variation", "siteInstruction", "deduction"]);

/**
 * Field path → message key for everything a settlement form must refuse; `{}` when valid. Paths
 * follow the input (`lines[2].approvedBy`, `retention.basisPoints`); `finalTotalFen` is computed,
 * so the page shows it by the totals.
 */
export function validateSettlementInput(input: SettlementInput): FieldErrors {
  const errors: FieldErrors = {};
  const set = (path: string, key: string | null) => {
    if (key) errors[path] ??= key;
  };

  set("contractAmountFen", amountError(input.contractAmountFen));
  if (!errors.contractAmountFen && input.contractAmountFen < 0) set("contractAmountFen", "settlement.contract.negative");
  set("paidFen", amountError(input.paidFen));
  if (!errors.paidFen && input.paidFen < 0) set("paidFen", "settlement.paid.negative");

  input.lines.forEach((line, i) => {
    const at = `lines[${i}]`;
    if (!LINE_KINDS.has(line.kind)) set(`${at}.kind`, "settlement.line.kindInvalid");
    set(`${at}.amountFen`, amountError(line.amountFen));
    if (line.kind === "deduction" && !errors[`${at}.amountFen`] && line.amountFen > 0) {
      set(`${at}.amountFen`, "settlement.line.deductionPositive");
    }
    // A variation or site instruction nobody approved is not owed: refuse it rather than total it.
    if ((line.kind === "variation" || line.kind === "siteInstruction") && !(line.approvedBy ?? "").trim()) {
      set(`${at}.approvedBy`, "settlement.line.approvalRequired");
    }
  });

  const { mode, basisPoints, defectMonths } = input.retention;
  if (mode !== "rate" && mode !== "guarantee") set("retention.mode", "settlement.retention.modeInvalid");
  if (mode === "rate") {
    if (!Number.isInteger(basisPoints) || basisPoints < 0) set("retention.basisPoints", "settlement.retention.rateInvalid");
    else if (basisPoints > MAX_RETENTION_BASIS_POINTS) set("retention.basisPoints", "settlement.retention.rateTooHigh");
  }
  if (!Number.isInteger(defectMonths)) set("retention.defectMonths", "settlement.retention.defectMonthsInvalid");
  else if (defectMonths < MIN_DEFECT_MONTHS) set("retention.defectMonths", "settlement.retention.defectMonthsTooShort");
  else if (defectMonths > MAX_DEFECT_MONTHS) set("retention.defectMonths", "settlement.retention.defectMonthsTooLong");
  if (input.acceptedOn !== null && !isValidDate(input.acceptedOn)) set("acceptedOn", "form.invalidDate");

  // Totals are only meaningful once every amount and the rate are sound.
  const unsound = Object.keys(errors).some((k) => /amountFen$|^contractAmountFen$|^paidFen$|^retention\.(basisPoints|mode)$/.test(k));
  if (unsound) return errors;

  const figures = settlementFigures({ ...input, acceptedOn: null });
  if (Math.abs(figures.finalTotalFen) > MAX_ABS_AMOUNT_FEN) set("finalTotalFen", "settlement.amount.tooLarge");
  else if (figures.finalTotalFen <= 0) set("finalTotalFen", "settlement.finalTotal.notPositive");
  else if (input.paidFen > dueBeforeRetentionFen(figures)) set("paidFen", "settlement.paid.exceedsDue");
  return errors;
}
