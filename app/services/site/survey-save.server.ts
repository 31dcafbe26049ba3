import { eq } from "drizzle-orm";
import type { Db } from "#db/client";
import { projects, surveyObstacles, surveys } from "#db/schema";
import type { FieldErrors } from "~/lib/forms";
import { requireVisibleProject } from "~/lib/permissions.server";
import type { SessionUser } from "~/lib/session.server";
import type { ReceivedFile } from "~/lib/uploads.server";
import { removePhoto, savePhotos } from "./photos.server";
import { parseSurvey } from "./survey-input.server";

export interface SaveSurveyInput {
  projectId: string;
  user: SessionUser;
  /** Form object (formDataToObject) or API JSON body. */
  object: Record<string, unknown>;
  photos?: ReceivedFile[];
  photoCaption?: string;
  /** Upload errors by field (photos → upload.badType …): refused with the rest, nothing written. */
  uploadErrors?: FieldErrors;
}

export type SaveSurveyResult = { ok: true } | { ok: false; status: 400 | 403 | 409; errors: FieldErrors; messageKey: string };

/** Only the project's own pm records the survey (the same actor that may send COMPLETE_SURVEY). */
export function isProjectPm(user: Pick<SessionUser, "id" | "roles">, project: { pmId: string }): boolean {
  return user.roles.includes("pm") && project.pmId === user.id;
}

/**
 * Saves the survey idempotently: upsert the survey row, replace the obstacle rows, add photos —
 * in one transaction, with the project row locked and its stage checked inside it, so a survey is
 * never changed after COMPLETE_SURVEY went through and a refused save writes nothing.
 */
export async function saveSurvey(db: Db, input: SaveSurveyInput): Promise<SaveSurveyResult> {
  const project = await requireVisibleProject(db, input.user, input.projectId);
  if (!isProjectPm(input.user, project)) return { ok: false, status: 403, errors: {}, messageKey: "error.forbidden" };
  const parsed = parseSurvey(input.object);
  const errors: FieldErrors = { ...(parsed.ok ? {} : parsed.errors), ...(input.uploadErrors ?? {}) };
  if (!parsed.ok || Object.keys(errors).length) return { ok: false, status: 400, errors, messageKey: "form.fixErrors" };
  const data = parsed.data;

  return db.transaction(async (tx) => {
    const [locked] = await tx.select({ stage: projects.stage }).from(projects).where(eq(projects.id, project.id)).for("update");
    if (locked?.stage !== "survey") return { ok: false, status: 409, errors: {}, messageKey: "site.survey.notEditable" } as const;
    const row = { siteLeadName: data.siteLeadName, crewLeadName: data.crewLeadName, surveyedOn: data.surveyedOn, conditions: data.conditions, drawingsConfirmed: data.drawingsConfirmed, updatedAt: new Date() };
    await tx.insert(surveys).values({ projectId: project.id, ...row }).onConflictDoUpdate({ target: surveys.projectId, set: row });
    await tx.delete(surveyObstacles).where(eq(surveyObstacles.projectId, project.id));
    if (data.obstacles.length) await tx.insert(surveyObstacles).values(data.obstacles.map((o) => ({ projectId: project.id, ...o })));
    if (input.photos?.length) await savePhotos(tx, { projectId: project.id, subject: "survey", userId: input.user.id, photos: input.photos, captions: input.photoCaption });
    return { ok: true } as const;
  });
}

/** Adds photos to the survey alone (API: POST …/survey/photos), under the same stage rule. */
export async function addSurveyPhotos(db: Db, input: { projectId: string; user: SessionUser; photos: ReceivedFile[]; caption?: string }) {
  const project = await requireVisibleProject(db, input.user, input.projectId);
  if (!isProjectPm(input.user, project)) return { ok: false as const, status: 403 as const, messageKey: "error.forbidden" };
  if (input.photos.length === 0) return { ok: false as const, status: 400 as const, messageKey: "upload.empty" };
  return db.transaction(async (tx) => {
    const [locked] = await tx.select({ stage: projects.stage }).from(projects).where(eq(projects.id, project.id)).for("update");
    if (locked?.stage !== "survey") return { ok: false as const, status: 409 as const, messageKey: "site.survey.notEditable" };
    const photos = await savePhotos(tx, { projectId: project.id, subject: "survey", userId: input.user.id, photos: input.photos, captions: input.caption });
    return { ok: true as const, photos };
  });
}

/** Removes one survey photo while the survey may still change. */
export async function removeSurveyPhoto(db: Db, input: { projectId: string; user: SessionUser; photoId: string }) {
  const project = await requireVisibleProject(db, input.user, input.projectId);
  if (!isProjectPm(input.user, project)) return { ok: false as const, status: 403 as const, messageKey: "error.forbidden" };
  return db.transaction(async (tx) => {
    const [locked] = await tx.select({ stage: projects.stage }).from(projects).where(eq(projects.id, project.id)).for("update");
    if (locked?.stage !== "survey") return { ok: false as const, status: 409 as const, messageKey: "site.survey.notEditable" };
    const removed = await removePhoto(tx, project.id, input.photoId, "survey");
    return removed ? { ok: true as const } : { ok: false as const, status: 404 as const, messageKey: "error.notFound" };
  });
}
