/**
 * HTTP load per target with autocannon, and SQL statements per request. Used by bench/run.ts
 * (`npm run bench`), which starts the server; this file only talks HTTP to `base`.
 */
import autocannon from "autocannon";

export interface Target {
  name: string;
  path: string;
  /** "floor" = the baseline the pages' throughput is compared with; "page" = a page under the targets. */
  kind: "floor" | "page" | "write";
  /** For floors: "resource" = a route with no React (the HTTP + Remix floor), "page" = a document
   * route with no data (the floor of rendering a page: router, root layout, React, streaming). */
  floor?: "resource" | "page";
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadResult {
  target: string;
  path: string;
  kind: Target["kind"];
  floor?: Target["floor"];
  connections: number;
  p50: number;
  p99: number;
  reqPerSec: number;
  requests: number;
  errors: number;
  non2xx: number;
  /** Throughput ÷ the page floor's (GET /login) at the same concurrency: the target's ratio. */
  ratioToFloor?: number;
  /** Throughput ÷ the resource floor's (GET /healthz): shown for reference. */
  ratioToResourceFloor?: number;
}

export interface Session {
  cookie: string;
  token: string;
}

/** POST /login form as a user; returns the `sid` cookie ("sid=…"). */
export async function login(base: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password, redirectTo: "/" }),
  });
  await res.arrayBuffer();
  const sid = res.headers.getSetCookie().find((c) => c.startsWith("sid="));
  if (!sid) throw new Error(`login as ${email} failed: HTTP ${res.status}, no sid cookie`);
  return sid.split(";")[0];
}

export async function getJson<T>(base: string, path: string, token: string): Promise<T> {
  const res = await fetch(base + path, { headers: { Authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`GET ${path}: HTTP ${res.status} ${(await res.text()).slice(0, 200)}`);
  return (await res.json()) as T;
}

interface ProjectItem {
  id: string;
  code: string;
  name: string;
  stage: string;
}

/**
 * A project for the project/comparison/write targets: in construction (so it has quotes from
 * bidding, and coordination notes can be added), visible to the pm, bench data ("BX-") first.
 */
export async function pickProject(base: string, s: Session): Promise<ProjectItem> {
  const list = await getJson<{ data?: { items: ProjectItem[] }; items?: ProjectItem[] }>(base, "/api/v1/projects?stage=construction", s.token);
  const items = list.data?.items ?? list.items ?? [];
  const ordered = [...items.filter((p) => p.code.startsWith("BX-")), ...items.filter((p) => !p.code.startsWith("BX-"))];
  for (const p of ordered) {
    const res = await fetch(`${base}/projects/${p.id}/comparison`, { headers: { Cookie: s.cookie }, redirect: "manual" });
    await res.arrayBuffer();
    if (res.status === 200) return p;
  }
  throw new Error("no project in construction with a comparison page for the pm (seed the database first)");
}

export function targets(project: ProjectItem, s: Session, today: string): Target[] {
  const page = (name: string, path: string): Target => ({ name, path, kind: "page", headers: { Cookie: s.cookie } });
  // A 2-character name fragment: a realistic search typed into the list's box.
  const fragment = [...project.name].slice(0, 2).join("");
  return [
    // /healthz: no session, one `select 1` — the cheapest route that still goes through Remix and the DB.
    { name: "floor: /healthz", path: "/healthz", kind: "floor", floor: "resource" },
    // /login: a document route with no data and a small form — the cheapest page through the same
    // pipeline as every page (route matching, root layout, React render, streaming, headers).
    { name: "floor: /login page", path: "/login", kind: "floor", floor: "page" },
    page("project list", "/projects"),
    page("list, stage filter", "/projects?stage=construction"),
    page(`list, search "${fragment}"`, `/projects?q=${encodeURIComponent(fragment)}`),
    page("project page", `/projects/${project.id}`),
    page("comparison page", `/projects/${project.id}/comparison`),
    page("role home (pm)", "/"),
    // No project event can be repeated, so the write is a coordination note: JSON API, bearer token,
    // one transaction (note + audit row), repeatable while the project is in construction.
    {
      name: "write: POST notes",
      path: `/api/v1/projects/${project.id}/notes`,
      kind: "write",
      method: "POST",
      headers: { Authorization: `Bearer ${s.token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ noteDate: today, party: "internal", content: "bench: coordination note" }),
    },
  ];
}

export async function load(base: string, t: Target, connections: number, seconds: number): Promise<LoadResult> {
  const r = await autocannon({
    url: base + t.path,
    connections,
    duration: seconds,
    method: t.method ?? "GET",
    headers: t.headers,
    body: t.body,
    timeout: 30,
  });
  return {
    target: t.name,
    path: t.path,
    kind: t.kind,
    floor: t.floor,
    connections,
    p50: r.latency.p50,
    p99: r.latency.p99,
    reqPerSec: r.requests.average,
    requests: r.requests.total,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
  };
}

/**
 * SQL statements one request sends: the server runs with bench/lib/query-counter.mjs preloaded and
 * nothing in the background (scheduler/outbox off), so the counter's delta around one request is
 * that request's. Median of 3 (the first request after start also warms caches).
 */
export async function queriesPerRequest(base: string, counterUrl: string, t: Target): Promise<{ queries: number; status: number }> {
  const count = async () => ((await (await fetch(counterUrl)).json()) as { queries: number }).queries;
  const deltas: number[] = [];
  let status = 0;
  for (let i = 0; i < 3; i++) {
    const before = await count();
    const res = await fetch(base + t.path, { method: t.method ?? "GET", headers: t.headers, body: t.body, redirect: "manual" });
    await res.arrayBuffer();
    status = res.status;
    deltas.push((await count()) - before);
  }
  deltas.sort((a, b) => a - b);
  return { queries: deltas[1], status };
}

export async function fetchHtml(base: string, t: Target): Promise<string> {
  const res = await fetch(base + t.path, { headers: t.headers });
  return res.text();
}
