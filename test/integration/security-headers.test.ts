// Security headers (ADR 007), through the same pieces server.ts puts together: the Express
// middleware, Remix's Express adapter and the real entry.server + root.tsx + /login and /healthz
// route modules. No build is needed: the server build is assembled here from the source modules,
// so this runs in `npm test` before `remix vite:build`. The browser side (the page really runs
// under the policy, violations fail every e2e spec) is test/e2e/security.spec.ts.
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as entryServer from "~/entry.server";
import * as root from "~/root";
import * as healthz from "~/routes/healthz";
import * as login from "~/routes/login";
import { COMMON_SECURITY_HEADERS, contentSecurityPolicy, createNonce, securityHeaders } from "~/lib/security-headers.server";
import { createTestDatabase, testDriver, type TestDatabase } from "../support/test-db";

/** A resource route that answers with a PDF, as the document routes do. */
const pdfRoute = { loader: () => new Response("%PDF-1.4\n%%EOF\n", { headers: { "Content-Type": "application/pdf" } }) };

function serverBuild({ dev }: { dev: boolean }): ServerBuild {
  const route = (id: string, parentId: string | undefined, pathName: string | undefined, module: Record<string, unknown>) => ({
    id,
    parentId,
    path: pathName,
    module,
  });
  const routes = {
    root: route("root", undefined, "", root),
    "routes/login": route("routes/login", "root", "login", login),
    "routes/healthz": route("routes/healthz", "root", "healthz", healthz),
    "routes/doc.pdf": route("routes/doc.pdf", "root", "doc.pdf", pdfRoute),
  };
  const entryRoute = (id: string, mod: Record<string, unknown>) => ({
    id,
    parentId: routes[id as keyof typeof routes].parentId,
    path: routes[id as keyof typeof routes].path,
    hasAction: "action" in mod,
    hasLoader: "loader" in mod,
    hasClientAction: false,
    hasClientLoader: false,
    hasErrorBoundary: "ErrorBoundary" in mod,
    module: `/assets/${id.replace("/", "-")}.js`,
    imports: [],
  });
  return {
    mode: "production",
    entry: { module: entryServer },
    routes,
    assets: {
      version: "test",
      url: "/assets/manifest.js",
      entry: { module: "/assets/entry.client.js", imports: [] },
      routes: Object.fromEntries(Object.entries(routes).map(([id, r]) => [id, entryRoute(id, r.module)])),
      // What the Vite dev server puts in the manifest (and only it): entry.server relaxes for it.
      ...(dev ? { hmr: { runtime: "/@id/__x00__virtual:remix/inject-hmr-runtime" } } : {}),
    },
    publicPath: "/",
    assetsBuildDirectory: "build/client",
    future: { v3_fetcherPersist: true, v3_relativeSplatPath: true, v3_throwAbortReason: true, v3_singleFetch: true, v3_lazyRouteDiscovery: true },
    isSpaMode: false,
  } as unknown as ServerBuild;
}

let t: TestDatabase;
let assetsDir: string;
const servers: { close(): void }[] = [];

/** server.ts's composition: the middleware first, static assets, then Remix. */
async function start(dev: boolean): Promise<string> {
  const app = express();
  app.disable("x-powered-by");
  app.use(securityHeaders);
  app.use("/assets", express.static(assetsDir));
  app.all("*", createRequestHandler({ build: serverBuild({ dev }), mode: "production", getLoadContext: (req) => ({ ip: req.ip ?? "" }) }));
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

let base: string;
let devBase: string;
beforeAll(async () => {
  t = await createTestDatabase();
  assetsDir = fs.mkdtempSync(path.join(os.tmpdir(), "csp-assets-"));
  fs.writeFileSync(path.join(assetsDir, "app.js"), "export {};\n");
  base = await start(false);
  devBase = await start(true);
});
afterAll(async () => {
  for (const s of servers) s.close();
  fs.rmSync(assetsDir, { recursive: true, force: true });
  await t?.drop();
});

/** The policy as a map directive → sources. */
function parsePolicy(header: string | null): Map<string, string[]> {
  expect(header).toBeTruthy();
  return new Map(
    header!
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name, sources]),
  );
}

function expectCommonHeaders(res: Response) {
  for (const [name, value] of Object.entries(COMMON_SECURITY_HEADERS)) expect(res.headers.get(name), name).toBe(value);
}

/** Every <script> start tag in the page with its nonce attribute (undefined when absent). */
function scriptNonces(html: string): (string | undefined)[] {
  return [...html.matchAll(/<script\b[^>]*>/g)].map((m) => /\snonce="([^"]*)"/.exec(m[0])?.[1]);
}

