/**
 * The HTTP server: opens the database, starts the outbox worker and the scheduler, serves the
 * Remix app. `tsx server.ts` (production build in ./build) or `tsx server.ts --dev` (Vite).
 * Stateless apart from PGlite: with DATABASE_URL several of these can run behind a load balancer.
 */
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import { bootDatabase } from "./app/lib/boot.server";
import { env } from "./app/lib/env.server";
import { securityHeaders } from "./app/lib/security-headers.server";

const dev = process.argv.includes("--dev");
const config = env();
const started = Date.now();

// The production build (1.7 MB of JavaScript to parse) loads while the database opens: on a restart
// these are the two slow steps, and they do not depend on each other (issue 8: first 200 ≤ 3 s).
// @ts-expect-error the build exists only after `remix vite:build`
const productionBuild: Promise<ServerBuild> | undefined = dev ? undefined : import("./build/server/index.js");
productionBuild?.catch(() => {}); // awaited below; never an unhandled rejection while the database opens
const { database, seeded } = await bootDatabase();
// The outbox worker and the scheduler (mail, PDFs, spreadsheets: half a second of imports) start
// once the server listens, so a restart answers its first request that much sooner.
let stopBackground = () => {};

const app = express();
app.disable("x-powered-by");
// nosniff, Referrer-Policy and frame-ancestors on every response; pages get their nonce CSP from entry.server (ADR 007).
app.use(securityHeaders);
if (config.TRUST_PROXY === "1") app.set("trust proxy", true);

let build: ServerBuild | (() => Promise<ServerBuild>);
if (dev) {
  const vite = await import("vite").then((v) => v.createServer({ server: { middlewareMode: true } }));
  app.use(vite.middlewares);
  build = () => vite.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>;
} else {
  app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }));
  app.use(express.static("build/client", { maxAge: "1h" }));
  build = await productionBuild!;
}

app.all(
  "*",
  createRequestHandler({
    build,
    mode: dev ? "development" : "production",
    getLoadContext: (req) => ({ ip: req.ip ?? req.socket.remoteAddress ?? "" }),
  }),
);

const server = app.listen(config.PORT, config.HOST, () => {
  const where = config.DATABASE_URL ? "PostgreSQL" : `PGlite (${config.DATA_DIR}/pglite)`;
  console.log(`Ready on http://${config.HOST === "0.0.0.0" ? "localhost" : config.HOST}:${config.PORT} — ${where}${seeded ? ", demo data loaded" : ""} — ${Date.now() - started} ms`);
  void import("./app/lib/background.server").then(({ startBackgroundWork }) => {
    if (!closing) stopBackground = startBackgroundWork();
  });
});

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  console.log(`${signal}: closing`);
  stopBackground();
  server.close();
  server.closeAllConnections();
  await database.close().catch(() => {});
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
