import { env } from "./env.server";
import { startOutboxWorker } from "./mail/worker.server";
import { startScheduler } from "./scheduler/scheduler.server";
import { registerProjectJobs } from "~/services/projects/scheduler-jobs.server";

/** The outbox worker and the scheduler tick, started once per server process. */
export function startBackgroundWork(): () => void {
  const { OUTBOX_INTERVAL_MS, SCHEDULER_INTERVAL_MS, OUTBOX_BACKOFF_BASE_MS, OUTBOX_BACKOFF_MAX_MS } = env();
  registerProjectJobs();
  const stops: (() => void)[] = [];
  if (OUTBOX_INTERVAL_MS > 0) stops.push(startOutboxWorker({ intervalMs: OUTBOX_INTERVAL_MS, backoff: { baseMs: OUTBOX_BACKOFF_BASE_MS, maxMs: OUTBOX_BACKOFF_MAX_MS } }));
  if (SCHEDULER_INTERVAL_MS > 0) stops.push(startScheduler({ intervalMs: SCHEDULER_INTERVAL_MS }));
  return () => stops.forEach((stop) => stop());
}
