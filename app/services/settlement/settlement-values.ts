// The settlement draft as typed (strings, rows included) and the view the page and the API show.
// Plain module: the editor imports it for its live summary, so nothing here touches the database.
// The server parses the same strings with the same helpers (settlement-input.server.ts).
import { parseSignedAmountToFen } from "~/lib/money";
import { settlementFigures } from "./settlement-math";
import type { SettlementFigures, SettlementLine } from "./settlement-types";

export type SettlementLineKind = SettlementLine["kind"];
export const LINE_KINDS: readonly SettlementLineKind[] = ["variation", "siteInstruction", "deduction"];

export interface SettlementLineValues {
  kind: string;
  number: string;
  reason: string;
  /** Yuan, signed ("-1200.50" for a deduction or a saving). */
  amount: string;
  approvedBy: string;
  approvedOn: string;
}

/** The form's fields (and the API's JSON names). */
export interface SettlementValues {
  contractAmount: string;
  retentionMode: string;
  /** Percent of the final total: "3", "2.5". */
  retentionRate: string;
  defectMonths: string;
  guaranteeNote: string;
  paidBefore: string;
  paymentDueOn: string;
  basis: string;
  payeeBank: string;
  payeeAccount: string;
  lines: SettlementLineValues[];
}

export const SETTLEMENT_LIMITS = {
  maxLines: 200,
  number: 50,
  reason: 500,
  approvedBy: 50,
  guaranteeNote: 500,
  basis: 2000,
  payeeBank: 100,
  payeeAccount: 40,
} as const;

export const EMPTY_LINE: SettlementLineValues = { kind: "variation", number: "", reason: "", amount: "", approvedBy: "", approvedOn: "" };

/** A row nobody typed anything into (the kind select always has a value, so it does not count). */
export function isBlankLine(row: SettlementLineValues): boolean {
  return !row.number && !row.reason && !row.amount && !row.approvedBy && !row.approvedOn;
}

/** "3" → 300, "2.5" → 250, "2.75%" → 275 basis points; null when it is not a percentage with ≤ 2 decimals. */
export function parseRateToBasisPoints(input: string): number | null {
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?%?$/.exec(input.replace(/[\s％]/g, (c) => (c === "％" ? "%" : "")));
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
}

/** 300 → "3", 250 → "2.5": how a stored rate is put back into the field. */
export function basisPointsToRate(bp: number): string {
  return (bp / 100).toFixed(2).replace(/\.?0+$/, "");
}

/** A whole number of months as typed ("12"); null otherwise. */
export function parseMonths(input: string): number | null {
  const s = input.trim();
  return /^\d{1,3}$/.test(s) ? Number(s) : null;
}

/**
 * The figures as the form stands, for the live summary; null while an amount, the rate or the
 * months cannot be read yet. `recordedPaidFen` = progress payments already recorded by finance.
 */
export function liveFigures(values: SettlementValues, o: { acceptedOn: string | null; recordedPaidFen: number }): SettlementFigures | null {
  const contract = parseSignedAmountToFen(values.contractAmount);
  const paid = values.paidBefore.trim() ? parseSignedAmountToFen(values.paidBefore) : ({ ok: true, fen: 0 } as const);
  const months = parseMonths(values.defectMonths);
  const bp = values.retentionMode === "guarantee" ? 0 : parseRateToBasisPoints(values.retentionRate);
  if (!contract.ok || !paid.ok || months === null || bp === null) return null;
  const lines: SettlementLine[] = [];
  for (const row of values.lines) {
    if (isBlankLine(row)) continue;
    const amount = parseSignedAmountToFen(row.amount);
    if (!amount.ok || !(LINE_KINDS as string[]).includes(row.kind)) return null;
    lines.push({ kind: row.kind as SettlementLineKind, number: row.number, reason: row.reason, amountFen: amount.fen, approvedBy: row.approvedBy, approvedOn: row.approvedOn || null });
  }
  try {
    return settlementFigures({
      contractAmountFen: contract.fen,
      lines,
      retention: { mode: values.retentionMode === "guarantee" ? "guarantee" : "rate", basisPoints: bp, defectMonths: months },
      acceptedOn: acceptedOn(o.acceptedOn),
      paidFen: paid.fen + o.recordedPaidFen,
    });
  } catch {
    return null;
  }
}

const acceptedOn = (d: string | null) => (d && /^\d{4}-\d{2}-\d{2}$/.test(d) ? d : null);

// ——— The view (JSON): what the page's loader and GET /api/v1/projects/:id/settlement return ———

export interface SettlementVersionSummary {
  version: number;
  status: "draft" | "submitted" | "returned" | "approved" | "superseded";
  totalFen: number;
  submittedAt: string | null;
  decidedAt: string | null;
  financeComment: string;
  decidedByName: string | null;
}

export interface SettlementVersionView {
  id: string;
  version: number;
  status: SettlementVersionSummary["status"];
  /** The draft's optimistic-lock token: a save with another value is refused (409). */
  updatedAt: string;
  contractAmountFen: number;
  lines: SettlementLine[];
  retentionMode: "rate" | "guarantee";
  retentionBasisPoints: number;
  defectMonths: number;
  guaranteeNote: string;
  paidBeforeFen: number;
  paymentDueOn: string | null;
  basis: string;
  payeeBank: string;
  payeeAccount: string;
  preparedByName: string | null;
  submittedAt: string | null;
  decidedAt: string | null;
  decidedByName: string | null;
  financeComment: string;
  sentToClientAt: string | null;
  /** With paid = paid before + the progress payments finance recorded. */
  figures: SettlementFigures;
  /** 人民币… of the final total and of the amount payable now (null when negative: refund). */
  words: { finalTotal: string | null; payableNow: string | null };
}

export interface SettlementDocumentView {
  kind: "settlementStatement" | "paymentApplication";
  number: string;
  version: number;
  shortCode: string;
  createdAt: string;
}

export interface SettlementView {
  project: {
    id: string;
    code: string;
    name: string;
    stage: string;
    /** The project's version: the hidden `version` of event forms (SUBMIT, REVISE…). */
    version: number;
    acceptedOn: string | null;
    contractNo: string;
    contractAmountFen: number;
  };
  /** The statechart's settlement substate (draft, submitted, awaitingPayment, retentionHeld…). */
  state: string | null;
  versions: SettlementVersionSummary[];
  latest: SettlementVersionView | null;
  /** Σ progress payments recorded by finance (all versions). */
  recordedPaidFen: number;
  /** What the editor starts from: the latest version as typed, or a prefilled new draft. */
  formValues: SettlementValues;
  /** Only when there is no version yet: the prefilled draft. */
  prefill: SettlementValues | null;
  documents: SettlementDocumentView[];
}
