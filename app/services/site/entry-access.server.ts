import { eq } from "drizzle-orm";
import type { Db } from "#db/client";
import { files, projects } from "#db/schema";
import type { FieldErrors } from "~/lib/forms";
import { requireVisibleProject } from "~/lib/permissions.server";
import type { SessionUser } from "~/lib/session.server";
import type { ReceivedFile } from "~/lib/uploads.server";
import { isProjectPm } from "./survey-save.server";

export type EntryResult = { ok: true; id: string } | { ok: false; status: 400 | 403 | 404 | 409; errors: FieldErrors; messageKey: string };

export const entryFail = (status: 400 | 403 | 404 | 409, messageKey: string, errors: FieldErrors = {}): EntryResult => ({ ok: false, status, errors, messageKey });

/**
 * Runs one change of the entry documents: the project visible (else 404), its own pm (else 403),
 * then — in one transaction with the project row locked — the stage must still be `entry`, so
 * nothing changes once the commencement application is submitted (or after a race with it).
 */
export async function withEntryLock(db: Db, projectId: string, user: SessionUser, work: (tx: Db, project: typeof projects.$inferSelect) => Promise<EntryResult>): Promise<EntryResult> {
  const project = await requireVisibleProject(db, user, projectId);
  if (!isProjectPm(user, project)) return entryFail(403, "error.forbidden");
  return db.transaction(async (tx) => {
    const [locked] = await tx.select({ stage: projects.stage }).from(projects).where(eq(projects.id, project.id)).for("update");
    if (locked?.stage !== "entry") return entryFail(409, "site.entry.notEditable");
    return work(tx, project);
  });
}

/** Stores a scan (already sniffed as PDF or image) on the project. */
export async function storeScan(tx: Db, projectId: string, file: ReceivedFile, userId: string): Promise<string> {
  const [row] = await tx
    .insert(files)
    .values({ projectId, name: file.name, mime: file.mime, size: file.size, sha256: file.sha256, bytes: file.bytes, uploadedBy: userId })
    .returning({ id: files.id });
  return row.id;
}

/** Deletes scans no row points at any more (replaced or removed), in the same transaction. */
export async function dropScans(tx: Db, ids: (string | null | undefined)[]): Promise<void> {
  for (const id of ids) if (id) await tx.delete(files).where(eq(files.id, id));
}
