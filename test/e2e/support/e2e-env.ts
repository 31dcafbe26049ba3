import crypto from "node:crypto";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The per-run environment of the e2e app server, computed once when playwright.config.ts is first
 * loaded (in the runner process) and handed on through process.env, so that the worker processes,
 * which load the config again, see the very same values instead of making new ones.
 *
 * Why here and not in a globalSetup: Playwright starts `webServer` BEFORE globalSetup runs
 * (setup order: clear outputDir → webServer → globalSetup), and `webServer.env` is read from the
 * config. The fresh data directory and the fresh database must therefore exist when the config is
 * evaluated, which is synchronous — hence execFileSync for the CREATE DATABASE.
 *
 * Why outside test-results: Playwright empties outputDir (test-results) after loading the config
 * and before starting the web server, which would delete a data dir created there.
 */
export interface E2EEnv {
  runId: string;
  port: number;
  dataDir: string;
  /** postgres://…/e2e_<id> when DATABASE_URL is set, else undefined (the app uses PGlite in dataDir). */
  databaseUrl?: string;
}

const PREFIX = "install-tracker-e2e-";
const STALE_MS = 24 * 60 * 60 * 1000;

export function e2eEnv(): E2EEnv {
  const port = Number(process.env.E2E_PORT ?? 3100);
  if (process.env.E2E_RUN_ID && process.env.E2E_DATA_DIR) {
    return {
      runId: process.env.E2E_RUN_ID,
      port,
      dataDir: process.env.E2E_DATA_DIR,
      databaseUrl: process.env.E2E_DATABASE_URL || undefined,
    };
  }

  // e2e_<unix seconds>_<random>: the timestamp lets later runs drop leftovers older than a day.
  const runId = `${Math.floor(Date.now() / 1000)}_${crypto.randomBytes(4).toString("hex")}`;
  pruneStaleDataDirs();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `${PREFIX}${runId}-`));

  let databaseUrl: string | undefined;
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl && /^postgres(ql)?:\/\//.test(serverUrl)) {
    const name = `e2e_${runId}`;
    createDatabase(serverUrl, name);
    const u = new URL(serverUrl);
    u.pathname = `/${name}`;
    databaseUrl = u.toString();
  }

  process.env.E2E_RUN_ID = runId;
  process.env.E2E_DATA_DIR = dataDir;
  if (databaseUrl) process.env.E2E_DATABASE_URL = databaseUrl;
  return { runId, port, dataDir, databaseUrl };
}

function pruneStaleDataDirs() {
  const tmp = os.tmpdir();
  for (const entry of fs.readdirSync(tmp)) {
    if (!entry.startsWith(PREFIX)) continue;
    const full = path.join(tmp, entry);
    try {
      if (Date.now() - fs.statSync(full).mtimeMs > STALE_MS) fs.rmSync(full, { recursive: true, force: true });
    } catch {
      // someone else's or already gone: ignore
    }
  }
}

/** CREATE DATABASE <name> on the server (and drop e2e_* databases older than a day), synchronously. */
function createDatabase(serverUrl: string, name: string) {
  const script = `
    import postgres from "postgres";
    const sql = postgres(process.env.E2E_ADMIN_URL, { max: 1, onnotice: () => {} });
    try {
      const cutoff = Math.floor(Date.now() / 1000) - ${STALE_MS / 1000};
      const old = await sql\`select datname from pg_database where datname ~ '^e2e_[0-9]+_[0-9a-f]+$'\`;
      for (const { datname } of old) {
        if (Number(datname.split("_")[1]) < cutoff) await sql.unsafe('drop database if exists "' + datname + '" with (force)');
      }
      await sql.unsafe('create database "' + process.env.E2E_DB_NAME + '"');
    } finally {
      await sql.end();
    }
  `;
  execFileSync(process.execPath, ["--input-type=module", "-e", script], {
    cwd: fileURLToPath(new URL("../../../", import.meta.url)), // repo root, where node_modules/postgres is
    env: { ...process.env, E2E_ADMIN_URL: serverUrl, E2E_DB_NAME: name },
    stdio: ["ignore", "inherit", "inherit"],
    timeout: 30_000,
  });
}