describe(`security headers and the CSP nonce (${testDriver()})`, () => {
  it("the page policy: nonce scripts only, no unsafe-inline/eval for scripts, nothing framed, no plugins, forms and <base> to our origin", () => {
    const nonce = createNonce();
    const p = parsePolicy(contentSecurityPolicy(nonce));
    expect(p.get("default-src")).toEqual(["'self'"]);
    expect(p.get("script-src")).toEqual(["'self'", `'nonce-${nonce}'`]);
    expect(p.get("object-src")).toEqual(["'none'"]);
    expect(p.get("base-uri")).toEqual(["'self'"]);
    expect(p.get("form-action")).toEqual(["'self'"]);
    expect(p.get("frame-ancestors")).toEqual(["'none'"]);
    // The QR image of a survey link is a data: URL; style attributes carry bar widths.
    expect(p.get("img-src")).toEqual(["'self'", "data:"]);
    expect(p.get("style-src")).toEqual(["'self'"]);
    expect(p.get("style-src-attr")).toEqual(["'unsafe-inline'"]);
    expect(p.get("connect-src")).toEqual(["'self'"]);
    expect([...p.values()].flat()).not.toContain("'unsafe-eval'");
    expect([...p.values()].flat().filter((s) => s === "'unsafe-inline'")).toHaveLength(1); // the style-attr one

    // Dev (Vite HMR) relaxes only the websocket and injected styles; scripts keep the nonce.
    const d = parsePolicy(contentSecurityPolicy(nonce, { dev: true }));
    expect(d.get("script-src")).toEqual(["'self'", `'nonce-${nonce}'`]);
    expect(d.get("connect-src")).toEqual(["'self'", "ws:", "wss:"]);
    expect(d.get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
    for (const name of ["default-src", "object-src", "base-uri", "form-action", "frame-ancestors", "img-src"]) expect(d.get(name)).toEqual(p.get(name));
  });

  it("nonces are 128 random bits, base64, never repeated", () => {
    const many = Array.from({ length: 1000 }, createNonce);
    expect(new Set(many).size).toBe(1000);
    for (const n of many.slice(0, 20)) expect(Buffer.from(n, "base64")).toHaveLength(16);
  });

  it("a page gets the enforced policy with a fresh nonce, and every inline script Remix renders carries it", async () => {
    const [a, b] = [await fetch(`${base}/login`), await fetch(`${base}/login`)];
    for (const res of [a, b]) {
      expect(res.status).toBe(200);
      expect(res.headers.get("Content-Type")).toMatch(/^text\/html/);
      expectCommonHeaders(res);
      expect(res.headers.get("Content-Security-Policy-Report-Only")).toBeNull();
    }
    const nonceOf = (res: Response) => /'nonce-([^']+)'/.exec(res.headers.get("Content-Security-Policy") ?? "")?.[1];
    const [na, nb] = [nonceOf(a), nonceOf(b)];
    expect(na).toBeTruthy();
    expect(na).not.toBe(nb);
    expect(parsePolicy(a.headers.get("Content-Security-Policy"))).toEqual(parsePolicy(contentSecurityPolicy(na!)));
    // One header only: two CSP headers would be two policies, both enforced.
    expect(a.headers.get("Content-Security-Policy")!.split(",")).toHaveLength(1);

    const html = await a.text();
    const nonces = scriptNonces(html);
    // The context script, the module script, scroll restoration and the single-fetch stream.
    expect(nonces.length).toBeGreaterThanOrEqual(4);
    expect(nonces.every((n) => n === na)).toBe(true);
    expect(html).toContain("window.__remixContext");
    expect(html).not.toContain(nb!);
  });

  it("in the Vite dev server (HMR runtime in the manifest) the same nonce logic, with the dev relaxations", async () => {
    const res = await fetch(`${devBase}/login`);
    const header = res.headers.get("Content-Security-Policy")!;
    const nonce = /'nonce-([^']+)'/.exec(header)![1];
    expect(parsePolicy(header)).toEqual(parsePolicy(contentSecurityPolicy(nonce, { dev: true })));
    expect(scriptNonces(await res.text()).every((n) => n === nonce)).toBe(true);
  });

  it("JSON, PDFs, static assets and 404s get nosniff, Referrer-Policy and frame-ancestors too", async () => {
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(health.headers.get("Content-Type")).toMatch(/^application\/json/);
    const pdf = await fetch(`${base}/doc.pdf`);
    expect(pdf.headers.get("Content-Type")).toBe("application/pdf");
    const asset = await fetch(`${base}/assets/app.js`);
    expect(asset.status).toBe(200);
    const data = await fetch(`${base}/login.data`);
    expect(data.status).toBe(200);
    for (const res of [health, pdf, asset, data]) {
      expectCommonHeaders(res);
      expect(res.headers.get("Content-Security-Policy")).toBe("frame-ancestors 'none'");
    }
    // A page Remix renders for an unknown path is still a page: the nonce policy.
    const missing = await fetch(`${base}/no-such-page`);
    expect(missing.status).toBe(404);
    expectCommonHeaders(missing);
    expect(missing.headers.get("Content-Security-Policy")).toMatch(/script-src 'self' 'nonce-/);
    await missing.text();
  });
});
