// Preloaded into the bench's server process only (`node --import ./bench/lib/query-counter.mjs`):
// counts SQL statements without touching app code. db/client.ts has no query hook, so a module
// resolve hook swaps `import postgres from "postgres"` for a wrapper that adds postgres.js's
// `debug` callback (called once per statement sent), and a tiny side HTTP server on
// BENCH_QUERY_COUNTER_PORT reports the running total. PostgreSQL driver only (not PGlite).
import http from "node:http";
import { register } from "node:module";

const port = Number(process.env.BENCH_QUERY_COUNTER_PORT || 0);
if (port) {
  globalThis.__benchQueryCount = 0;
  register(new URL("./query-counter-hooks.mjs", import.meta.url));
  http
    .createServer((_req, res) => {
      res.setHeader("Content-Type", "application/json");
      res.end(JSON.stringify({ queries: globalThis.__benchQueryCount }));
    })
    .listen(port, "127.0.0.1")
    .unref();
}
