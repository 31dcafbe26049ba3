import type postgres from "postgres";
import { getDb, type Db } from "#db/client";

/**
 * Periodic jobs (send TICK events to projects, expire links, …). Time is always passed in, so a
 * test drives a tick at any date. Jobs must be idempotent: the advisory lock only stops two app
 * servers running the same job at the same moment, not one after the other.
 */
export interface SchedulerJob {
  name: string;
  run: (db: Db, now: Date) => Promise<void>;
}

// On globalThis: the server entry and the Remix build each load this module, and jobs registered
// from either must be seen by the one scheduler.
const jobs = ((globalThis as unknown as { __installTrackerJobs?: Map<string, SchedulerJob> }).__installTrackerJobs ??=
  new Map());

/** Registers (or, with the same name, replaces — dev reloads) a job. */
export function registerJob(job: SchedulerJob): void {
  jobs.set(job.name, job);
}

export function clearJobs(): void {
  jobs.clear();
}

export function listJobs(): string[] {
  return [...jobs.keys()];
}

/** The postgres.js client behind a drizzle database, if it is one (PGlite has no `reserve`). */
function postgresClient(db: Db): postgres.Sql | undefined {
  const client = (db as unknown as { $client?: unknown }).$client as { reserve?: unknown } | undefined;
  return client && typeof client.reserve === "function" ? (client as postgres.Sql) : undefined;
}

/**
 * Runs the job unless another session holds its lock. A session-level lock on a reserved
 * connection: the job itself uses the pool, so its own transactions are not tied to the lock.
 */
async function runLocked(sql: postgres.Sql, job: SchedulerJob, db: Db, now: Date): Promise<boolean> {
  const key = `install-tracker:job:${job.name}`;
  const conn = await sql.reserve();
  try {
    const [row] = await conn<{ ok: boolean }[]>`select pg_try_advisory_lock(hashtext(${key})) as ok`;
    if (!row?.ok) return false;
    try {
      await job.run(db, now);
    } finally {
      await conn`select pg_advisory_unlock(hashtext(${key}))`;
    }
    return true;
  } finally {
    conn.release();
  }
}

export interface TickResult {
  ran: string[];
  skipped: string[];
  failed: string[];
}

/** Runs every registered job once, in order, with the same `now`; one failure stops no other. */
export async function runSchedulerTick(db: Db, now: Date): Promise<TickResult> {
  const result: TickResult = { ran: [], skipped: [], failed: [] };
  // PGlite is one process with one connection: nobody else can run the job, so no lock.
  const sql = postgresClient(db);
  for (const job of [...jobs.values()]) {
    try {
      if (sql) {
        if (await runLocked(sql, job, db, now)) result.ran.push(job.name);
        else result.skipped.push(job.name);
      } else {
        await job.run(db, now);
        result.ran.push(job.name);
      }
    } catch (error) {
      result.failed.push(job.name);
      console.warn(`scheduler job ${job.name} failed:`, error);
    }
  }
  return result;
}

/** Ticks every `intervalMs` on the process database; a slow tick is never overlapped. */
export function startScheduler(options: { intervalMs: number }): () => Promise<void> {
  let running: Promise<unknown> | undefined;
  let stopped = false;
  const tick = () => {
    if (running || stopped) return;
    running = runSchedulerTick(getDb(), new Date())
      .catch((error) => console.warn("scheduler tick failed:", error))
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(tick, options.intervalMs);
  timer.unref?.();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
