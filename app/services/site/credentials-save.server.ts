import { and, eq } from "drizzle-orm";
import type { Db } from "#db/client";
import { credentials, crewMembers } from "#db/schema";
import type { FieldErrors } from "~/lib/forms";
import type { SessionUser } from "~/lib/session.server";
import type { ReceivedFile } from "~/lib/uploads.server";
import { dropScans, entryFail, storeScan, withEntryLock, type EntryResult } from "./entry-access.server";
import { credentialSchema, ID_RE, parseWith, type CredentialInput } from "./entry-input.server";

export interface CredentialSaveInput {
  projectId: string;
  user: SessionUser;
  memberId: string;
  /** Present when editing (a renewal: new expiry, new scan); memberId is then ignored. */
  credentialId?: string;
  object: Record<string, unknown>;
  file?: ReceivedFile | null;
  uploadErrors?: FieldErrors;
}

/** Adds a credential to a member of this project, or updates one; a new scan replaces the old. */
export async function saveCredential(db: Db, input: CredentialSaveInput): Promise<EntryResult> {
  const parsed = parseWith(credentialSchema, input.object);
  const errors: FieldErrors = { ...(parsed.ok ? {} : parsed.errors) };
  if (input.uploadErrors?.file) errors.file = input.uploadErrors.file;
  if (!parsed.ok || Object.keys(errors).length) return entryFail(400, "form.fixErrors", errors);
  const data = parsed.data;
  if (input.credentialId !== undefined) return updateCredential(db, { ...input, credentialId: input.credentialId }, parsed.data);
  if (!ID_RE.test(input.memberId)) return entryFail(404, "error.notFound");
  return withEntryLock(db, input.projectId, input.user, async (tx, project) => {
    const [member] = await tx.select({ id: crewMembers.id }).from(crewMembers).where(and(eq(crewMembers.id, input.memberId), eq(crewMembers.projectId, project.id)));
    if (!member) return entryFail(404, "error.notFound");
    const fileId = input.file ? await storeScan(tx, project.id, input.file, input.user.id) : null;
    const [row] = await tx.insert(credentials).values({ crewMemberId: member.id, ...data, fileId }).returning({ id: credentials.id });
    return { ok: true, id: row.id };
  });
}

/** A renewal: new number/expiry, and a new scan replacing the old one when given. The member is the credential's own. */
async function updateCredential(db: Db, input: CredentialSaveInput & { credentialId: string }, data: CredentialInput): Promise<EntryResult> {
  if (!ID_RE.test(input.credentialId)) return entryFail(404, "error.notFound");
  return withEntryLock(db, input.projectId, input.user, async (tx, project) => {
    const [old] = await tx
      .select({ id: credentials.id, fileId: credentials.fileId })
      .from(credentials)
      .innerJoin(crewMembers, eq(crewMembers.id, credentials.crewMemberId))
      .where(and(eq(credentials.id, input.credentialId), eq(crewMembers.projectId, project.id)));
    if (!old) return entryFail(404, "error.notFound");
    const fileId = input.file ? await storeScan(tx, project.id, input.file, input.user.id) : null;
    await tx.update(credentials).set({ ...data, ...(fileId ? { fileId } : {}) }).where(eq(credentials.id, old.id));
    if (fileId) await dropScans(tx, [old.fileId]);
    return { ok: true, id: old.id };
  });
}

/** Removes one credential (of a member of this project) and its scan. */
export async function removeCredential(db: Db, input: { projectId: string; user: SessionUser; credentialId: string }): Promise<EntryResult> {
  if (!ID_RE.test(input.credentialId)) return entryFail(404, "error.notFound");
  return withEntryLock(db, input.projectId, input.user, async (tx, project) => {
    const [row] = await tx
      .select({ id: credentials.id, fileId: credentials.fileId })
      .from(credentials)
      .innerJoin(crewMembers, eq(crewMembers.id, credentials.crewMemberId))
      .where(and(eq(credentials.id, input.credentialId), eq(crewMembers.projectId, project.id)));
    if (!row) return entryFail(404, "error.notFound");
    await tx.delete(credentials).where(eq(credentials.id, row.id));
    await dropScans(tx, [row.fileId]);
    return { ok: true, id: row.id };
  });
}
