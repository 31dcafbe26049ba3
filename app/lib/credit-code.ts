/**
 * 统一社会信用代码 (unified social credit code), GB 32100-2015: 18 characters from a 31-character
 * alphabet (digits and capitals without I, O, Z, S, V); the last one is a check character computed
 * from the first 17 with weights 3^i mod 31.
 */
const ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** Trims, upper-cases and drops inner spaces so a code pasted from a licence compares equal. */
export function normaliseCreditCode(input: string): string {
  return input.replace(/\s+/g, "").toUpperCase();
}

/** The check character for the first 17 characters, or null if one is outside the alphabet. */
export function creditCodeCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = ALPHABET.indexOf(first17[i]);
    if (value < 0) return null;
    sum += value * WEIGHTS[i];
  }
  const check = (31 - (sum % 31)) % 31;
  return ALPHABET[check];
}

export function isValidCreditCode(code: string): boolean {
  if (typeof code !== "string" || code.length !== 18) return false;
  return creditCodeCheckChar(code.slice(0, 17)) === code[17];
}
