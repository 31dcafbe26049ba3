/**
 * A Content-Disposition header value for a stored file name. The name is reduced to a safe form
 * first (no path, no CR/LF or other controls, no quotes/backslashes, no bidi overrides), then sent
 * twice: an ASCII-only `filename="…"` for old clients and the exact UTF-8 name as RFC 5987/6266
 * `filename*=UTF-8''…`, so Chinese names survive and nothing can break out of the header.
 */
export function contentDisposition(name: string, inline: boolean): string {
  const safe = safeHeaderName(name);
  const ascii = safe.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_") || "file";
  return `${inline ? "inline" : "attachment"}; filename="${ascii}"; filename*=UTF-8''${encodeRfc5987(safe)}`;
}

export function safeHeaderName(raw: string): string {
  const base = String(raw ?? "").split(/[\\/]/).pop() ?? "";
  const cleaned = base
    .normalize("NFC")
    .replace(/[\u0000-\u001f\u007f-\u009f"*:<>?|;]/g, "")
    .replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, "")
    .replace(/^\.+/, "")
    .trim()
    .slice(0, 150);
  return cleaned || "file";
}

/** encodeURIComponent leaves ' ( ) * ! unescaped; RFC 5987 attr-char does not allow them. */
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Types a browser may show in place (inline); anything else is always an attachment. */
export function isInlineType(mime: string): boolean {
  return mime === "application/pdf" || /^image\/(jpeg|png|webp|gif)$/.test(mime);
}
