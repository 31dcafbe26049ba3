import { and, eq } from "drizzle-orm";
import type { Db } from "#db/client";
import { credentials, crewMembers } from "#db/schema";
import type { FieldErrors } from "~/lib/forms";
import type { SessionUser } from "~/lib/session.server";
import type { ReceivedFile } from "~/lib/uploads.server";
import { dropScans, entryFail, storeScan, withEntryLock, type EntryResult } from "./entry-access.server";
import { credentialSchema, hasAny, ID_RE, memberSchema, memberUpdateSchema, parseWith } from "./entry-input.server";
import { isValidIdNumber } from "./mask";

export interface CrewInput {
  projectId: string;
  user: SessionUser;
  /** name, position, idNumber and optionally credential.{type,number,expiresOn}. */
  object: Record<string, unknown>;
  /** The first credential's scan (field `credentialFile`). */
  file?: ReceivedFile | null;
  uploadErrors?: FieldErrors;
}

/** Adds a crew member, with a first credential when one is given — both or neither are written. */
export async function addCrewMember(db: Db, input: CrewInput): Promise<EntryResult> {
  const member = parseWith(memberSchema, input.object);
  const credValue = input.object.credential;
  const withCredential = hasAny(credValue) || !!input.file;
  const cred = withCredential ? parseWith(credentialSchema, credValue, "credential.") : null;
  const errors: FieldErrors = { ...(member.ok ? {} : member.errors), ...(cred && !cred.ok ? cred.errors : {}) };
  if (input.uploadErrors?.credentialFile) errors.credentialFile = input.uploadErrors.credentialFile;
  if (!member.ok || (cred && !cred.ok) || Object.keys(errors).length) return entryFail(400, "form.fixErrors", errors);
  return withEntryLock(db, input.projectId, input.user, async (tx, project) => {
    const [row] = await tx.insert(crewMembers).values({ projectId: project.id, ...member.data }).returning({ id: crewMembers.id });
    if (cred?.ok) {
      const fileId = input.file ? await storeScan(tx, project.id, input.file, input.user.id) : null;
      await tx.insert(credentials).values({ crewMemberId: row.id, ...cred.data, fileId });
    }
    return { ok: true, id: row.id };
  });
}

/** Changes name, position and — only when a new one is typed — the ID number. */
export async function updateCrewMember(db: Db, input: CrewInput & { memberId: string }): Promise<EntryResult> {
  const parsed = parseWith(memberUpdateSchema, input.object);
  if (!parsed.ok) return entryFail(400, "form.fixErrors", parsed.errors);
  const idNumber = parsed.data.idNumber.toUpperCase();
  if (idNumber && !/^\d{17}[\dX]$/.test(idNumber)) return entryFail(400, "form.fixErrors", { idNumber: "site.entry.idNumberFormat" });
  if (idNumber && !isValidIdNumber(idNumber)) return entryFail(400, "form.fixErrors", { idNumber: "site.entry.idNumberCheck" });
  if (!ID_RE.test(input.memberId)) return entryFail(404, "error.notFound");
  return withEntryLock(db, input.projectId, input.user, async (tx, project) => {
    const set = { name: parsed.data.name, position: parsed.data.position, ...(idNumber ? { idNumber } : {}) };
    const [row] = await tx.update(crewMembers).set(set).where(and(eq(crewMembers.id, input.memberId), eq(crewMembers.projectId, project.id))).returning({ id: crewMembers.id });
    return row ? { ok: true, id: row.id } : entryFail(404, "error.notFound");
  });
}

/** Removes a member with their credentials and the credentials' scans. */
export async function removeCrewMember(db: Db, input: { projectId: string; user: SessionUser; memberId: string }): Promise<EntryResult> {
  if (!ID_RE.test(input.memberId)) return entryFail(404, "error.notFound");
  return withEntryLock(db, input.projectId, input.user, async (tx, project) => {
    const [member] = await tx.select({ id: crewMembers.id }).from(crewMembers).where(and(eq(crewMembers.id, input.memberId), eq(crewMembers.projectId, project.id)));
    if (!member) return entryFail(404, "error.notFound");
    const creds = await tx.delete(credentials).where(eq(credentials.crewMemberId, member.id)).returning({ fileId: credentials.fileId });
    await tx.delete(crewMembers).where(eq(crewMembers.id, member.id));
    await dropScans(tx, creds.map((c) => c.fileId));
    return { ok: true, id: member.id };
  });
}
