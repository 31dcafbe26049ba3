// The settlement draft as the pm posts it (form fields `lines.0.amount` …) or an API client sends
// it (JSON with the same names, `lines` an array): the same rules and message keys for both.
// Errors are keyed by the form field's name ("contractAmount", "lines.2.approvedBy"); the
// business rules are settlement-math's validateSettlementInput, whose paths are mapped here.
// Values are kept as typed (rows included) so a refused form comes back as it was sent.
import { isValidDate } from "~/lib/calendar";
import { formatFen, parseSignedAmountToFen } from "~/lib/money";
import { encodeMessage } from "~/services/acceptance/records-shared";
import { dueBeforeRetentionFen, settlementFigures, validateSettlementInput } from "./settlement-math";
import type { SettlementLine } from "./settlement-types";
import {
  isBlankLine, LINE_KINDS, parseMonths, parseRateToBasisPoints, SETTLEMENT_LIMITS,
  type SettlementLineKind, type SettlementLineValues, type SettlementValues,
} from "./settlement-values";

export interface SettlementDraft {
  contractAmountFen: number;
  lines: SettlementLine[];
  retentionMode: "rate" | "guarantee";
  retentionBasisPoints: number;
  defectMonths: number;
  guaranteeNote: string;
  paidBeforeFen: number;
  paymentDueOn: string;
  basis: string;
  payeeBank: string;
  payeeAccount: string;
}

export type ParsedSettlement =
  | { ok: true; draft: SettlementDraft; values: SettlementValues }
  | { ok: false; errors: Record<string, string>; values: SettlementValues };

export interface ParseContext {
  /** The acceptance date (the defect-liability period counts from it). */
  acceptedOn: string | null;
  /** Progress payments finance already recorded: paid before + these may not exceed what is due. */
  recordedPaidFen: number;
}

const text = (v: unknown) => (typeof v === "string" ? v.replace(/\r\n/g, "\n").trim() : typeof v === "number" ? String(v) : "");
const rowsOf = (v: unknown): Record<string, unknown>[] =>
  (Array.isArray(v) ? v : v && typeof v === "object" ? Object.values(v) : []).map((r) => (r && typeof r === "object" ? (r as Record<string, unknown>) : {}));

export function readSettlementValues(object: Record<string, unknown>): SettlementValues {
  return {
    contractAmount: text(object.contractAmount),
    retentionMode: text(object.retentionMode),
    retentionRate: text(object.retentionRate),
    defectMonths: text(object.defectMonths),
    guaranteeNote: text(object.guaranteeNote),
    paidBefore: text(object.paidBefore),
    paymentDueOn: text(object.paymentDueOn),
    basis: text(object.basis),
    payeeBank: text(object.payeeBank),
    payeeAccount: text(object.payeeAccount),
    lines: rowsOf(object.lines).map((r) => ({
      kind: text(r.kind),
      number: text(r.number),
      reason: text(r.reason),
      amount: text(r.amount),
      approvedBy: text(r.approvedBy),
      approvedOn: text(r.approvedOn),
    })),
  };
}

const AMOUNT_ERRORS = { required: "form.required", invalid: "settlement.amount.invalid", tooLarge: "settlement.amount.tooLarge" } as const;

/** A signed amount in yuan → fen, or the field's message. */
function amount(value: string): { fen: number } | { error: string } {
  const r = parseSignedAmountToFen(value);
  return r.ok ? { fen: r.fen } : { error: AMOUNT_ERRORS[r.error] };
}

/** validateSettlementInput's paths → the form's field names (rows by their index as sent). */
function fieldOf(path: string, rowIndex: number[]): string {
  const line = /^lines\[(\d+)\]\.(\w+)$/.exec(path);
  if (line) return `lines.${rowIndex[Number(line[1])]}.${line[2] === "amountFen" ? "amount" : line[2]}`;
  const names: Record<string, string> = {
    contractAmountFen: "contractAmount",
    paidFen: "paidBefore",
    "retention.basisPoints": "retentionRate",
    "retention.defectMonths": "defectMonths",
    "retention.mode": "retentionMode",
    finalTotalFen: "finalTotal",
  };
  return names[path] ?? path;
}

/**
 * Validates everything at once (every message shows together). Rows left entirely blank are
 * dropped; messages name rows by their index as sent. Rules beyond the fields' own (a variation
 * needs its approver, a deduction is negative, retention ≤ 3 %, 12–24 months, the final total
 * positive, paid not above what is due) come from settlement-math.
 */
