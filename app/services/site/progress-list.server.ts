// The progress log as pages and the API show it: entries newest first with their photos, and the
// planned-vs-actual chart data computed from the construction start and the planned finish.
import { asc, desc, eq } from "drizzle-orm";
import type { Db } from "#db/client";
import { progressEntries, users } from "#db/schema";
import type { ConstructionAccess } from "./progress-access.server";
import { progressPhotosByEntry, type ProgressPhoto } from "./progress-photos.server";
import { buildProgressChart, type ProgressChart } from "./progress-plan";

export interface ProgressEntryView {
  id: string;
  entryDate: string;
  percentComplete: number;
  notes: string;
  createdBy: string | null;
  createdAt: string;
  photos: ProgressPhoto[];
}

export async function loadProgress(db: Db, access: ConstructionAccess, today: string): Promise<{ entries: ProgressEntryView[]; chart: ProgressChart }> {
  const projectId = access.project.id;
  const rows = await db
    .select({
      id: progressEntries.id,
      entryDate: progressEntries.entryDate,
      percentComplete: progressEntries.percentComplete,
      notes: progressEntries.notes,
      createdBy: users.name,
      createdAt: progressEntries.createdAt,
    })
    .from(progressEntries)
    .leftJoin(users, eq(users.id, progressEntries.createdBy))
    .where(eq(progressEntries.projectId, projectId))
    .orderBy(desc(progressEntries.entryDate), desc(progressEntries.createdAt), asc(progressEntries.id));
  const photos = await progressPhotosByEntry(db, projectId, rows.map((r) => r.id));
  const entries = rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), photos: photos.get(r.id) ?? [] }));
  // Oldest first for the chart, so the last entry of a day is the one that counts.
  const chart = buildProgressChart({ start: access.startOn, finish: access.finishOn, today, entries: [...entries].reverse() });
  return { entries, chart };
}
