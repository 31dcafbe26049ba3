// Use cases on an existing B.0.6 request: the pm marks a rejected one resolved (the materials were
// removed from site or replaced) with a note; the pm resends or revokes the supervisor's review link.
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "#db/client";
import { materialInspections, reviewTasks } from "#db/schema";
import { kickOutbox } from "~/lib/mail/worker.server";
import type { RequestInfo } from "~/lib/request-info.server";
import type { SessionUser } from "~/lib/session.server";
import { createMaterialReviewTask } from "~/services/review/party-tasks.server";
import { auditQuality, failure, lockConstructionProject, QualityRefusal, refusalAsFailure, requireQualityProject, type QualityFailure } from "./material-access.server";

type Input = { projectId: string; user: SessionUser; inspectionId: string; info?: RequestInfo };

/**
 * Compare-and-set on (rejected, unresolved): a rejection is resolved once. Resolving is what stops a
 * rejected request from blocking REQUEST_ACCEPTANCE (facts.server.ts loadAcceptancePreconditions).
 */
export async function resolveMaterialRejection(db: Db, input: Input & { note: string }): Promise<{ ok: true } | QualityFailure> {
  const { project, canEdit } = await requireQualityProject(db, input.user, input.projectId);
  const note = input.note.trim();
  if (!canEdit) return failure(403, "error.forbidden");
  if (!note) return failure(400, "form.fixErrors", { note: "form.required" }, { note: input.note });
  if (note.length > 1000) return failure(400, "form.fixErrors", { note: "form.tooLong" }, { note: input.note });
  if (!/^[0-9a-f-]{36}$/i.test(input.inspectionId)) return failure(404, "error.notFound");
  return refusalAsFailure(
    () =>
      db.transaction(async (tx) => {
        const locked = await lockConstructionProject(tx, project.id);
        const updated = await tx
          .update(materialInspections)
          .set({ rejectionResolvedAt: new Date() })
          .where(
            and(
              eq(materialInspections.id, input.inspectionId),
              eq(materialInspections.projectId, project.id),
              eq(materialInspections.status, "rejected"),
              isNull(materialInspections.rejectionResolvedAt),
            ),
          )
          .returning({ id: materialInspections.id, title: materialInspections.title });
        if (updated.length === 0) {
          // Another project's request (or none at all) is a 404, as everywhere else: a 409 would
          // answer an id from another project as if it were a record of this one.
          const [own] = await tx.select({ id: materialInspections.id }).from(materialInspections).where(and(eq(materialInspections.id, input.inspectionId), eq(materialInspections.projectId, project.id)));
          throw own ? new QualityRefusal("materials.notResolvable", 409) : new QualityRefusal("error.notFound", 404);
        }
        await auditQuality(tx, locked, input.user, "MATERIAL_REJECTION_RESOLVED", { inspectionId: input.inspectionId, title: updated[0]!.title, note }, input.info);
        return { ok: true as const };
      }),
    { note: input.note },
  );
}

/** Revokes the open links of a request; with resend, e-mails a fresh one (only while it awaits a decision). */
export async function changeMaterialReviewLink(db: Db, input: Input & { resend: boolean }): Promise<{ ok: true; linkSent: boolean } | QualityFailure> {
  const { project, canEdit } = await requireQualityProject(db, input.user, input.projectId);
  if (!canEdit) return failure(403, "error.forbidden");
  if (!/^[0-9a-f-]{36}$/i.test(input.inspectionId)) return failure(404, "error.notFound");
  const result = await refusalAsFailure(() =>
    db.transaction(async (tx) => {
      const locked = await lockConstructionProject(tx, project.id);
      const [inspection] = await tx
        .select({ status: materialInspections.status })
        .from(materialInspections)
        .where(and(eq(materialInspections.id, input.inspectionId), eq(materialInspections.projectId, project.id)));
      if (!inspection) throw new QualityRefusal("error.notFound", 404);
      if (inspection.status !== "pending") throw new QualityRefusal("materials.alreadyDecided", 409);
      await tx
        .update(reviewTasks)
        .set({ revokedAt: new Date() })
        .where(and(eq(reviewTasks.projectId, project.id), eq(reviewTasks.kind, "materialInspection"), eq(reviewTasks.subjectId, input.inspectionId), isNull(reviewTasks.revokedAt), isNull(reviewTasks.decidedAt)));
      const task = input.resend ? await createMaterialReviewTask(tx, { projectId: project.id, inspectionId: input.inspectionId, createdBy: input.user.id }) : null;
      if (input.resend && !task) throw new QualityRefusal("materials.noSupervisorContact", 422);
      await auditQuality(tx, locked, input.user, input.resend ? "MATERIAL_LINK_RESENT" : "MATERIAL_LINK_REVOKED", { inspectionId: input.inspectionId }, input.info);
      return { ok: true as const, linkSent: Boolean(task) };
    }),
  );
  if (result.ok) kickOutbox();
  return result;
}
