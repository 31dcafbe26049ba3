// bench/results/latest.md: one table per concern, each row marked against issue 8's targets.
import type { LoadResult } from "../http";
import type { PdfBenchResult } from "../pdf";
import type { PageJs } from "./js-size";

export interface BenchReport {
  at: string;
  seconds: number;
  connections: number[];
  built: boolean;
  database: { driver: string; projects: number; bench: number; users: number };
  project: { id: string; code: string; stage: string };
  floorRoute: string;
  writeRoute: string;
  results: LoadResult[];
  queries: Record<string, { queries: number; status: number }>;
  htmlJs: Record<string, { files: number; gzipKb: number }>;
  memory: { startMb: number; peakMb: number; hwmMb: number };
  js: PageJs[];
  first200?: { firstStartMs: number; restartMs: number; ready: string };
  pdf?: PdfBenchResult;
  englishMessagesGzipKb?: number;
}

export const TARGETS = { p99Ms: 100, ratio: 0.5, queries: 10, memoryMb: 300, jsGzipKb: 150, first200Ms: 3000, atConnections: 50 };

const mark = (ok: boolean) => (ok ? "PASS" : "**MISS**");

export function renderMarkdown(r: BenchReport): string {
  const T = TARGETS;
  const out: string[] = [];
  out.push(`# HTTP benchmark — ${r.at}`, "");
  out.push(
    `PostgreSQL, ${r.database.projects} projects (${r.database.bench} bench "BX-"), ${r.seconds} s per target, as pm@demo.cn; project ${r.project.code} (${r.project.stage}).`,
    `Floor: ${r.floorRoute}. Write: ${r.writeRoute}.`,
    `Targets at c=${T.atConnections} for pages: p99 ≤ ${T.p99Ms} ms, throughput ≥ ${T.ratio * 100}% of the floor's; ≤ ${T.queries} SQL statements per page.`,
    "",
  );
  out.push(...summary(r), "");
  out.push("## Pages and the write under load", "");
  out.push("| target | c | p50 ms | p99 ms | req/s | ÷ page floor | ÷ /healthz | errors / non-2xx | SQL/req | check |");
  out.push("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
  for (const x of r.results) {
    const q = r.queries[x.target];
    const checks: string[] = [];
    if (x.kind === "page" && x.connections === T.atConnections) {
      checks.push(`p99 ${mark(x.p99 <= T.p99Ms)}`, `ratio ${mark((x.ratioToFloor ?? 0) >= T.ratio)}`);
    }
    if (x.kind === "page" && x.connections === r.connections[0]) checks.push(`SQL ${mark((q?.queries ?? Infinity) <= T.queries)}`);
    if (x.errors + x.non2xx > 0) checks.push("**errors**");
    out.push(
      `| ${x.target} | ${x.connections} | ${x.p50} | ${x.p99} | ${x.reqPerSec.toFixed(0)} | ${x.ratioToFloor === undefined ? "—" : x.ratioToFloor.toFixed(2)} | ${x.ratioToResourceFloor === undefined ? "—" : x.ratioToResourceFloor.toFixed(2)} | ${x.errors} / ${x.non2xx} | ${q ? q.queries : "?"} | ${checks.join(", ")} |`,
    );
  }
  out.push("", "## Memory", "");
  out.push(`Server RSS (VmRSS every 200 ms during the load): at start of load ${r.memory.startMb.toFixed(0)} MB, peak ${r.memory.peakMb.toFixed(0)} MB (kernel VmHWM ${r.memory.hwmMb.toFixed(0)} MB) — target ≤ ${T.memoryMb} MB: ${mark(r.memory.peakMb <= T.memoryMb)}`);
  out.push("", "## JavaScript per page (gzip: entry + root + route chunks and their imports)", "");
  const over = r.js.filter((p) => p.gzipKb > T.jsGzipKb);
  out.push(`${r.js.length} page routes; largest ${r.js[0]?.gzipKb.toFixed(1)} KB, smallest ${r.js.at(-1)?.gzipKb.toFixed(1)} KB; target ≤ ${T.jsGzipKb} KB: ${mark(!over.length)}${over.length ? ` (${over.length} over: ${over.map((p) => p.route).join(", ")})` : ""}`, "");
  if (r.englishMessagesGzipKb !== undefined) {
    out.push(`Pages read in Chinese (the default) load these; a reader who switches to English also loads the English messages, ${r.englishMessagesGzipKb.toFixed(1)} KB gzip (scripts/vite-i18n-split.ts).`, "");
  }
  out.push("| page route | files | raw KB | gzip KB | check |", "|---|---:|---:|---:|---|");
  for (const p of r.js) out.push(`| ${p.route} | ${p.files} | ${p.rawKb.toFixed(1)} | ${p.gzipKb.toFixed(1)} | ${mark(p.gzipKb <= T.jsGzipKb)} |`);
  out.push("", "Cross-check, JS referenced by the served HTML of the benchmarked pages:", "");
  for (const [name, h] of Object.entries(r.htmlJs)) out.push(`- ${name}: ${h.files} files, ${h.gzipKb.toFixed(1)} KB gzip`);
  out.push("", "## Time to first 200 (restart)", "");
  if (r.first200) {
    out.push(
      `\`node scripts/start.mjs\` on an existing PGlite data dir (built, demo data): first 200 on /login after ${r.first200.restartMs} ms — target ≤ ${T.first200Ms} ms: ${mark(r.first200.restartMs <= T.first200Ms)}`,
      `(first start on the fresh dir, migrating and seeding: ${r.first200.firstStartMs} ms, not a target)`,
    );
  } else out.push("skipped (BENCH_SKIP_FIRST200=1)");
  if (r.pdf) {
    out.push("", "## PDFs (pdfkit templates vs the same content printed by headless Chromium)", "");
    out.push("| document | engine | median ms | p95 ms | size KB | pages |", "|---|---|---:|---:|---:|---:|");
    for (const x of r.pdf.rows) out.push(`| ${x.document} | ${x.engine} | ${x.medianMs.toFixed(1)} | ${x.p95Ms.toFixed(1)} | ${(x.sizeBytes / 1024).toFixed(1)} | ${x.pages ?? "?"} |`);
    out.push("", `Chromium ÷ pdfkit: certificate ${r.pdf.ratios.certificate ?? "—"}×, settlement statement ${r.pdf.ratios.settlement ?? "—"}× (${r.pdf.runs} runs after ${r.pdf.warmup} warm-up).`);
  }
  return out.join("\n") + "\n";
}

/** One line per target of issue 8, with the figure that decides it. */
function summary(r: BenchReport): string[] {
  const T = TARGETS;
  const pages = r.results.filter((x) => x.kind === "page" && x.connections === T.atConnections);
  const worstP99 = pages.reduce((m, x) => (x.p99 > m.p99 ? x : m), pages[0]);
  const worstRatio = pages.reduce((m, x) => ((x.ratioToFloor ?? 0) < (m.ratioToFloor ?? 0) ? x : m), pages[0]);
  const pageQueries = Object.entries(r.queries).filter(([name]) => r.results.some((x) => x.target === name && x.kind === "page"));
  const maxQ = pageQueries.reduce((m, [, q]) => Math.max(m, q.queries), 0);
  const maxJs = r.js[0];
  const cert = r.pdf?.rows.find((x) => x.document === "certificate" && x.engine === "pdfkit");
  const rows: [string, string, boolean | null][] = [
    [`list and project pages p99 ≤ ${T.p99Ms} ms at c=${T.atConnections}`, worstP99 ? `worst: ${worstP99.target} ${worstP99.p99} ms` : "—", worstP99 ? pages.every((x) => x.p99 <= T.p99Ms) : null],
    [`each page ≥ ${T.ratio * 100}% of the floor's throughput (c=${T.atConnections}, page floor)`, worstRatio ? `worst: ${worstRatio.target} ${(worstRatio.ratioToFloor ?? 0).toFixed(2)}` : "—", worstRatio ? pages.every((x) => (x.ratioToFloor ?? 0) >= T.ratio) : null],
    [`≤ ${T.queries} SQL statements per page`, `most: ${maxQ}`, maxQ <= T.queries],
    [`server memory ≤ ${T.memoryMb} MB under load`, `peak ${r.memory.peakMb.toFixed(0)} MB`, r.memory.peakMb <= T.memoryMb],
    [`≤ ${T.jsGzipKb} KB JavaScript per page (gzip)`, maxJs ? `largest: ${maxJs.route} ${maxJs.gzipKb.toFixed(1)} KB` : "—", maxJs ? maxJs.gzipKb <= T.jsGzipKb : null],
    [`first 200 ≤ ${T.first200Ms / 1000} s after npm start on an existing PGlite dir`, r.first200 ? `${r.first200.restartMs} ms` : "skipped", r.first200 ? r.first200.restartMs <= T.first200Ms : null],
    ["completion certificate ≤ 50 ms median warm", cert ? `${cert.medianMs} ms` : "skipped", cert ? r.pdf!.target.medianOk : null],
    ["certificate ≥ 10× faster than Chromium", r.pdf?.ratios.certificate != null ? `${r.pdf.ratios.certificate}×` : "skipped", r.pdf?.target.ratioOk ?? null],
  ];
  return ["## Targets", "", "| target | measured | result |", "|---|---|---|", ...rows.map(([t, m, ok]) => `| ${t} | ${m} | ${ok === null ? "not measured" : mark(ok)} |`)];
}
