import crypto from "node:crypto";
import type { RequestHandler } from "express";

/**
 * Security headers (ADR 007). HTML pages get an enforced, nonce-based Content-Security-Policy from
 * entry.server; every response — PDFs, JSON, files, .xlsx, static assets — gets the rest from the
 * Express middleware below.
 */

/** 128 random bits, fresh per rendered page: a nonce an attacker cannot predict or reuse. */
export function createNonce(): string {
  return crypto.randomBytes(16).toString("base64");
}

/** Headers that hold for every response, whatever its type. */
export const COMMON_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "same-origin",
  // frame-ancestors is the standard; X-Frame-Options is for browsers that predate it.
  "X-Frame-Options": "DENY",
};

/** Non-HTML responses cannot run scripts, but must not be framed either (OWASP's advice for APIs). */
export const NON_HTML_CSP = "frame-ancestors 'none'";

/**
 * The policy of an HTML page. Scripts run only from our origin or with this page's nonce (Remix's
 * inline hydration, streaming and scroll-restoration scripts carry it) — never 'unsafe-inline' or
 * 'unsafe-eval'. Images: our own files plus data: URLs (the QR code of a survey link is rendered as
 * one). Styles: our stylesheet only; style *attributes* are allowed because React renders the
 * widths of progress and report bars as style="width:…", while injected <style> elements stay
 * blocked (style-src-elem falls back to style-src).
 *
 * `dev`: the Vite dev server adds its HMR websocket and injects <style> elements (critical CSS and
 * hot CSS updates); only these two are relaxed, scripts keep the nonce.
 */
export function contentSecurityPolicy(nonce: string, { dev = false }: { dev?: boolean } = {}): string {
  const directives: [string, ...string[]][] = [
    ["default-src", "'self'"],
    ["script-src", "'self'", `'nonce-${nonce}'`],
    ["style-src", "'self'", ...(dev ? ["'unsafe-inline'"] : [])],
    ["style-src-attr", "'unsafe-inline'"],
    ["img-src", "'self'", "data:"],
    ["font-src", "'self'"],
    ["connect-src", "'self'", ...(dev ? ["ws:", "wss:"] : [])],
    ["object-src", "'none'"],
    ["base-uri", "'self'"],
    ["form-action", "'self'"],
    ["frame-ancestors", "'none'"],
  ];
  return directives.map((d) => d.join(" ")).join("; ");
}

/**
 * Express middleware: just before the status line is written, fills in whichever security
 * headers the handler did not set (entry.server sets all of them on pages, with the nonce policy).
 * Filling in late rather than setting early matters: the Remix adapter *appends* its headers, so
 * an early value would end up twice — and two CSP headers are two policies, both enforced.
 */
export const securityHeaders: RequestHandler = (_req, res, next) => {
  const writeHead = res.writeHead;
  res.writeHead = function (this: typeof res, ...args: Parameters<typeof writeHead>) {
    for (const [name, value] of Object.entries(COMMON_SECURITY_HEADERS)) if (!res.hasHeader(name)) res.setHeader(name, value);
    if (!res.hasHeader("Content-Security-Policy")) {
      const type = String(res.getHeader("Content-Type") ?? "");
      // An HTML page that did not come through entry.server (an Express error page) runs nothing.
      res.setHeader("Content-Security-Policy", type.startsWith("text/html") ? "default-src 'none'; frame-ancestors 'none'" : NON_HTML_CSP);
    }
    return writeHead.apply(this, args);
  } as typeof writeHead;
  next();
};
