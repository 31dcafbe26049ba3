// The settlement documents' data (issue 6): the 工程结算书 (settlement statement) and the 付款申请表
// (payment application). Plain module: templates, pages and the API share it. Money is integer fen.

export interface SettlementLine {
  kind: "variation" | "siteInstruction" | "deduction";
  /** 变更/签证/扣款 number as on the paper, e.g. BG-003 */
  number: string;
  reason: string;
  /** Signed: a variation may reduce the price; a deduction is always ≤ 0. */
  amountFen: number;
  approvedBy: string;
  approvedOn: string | null;
}

export interface SettlementFigures {
  contractAmountFen: number;
  variationsFen: number;
  deductionsFen: number;
  /** contract + variations + deductions */
  finalTotalFen: number;
  /** Basis points of the final total (300 = 3%); 0 when a guarantee replaces the retention. */
  retentionBasisPoints: number;
  retentionFen: number;
  retentionDueOn: string | null;
  paidFen: number;
  /** final total − retention − paid */
  payableNowFen: number;
}

export interface SettlementStatementData {
  version: number;
  project: { code: string; name: string; siteAddress: string };
  client: string;
  contractor: string;
  contract: { number: string; signedOn: string | null };
  acceptedOn: string | null;
  lines: SettlementLine[];
  figures: SettlementFigures;
  retention: { mode: "rate" | "guarantee"; defectMonths: number; guaranteeNote: string };
  basis: string;
  preparedBy: string;
  pmName: string;
  financeName: string | null;
  approvedAt: string | null;
}

export interface PaymentApplicationData {
  version: number;
  number: string;
  project: { code: string; name: string };
  payer: string;
  payee: { name: string; bank: string; account: string };
  contract: { number: string; amountFen: number };
  thisPeriodFen: number;
  cumulativePaidFen: number;
  attachments: string[];
  appliedOn: string;
  pmName: string;
  financeName: string | null;
}
