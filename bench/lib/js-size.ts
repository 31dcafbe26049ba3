// JavaScript a page makes the browser download, gzip-sized. Remix deletes Vite's
// build/client/.vite/manifest.json after the build (unless build.manifest is set), so this reads
// Remix's own client manifest (build/client/assets/manifest-*.js), which lists per route the chunk
// and its static imports; a page loads entry + root + every ancestor route + its own route.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

interface RouteEntry {
  id: string;
  parentId?: string;
  module: string;
  imports?: string[];
}
interface RemixManifest {
  entry: { module: string; imports: string[] };
  routes: Record<string, RouteEntry>;
}

const CLIENT = "build/client";

export function readClientManifest(): RemixManifest {
  const viteManifest = path.join(CLIENT, ".vite/manifest.json");
  if (fs.existsSync(viteManifest)) console.log(`(note: ${viteManifest} exists; using the Remix manifest, which already resolves imports per route)`);
  const dir = path.join(CLIENT, "assets");
  const files = fs.readdirSync(dir).filter((f) => /^manifest-.*\.js$/.test(f));
  if (!files.length) throw new Error("no build/client/assets/manifest-*.js: build first");
  const newest = files.map((f) => path.join(dir, f)).sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0];
  const text = fs.readFileSync(newest, "utf8");
  return JSON.parse(text.slice(text.indexOf("{"), text.lastIndexOf("}") + 1)) as RemixManifest;
}

const gzCache = new Map<string, { raw: number; gzip: number }>();
function sizeOf(asset: string) {
  let s = gzCache.get(asset);
  if (!s) {
    const buf = fs.readFileSync(path.join(CLIENT, asset));
    s = { raw: buf.length, gzip: zlib.gzipSync(buf, { level: 9 }).length };
    gzCache.set(asset, s);
  }
  return s;
}

export interface PageJs {
  route: string;
  files: number;
  rawKb: number;
  gzipKb: number;
}

/** JS per page route (routes with a .tsx module, i.e. not resource routes), biggest first. */
export function jsPerPage(manifest = readClientManifest()): PageJs[] {
  const pages = Object.values(manifest.routes).filter((r) => r.id === "root" || fs.existsSync(path.join("app", `${r.id}.tsx`)));
  return pages
    .filter((r) => r.id !== "root")
    .map((route) => {
      const assets = new Set<string>([manifest.entry.module, ...manifest.entry.imports]);
      const chain: RouteEntry[] = [];
      for (let r: RouteEntry | undefined = route; r; r = r.parentId ? manifest.routes[r.parentId] : undefined) chain.unshift(r);
      for (const r of chain) [r.module, ...(r.imports ?? [])].forEach((a) => assets.add(a));
      let raw = 0;
      let gzip = 0;
      for (const a of assets) {
        const s = sizeOf(a);
        raw += s.raw;
        gzip += s.gzip;
      }
      return { route: route.id.replace(/^routes\//, ""), files: assets.size, rawKb: raw / 1024, gzipKb: gzip / 1024 };
    })
    .sort((a, b) => b.gzipKb - a.gzipKb);
}

/** Cross-check from a real response: the /assets/*.js the HTML references (modulepreload + imports). */
export function jsInHtml(html: string): { files: number; gzipKb: number } {
  const assets = new Set([...html.matchAll(/\/assets\/[\w.-]+\.js/g)].map((m) => m[0]).filter((a) => !/\/manifest-/.test(a)));
  let gzip = 0;
  for (const a of assets) if (fs.existsSync(path.join(CLIENT, a))) gzip += sizeOf(a).gzip;
  return { files: assets.size, gzipKb: gzip / 1024 };
}

/** The English messages chunk (gzip KB) that only English pages load; undefined if not built. */
export function englishMessagesKb(dir = "build/client/assets"): number | undefined {
  const file = fs.existsSync(dir) ? fs.readdirSync(dir).find((f) => /i18n-english.*\.js$/.test(f)) : undefined;
  return file ? zlib.gzipSync(fs.readFileSync(path.join(dir, file)), { level: 9 }).length / 1024 : undefined;
}
