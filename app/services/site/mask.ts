// 身份证号 handling shared by pages, API and services (plain module: safe in the browser).

/** GB 11643-1999 weights for the first 17 digits; the check character indexes CHECK_CHARS. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = "10X98765432";

/** True for an 18-character resident identity number whose check character (ISO 7064 MOD 11-2) matches. */
export function isValidIdNumber(raw: string): boolean {
  const id = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(id[i]), 0);
  return CHECK_CHARS[sum % 11] === id[17];
}

/**
 * The number as it may be shown anywhere (pages, API, PDFs): first 6 and last 4 characters,
 * the birth date and sequence hidden — 440101********1234. Short or odd values are hidden fully.
 */
export function maskIdNumber(raw: string | null | undefined): string {
  const id = (raw ?? "").trim();
  if (!id) return "";
  if (id.length < 11) return "*".repeat(id.length);
  return `${id.slice(0, 6)}${"*".repeat(id.length - 10)}${id.slice(-4)}`;
}
