/**
 * The bid comparison (比价) of one project: what the comparison page, its .xlsx export and the
 * 安装单位比价审批表 PDF all show. Built by load-comparison.server.ts from the latest valid revision
 * of each company's quote; amounts in fen, quantities in thousandths.
 */
export interface ComparisonCompany {
  vendorId: string;
  vendorName: string;
  quoteId: string;
  revision: number;
  /** Earlier revisions' totals, oldest first, so negotiation (议价) is visible. */
  history: { revision: number; totalFen: number; submittedAt: string }[];
  totalFen: number;
  /** Percent above the lowest total, one decimal; 0 for the lowest. */
  spreadPercent: number;
  isLowest: boolean;
  valid: boolean;
  /** Why not valid (withdrawn, expired, zero total), as catalogue keys. */
  invalidReasons: string[];
  terms: {
    contractingMethod: string;
    scope: string;
    durationDays: number | null;
    requirements: string;
    paymentTerms: string;
    maintenanceTerms: string;
    validUntil: string;
  };
  submittedAt: string;
  source: "link" | "paper" | "import" | "api" | "seed";
}

/** One row of the matrix: an item as quoted by each company (matched by item + spec + unit). */
export interface ComparisonLine {
  item: string;
  spec: string;
  unit: string;
  /** vendorId → that company's quantity, unit price and amount for this item (absent = not quoted). */
  cells: Record<string, { quantityMilli: number; unitPriceFen: number; amountFen: number }>;
  /** The vendorIds with the lowest unit price on this line. */
  lowestVendorIds: string[];
}

export interface ComparisonData {
  project: { id: string; code: string; name: string; clientName: string; siteAddress: string; pmName: string };
  companies: ComparisonCompany[];
  lines: ComparisonLine[];
  recommendation: { vendorId: string; vendorName: string; reason: string; by: string; at: string } | null;
  decision: { kind: "award" | "reopen"; vendorId: string | null; vendorName: string | null; reason: string; by: string; at: string } | null;
  /** Rule of three, as the machine will judge it. */
  validCompanyCount: number;
  generatedAt: string;
}
