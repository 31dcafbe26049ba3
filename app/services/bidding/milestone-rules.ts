/**
 * Payment milestones of an installation contract (付款节点): when a share of the contract amount
 * falls due. Plain module without zod (it ships to the browser): the contract form draws the same
 * triggers and defaults that RECORD_CONTRACT validates (the schema is in milestones.ts). Percents
 * are held as basis points (1% = 100) so two decimals are exact; amounts are fen.
 */
export const MILESTONE_TRIGGERS = ["signing", "entry", "acceptance", "settlement", "warrantyEnd"] as const;
export type MilestoneTrigger = (typeof MILESTONE_TRIGGERS)[number];

/** Catalogue keys of the trigger names (签约/进场/竣工验收/结算/质保期满). */
export const TRIGGER_LABEL_KEYS: Record<MilestoneTrigger, string> = {
  signing: "bidding.contract.trigger.signing",
  entry: "bidding.contract.trigger.entry",
  acceptance: "bidding.contract.trigger.acceptance",
  settlement: "bidding.contract.trigger.settlement",
  warrantyEnd: "bidding.contract.trigger.warrantyEnd",
};

/** The usual split in this trade (004 §3.1): 30% on entry, 67% on acceptance, 3% retention after warranty. */
export const DEFAULT_MILESTONES: { trigger: MilestoneTrigger; label: string; percent: string }[] = [
  { trigger: "entry", label: "进场款", percent: "30" },
  { trigger: "acceptance", label: "竣工验收款", percent: "67" },
  { trigger: "warrantyEnd", label: "质保金", percent: "3" },
];

export const MAX_MILESTONES = 10;
/** 100% in basis points. */
export const FULL_BASIS_POINTS = 10_000;

/** '33.33' → 3333; null unless 0 < percent ≤ 100 with at most two decimals. */
export function parsePercentToBasisPoints(input: string | null | undefined): number | null {
  const s = (input ?? "").trim().replace(/[%％]$/, "").trim();
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  const bp = Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
  return bp > 0 && bp <= FULL_BASIS_POINTS ? bp : null;
}

/** 3333 → '33.33', 3000 → '30'. */
export function formatBasisPoints(bp: number): string {
  const whole = Math.trunc(bp / 100);
  const frac = String(bp % 100).padStart(2, "0").replace(/0+$/, "");
  return frac ? `${whole}.${frac}` : String(whole);
}

/**
 * Each milestone's amount in fen: its share rounded half-up, the last one taking whatever is left
 * so the milestones add up to the contract amount exactly. Should rounding ever push the remainder
 * below zero (tiny amounts), the shares are floored instead, which never overshoots.
 */
export function splitAmountFen(amountFen: number, basisPoints: number[]): number[] {
  const total = BigInt(amountFen);
  const share = (bp: number, halfUp: boolean) => Number((total * BigInt(bp) + (halfUp ? 5_000n : 0n)) / 10_000n);
  for (const halfUp of [true, false]) {
    const head = basisPoints.slice(0, -1).map((bp) => share(bp, halfUp));
    const last = amountFen - head.reduce((a, b) => a + b, 0);
    if (last >= 0) return [...head, last];
  }
  throw new RangeError("cannot split the amount");
}

export function sumBasisPoints(rows: { basisPoints: number }[]): number {
  return rows.reduce((sum, r) => sum + r.basisPoints, 0);
}

export interface MilestoneInput {
  trigger: MilestoneTrigger;
  label: string;
  percent: number;
}

export interface Milestone {
  trigger: MilestoneTrigger;
  label: string;
  basisPoints: number;
  amountFen: number;
}

/** Validated rows (percent in basis points) with their amounts, in order. */
export function withAmounts(rows: MilestoneInput[], amountFen: number): Milestone[] {
  const amounts = splitAmountFen(amountFen, rows.map((r) => r.percent));
  return rows.map((r, i) => ({ trigger: r.trigger, label: r.label, basisPoints: r.percent, amountFen: amounts[i]! }));
}
