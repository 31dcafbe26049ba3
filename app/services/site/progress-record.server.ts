// 进度日志: the pm records how far construction has come on a date. Every refusal is a message
// beside its field with everything typed kept; the entry, its photos and the audit line are
// written in one transaction.
import { and, desc, eq, lte } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "#db/client";
import { auditEvents, progressEntries } from "#db/schema";
import { compareDates, isValidDate } from "~/lib/calendar";
import { formDataToObject, parseForm, zDate, zOptionalText, type FieldErrors } from "~/lib/forms";
import type { RequestInfo } from "~/lib/request-info.server";
import type { SessionUser } from "~/lib/session.server";
import type { ReceivedFile } from "~/lib/uploads.server";
import type { ConstructionAccess } from "./progress-access.server";
import { savePhotos } from "./photos.server";
import { MAX_PROGRESS_PHOTOS } from "./progress-photos.server";

const schema = z.object({
  entryDate: zDate(),
  percentComplete: z
    .string({ required_error: "form.required" })
    .trim()
    .min(1, "form.required")
    .regex(/^\d{1,3}$/, "construction.progress.percentRange")
    .transform(Number)
    .refine((n) => n <= 100, "construction.progress.percentRange"),
  notes: zOptionalText(2000),
});

export type RecordProgressResult =
  | { ok: true; id: string; warnings: string[] }
  | { ok: false; status: number; message?: string; errors: FieldErrors; values: Record<string, string> };

export async function recordProgress(
  db: Db,
  input: { access: ConstructionAccess; user: SessionUser; form: FormData; photos: ReceivedFile[]; photoError?: string; today: string; info: RequestInfo },
): Promise<RecordProgressResult> {
  const { access, user, today } = input;
  const parsed = parseForm(schema, input.form);
  const values = formDataToObject(input.form).values;
  if (access.writeRefusal) return { ok: false, status: access.writeRefusal === "error.forbidden" ? 403 : 409, message: access.writeRefusal, errors: {}, values };
  const errors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };
  // Date bounds are checked even when another field is wrong, so every message shows at once.
  const entryDate = String(input.form.get("entryDate") ?? "").trim();
  if (!errors.entryDate && isValidDate(entryDate)) {
    if (compareDates(entryDate, today) > 0) errors.entryDate = "construction.progress.dateFuture";
    else if (access.startOn && compareDates(entryDate, access.startOn) < 0) errors.entryDate = "construction.progress.dateBeforeStart";
  }
  if (input.photoError) errors.photos = input.photoError;
  else if (input.photos.length > MAX_PROGRESS_PHOTOS) errors.photos = "construction.progress.tooManyPhotos";
  if (!parsed.ok || Object.keys(errors).length) return { ok: false, status: 400, errors, values };

  const { percentComplete, notes } = parsed.data;
  const projectId = access.project.id;
  return db.transaction(async (tx) => {
    // The entry this one follows in time: a lower figure is allowed (work redone, a wrong earlier
    // estimate) but flagged unless the notes say why.
    const [previous] = await tx
      .select({ percentComplete: progressEntries.percentComplete })
      .from(progressEntries)
      .where(and(eq(progressEntries.projectId, projectId), lte(progressEntries.entryDate, entryDate)))
      .orderBy(desc(progressEntries.entryDate), desc(progressEntries.createdAt))
      .limit(1);
    const warnings = previous && percentComplete < previous.percentComplete && !notes ? ["construction.progress.belowPrevious"] : [];
    const [entry] = await tx.insert(progressEntries).values({ projectId, entryDate, percentComplete, notes, createdBy: user.id }).returning({ id: progressEntries.id });
    await savePhotos(tx, { projectId, subject: "progress", subjectId: entry.id, userId: user.id, photos: input.photos, captions: String(input.form.get("photosCaption") ?? "") });
    await tx.insert(auditEvents).values({
      projectId,
      actorUserId: user.id,
      actorLabel: user.name,
      role: "pm",
      ip: input.info.ip,
      userAgent: input.info.userAgent,
      event: "PROGRESS_LOGGED",
      fromStage: access.project.stage,
      toStage: access.project.stage,
      projectVersion: access.project.version,
      payload: { entryId: entry.id, entryDate, percentComplete, photos: input.photos.length, previous: previous?.percentComplete ?? null },
    });
    return { ok: true as const, id: entry.id, warnings };
  });
}
