// Restart time: `node scripts/start.mjs` (the `npm start` script without npm's own start-up) on an
// existing PGlite data directory with an up-to-date build, until the first 200 on /login.
// The first start on a fresh directory migrates and seeds the demo data (not timed); the second is.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { stopChild, waitFor200 } from "./server";

function startMjs(dataDir: string, port: number) {
  const env: Record<string, string | undefined> = { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: "127.0.0.1", SEED_DEMO: "1", SCHEDULER_INTERVAL_MS: "0", OUTBOX_INTERVAL_MS: "0" };
  delete env.DATABASE_URL;
  delete env.BENCH_QUERY_COUNTER_PORT;
  delete env.NODE_ENV; // start.mjs sets production itself
  const child = spawn(process.execPath, ["scripts/start.mjs"], { env: env as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  return { child, log: () => out };
}

export async function timeFirst200(port: number): Promise<{ firstStartMs: number; restartMs: number; ready: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-first200-"));
  try {
    const url = `http://127.0.0.1:${port}/login`;
    let t = Date.now();
    const first = startMjs(dataDir, port);
    const firstStartMs = await waitFor200(url, first.child, t, 180_000, first.log).finally(() => stopChild(first.child));
    await stopChild(first.child);
    t = Date.now();
    const second = startMjs(dataDir, port);
    try {
      const restartMs = await waitFor200(url, second.child, t, 60_000, second.log);
      return { firstStartMs, restartMs, ready: second.log().match(/Ready on .*/)?.[0] ?? "" };
    } finally {
      await stopChild(second.child);
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