export function parseSettlementDraft(object: Record<string, unknown>, ctx: ParseContext): ParsedSettlement {
  const values = readSettlementValues(object);
  const errors: Record<string, string> = {};
  const set = (field: string, key: string) => {
    errors[field] ??= key;
  };

  const contract = amount(values.contractAmount);
  if ("error" in contract) set("contractAmount", contract.error);
  const paid = values.paidBefore ? amount(values.paidBefore) : { fen: 0 };
  if ("error" in paid) set("paidBefore", paid.error);

  const mode = values.retentionMode === "guarantee" ? "guarantee" : values.retentionMode === "rate" ? "rate" : null;
  if (!mode) set("retentionMode", values.retentionMode ? "settlement.retention.modeInvalid" : "form.required");
  let basisPoints: number | null = parseRateToBasisPoints(values.retentionRate);
  if (mode === "rate") {
    if (!values.retentionRate) set("retentionRate", "form.required");
    else if (basisPoints === null) set("retentionRate", "settlement.retention.rateInvalid");
  }
  // A guarantee replaces the retention: the rate typed is kept for a switch back, not used.
  if (mode === "guarantee") {
    if (!values.guaranteeNote) set("guaranteeNote", "settlement.retention.guaranteeNoteRequired");
    if (basisPoints === null || basisPoints > 300) basisPoints = 300;
  }
  if (values.guaranteeNote.length > SETTLEMENT_LIMITS.guaranteeNote) set("guaranteeNote", "form.tooLong");

  const months = parseMonths(values.defectMonths);
  if (!values.defectMonths) set("defectMonths", "form.required");
  else if (months === null) set("defectMonths", "settlement.retention.defectMonthsInvalid");

  if (!values.paymentDueOn) set("paymentDueOn", "form.required");
  else if (!isValidDate(values.paymentDueOn)) set("paymentDueOn", "form.invalidDate");
  if (values.basis.length > SETTLEMENT_LIMITS.basis) set("basis", "form.tooLong");
  if (!values.payeeBank) set("payeeBank", "form.required");
  else if (values.payeeBank.length > SETTLEMENT_LIMITS.payeeBank) set("payeeBank", "form.tooLong");
  if (!values.payeeAccount) set("payeeAccount", "form.required");
  else if (!/^[0-9][0-9 -]*$/.test(values.payeeAccount) || values.payeeAccount.replace(/\D/g, "").length < 6 || values.payeeAccount.length > SETTLEMENT_LIMITS.payeeAccount) {
    set("payeeAccount", "settlement.payee.accountInvalid");
  }

  const lines: SettlementLine[] = [];
  const rowIndex: number[] = [];
  let unreadableLine = false;
  values.lines.forEach((row: SettlementLineValues, i) => {
    if (isBlankLine(row)) return;
    const at = `lines.${i}`;
    if (!(LINE_KINDS as string[]).includes(row.kind)) set(`${at}.kind`, "settlement.line.kindInvalid");
    if (row.number.length > SETTLEMENT_LIMITS.number) set(`${at}.number`, "form.tooLong");
    if (!row.reason) set(`${at}.reason`, "form.required");
    else if (row.reason.length > SETTLEMENT_LIMITS.reason) set(`${at}.reason`, "form.tooLong");
    const a = amount(row.amount);
    if ("error" in a) {
      set(`${at}.amount`, a.error);
      unreadableLine = true;
    } else if (a.fen === 0) set(`${at}.amount`, "settlement.line.amountZero");
    if (row.approvedBy.length > SETTLEMENT_LIMITS.approvedBy) set(`${at}.approvedBy`, "form.tooLong");
    if (row.approvedOn && !isValidDate(row.approvedOn)) set(`${at}.approvedOn`, "form.invalidDate");
    rowIndex.push(i);
    lines.push({
      kind: row.kind as SettlementLineKind,
      number: row.number,
      reason: row.reason,
      amountFen: "fen" in a ? a.fen : 0,
      approvedBy: row.approvedBy,
      approvedOn: row.approvedOn && isValidDate(row.approvedOn) ? row.approvedOn : null,
    });
  });
  if (lines.length > SETTLEMENT_LIMITS.maxLines) set("lines", encodeMessage("settlement.line.tooMany", { max: SETTLEMENT_LIMITS.maxLines }));

  // The business rules, on what could be read. While an amount or the rate is unreadable the
  // totals mean nothing, so the rules about totals wait until those are fixed.
  const unreadable = "error" in contract || "error" in paid || unreadableLine || (mode === "rate" && basisPoints === null);
  const input = {
    contractAmountFen: "fen" in contract ? contract.fen : 0,
    lines,
    retention: { mode: mode ?? "rate", basisPoints: basisPoints ?? 0, defectMonths: months ?? 12 },
    acceptedOn: ctx.acceptedOn,
    paidFen: ("fen" in paid ? paid.fen : 0) + ctx.recordedPaidFen,
  } as const;
  const ruleErrors = validateSettlementInput({ ...input, lines: [...input.lines], retention: { ...input.retention } });
  for (const [path, key] of Object.entries(ruleErrors)) {
    if (path === "retention.defectMonths" && months === null) continue;
    if (unreadable && (path === "finalTotalFen" || key === "settlement.paid.exceedsDue")) continue;
    if (key === "settlement.paid.exceedsDue") {
      const due = dueBeforeRetentionFen(settlementFigures({ ...input, lines: [...input.lines], retention: { ...input.retention }, acceptedOn: null })) - ctx.recordedPaidFen;
      set("paidBefore", encodeMessage(key, { due: formatFen(Math.max(0, due)) }));
      continue;
    }
    set(fieldOf(path, rowIndex), key);
  }

  if (Object.keys(errors).length || !mode || months === null || basisPoints === null || !("fen" in contract) || !("fen" in paid)) {
    return { ok: false, errors, values };
  }
  return {
    ok: true,
    values,
    draft: {
      contractAmountFen: contract.fen,
      lines,
      retentionMode: mode,
      retentionBasisPoints: basisPoints,
      defectMonths: months,
      guaranteeNote: values.guaranteeNote,
      paidBeforeFen: paid.fen,
      paymentDueOn: values.paymentDueOn,
      basis: values.basis,
      payeeBank: values.payeeBank,
      payeeAccount: values.payeeAccount,
    },
  };
}
