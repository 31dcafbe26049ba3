// Node flags for the app server, shared by `npm start` (scripts/start.mjs) and the benchmark
// (bench/lib/server.ts), so the bench measures what production runs.
//
// V8 sizes its heap limit from the machine's RAM (about 4 GB on these 24 GiB machines) and grows
// the old generation lazily towards it: under load the server's RSS climbed past 450 MB although
// its live data stays well under 100 MB. A limit sized for a server process keeps it near 250 MB
// with the same throughput (docs/decisions/008). Buffers (PDFs, uploads, zip archives) and PGlite's
// WebAssembly memory live outside this limit. SERVER_MAX_HEAP_MB overrides it.
export function serverNodeFlags(env = process.env) {
  const heapMb = Number(env.SERVER_MAX_HEAP_MB) > 0 ? Number(env.SERVER_MAX_HEAP_MB) : 192;
  return [`--max-old-space-size=${heapMb}`, "--max-semi-space-size=4"];
}
