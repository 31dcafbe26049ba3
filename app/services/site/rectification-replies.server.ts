// Use case: the pm (or the installer's foreman) answers an A.0.3 notice with a B.0.9 reply
// (监理通知回复单) and evidence photos; in the same transaction the supervisor gets a verification link.
// There is deliberately no "close" here: only the supervisor's accepted verification closes a notice.
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "#db/client";
import { files, projectPhotos, rectificationReplies, rectifications, reviewTasks } from "#db/schema";
import { kickOutbox } from "~/lib/mail/worker.server";
import type { RequestInfo } from "~/lib/request-info.server";
import type { SessionUser } from "~/lib/session.server";
import type { ReceivedFile } from "~/lib/uploads.server";
import { createVerificationTask } from "~/services/review/party-tasks.server";
import { auditQuality, failure, lockConstructionProject, QualityRefusal, refusalAsFailure, requireQualityProject, type QualityFailure } from "./material-access.server";

export const MAX_EVIDENCE_PHOTOS = 10;

export async function replyToRectification(
  db: Db,
  input: { projectId: string; user: SessionUser; rectificationId: string; content: string; photos: ReceivedFile[]; photoError?: string; info?: RequestInfo },
): Promise<{ ok: true; replyId: string; linkSent: boolean } | QualityFailure> {
  const { project, canReply } = await requireQualityProject(db, input.user, input.projectId);
  const values = { content: input.content };
  if (!canReply) return failure(403, "error.forbidden", {}, values);
  if (!/^[0-9a-f-]{36}$/i.test(input.rectificationId)) return failure(404, "error.notFound");
  const content = input.content.trim();
  const errors: Record<string, string> = {};
  if (!content) errors.content = "form.required";
  else if (content.length > 5000) errors.content = "form.tooLong";
  if (input.photoError) errors.photos = input.photoError;
  else if (input.photos.length > MAX_EVIDENCE_PHOTOS) errors.photos = "rectifications.tooManyPhotos";
  if (Object.keys(errors).length) return failure(400, "form.fixErrors", errors, values);

  const result = await refusalAsFailure(
    () =>
      db.transaction(async (tx) => {
        const locked = await lockConstructionProject(tx, project.id);
        // Compare-and-set open → replied: a notice awaiting verification, or closed, takes no reply.
        const [notice] = await tx
          .update(rectifications)
          .set({ status: "replied" })
          .where(and(eq(rectifications.id, input.rectificationId), eq(rectifications.projectId, project.id), eq(rectifications.status, "open")))
          .returning({ id: rectifications.id, number: rectifications.number });
        if (!notice) {
          const [exists] = await tx.select({ id: rectifications.id }).from(rectifications).where(and(eq(rectifications.id, input.rectificationId), eq(rectifications.projectId, project.id)));
          throw new QualityRefusal(exists ? "rectifications.notOpen" : "error.notFound", exists ? 409 : 404);
        }
        const [reply] = await tx.insert(rectificationReplies).values({ rectificationId: notice.id, content, createdBy: input.user.id }).returning({ id: rectificationReplies.id });
        for (const photo of input.photos) {
          const [stored] = await tx
            .insert(files)
            .values({ projectId: project.id, name: photo.name, mime: photo.mime, size: photo.size, sha256: photo.sha256, bytes: photo.bytes, uploadedBy: input.user.id })
            .returning({ id: files.id });
          await tx.insert(projectPhotos).values({ projectId: project.id, subject: "rectification", subjectId: reply!.id, fileId: stored!.id, createdBy: input.user.id });
        }
        const task = await createVerificationTask(tx, { projectId: project.id, replyId: reply!.id, createdBy: input.user.id });
        await auditQuality(tx, locked, input.user, "RECTIFICATION_REPLIED", { rectificationId: notice.id, number: notice.number, replyId: reply!.id, linkSent: Boolean(task) }, input.info);
        return { ok: true as const, replyId: reply!.id, linkSent: Boolean(task) };
      }),
    values,
  );
  if (result.ok) kickOutbox();
  return result;
}

/** Re-sends the supervisor's verification link of the reply awaiting verification (old links revoked). */
export async function resendVerificationLink(db: Db, input: { projectId: string; user: SessionUser; rectificationId: string; info?: RequestInfo }): Promise<{ ok: true } | QualityFailure> {
  const { project, canReply } = await requireQualityProject(db, input.user, input.projectId);
  if (!canReply) return failure(403, "error.forbidden");
  if (!/^[0-9a-f-]{36}$/i.test(input.rectificationId)) return failure(404, "error.notFound");
  const result = await refusalAsFailure(() =>
    db.transaction(async (tx) => {
      const locked = await lockConstructionProject(tx, project.id);
      const [reply] = await tx
        .select({ id: rectificationReplies.id })
        .from(rectificationReplies)
        .innerJoin(rectifications, eq(rectifications.id, rectificationReplies.rectificationId))
        .where(and(eq(rectifications.id, input.rectificationId), eq(rectifications.projectId, project.id), eq(rectifications.status, "replied"), isNull(rectificationReplies.verdict)));
      if (!reply) throw new QualityRefusal("rectifications.notAwaitingVerification", 409);
      await tx
        .update(reviewTasks)
        .set({ revokedAt: new Date() })
        .where(and(eq(reviewTasks.projectId, project.id), eq(reviewTasks.kind, "rectificationVerification"), eq(reviewTasks.subjectId, reply.id), isNull(reviewTasks.revokedAt), isNull(reviewTasks.decidedAt)));
      const task = await createVerificationTask(tx, { projectId: project.id, replyId: reply.id, createdBy: input.user.id });
      if (!task) throw new QualityRefusal("materials.noSupervisorContact", 422);
      await auditQuality(tx, locked, input.user, "RECTIFICATION_LINK_RESENT", { rectificationId: input.rectificationId, replyId: reply.id }, input.info);
      return { ok: true as const };
    }),
  );
  if (result.ok) kickOutbox();
  return result;
}
