// Child process of the faults test (quality 11): opens the same database as the parent (a
// PostgreSQL URL or a PGlite data directory on disk), runs the pm's REQUEST_ACCEPTANCE through
// applyEvent and says on stdout where it is, so the parent can SIGKILL it at that point:
//   mode "inside": inside the transaction, after the snapshot, audit, acceptance plan and outbox
//                  writes, before the commit (it then waits forever);
//   mode "after":  right after the commit (it then waits forever).
import { openDatabase, setDatabase } from "#db/client";
import { applyEvent } from "~/services/projects/apply-event.server";

const [target, projectId, pmId, acceptanceDate, mode] = process.argv.slice(2);
const database = await openDatabase(target.startsWith("postgres") ? { url: target, poolSize: 2 } : { dataDir: target });
setDatabase(database);
const hang = () => new Promise(() => setInterval(() => {}, 1_000));

const result = await applyEvent(database.db, {
  projectId,
  type: "REQUEST_ACCEPTANCE",
  payload: { acceptanceDate, startTime: "09:30", place: "项目部会议室" },
  actor: { userId: pmId, role: "pm", label: "王项目" },
  info: { ip: "127.0.0.1", userAgent: "kill-child" },
  record: async () => {
    if (mode !== "inside") return;
    process.stdout.write("INSIDE\n");
    await hang();
  },
});
process.stdout.write(`${result.ok ? "COMMITTED" : `REFUSED ${JSON.stringify(result)}`}\n`);
await hang();
