// Patches a crash in the postgres.js driver (3.4.9, the latest release), found by `npm run soak`:
// when PostgreSQL drops a connection (pg_terminate_backend, a failover, a restart) while a small
// write is queued behind setImmediate, `nextWrite` runs with `socket === null` and throws
// "TypeError: Cannot read properties of null (reading 'write')" from a timer callback — outside
// any await, so it kills the whole app server (upstream porsager/postgres#1066, #1154, #1208; fix
// proposed in #1168/#1176, not released). Teardown also cleared the timer without forgetting it,
// which left the pooled connection unable to flush small writes after it reconnected.
// The fix is upstream's: skip the write when the socket is gone (closed() has already rejected the
// queries that were waiting on it) and reset the write buffer and timer on teardown.
// Idempotent; run by `npm install`/`npm ci` (postinstall). Remove when postgres.js ships the fix.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "node_modules", "postgres");
const MARK = "/* install-tracker: null-socket guard */";

const edits = [
  ["  function nextWrite(fn) {\n    const x = socket.write(chunk, fn)", `  function nextWrite(fn) {\n    ${MARK}\n    if (!socket) {\n      chunk = nextWriteTimer = null\n      return false\n    }\n    const x = socket.write(chunk, fn)`],
  ["    clearImmediate(nextWriteTimer)\n    if (socket) {", "    clearImmediate(nextWriteTimer)\n    chunk = nextWriteTimer = null\n    if (socket) {"],
  ["    incomings = null\n    clearImmediate(nextWriteTimer)\n    socket.removeListener", "    incomings = null\n    clearImmediate(nextWriteTimer)\n    chunk = nextWriteTimer = null\n    socket.removeListener"],
];

let patched = 0;
for (const dir of ["src", "cjs/src", "cf/src"]) {
  const file = path.join(root, dir, "connection.js");
  if (!fs.existsSync(file)) continue;
  let text = fs.readFileSync(file, "utf8");
  if (text.includes(MARK)) continue;
  for (const [from, to] of edits) {
    if (!text.includes(from)) {
      console.warn(`patch-postgres: ${path.relative(process.cwd(), file)} does not look like postgres.js 3.4.x; left unpatched`);
      text = "";
      break;
    }
    text = text.replace(from, to);
  }
  if (!text) continue;
  fs.writeFileSync(file, text);
  patched++;
}
if (patched) console.log(`patch-postgres: guarded ${patched} copies of postgres.js against writes on a closed socket`);
