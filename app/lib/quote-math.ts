/**
 * Quote arithmetic, exact to the fen: quantities have up to 3 decimals, unit prices are fen, a
 * line amount is quantity × unit price rounded half-up to the fen, a total is the sum of lines.
 */

/** '820.5' → 820500 (thousandths). Refuses negatives, exponents and more than 3 decimals. */
export function parseQuantity(input: string | null | undefined): number | null {
  const s = (input ?? "").replace(/[,，\s]/g, "");
  const m = /^(\d{1,9})(?:\.(\d{1,3}))?$/.exec(s);
  if (!m) return null;
  const milli = Number(m[1]) * 1000 + Number((m[2] ?? "").padEnd(3, "0"));
  return milli > 0 ? milli : null;
}

export function formatQuantity(milli: number): string {
  const whole = Math.trunc(milli / 1000);
  const frac = String(milli % 1000).padStart(3, "0").replace(/0+$/, "");
  return frac ? `${whole}.${frac}` : String(whole);
}

/** quantity (thousandths) × unit price (fen), rounded half-up to the fen, in integers only. */
export function lineAmountFen(quantityMilli: number, unitPriceFen: number): number {
  const product = BigInt(quantityMilli) * BigInt(unitPriceFen);
  const fen = (product + 500n) / 1000n;
  if (fen > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError("line amount too large");
  return Number(fen);
}

export function totalFen(lines: { amountFen: number }[]): number {
  return lines.reduce((sum, l) => sum + l.amountFen, 0);
}

/** Each total's spread above the lowest, in percent with one decimal (0 for the lowest). */
export function spreadPercent(total: number, lowest: number): number {
  if (lowest <= 0) return 0;
  return Math.round(((total - lowest) * 1000) / lowest) / 10;
}
