// `npm run soak`: SOAK_USERS simulated people (default 20) drive projects through whole lifecycles
// for SOAK_SECONDS (default 300) against the production server on PostgreSQL, while the SMTP server
// goes down and comes back and the app's database connections are killed at random. Then the outbox
// drains, the server stops, and the invariant checker proves what the system promises.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq, ne, sql } from "drizzle-orm";
import postgres from "postgres";
import { openDatabase } from "#db/client";
import { outbox, users } from "#db/schema";
import { issueApiToken } from "~/services/admin/issue-api-token.server";
import { buildIfStale, startServer, waitFor200 } from "../../bench/lib/server";
import { RunClosed, sleep, Stats } from "./client";
import { FaultInjector } from "./faults";
import { checkDatabase, checkServerErrors, inFault, type FaultWindow, type InvariantResult } from "./invariants";
import { CountingSmtpServer } from "./smtp";
import { SimulatedUser, type World } from "./users";

const SECONDS = Number(process.env.SOAK_SECONDS ?? 300);
const USERS = Number(process.env.SOAK_USERS ?? 20);
const PORT = Number(process.env.SOAK_PORT ?? 3172);
const SMTP_PORT = Number(process.env.SOAK_SMTP_PORT ?? 2572);
const FAULTS = process.env.SOAK_FAULTS !== "0";
/** A request overlapping a killed connection ± this long may fail (it was using that connection). */
const GRACE_MS = Number(process.env.SOAK_GRACE_MS ?? 3000);
const DRAIN_SECONDS = Number(process.env.SOAK_DRAIN_SECONDS ?? 240);
const DEMO_PASSWORD = "demo1234";
const RESULTS = path.join("test", "soak", "results");

function refuse(message: string): never {
  console.error(`soak: ${message}`);
  process.exit(2);
}

