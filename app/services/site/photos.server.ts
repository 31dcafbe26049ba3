import { and, asc, eq, isNull } from "drizzle-orm";
import type { Db } from "#db/client";
import { files, projectPhotos } from "#db/schema";
import type { ReceivedFile } from "~/lib/uploads.server";

export type PhotoSubject = "survey" | "progress" | "rectification" | "material";

export interface PhotoView {
  id: string;
  fileId: string;
  caption: string;
}

export interface SavePhotosInput {
  projectId: string;
  subject: PhotoSubject;
  /** The record the photos belong to (progress entry, rectification…); null for the survey. */
  subjectId?: string | null;
  userId: string | null;
  /** Already sniffed as images by readMultipartForm(request, {photos: ['image']}). */
  photos: ReceivedFile[];
  /** One caption for the batch, or one per photo (same order); trimmed, 200 characters at most. */
  captions?: string | string[];
}

/**
 * Stores photos (bytes in `files`, a row in `project_photos` each). Takes the caller's transaction
 * so photos are written together with the record they illustrate, or not at all.
 */
export async function savePhotos(tx: Db, input: SavePhotosInput): Promise<PhotoView[]> {
  const out: PhotoView[] = [];
  for (const [i, photo] of input.photos.entries()) {
    const rawCaption = Array.isArray(input.captions) ? input.captions[i] : input.captions;
    const caption = (rawCaption ?? "").trim().slice(0, 200);
    const [file] = await tx
      .insert(files)
      .values({ projectId: input.projectId, name: photo.name, mime: photo.mime, size: photo.size, sha256: photo.sha256, bytes: photo.bytes, uploadedBy: input.userId })
      .returning({ id: files.id });
    const [row] = await tx
      .insert(projectPhotos)
      .values({ projectId: input.projectId, subject: input.subject, subjectId: input.subjectId ?? null, fileId: file.id, caption, createdBy: input.userId })
      .returning({ id: projectPhotos.id });
    out.push({ id: row.id, fileId: file.id, caption });
  }
  return out;
}

/** A project's photos of one subject (and record), oldest first. */
export async function listPhotos(db: Db, projectId: string, subject: PhotoSubject, subjectId: string | null = null): Promise<PhotoView[]> {
  return db
    .select({ id: projectPhotos.id, fileId: projectPhotos.fileId, caption: projectPhotos.caption })
    .from(projectPhotos)
    .where(and(eq(projectPhotos.projectId, projectId), eq(projectPhotos.subject, subject), subjectId ? eq(projectPhotos.subjectId, subjectId) : isNull(projectPhotos.subjectId)))
    .orderBy(asc(projectPhotos.createdAt), asc(projectPhotos.id));
}

/** Removes one photo of the project (and its bytes); false when it is not this project's. */
export async function removePhoto(tx: Db, projectId: string, photoId: string, subject?: PhotoSubject): Promise<boolean> {
  if (!/^[0-9a-f-]{36}$/i.test(photoId)) return false;
  const [row] = await tx.delete(projectPhotos).where(and(eq(projectPhotos.id, photoId), eq(projectPhotos.projectId, projectId), subject ? eq(projectPhotos.subject, subject) : undefined)).returning({ fileId: projectPhotos.fileId });
  if (!row) return false;
  await tx.delete(files).where(eq(files.id, row.fileId));
  return true;
}
