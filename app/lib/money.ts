/** Money is integer fen (分) everywhere; never binary floats. */

const MAX_FEN = 999_999_999_999_99; // ¥ 999,999,999,999.99 — beyond any installation contract

export type AmountParse = { ok: true; fen: number } | { ok: false; error: "form.invalidAmount" | "form.amountTooLarge" | "form.required" };

/** Parses '1,234.5', '¥1234.56', ' 12 ' to fen. Refuses negatives, NaN, exponents, >2 decimals. */
export function parseAmountToFen(input: string | null | undefined): AmountParse {
  const s = (input ?? "").replace(/[,，\s]/g, "").replace(/^[¥￥]/, "");
  if (s === "") return { ok: false, error: "form.required" };
  const m = /^(\d{1,15})(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return { ok: false, error: "form.invalidAmount" };
  const yuan = m[1]!;
  const dec = (m[2] ?? "").padEnd(2, "0");
  if (yuan.replace(/^0+/, "").length > 12) return { ok: false, error: "form.amountTooLarge" };
  const fen = Number(yuan) * 100 + Number(dec);
  if (!Number.isSafeInteger(fen) || fen > MAX_FEN) return { ok: false, error: "form.amountTooLarge" };
  return { ok: true, fen };
}

/** ¥100,000,000,000.00 in fen: the largest signed amount accepted (settlement lines, totals). */
export const MAX_SIGNED_AMOUNT_FEN = 10_000_000_000_000;

export type SignedAmountParse = { ok: true; fen: number } | { ok: false; error: "required" | "invalid" | "tooLarge" };

/**
 * Parses a signed amount in yuan — '-1,200.5', '+300', '¥-12.34', '－8' (full-width minus) — to
 * fen, for figures that may reduce a price (a variation that saves money, a deduction). At most
 * two decimals, |amount| ≤ ¥100,000,000,000.00; no exponents, NaN or Infinity. The error is a
 * code: each form says it in its own words (the unsigned parser's "not negative" would mislead).
 */
export function parseSignedAmountToFen(input: string | null | undefined): SignedAmountParse {
  const s = (input ?? "").replace(/[,，\s]/g, "").replace(/[－−–]/g, "-").replace(/＋/g, "+");
  if (s === "") return { ok: false, error: "required" };
  const m = /^([+-]?)[¥￥]?([+-]?)(\d{1,15})(?:\.(\d{1,2}))?$/.exec(s);
  if (!m || (m[1] && m[2])) return { ok: false, error: "invalid" };
  const negative = (m[1] || m[2]) === "-";
  const fen = Number(m[3]) * 100 + Number((m[4] ?? "").padEnd(2, "0"));
  if (!Number.isSafeInteger(fen) || fen > MAX_SIGNED_AMOUNT_FEN) return { ok: false, error: "tooLarge" };
  return { ok: true, fen: negative && fen !== 0 ? -fen : fen };
}

const formatter = new Intl.NumberFormat("zh-CN", { style: "currency", currency: "CNY", minimumFractionDigits: 2 });

/** ¥1,234,567.89 — exact: formats from the integer parts, not from a float division. */
export function formatFen(fen: number): string {
  const negative = fen < 0;
  const abs = Math.abs(fen);
  const yuan = Math.trunc(abs / 100);
  const cents = String(abs % 100).padStart(2, "0");
  const grouped = formatter.format(yuan).replace(/\.00$/, "");
  return `${negative ? "-" : ""}${grouped}.${cents}`;
}

/** The plain figure for an input field: 123456 fen → '1234.56'. */
export function fenToInput(fen: number): string {
  const abs = Math.abs(fen);
  return `${fen < 0 ? "-" : ""}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}
