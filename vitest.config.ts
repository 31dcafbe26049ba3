import { defineConfig } from "vitest/config";
import tsconfigPaths from "vite-tsconfig-paths";

// Playwright specs live in test/e2e and are run by `playwright test`, never by vitest.
export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    include: ["machines/**/*.test.ts", "app/**/*.test.ts", "db/**/*.test.ts", "templates/**/*.test.ts", "test/integration/**/*.test.ts", "test/quality/**/*.test.ts"],
    exclude: ["test/e2e/**", "node_modules/**"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    setupFiles: ["test/support/fail-on-console-error.ts"],
    pool: "forks",
  },
});
