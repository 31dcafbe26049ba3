import { and, eq } from "drizzle-orm";
import type { Db } from "#db/client";
import { projects } from "#db/schema";
import { decide } from "#machines/runtime";
import type { ProjectMachineEvent } from "#machines/types";
import { registerJob } from "~/lib/scheduler/scheduler.server";
import { applyEvent } from "./apply-event.server";

const SYSTEM = { userId: null, role: "system", party: null, label: "系统定时任务" } as const;

/**
 * Sends TICK (with the scheduler's `now`) to every project in handover whose clock has something
 * due: warranty expiring/expired, retention due. The pure machine is asked first so projects with
 * nothing due cost no transaction and leave no audit row.
 */
export async function tickProjects(db: Db, now: Date): Promise<{ checked: number; changed: number }> {
  const candidates = await db.select({ id: projects.id, snapshot: projects.snapshot }).from(projects).where(and(eq(projects.stage, "handover")));
  let changed = 0;
  for (const candidate of candidates) {
    const tick = { type: "TICK", at: now.toISOString(), actor: SYSTEM, payload: {}, facts: {} } as ProjectMachineEvent;
    if (!decide(candidate.snapshot, tick).ok) continue;
    const result = await applyEvent(db, { projectId: candidate.id, type: "TICK", payload: {}, actor: { ...SYSTEM }, info: { ip: "", userAgent: "scheduler" }, at: now });
    if (result.ok) changed++;
  }
  return { checked: candidates.length, changed };
}

let registered = false;
export function registerProjectJobs(): void {
  if (registered) return;
  registered = true;
  registerJob({ name: "project-clock", run: async (db, now) => void (await tickProjects(db, now)) });
}
