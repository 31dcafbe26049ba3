import { and, eq } from "drizzle-orm";
import type { Db } from "#db/client";
import { files } from "#db/schema";
import { resolveReviewTask } from "./review-tasks.server";
import { loadTaskView } from "./task-view.server";

/** A file attached to the content of the task this token opens, of the task's project; else null. */
export async function taskFile(db: Db, token: string | undefined, fileId: string, now = new Date()) {
  if (!/^[0-9a-f-]{36}$/i.test(fileId)) return null;
  const resolved = await resolveReviewTask(db, token, now);
  if (!resolved.ok) return null;
  const view = await loadTaskView(db, resolved.task, resolved.project);
  if (!view || !view.fileIds.includes(fileId)) return null;
  const [file] = await db.select().from(files).where(and(eq(files.id, fileId), eq(files.projectId, resolved.project.id)));
  return file ?? null;
}