async function main() {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl || !/^postgres(ql)?:\/\//.test(serverUrl)) {
    refuse("needs DATABASE_URL=postgres://… (a PostgreSQL server: connections are killed with pg_terminate_backend, which PGlite cannot do). E.g. `bash scripts/pg-server.sh start /tmp/pg 54329` prints one.");
  }
  if (!Number.isFinite(SECONDS) || SECONDS <= 0 || !Number.isInteger(USERS) || USERS <= 0) refuse("SOAK_SECONDS and SOAK_USERS must be positive numbers");

  // A fresh database per run, on the given server.
  const dbName = `soak_${Math.floor(Date.now() / 1000)}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${dbName}"`);
  await admin.end();
  const u = new URL(serverUrl);
  u.pathname = `/${dbName}`;
  const dbUrl = u.toString();

  const smtp = new CountingSmtpServer(SMTP_PORT);
  await smtp.start();
  buildIfStale();
  const base = `http://127.0.0.1:${PORT}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "soak-data-"));
  console.log(`soak: ${USERS} users, ${SECONDS} s, faults ${FAULTS ? "on" : "off"}; database ${dbName}; app ${base}; SMTP ${smtp.url}`);
  const server = startServer({
    port: PORT,
    env: {
      DATABASE_URL: dbUrl, SMTP_URL: smtp.url, PUBLIC_URL: base, DATA_DIR: dataDir, SEED_DEMO: "1", TRUST_PROXY: "1",
      // The outbox and scheduler ON with short periods, so faults and recovery happen within the run.
      OUTBOX_INTERVAL_MS: "500", OUTBOX_BACKOFF_BASE_MS: "1000", OUTBOX_BACKOFF_MAX_MS: "15000", SCHEDULER_INTERVAL_MS: "5000",
    },
  });
  // Our own time-stamped copy of the server's output, to line errors up with the fault log.
  const stampedLog: string[] = [];
  const stamp = (d: Buffer) => {
    const t = new Date().toISOString();
    for (const line of String(d).split("\n")) if (line) stampedLog.push(`${t} ${line}`);
  };
  server.child.stdout!.on("data", stamp);
  server.child.stderr!.on("data", stamp);
  const started = Date.now();
  await waitFor200(`${base}/healthz`, server.child, started, 180_000, server.log);
  console.log(`soak: server ready in ${Date.now() - started} ms`);

  // The administrator issues API tokens for the staff roles (as 系统管理 → API 令牌 would).
  const setup = await openDatabase({ url: dbUrl, poolSize: 1 });
  const userId = async (email: string) => (await setup.db.select({ id: users.id }).from(users).where(eq(users.email, email)))[0]?.id ?? refuse(`demo user ${email} missing (SEED_DEMO)`);
  const token = async (email: string) => (await issueApiToken(setup.db, { userId: await userId(email), name: "soak" })).token;
  const tokens = { pm: await token("pm@demo.cn"), management: await token("management@demo.cn"), finance: await token("finance@demo.cn"), service: await token("service@demo.cn") };
  const serviceUserId = await userId("service@demo.cn");
  await setup.close(); // closed before the faults start: the injector must only hit the app

  const stats = new Stats();
  const deadline = Date.now() + SECONDS * 1000;
  const world: World = { base, stats, smtp, tokens, passwords: { pm: DEMO_PASSWORD, management: DEMO_PASSWORD }, serviceUserId, deadline, mailTimeoutMs: 120_000 };
  const faults = new FaultInjector(smtp, serverUrl, dbName);
  if (FAULTS) faults.start();
  const people = Array.from({ length: USERS }, (_, i) => new SimulatedUser(i + 1, world));
  const runs = people.map(async (p, i) => {
    await sleep(i * 250); // people do not all arrive in the same millisecond
    await p.loop();
  });
  const progress = setInterval(() => {
    const ops = [...stats.ops.values()].reduce((s, o) => s + o.attempts, 0);
    console.log(`soak: ${Math.round((Date.now() - (deadline - SECONDS * 1000)) / 1000)} s — ${ops} requests, ${people.reduce((s, p) => s + p.completed, 0)} lifecycles, ${faults.log.length} faults, SMTP ${smtp.up ? "up" : "DOWN"}, ${smtp.received} mails`);
  }, 30_000);

  // Time is up: people finish the step they are in (bounded), then no more requests go out.
  await Promise.race([Promise.all(runs), sleep(Math.max(0, deadline - Date.now()) + 90_000)]);
  stats.closed = true;
  clearInterval(progress);
  const endedAt = Date.now();
  if (FAULTS) await faults.stop();
  await smtp.start();
  console.log(`soak: load over after ${Math.round((endedAt - started) / 1000)} s; faults stopped, SMTP up; waiting for the outbox to drain…`);

  const check = await openDatabase({ url: dbUrl, poolSize: 2 });
  const drainStart = Date.now();
  let left = -1;
  for (;;) {
    const [row] = await check.db.select({ n: sql<number>`count(*)::int` }).from(outbox).where(sql`${outbox.status} in ('pending','sending')`);
    left = row.n;
    if (left === 0 || Date.now() - drainStart > DRAIN_SECONDS * 1000) break;
    await sleep(1000);
  }
  const drainMs = Date.now() - drainStart;
  await sleep(1000); // the last 250 has reached the counting server's tally
  await server.stop();
  await Promise.race([Promise.all(runs), sleep(5000)]);
  console.log(`soak: outbox ${left === 0 ? "drained" : `NOT drained (${left} left)`} in ${Math.round(drainMs / 1000)} s; server stopped; checking invariants…`);

  const results: InvariantResult[] = await checkDatabase(check.db, smtp.counts);
  const pgFaults: FaultWindow[] = faults.log.filter((f) => f.kind === "pgTerminate");
  // A connection killed while idle in the pool fails only at its next use, which may be seconds
  // later: the driver then reports the termination (57P01) or the closed socket as the cause. Such
  // a failure is the injected fault surfacing, so the moment the server logged it is a window too
  // (tight: the failing request must span that moment). Nothing else terminates connections here.
  if (FAULTS) {
    for (const line of stampedLog) {
      if (!/57P01|CONNECTION_CLOSED|ECONNRESET|terminating connection due to administrator command/.test(line)) continue;
      const t = Date.parse(line.slice(0, 24));
      if (Number.isFinite(t) && !pgFaults.some((f) => f.kind === "pgTerminate (surfaced)" && f.start === t)) pgFaults.push({ kind: "pgTerminate (surfaced)", start: t, end: t, graceMs: 250 });
    }
  }
  // Only a killed database connection may cost a request its answer: SMTP being down must never
  // surface to a user (promise 3: mail never blocks work), so its windows excuse nothing.
  const errors = checkServerErrors(stats.requests, pgFaults, GRACE_MS);
  results.push(errors);
  const [mailRow] = await check.db.select({ total: sql<number>`count(*)::int`, sent: sql<number>`count(*) filter (where status = 'sent')::int`, failed: sql<number>`count(*) filter (where status = 'failed')::int`, retried: sql<number>`count(*) filter (where attempts > 1)::int` }).from(outbox);
  const [notSent] = await check.db.select({ n: sql<number>`count(*)::int` }).from(outbox).where(ne(outbox.status, "sent"));
  await check.close();
  if (process.env.SOAK_KEEP_DB !== "1") {
    const a = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await a.unsafe(`drop database if exists "${dbName}" with (force)`);
    await a.end();
  }
  await smtp.stop();

  const serverLog = stampedLog.join("\n") + "\n";
  const figures = {
    at: new Date().toISOString(),
    config: { seconds: SECONDS, users: USERS, faults: FAULTS, graceMs: GRACE_MS, database: "PostgreSQL", outboxIntervalMs: 500, backoffBaseMs: 1000, backoffMaxMs: 15000 },
    lifecycles: { completed: people.reduce((s, p) => s + p.completed, 0), stagesReached: mergeCounts(people.map((p) => p.stagesReached)) },
    operations: Object.fromEntries([...stats.ops].sort((a, b) => b[1].attempts - a[1].attempts)),
    requests: stats.requests.length,
    faults: countBy(faults.log.map((f) => f.kind)),
    faultLog: faults.log.map((f) => ({ kind: f.kind, start: new Date(f.start).toISOString(), end: new Date(f.end).toISOString(), detail: f.detail })),
    errors: {
      failedRequests: stats.requests.filter((r) => r.status === "network" || r.status >= 500).length,
      faultInduced: errors.faultInduced,
      faultInducedAtNextUse: stats.requests.filter((r) => (r.status === "network" || r.status >= 500) && !inFault(r, faults.log.filter((f) => f.kind === "pgTerminate"), GRACE_MS) && inFault(r, pgFaults, GRACE_MS)).length,
      other: errors.violations.length,
      stoppedRounds: stats.notes.filter((n) => / stopped: /.test(n)).length,
    },
    messages: { outboxRows: mailRow.total, sent: mailRow.sent, failed: mailRow.failed, notSent: notSent.n, retriedRows: mailRow.retried, smtpReceived: smtp.received, uniqueMessageIds: smtp.counts.size, drainSeconds: Math.round(drainMs / 1000) },
    invariants: results.map((r) => ({ name: r.name, checked: r.checked, ok: r.violations.length === 0, violations: r.violations.slice(0, 50), violationCount: r.violations.length })),
    serverLog: { warnings: (serverLog.match(/claim lost|outbox worker:|Error/g) ?? []).length },
    notes: stats.notes.slice(0, 100),
  };
  fs.mkdirSync(RESULTS, { recursive: true });
  fs.writeFileSync(path.join(RESULTS, "latest.json"), JSON.stringify(figures, null, 2));
  fs.writeFileSync(path.join(RESULTS, "server.log"), serverLog);
  const md = markdown(figures);
  fs.writeFileSync(path.join(RESULTS, "latest.md"), md);
  console.log("\n" + md);
  const failed = results.some((r) => r.violations.length > 0);
  console.log(failed ? "soak: INVARIANT VIOLATED (see above)" : "soak: all invariants hold");
  process.exit(failed ? 1 : 0);
}

function countBy(items: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const i of items) out[i] = (out[i] ?? 0) + 1;
  return out;
}

function mergeCounts(maps: Map<string, number>[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of maps) for (const [k, v] of m) out[k] = (out[k] ?? 0) + v;
  return out;
}

type Figures = {
  at: string; config: { seconds: number; users: number; faults: boolean; graceMs: number }; lifecycles: { completed: number; stagesReached: Record<string, number> };
  operations: Record<string, { attempts: number; ok: number; conflict: number; refused: number; failed: number; retried: number }>; requests: number;
  faults: Record<string, number>; errors: Record<string, number>; messages: Record<string, number>;
  invariants: { name: string; checked: number; ok: boolean; violations: string[]; violationCount: number }[]; notes: string[];
};

function markdown(f: Figures): string {
  const lines = [
    `# Soak run ${f.at}`,
    "",
    `${f.config.users} users, ${f.config.seconds} s, PostgreSQL, faults ${f.config.faults ? "on" : "off"} (grace ${f.config.graceMs} ms around a killed connection).`,
    "",
    `**Lifecycles completed** (project created → settled and archived → service ticket surveyed): ${f.lifecycles.completed}. Stages reached: ${Object.entries(f.lifecycles.stagesReached).map(([k, v]) => `${k} ${v}`).join(", ")}.`,
    "",
    "## Operations",
    "",
    "| operation | attempts | 2xx/3xx | 409 | other 4xx | 5xx/network | retries |",
    "|---|---:|---:|---:|---:|---:|---:|",
    ...Object.entries(f.operations).map(([k, o]) => `| ${k} | ${o.attempts} | ${o.ok} | ${o.conflict} | ${o.refused} | ${o.failed} | ${o.retried} |`),
    `| **all requests** | **${f.requests}** | | | | | |`,
    "",
    "## Faults injected",
    "",
    "| fault | count |",
    "|---|---:|",
    ...Object.entries(f.faults).map(([k, v]) => `| ${k} | ${v} |`),
    "",
    "## Errors",
    "",
    "| | count |",
    "|---|---:|",
    ...Object.entries(f.errors).map(([k, v]) => `| ${k} | ${v} |`),
    "",
    "## Messages",
    "",
    "| | count |",
    "|---|---:|",
    ...Object.entries(f.messages).map(([k, v]) => `| ${k} | ${v} |`),
    "",
    "## Invariants",
    "",
    "| invariant | checked | result |",
    "|---|---:|---|",
    ...f.invariants.map((i) => `| ${i.name} | ${i.checked} | ${i.ok ? "holds" : `**VIOLATED** (${i.violationCount})`} |`),
    "",
    ...f.invariants.filter((i) => !i.ok).flatMap((i) => [`### ${i.name}`, "", ...i.violations.map((v) => `- ${v}`), ""]),
    ...(f.notes.length ? ["## Rounds that stopped early (first 100)", "", ...f.notes.map((n) => `- ${n.replace(/\n/g, " ")}`), ""] : []),
  ];
  return lines.join("\n");
}

main().catch((error) => {
  if (error instanceof RunClosed) return;
  console.error(error);
  process.exit(1);
});
