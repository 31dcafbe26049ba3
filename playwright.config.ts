import { defineConfig, devices } from "@playwright/test";
import { e2eEnv } from "./test/e2e/support/e2e-env";

/**
 * Browser tests. Run with `npm run test:e2e` (= `remix vite:build && playwright test`): the server
 * below serves the production build, so build first.
 *
 * - Chromium only, Debian's /usr/bin/chromium (override with CHROMIUM_PATH): `npx playwright install`
 *   cannot download browsers on these machines.
 * - workers: 1 — 2-core machines and ONE app server with one database shared by all tests; parallel
 *   workers would fight over CPU and over the same data.
 * - The app server gets a fresh DATA_DIR (PGlite) or, when DATABASE_URL is set, a fresh database
 *   e2e_<id> on that server: every run starts from an empty database which the app seeds with demo
 *   data, and never touches ./data or the developer's own database. See support/e2e-env.ts for why
 *   these are made while this file is loaded rather than in a globalSetup (webServer starts first).
 * - reuseExistingServer: false — a server already listening on E2E_PORT would run with unknown data
 *   and unknown env; fail loudly instead of testing the wrong thing.
 */
const env = e2eEnv();
const CI = !!process.env.CI;

const serverEnv: Record<string, string> = {
  PORT: String(env.port),
  HOST: "127.0.0.1",
  DATA_DIR: env.dataDir,
  NODE_ENV: "production",
  // No background scheduler ticks during tests (time events are driven by the tests themselves);
  // a fast outbox so mails/notifications appear within the tests' waiting time.
  SCHEDULER_INTERVAL_MS: "0",
  OUTBOX_INTERVAL_MS: "500",
};
if (env.databaseUrl) serverEnv.DATABASE_URL = env.databaseUrl;

export default defineConfig({
  testDir: "test/e2e",
  testMatch: "**/*.spec.ts",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 1,
  retries: CI ? 1 : 0,
  forbidOnly: CI,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: CI ? [["list"], ["html", { open: "never" }]] : [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${env.port}`,
    trace: "on-first-retry",
    screenshot: "only-on-failure",
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
          args: [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
          ],
        },
      },
    },
  ],
  webServer: {
    command: "npx tsx server.ts",
    url: `http://127.0.0.1:${env.port}/healthz`,
    // First start on a new data dir/database: PGlite init (~4.5 s) + migrations + demo seed.
    timeout: 120_000,
    reuseExistingServer: false,
    env: serverEnv,
    stdout: "pipe",
    stderr: "pipe",
    // Let the server close its database (PGlite lock file, postgres pool) before being killed.
    gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
  },
});
