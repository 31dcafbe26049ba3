// When the commencement review could not be mailed (the party had no address), the pm adds a
// contact and asks again: a task for the party the project is waiting for, if none is open.
import { and, eq, gt, isNull } from "drizzle-orm";
import type { Db } from "#db/client";
import { projects, reviewTasks } from "#db/schema";
import { kickOutbox } from "~/lib/mail/worker.server";
import { canEditProject } from "~/lib/permissions.server";
import type { SessionUser } from "~/lib/session.server";
import { createPartyTask } from "./party-tasks.server";

export type SendMissingResult = { ok: true; taskId: string } | { ok: false; formError: "error.notFound" | "review.send.notAwaiting" | "review.send.alreadyOpen" | "review.send.noAddress" };

export async function sendMissingCommencementTask(db: Db, user: SessionUser, projectId: string, now = new Date()): Promise<SendMissingResult> {
  if (!/^[0-9a-f-]{36}$/i.test(projectId)) return { ok: false, formError: "error.notFound" };
  const result = await db.transaction(async (tx): Promise<SendMissingResult> => {
    const [project] = await tx.select().from(projects).where(eq(projects.id, projectId)).for("update");
    if (!project || !canEditProject(user, project)) return { ok: false, formError: "error.notFound" };
    const value = (project.snapshot as { value?: unknown } | null)?.value as Record<string, string> | string | undefined;
    const waiting = typeof value === "object" && value ? value.entryReview : undefined;
    const party = waiting === "awaitingSupervisor" ? "supervisor" : waiting === "awaitingClient" ? "client" : null;
    if (!party) return { ok: false, formError: "review.send.notAwaiting" };
    const [open] = await tx
      .select({ id: reviewTasks.id })
      .from(reviewTasks)
      .where(and(eq(reviewTasks.projectId, project.id), eq(reviewTasks.kind, "commencement"), eq(reviewTasks.party, party), isNull(reviewTasks.decidedAt), isNull(reviewTasks.revokedAt), gt(reviewTasks.expiresAt, now)))
      .limit(1);
    if (open) return { ok: false, formError: "review.send.alreadyOpen" };
    const task = await createPartyTask(tx, { projectId: project.id, kind: "commencement", party, createdBy: user.id });
    return task ? { ok: true, taskId: task.taskId } : { ok: false, formError: "review.send.noAddress" };
  });
  if (result.ok) kickOutbox();
  return result;
}
