// Shared helpers of the test/quality files (not a test file itself): calling a route module as
// Remix would, reading what it produced whatever the shape, and a fingerprint of every table so a
// test can prove that a refused request wrote nothing at all.
import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import type { Db } from "#db/client";
import { createSession } from "~/lib/session.server";
import { issueApiToken } from "~/services/admin/issue-api-token.server";

export const ROUTES_DIR = path.resolve(__dirname, "../../app/routes");

/** Every route module file (pages, resource routes and /api/v1). */
export function routeFiles(): string[] {
  return fs.readdirSync(ROUTES_DIR).filter((f) => /\.(ts|tsx)$/.test(f) && !/\.test\.tsx?$/.test(f)).sort();
}

/** The dynamic segments of a flat-routes file name: `projects.$projectId.quotes.$quoteId.ts` → [projectId, quoteId]. */
export function paramsOf(file: string): string[] {
  return [...file.matchAll(/\$([A-Za-z]+)/g)].map((m) => m[1]);
}

/** The URL path a flat-routes file answers, with its params filled in. */
export function urlOf(file: string, params: Record<string, string>): string {
  const segments = file
    .replace(/\.(ts|tsx)$/, "")
    .replace(/\[\.\]/g, "\u0000")
    .split(".")
    .filter((s) => s !== "_index")
    .map((s) => s.replace(/_$/, "").replace(/\u0000/g, "."))
    .map((s) => (s.startsWith("$") ? encodeURIComponent(params[s.slice(1)] ?? "") : s));
  return `/${segments.join("/")}`;
}

export type RouteModule = { loader?: (args: never) => Promise<unknown>; action?: (args: never) => Promise<unknown> };

export async function loadRoute(file: string): Promise<RouteModule> {
  return (await import(/* @vite-ignore */ path.join(ROUTES_DIR, file))) as RouteModule;
}

export interface Outcome {
  status: number;
  text: string;
  location: string | null;
  error?: unknown;
}

/** What a loader or action produced — returned or thrown, Response or Remix `data()` — as status + text. */
export async function outcome(run: () => Promise<unknown>): Promise<Outcome> {
  let value: unknown;
  try {
    value = await run();
  } catch (e) {
    value = e;
  }
  if (value instanceof Response) {
    const text = value.body && !value.bodyUsed ? Buffer.from(await value.arrayBuffer()).toString("utf8") : "";
    return { status: value.status, text, location: value.headers.get("Location") };
  }
  if (value instanceof Error) return { status: 500, text: String(value.stack ?? value), location: null, error: value };
  const init = (value as { init?: { status?: number } | null } | null)?.init;
  const payload = (value as { data?: unknown } | null)?.data !== undefined && init !== undefined ? (value as { data: unknown }).data : value;
  return { status: init?.status ?? 200, text: JSON.stringify(payload ?? null), location: null };
}

/** Reads a Response body once, as UTF-8 text. */
export async function responseText(res: Response): Promise<string> {
  return Buffer.from(await res.arrayBuffer()).toString("utf8");
}

export interface Caller {
  id: string;
  cookie: string;
  token: string;
}

/** A session cookie and an API token for a user. */
export async function caller(db: Db, user: { id: string }): Promise<Caller> {
  const cookie = (await createSession(db, user.id, { ip: "", userAgent: "" })).split(";")[0];
  const token = (await issueApiToken(db, { userId: user.id, name: "quality" })).token;
  return { id: user.id, cookie, token };
}

/** A request as this caller: a cookie for pages, a bearer token for /api/v1. */
export function requestAs(who: Caller | null, file: string, urlPath: string, init: { method?: string; form?: FormData; json?: unknown; headers?: Record<string, string> } = {}): Request {
  const headers = new Headers(init.headers);
  if (who) {
    if (file.startsWith("api.")) headers.set("Authorization", `Bearer ${who.token}`);
    else headers.set("Cookie", who.cookie);
  }
  let body: BodyInit | undefined;
  if (init.json !== undefined) {
    headers.set("Content-Type", "application/json");
    body = JSON.stringify(init.json);
  } else if (init.form) body = init.form;
  return new Request(`http://localhost${urlPath}`, { method: init.method ?? (body ? "POST" : "GET"), headers, body });
}

export const routeArgs = (request: Request, params: Record<string, string>, ip = "127.0.0.1") => ({ request, params, context: { ip } }) as never;

/** Tables whose rows change on any request by design (sessions, token use, rate-limit counters). */
const VOLATILE = new Set(["sessions", "api_tokens", "login_attempts", "public_hits", "__drizzle_migrations"]);

function rowsOf<T>(result: unknown): T[] {
  return ((result as { rows?: T[] }).rows ?? (result as T[])) as T[];
}

let tableNames: string[] | null = null;
/**
 * A hash of the content of every table (except the volatile ones): equal before and after a
 * request means the request inserted, updated and deleted nothing.
 */
export async function fingerprint(db: Db): Promise<Record<string, string>> {
  if (!tableNames) {
    const r = await db.execute(sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`);
    tableNames = rowsOf<{ table_name: string }>(r).map((x) => x.table_name).filter((t) => !VOLATILE.has(t));
  }
  const query = tableNames.map((t) => `select '${t}' as t, count(*)::int as n, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from "${t}" x`).join(" union all ");
  const rows = rowsOf<{ t: string; n: number; h: string }>(await db.execute(sql.raw(query)));
  return Object.fromEntries(rows.map((r) => [r.t, `${r.n}:${r.h}`]));
}

/** The tables whose content differs between two fingerprints. */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys(after).filter((t) => before[t] !== after[t]);
}

export function rows<T>(result: unknown): T[] {
  return rowsOf<T>(result);
}
