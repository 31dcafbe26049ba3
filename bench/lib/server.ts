// Starting and stopping the production server for the bench: a child process we own, so its pid is
// the one whose memory we sample and the one we stop.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { serverNodeFlags } from "../../scripts/server-node-flags.mjs";

const SOURCES = ["app", "machines", "templates", "db", "public", "vite.config.ts", "tailwind.config.ts", "package-lock.json"];
const BUILD_MARK = "build/server/index.js";

function newestMtime(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

/** Same staleness rule as scripts/start.mjs: build when build/ is missing or older than a source. */
export function buildIfStale(): boolean {
  const builtAt = fs.existsSync(BUILD_MARK) ? fs.statSync(BUILD_MARK).mtimeMs : 0;
  if (builtAt > 0 && !SOURCES.some((s) => newestMtime(s) > builtAt)) return false;
  console.log("Building the app (remix vite:build)…");
  const result = spawnSync(process.execPath, ["node_modules/@remix-run/dev/dist/cli.js", "vite:build"], { stdio: "inherit" });
  if (result.status !== 0) throw new Error(`build failed (exit ${result.status})`);
  return true;
}

export interface Server {
  child: ChildProcess;
  base: string;
  log: () => string;
  stop: () => Promise<void>;
}

/** `node --import tsx [preloads] server.ts` (what scripts/start.mjs runs after its build check). */
export function startServer(opts: { port: number; env: Record<string, string | undefined>; preload?: string[] }): Server {
  const args = [...serverNodeFlags(), "--import", "tsx", ...(opts.preload ?? []).flatMap((p) => ["--import", p]), "server.ts"];
  const child = spawn(process.execPath, args, {
    env: { ...process.env, NODE_ENV: "production", HOST: "127.0.0.1", PORT: String(opts.port), ...opts.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  return {
    child,
    base: `http://127.0.0.1:${opts.port}`,
    log: () => out,
    stop: () => stopChild(child),
  };
}

export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/** Polls `url` until it answers 200; returns the ms from `since`. Fails if the child exits first. */
export async function waitFor200(url: string, child: ChildProcess, since: number, timeoutMs = 120_000, log?: () => string): Promise<number> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (code ${child.exitCode}) before ${url} answered 200\n${log?.() ?? ""}`);
    try {
      const res = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.status === 200) return Date.now() - since;
    } catch {
      // not listening yet
    }
    if (Date.now() - since > timeoutMs) throw new Error(`${url} did not answer 200 within ${timeoutMs} ms\n${log?.() ?? ""}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
