/**
 * `npm run bench`: HTTP benchmark of the production server on PostgreSQL (issue 8).
 *
 *   DATABASE_URL=postgres://… npm run bench     # required; seed it first (npm run bench:seed) or
 *                                               # let the server load the demo data into an empty DB
 *   BENCH_SECONDS=10        seconds per target and concurrency
 *   BENCH_CONNECTIONS=10,50 autocannon concurrencies
 *   BENCH_PORT=3301         app port (the query counter listens on BENCH_PORT+1, first-200 on +2)
 *   BENCH_SKIP_FIRST200=1   skip the PGlite restart timing
 *   BENCH_SKIP_PDF=1        skip the PDF benchmark (bench/pdf.ts; BENCH_PDF_RUNS runs, default 20)
 *
 * Steps: build if stale; start `node --import tsx server.ts` (NODE_ENV=production, background work
 * off) with the statement counter preloaded; log in as pm@demo.cn and issue an API token; count SQL
 * statements per request; autocannon each target; sample the server's RSS throughout; size the JS
 * per page; time a restart on PGlite. Writes bench/results/<timestamp>.json and latest.md.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import postgres from "postgres";
import { fetchHtml, load, login, pickProject, queriesPerRequest, targets, type LoadResult, type Session } from "./http";
import { timeFirst200 } from "./lib/first200";
import { runPdfBench } from "./pdf";
import { englishMessagesKb, jsInHtml, jsPerPage } from "./lib/js-size";
import { renderMarkdown, type BenchReport } from "./lib/report";
import { sampleRss } from "./lib/rss";
import { buildIfStale, startServer, waitFor200 } from "./lib/server";

const url = process.env.DATABASE_URL;
if (!url || !/^postgres(ql)?:\/\//.test(url)) {
  console.error(
    "npm run bench needs DATABASE_URL=postgres://… (the benchmark runs on PostgreSQL).\n" +
      "  Local throw-away server: bash scripts/pg-server.sh start /tmp/pg-bench 54352\n" +
      "  then: DATABASE_URL=postgres://postgres@127.0.0.1:54352/postgres npm run bench:seed && … npm run bench",
  );
  process.exit(2);
}
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = (process.env.BENCH_CONNECTIONS ?? "10,50").split(",").map(Number);
const port = Number(process.env.BENCH_PORT ?? 3301);
const PM = "pm@demo.cn";

async function dbFacts(): Promise<{ users: number; projects: number; bench: number }> {
  const sql = postgres(url!, { max: 1, onnotice: () => {} });
  try {
    const [u] = await sql`select (select count(*) from users)::int as users, (select count(*) from projects)::int as projects, (select count(*) from projects where code like 'BX-%')::int as bench`;
    return u as unknown as { users: number; projects: number; bench: number };
  } catch {
    return { users: 0, projects: 0, bench: 0 }; // no schema yet: the server migrates and seeds
  } finally {
    await sql.end();
  }
}

function issueToken(): string {
  const r = spawnSync(process.execPath, ["--import", "tsx", "scripts/issue-token.ts", PM, "bench"], { env: process.env, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`issuing a token failed: ${r.stderr}`);
  return r.stdout.trim();
}

async function main() {
  const built = buildIfStale();
  const before = await dbFacts();
  const counterPort = port + 1;
  const server = startServer({
    port,
    preload: ["./bench/lib/query-counter.mjs"],
    env: {
      DATABASE_URL: url,
      SCHEDULER_INTERVAL_MS: "0",
      OUTBOX_INTERVAL_MS: "0",
      SEED_DEMO: before.users > 0 ? "0" : "1",
      BENCH_QUERY_COUNTER_PORT: String(counterPort),
    },
  });
  const stopAll = () => void server.stop();
  process.on("SIGINT", () => server.stop().then(() => process.exit(130)));
  try {
    const t0 = Date.now();
    await waitFor200(`${server.base}/healthz`, server.child, t0, 300_000, server.log);
    console.log(`${server.log().match(/Ready on .*/)?.[0] ?? "server ready"} (healthz 200 after ${Date.now() - t0} ms)`);
    const facts = await dbFacts();
    console.log(`Database: ${facts.projects} projects (${facts.bench} bench "BX-"), ${facts.users} users`);

    const session: Session = { cookie: await login(server.base, PM, "demo1234"), token: issueToken() };
    const project = await pickProject(server.base, session);
    console.log(`Project: ${project.code} ${project.name} (${project.stage}) ${project.id}`);
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10); // Asia/Shanghai date
    const list = targets(project, session, today);

    // Statements per request, before the load (the notes write adds one note per count).
    const queries: Record<string, { queries: number; status: number }> = {};
    for (const t of list) queries[t.name] = await queriesPerRequest(server.base, `http://127.0.0.1:${counterPort}/`, t);
    const htmlJs: Record<string, { files: number; gzipKb: number }> = {};
    for (const t of list.filter((x) => x.kind === "page")) htmlJs[t.name] = jsInHtml(await fetchHtml(server.base, t));

    const rss = sampleRss(server.child.pid!);
    const results: LoadResult[] = [];
    // Reads at every concurrency first, the write last: the notes it adds must not change the pages.
    const floors = new Map<string, LoadResult>();
    // Floors first at each concurrency, so every page has both to compare with.
    const order = (x: (typeof list)[number]) => (x.kind === "floor" ? 0 : 1);
    for (const c of connections) for (const t of list.filter((x) => x.kind !== "write").sort((a, b) => order(a) - order(b))) await runOne(t, c);
    for (const c of connections) for (const t of list.filter((x) => x.kind === "write")) await runOne(t, c);
    async function runOne(t: (typeof list)[number], c: number) {
      const r = await load(server.base, t, c, seconds);
      if (t.kind === "floor") floors.set(`${t.floor}:${c}`, r);
      const pageFloor = floors.get(`page:${c}`);
      const resourceFloor = floors.get(`resource:${c}`);
      if (t.kind !== "floor") {
        if (pageFloor) r.ratioToFloor = r.reqPerSec / pageFloor.reqPerSec;
        if (resourceFloor) r.ratioToResourceFloor = r.reqPerSec / resourceFloor.reqPerSec;
      }
      results.push(r);
      console.log(`  c=${c} ${t.name}: p50 ${r.p50} ms, p99 ${r.p99} ms, ${r.reqPerSec.toFixed(0)} req/s, errors ${r.errors}, non-2xx ${r.non2xx}`);
    }
    const memory = rss.stop();
    await server.stop();

    const js = jsPerPage();
    const englishMessagesGzipKb = englishMessagesKb();
    const first200 = process.env.BENCH_SKIP_FIRST200 === "1" ? undefined : await timeFirst200(port + 2);
    // PDFs last, with the server stopped, so pdfkit and Chromium have the machine to themselves.
    const pdf = process.env.BENCH_SKIP_PDF === "1" ? undefined : await runPdfBench({ runs: Number(process.env.BENCH_PDF_RUNS ?? 20) });

    const report: BenchReport = {
      at: new Date().toISOString(),
      seconds,
      connections,
      built,
      database: { ...facts, driver: "postgres" },
      project: { id: project.id, code: project.code, stage: project.stage },
      floorRoute: "page floor GET /login (a document route with no data: router, root layout, React render, streaming); resource floor GET /healthz (no React; one `select 1` through Remix)",
      writeRoute: "POST /api/v1/projects/:id/notes (coordination note: note + audit row in one transaction; project events cannot be repeated)",
      results,
      queries,
      htmlJs,
      memory,
      js,
      first200,
      pdf,
      englishMessagesGzipKb,
    };
    fs.mkdirSync("bench/results", { recursive: true });
    const stamp = report.at.replace(/[:.]/g, "-");
    fs.writeFileSync(`bench/results/${stamp}.json`, JSON.stringify(report, null, 2));
    const md = renderMarkdown(report);
    fs.writeFileSync("bench/results/latest.md", md);
    console.log(`\n${md}\nWrote bench/results/${stamp}.json and bench/results/latest.md`);
  } finally {
    stopAll();
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
