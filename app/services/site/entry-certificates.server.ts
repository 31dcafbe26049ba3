import { and, eq } from "drizzle-orm";
import type { Db } from "#db/client";
import { certificates } from "#db/schema";
import type { FieldErrors } from "~/lib/forms";
import type { SessionUser } from "~/lib/session.server";
import type { ReceivedFile } from "~/lib/uploads.server";
import { dropScans, entryFail, storeScan, withEntryLock, type EntryResult } from "./entry-access.server";
import { certificateSchema, ID_RE, parseWith } from "./entry-input.server";

export interface CertificateSaveInput {
  projectId: string;
  user: SessionUser;
  certificateId?: string;
  /** name, kind (equipment|material), number, expiresOn (optional). */
  object: Record<string, unknown>;
  file?: ReceivedFile | null;
  uploadErrors?: FieldErrors;
}

/** Adds or updates an equipment / auxiliary-material certificate (设备辅料合格证); a new scan replaces the old. */
export async function saveCertificate(db: Db, input: CertificateSaveInput): Promise<EntryResult> {
  const parsed = parseWith(certificateSchema, { kind: "equipment", ...input.object });
  const errors: FieldErrors = { ...(parsed.ok ? {} : parsed.errors) };
  if (input.uploadErrors?.file) errors.file = input.uploadErrors.file;
  if (!parsed.ok || Object.keys(errors).length) return entryFail(400, "form.fixErrors", errors);
  if (input.certificateId !== undefined && !ID_RE.test(input.certificateId)) return entryFail(404, "error.notFound");
  return withEntryLock(db, input.projectId, input.user, async (tx, project) => {
    const fileId = input.file ? await storeScan(tx, project.id, input.file, input.user.id) : undefined;
    if (!input.certificateId) {
      const [row] = await tx.insert(certificates).values({ projectId: project.id, ...parsed.data, fileId: fileId ?? null }).returning({ id: certificates.id });
      return { ok: true, id: row.id };
    }
    const [old] = await tx.select({ fileId: certificates.fileId }).from(certificates).where(and(eq(certificates.id, input.certificateId), eq(certificates.projectId, project.id)));
    if (!old) return entryFail(404, "error.notFound");
    await tx.update(certificates).set({ ...parsed.data, ...(fileId ? { fileId } : {}) }).where(eq(certificates.id, input.certificateId));
    if (fileId) await dropScans(tx, [old.fileId]);
    return { ok: true, id: input.certificateId };
  });
}

export async function removeCertificate(db: Db, input: { projectId: string; user: SessionUser; certificateId: string }): Promise<EntryResult> {
  if (!ID_RE.test(input.certificateId)) return entryFail(404, "error.notFound");
  return withEntryLock(db, input.projectId, input.user, async (tx, project) => {
    const [row] = await tx.delete(certificates).where(and(eq(certificates.id, input.certificateId), eq(certificates.projectId, project.id))).returning({ id: certificates.id, fileId: certificates.fileId });
    if (!row) return entryFail(404, "error.notFound");
    await dropScans(tx, [row.fileId]);
    return { ok: true, id: row.id };
  });
}
