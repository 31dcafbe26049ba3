// Use cases for A.0.3 监理通知单 on the pm's side: record a paper notice, and ask for the standing link
// that lets the supervisor issue notices online (the supervisor's own side is rectification-link).
import { z } from "zod";
import type { Db } from "#db/client";
import { rectifications } from "#db/schema";
import { parseForm, zDate, zOptionalText, zText } from "~/lib/forms";
import { kickOutbox } from "~/lib/mail/worker.server";
import type { RequestInfo } from "~/lib/request-info.server";
import type { SessionUser } from "~/lib/session.server";
import { createRectificationIssueTask } from "~/services/review/party-tasks.server";
import { auditQuality, failure, lockConstructionProject, QualityRefusal, refusalAsFailure, requireQualityProject, typedValues, type QualityFailure } from "./material-access.server";
import { nextRectificationNumber } from "./rectification-link.server";

const paperNotice = z.object({
  number: zOptionalText(60),
  subject: zText(200),
  content: zText(5000),
  deadlineOn: zDate(),
  issuedBy: zText(200),
});

/** A notice the supervisor handed over on paper, typed in by the pm (issuedVia 'paper'). */
export async function recordPaperNotice(
  db: Db,
  input: { projectId: string; user: SessionUser; form: FormData; info?: RequestInfo },
): Promise<{ ok: true; id: string; number: string } | QualityFailure> {
  const { project, canEdit } = await requireQualityProject(db, input.user, input.projectId);
  const values = typedValues(input.form);
  if (!canEdit) return failure(403, "error.forbidden", {}, values);
  const parsed = parseForm(paperNotice, input.form);
  if (!parsed.ok) return failure(400, "form.fixErrors", parsed.errors, values);
  return refusalAsFailure(
    () =>
      db.transaction(async (tx) => {
        const locked = await lockConstructionProject(tx, project.id);
        const number = parsed.data.number || (await nextRectificationNumber(tx, project.id));
        const [row] = await tx
          .insert(rectifications)
          .values({ projectId: project.id, number, subject: parsed.data.subject, content: parsed.data.content, deadlineOn: parsed.data.deadlineOn, issuedVia: "paper", issuedBy: parsed.data.issuedBy, status: "open" })
          .returning({ id: rectifications.id });
        await auditQuality(tx, locked, input.user, "RECTIFICATION_RECORDED", { rectificationId: row!.id, number, subject: parsed.data.subject }, input.info);
        return { ok: true as const, id: row!.id, number };
      }),
    values,
  );
}

/** E-mails the supervisor a standing link to issue notices on this project (createRectificationIssueTask). */
export async function requestRectificationIssueLink(
  db: Db,
  input: { projectId: string; user: SessionUser; info?: RequestInfo },
): Promise<{ ok: true } | QualityFailure> {
  const { project, canEdit } = await requireQualityProject(db, input.user, input.projectId);
  if (!canEdit) return failure(403, "error.forbidden");
  const result = await refusalAsFailure(() =>
    db.transaction(async (tx) => {
      const locked = await lockConstructionProject(tx, project.id);
      const task = await createRectificationIssueTask(tx, { projectId: project.id, createdBy: input.user.id });
      if (!task) throw new QualityRefusal("materials.noSupervisorContact", 422);
      await auditQuality(tx, locked, input.user, "RECTIFICATION_ISSUE_LINK_SENT", { taskId: task.taskId }, input.info);
      return { ok: true as const };
    }),
  );
  if (result.ok) kickOutbox();
  return result;
}
