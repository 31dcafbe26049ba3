// The pm's view of a project's review tasks: list with status, revoke a link, resend it (a new
// token; the old link dies at once, so a forwarded or leaked link stops working).
import { and, desc, eq } from "drizzle-orm";
import type { Db } from "#db/client";
import { auditEvents, projects, reviewTasks } from "#db/schema";
import { notFound } from "~/lib/http.server";
import { canEditProject, requireVisibleProject, seesAllProjects } from "~/lib/permissions.server";
import { kickOutbox } from "~/lib/mail/worker.server";
import type { SessionUser } from "~/lib/session.server";
import { createReviewTask } from "./review-tasks.server";
import { taskEmail } from "./party-tasks.server";
import { taskStatus, type ReviewTaskStatus } from "./task-types";

export interface ReviewTaskView {
  id: string;
  kind: string;
  subjectId: string | null;
  party: string;
  recipientName: string;
  recipientEmail: string;
  organisation: string;
  status: ReviewTaskStatus;
  decision: string | null;
  comment: string;
  expiresAt: string;
  openedAt: string | null;
  decidedAt: string | null;
  createdAt: string;
}

/** Throws 404 when the user may not see the project. */
export async function listReviewTasks(db: Db, user: SessionUser, projectId: string, now = new Date()): Promise<ReviewTaskView[]> {
  const project = await requireVisibleProject(db, user, projectId);
  // Recipients' addresses are for our staff: the pm and all-project roles, not external members.
  if (!canEditProject(user, project) && !seesAllProjects(user)) notFound();
  const rows = await db.select().from(reviewTasks).where(eq(reviewTasks.projectId, project.id)).orderBy(desc(reviewTasks.createdAt));
  return rows.map((t) => ({
    id: t.id, kind: t.kind, subjectId: t.subjectId, party: t.party, recipientName: t.recipientName, recipientEmail: t.recipientEmail,
    organisation: t.organisation, status: taskStatus(t, now), decision: t.decision, comment: t.comment,
    expiresAt: t.expiresAt.toISOString(), openedAt: t.openedAt?.toISOString() ?? null, decidedAt: t.decidedAt?.toISOString() ?? null, createdAt: t.createdAt.toISOString(),
  }));
}

export type ManageResult = { ok: true; taskId: string; link?: string } | { ok: false; formError: "error.notFound" | "error.forbidden" | "review.manage.decided" | "review.manage.revoked" };

async function lockTask(tx: Db, user: SessionUser, taskId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(taskId)) return { error: "error.notFound" as const };
  const [row] = await tx.select({ task: reviewTasks, project: projects }).from(reviewTasks).innerJoin(projects, eq(projects.id, reviewTasks.projectId)).where(eq(reviewTasks.id, taskId)).for("update");
  if (!row) return { error: "error.notFound" as const };
  if (!canEditProject(user, row.project)) return { error: "error.notFound" as const };
  return row;
}

async function audit(tx: Db, user: SessionUser, project: typeof projects.$inferSelect, event: string, taskId: string) {
  await tx.insert(auditEvents).values({ projectId: project.id, actorUserId: user.id, actorLabel: user.name, role: "pm", event, fromStage: project.stage, toStage: project.stage, projectVersion: project.version, payload: { taskId } });
}

/** `projectId` (when given) must be the task's project: a task id from another project is "not found". */
export async function revokeReviewTask(db: Db, user: SessionUser, taskId: string, { projectId, now = new Date() }: { projectId?: string; now?: Date } = {}): Promise<ManageResult> {
  return db.transaction(async (tx) => {
    const row = await lockTask(tx, user, taskId);
    if ("error" in row || (projectId && row.project.id !== projectId)) return { ok: false, formError: "error.notFound" } as const;
    if (row.task.decidedAt) return { ok: false, formError: "review.manage.decided" } as const;
    if (row.task.revokedAt) return { ok: false, formError: "review.manage.revoked" } as const;
    await tx.update(reviewTasks).set({ revokedAt: now }).where(eq(reviewTasks.id, taskId));
    await audit(tx, user, row.project, "REVIEW_TASK_REVOKED", taskId);
    return { ok: true, taskId } as const;
  });
}

/** Revokes the task (if still open) and sends the same request again with a new link. */
export async function resendReviewTask(db: Db, user: SessionUser, taskId: string, { projectId, now = new Date() }: { projectId?: string; now?: Date } = {}): Promise<ManageResult> {
  const result = await db.transaction(async (tx): Promise<ManageResult> => {
    const row = await lockTask(tx, user, taskId);
    if ("error" in row || (projectId && row.project.id !== projectId)) return { ok: false, formError: "error.notFound" };
    const { task, project } = row;
    if (task.decidedAt) return { ok: false, formError: "review.manage.decided" };
    if (!task.revokedAt) await tx.update(reviewTasks).set({ revokedAt: now }).where(and(eq(reviewTasks.id, taskId)));
    const created = await createReviewTask(tx, {
      projectId: project.id, kind: task.kind, subjectId: task.subjectId, party: task.party, recipientName: task.recipientName,
      recipientEmail: task.recipientEmail, organisation: task.organisation, createdBy: user.id,
      expiresInDays: Math.max(14, Math.ceil((task.expiresAt.getTime() - task.createdAt.getTime()) / 86_400_000)),
      email: taskEmail(task.kind, project, { name: task.recipientName, organisation: task.organisation }), now,
    });
    await audit(tx, user, project, "REVIEW_TASK_RESENT", taskId);
    return { ok: true, taskId: created.taskId, link: created.link };
  });
  if (result.ok) kickOutbox();
  return result;
}
