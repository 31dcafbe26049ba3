// Canonical JSON (sorted keys, no whitespace) so the hash of what a signer saw does not depend on
// the order a query returned columns in. Plain module: the task page shows the same text.
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

/** 身份证号 on screen: first 6 and last 4 (440101********1234). */
export function maskIdNumber(value: string): string {
  const v = value.trim();
  if (v.length <= 10) return v.replace(/./g, "*");
  return `${v.slice(0, 6)}${"*".repeat(v.length - 10)}${v.slice(-4)}`;
}

/**
 * A credential number is masked when it is an identity number or embeds one: 特种作业操作证 numbers
 * are usually "T" + the holder's 身份证号.
 */
export function maskCredentialNumber(type: string, number: string): string {
  if (/身份证|identity|id card/i.test(type)) return maskIdNumber(number);
  return number.replace(/\d{17}[\dXx]/g, (id) => maskIdNumber(id));
}
