/**
 * Chinese uppercase amounts (大写金额) for finance documents, following 《正确填写票据和结算凭证的基本规定》
 * (appendix to 支付结算办法, 1997). Figures and uppercase must agree — a document whose two disagree is
 * void — so this works on integer fen only and refuses anything it cannot write exactly.
 *
 * Where the rules leave a choice, one form is fixed here and used everywhere:
 * - 整, never 正; written after 元 when there are no 角/分, NOT after 角 (the official example
 *   ¥1,409.50 → 壹仟肆佰零玖元伍角 has none), never after 分.
 * - 壹拾, never a bare 拾, also at the start (¥10.05 → 壹拾元零伍分, ¥100,000 → 壹拾万元整): a
 *   leading 拾 could be preceded by an added digit, and banks write it so.
 * - Zeros in the 元 part are read section by section (万 and 亿 sections), as the official example
 *   ¥107,000.53 → 壹拾万柒仟元… does: zeros at the end of a section are covered by its unit and
 *   not written; zeros inside a section, at the start of a section after a higher one, or a whole
 *   empty section, are written as one 零 (¥10,000,001 → 壹仟万零壹元整; ¥10,005,000 → 壹仟万伍仟元整;
 *   ¥100,000,005,000 → 壹仟亿零伍仟元整).
 * - When the 元 digit is 0 but 角 is not, 零 IS written after 元 (¥1,680.32 → 壹仟陆佰捌拾元零叁角贰分,
 *   the official example); when 角 is 0 and 分 is not, 零 is required after 元. Either way one 零.
 * - Below one 元 there is no 元 and no 零: ¥0.50 → 伍角, ¥0.05 → 伍分; ¥0.00 → 零元整.
 * - 人民币 is added by rmbInWords, directly before the amount.
 * Refused with a RangeError: negatives (finance documents print non-negative amounts), non-integers,
 * and amounts of ¥10,000,000,000,000.00 or more (兆 is never needed).
 */

const DIGITS = "零壹贰叁肆伍陆柒捌玖";
const SMALL_UNITS = ["", "拾", "佰", "仟"] as const;

/** Exclusive upper bound in fen: ¥9,999,999,999,999.99 is the largest amount written. */
export const MAX_UPPERCASE_FEN_EXCLUSIVE = 1_000_000_000_000_000;

/** 1..9999 without leading zeros: interior zeros → one 零, trailing zeros not written. */
function readSection(n: number): string {
  let out = "";
  let pendingZero = false;
  for (let power = 3; power >= 0; power--) {
    const digit = Math.floor(n / 10 ** power) % 10;
    if (digit === 0) {
      if (out !== "") pendingZero = true;
      continue;
    }
    if (pendingZero) out += "零";
    pendingZero = false;
    out += DIGITS[digit] + SMALL_UNITS[power];
  }
  return out;
}

/**
 * A positive whole number of 元. A number is split into a higher part and a lower part at 亿, then
 * at 万; the lower part gets a leading 零 when its top digit is 0 (a gap after the higher part),
 * while the higher part's trailing zeros are covered by the unit 万/亿 itself.
 */
function readWhole(n: number): string {
  if (n >= 1e8) return joinParts(readWhole(Math.floor(n / 1e8)) + "亿", n % 1e8, 1e7);
  if (n >= 1e4) return joinParts(readWhole(Math.floor(n / 1e4)) + "万", n % 1e4, 1e3);
  return readSection(n);
}

function joinParts(high: string, low: number, lowTopPlace: number): string {
  if (low === 0) return high;
  return high + (low < lowTopPlace ? "零" : "") + readWhole(low);
}

/** The uppercase of a non-negative amount in fen, without 人民币: 140950 → 壹仟肆佰零玖元伍角. */
export function amountInWords(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`Amount must be an integer number of fen: ${String(fen)}`);
  if (fen < 0) throw new RangeError(`Amount must not be negative: ${fen}`);
  if (fen >= MAX_UPPERCASE_FEN_EXCLUSIVE) throw new RangeError(`Amount too large for uppercase: ${fen}`);
  if (fen === 0) return "零元整";

  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const fenDigit = fen % 10;

  let out = yuan > 0 ? readWhole(yuan) + "元" : "";
  if (jiao === 0 && fenDigit === 0) return out + "整";
  // One 零 after 元 when the 元 digit is 0 (our chosen form) or 角 is 0 (required); none below ¥1.
  if (yuan > 0 && (yuan % 10 === 0 || jiao === 0)) out += "零";
  if (jiao !== 0) out += DIGITS[jiao] + "角";
  if (fenDigit !== 0) out += DIGITS[fenDigit] + "分";
  return out;
}

/** 人民币 directly before the amount, as printed on finance documents: 人民币壹万陆仟肆佰零玖元零贰分. */
export function rmbInWords(fen: number): string {
  return "人民币" + amountInWords(fen);
}
