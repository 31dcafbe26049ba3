// The simulated people's HTTP client: every request is logged (time window, operation, status) so
// the checker can tell fault-induced failures from real ones; a failed request is retried the way a
// person would retry (a moment later, a few times), never blindly forever.
import type { RequestOutcome } from "./invariants";

export interface Reply {
  status: number;
  body: unknown;
  text: string;
  location: string | null;
  headers: Headers;
}

export class Stats {
  readonly requests: RequestOutcome[] = [];
  /** Operations by kind: attempts, successes (2xx/3xx), conflicts (409), refusals (other 4xx), failures (5xx/network). */
  readonly ops = new Map<string, { attempts: number; ok: number; conflict: number; refused: number; failed: number; retried: number }>();
  readonly notes: string[] = [];
  /** Set when the run is over: late requests of a user still mid-step are not sent (nor counted). */
  closed = false;

  op(kind: string) {
    let o = this.ops.get(kind);
    if (!o) this.ops.set(kind, (o = { attempts: 0, ok: 0, conflict: 0, refused: 0, failed: 0, retried: 0 }));
    return o;
  }
}

export class RetryExhausted extends Error {}
export class RunClosed extends Error {}

export interface CallOptions {
  token?: string;
  cookie?: string;
  json?: unknown;
  form?: Record<string, string>;
  multipart?: FormData;
  /** How many times a 5xx or a dropped connection is retried (a person clicking again). */
  retries?: number;
  accept?: string;
}

export class Client {
  /** `address`: the simulated person's own IP (the server runs with TRUST_PROXY=1, as behind a load balancer). */
  constructor(readonly base: string, readonly stats: Stats, readonly userAgent: string, readonly address?: string) {}

  async call(kind: string, method: string, path: string, o: CallOptions = {}): Promise<Reply> {
    const retries = o.retries ?? 5;
    const stat = this.stats.op(kind);
    for (let attempt = 0; ; attempt++) {
      if (this.stats.closed) throw new RunClosed("the soak is over");
      stat.attempts++;
      if (attempt > 0) stat.retried++;
      const headers = new Headers({ "User-Agent": this.userAgent, Accept: o.accept ?? "application/json, text/html" });
      if (o.token) headers.set("Authorization", `Bearer ${o.token}`);
      if (this.address) headers.set("X-Forwarded-For", this.address);
      if (o.cookie) headers.set("Cookie", o.cookie);
      let body: BodyInit | undefined;
      if (o.json !== undefined) {
        headers.set("Content-Type", "application/json");
        body = JSON.stringify(o.json);
      } else if (o.form) {
        headers.set("Content-Type", "application/x-www-form-urlencoded");
        body = new URLSearchParams(o.form).toString();
      } else if (o.multipart) body = o.multipart;
      const at = Date.now();
      let reply: Reply | null = null;
      try {
        const res = await fetch(this.base + path, { method, headers, body, redirect: "manual", signal: AbortSignal.timeout(60_000) });
        const text = await res.text();
        let parsed: unknown = null;
        if ((res.headers.get("content-type") ?? "").includes("json")) {
          try {
            parsed = JSON.parse(text);
          } catch {
            parsed = null;
          }
        }
        reply = { status: res.status, body: parsed, text, location: res.headers.get("location"), headers: res.headers };
      } catch {
        reply = null;
      }
      const status = reply ? reply.status : "network";
      const detail = reply && reply.status >= 500 ? `${method} ${path.replace(/[A-Za-z0-9_-]{24,}/g, "…")} ${reply.text.slice(0, 160)}` : !reply ? `${method} ${path}` : undefined;
      this.stats.requests.push({ at, end: Date.now(), op: kind, status, detail });
      if (reply && reply.status < 500) {
        if (reply.status < 400) stat.ok++;
        else if (reply.status === 409) stat.conflict++;
        else stat.refused++;
        return reply;
      }
      stat.failed++;
      if (attempt >= retries) throw new RetryExhausted(`${kind} ${method} ${path}: ${status} after ${attempt + 1} attempts${reply ? `: ${reply.text.slice(0, 200)}` : ""}`);
      await sleep(400 * (attempt + 1) + Math.random() * 400);
    }
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The value of a hidden/text input in a page (what a browser would post back). */
export function inputValue(html: string, name: string): string | null {
  const re = new RegExp(`<input[^>]*name="${name.replace(/[[\].]/g, "\\$&")}"[^>]*>`, "g");
  for (const tag of html.match(re) ?? []) {
    const v = /value="([^"]*)"/.exec(tag);
    if (v) return decodeHtml(v[1]);
  }
  return null;
}

/** The value of the <option> whose label contains `label` in the <select name=…>. */
export function optionValue(html: string, select: string, label: string): string | null {
  const block = new RegExp(`<select[^>]*name="${select}"[^>]*>([\\s\\S]*?)</select>`).exec(html);
  if (!block) return null;
  for (const m of block[1].matchAll(/<option[^>]*value="([^"]*)"[^>]*>([^<]*)</g)) if (decodeHtml(m[2]).includes(label)) return m[1];
  return null;
}

export function decodeHtml(s: string): string {
  return s.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}
