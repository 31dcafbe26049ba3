// Photos of progress entries (project_photos subject 'progress', subjectId = the entry). Storing
// goes through the shared photos service; listing is batched here so the log reads all entries'
// photos in one query instead of one per entry.
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "#db/client";
import { projectPhotos } from "#db/schema";

/** At most this many photos per entry (a phone's burst is not a site record). */
export const MAX_PROGRESS_PHOTOS = 12;

export interface ProgressPhoto {
  id: string;
  fileId: string;
  caption: string;
}

/** Photos by entry id, oldest first. */
export async function progressPhotosByEntry(db: Db, projectId: string, entryIds: string[]): Promise<Map<string, ProgressPhoto[]>> {
  const out = new Map<string, ProgressPhoto[]>();
  if (!entryIds.length) return out;
  const rows = await db
    .select({ id: projectPhotos.id, subjectId: projectPhotos.subjectId, fileId: projectPhotos.fileId, caption: projectPhotos.caption })
    .from(projectPhotos)
    .where(and(eq(projectPhotos.projectId, projectId), eq(projectPhotos.subject, "progress"), inArray(projectPhotos.subjectId, entryIds)))
    .orderBy(asc(projectPhotos.createdAt), asc(projectPhotos.id));
  for (const { subjectId, ...photo } of rows) {
    if (!subjectId) continue;
    const list = out.get(subjectId) ?? [];
    list.push(photo);
    out.set(subjectId, list);
  }
  return out;
}
