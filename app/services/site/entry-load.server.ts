import { and, asc, eq } from "drizzle-orm";
import type { Db } from "#db/client";
import { certificates, credentials, crewMembers, files, reviewTasks, type projects } from "#db/schema";
import type { ProjectContext } from "#machines/types";
import { compareDates, isValidDate } from "~/lib/calendar";
import { maskIdNumber } from "./mask";

type ProjectRow = typeof projects.$inferSelect;

export interface ScanView { fileId: string; fileName: string }
export interface CredentialView { id: string; type: string; number: string; expiresOn: string | null; expired: boolean; scan: ScanView | null }
export interface CrewMemberView { id: string; name: string; position: string; idNumberMasked: string; credentials: CredentialView[] }
export interface CertificateView { id: string; name: string; kind: "equipment" | "material"; number: string; expiresOn: string | null; expired: boolean; scan: ScanView | null }
export interface ExpiredItem { kind: "credential" | "certificate"; id: string; label: string; expiresOn: string }
export interface ReviewTaskView { id: string; party: string; recipientName: string; organisation: string; decision: string | null; decidedAt: string | null; comment: string; expiresAt: string; revoked: boolean }

export interface EntryView {
  plannedStartOn: string | null;
  crew: CrewMemberView[];
  certificates: CertificateView[];
  /** Everything whose expiry date is before the planned start (empty when no start is set). */
  expired: ExpiredItem[];
  /** entryReview sub-state ('awaitingSupervisor' | 'awaitingClient') while under review. */
  reviewState: string | null;
  reviewTasks: ReviewTaskView[];
  lastRejection: { by: string; comment: string; at: string } | null;
}

/**
 * The rule SUBMIT_COMMENCEMENT applies (machines/checks.ts): expired when the expiry date is
 * before the planned start; expiring on the start date itself is still valid; an unreadable date
 * counts as expired; no expiry date never expires.
 */
export function expiredByStart(expiresOn: string | null, plannedStartOn: string | null): boolean {
  if (!plannedStartOn || !isValidDate(plannedStartOn) || expiresOn === null) return false;
  return !isValidDate(expiresOn) || compareDates(expiresOn, plannedStartOn) < 0;
}

/** Crew (ID numbers masked — the full number never leaves the server), certificates, what has expired, the review. */
export async function loadEntry(db: Db, project: ProjectRow): Promise<EntryView> {
  const start = project.plannedStartOn && isValidDate(project.plannedStartOn) ? project.plannedStartOn : null;
  const scan = (fileId: string | null, fileName: string | null) => (fileId ? { fileId, fileName: fileName ?? "" } : null);
  const members = await db.select().from(crewMembers).where(eq(crewMembers.projectId, project.id)).orderBy(asc(crewMembers.name), asc(crewMembers.id));
  const creds = await db
    .select({ id: credentials.id, memberId: credentials.crewMemberId, type: credentials.type, number: credentials.number, expiresOn: credentials.expiresOn, fileId: credentials.fileId, fileName: files.name })
    .from(credentials)
    .innerJoin(crewMembers, eq(crewMembers.id, credentials.crewMemberId))
    .leftJoin(files, eq(files.id, credentials.fileId))
    .where(eq(crewMembers.projectId, project.id))
    .orderBy(asc(credentials.type), asc(credentials.id));
  const certs = await db
    .select({ id: certificates.id, name: certificates.name, kind: certificates.kind, number: certificates.number, expiresOn: certificates.expiresOn, fileId: certificates.fileId, fileName: files.name })
    .from(certificates)
    .leftJoin(files, eq(files.id, certificates.fileId))
    .where(eq(certificates.projectId, project.id))
    .orderBy(asc(certificates.kind), asc(certificates.name), asc(certificates.id));

  const crew: CrewMemberView[] = members.map((m) => ({
    id: m.id,
    name: m.name,
    position: m.position,
    idNumberMasked: maskIdNumber(m.idNumber),
    credentials: creds
      .filter((c) => c.memberId === m.id)
      .map((c) => ({ id: c.id, type: c.type, number: c.number, expiresOn: c.expiresOn, expired: expiredByStart(c.expiresOn, start), scan: scan(c.fileId, c.fileName) })),
  }));
  const certificateViews: CertificateView[] = certs.map((c) => ({ id: c.id, name: c.name, kind: c.kind, number: c.number, expiresOn: c.expiresOn, expired: expiredByStart(c.expiresOn, start), scan: scan(c.fileId, c.fileName) }));
  const expired: ExpiredItem[] = [
    ...certificateViews.filter((c) => c.expired).map((c) => ({ kind: "certificate" as const, id: c.id, label: c.name, expiresOn: c.expiresOn ?? "" })),
    ...crew.flatMap((m) => m.credentials.filter((c) => c.expired).map((c) => ({ kind: "credential" as const, id: c.id, label: `${m.name} ${c.type}`, expiresOn: c.expiresOn ?? "" }))),
  ];

  const snapshot = project.snapshot as { value?: unknown; context?: Partial<ProjectContext> } | null;
  const value = snapshot?.value;
  const reviewState = value && typeof value === "object" && "entryReview" in value ? String((value as Record<string, unknown>).entryReview) : null;
  const tasks = await db
    .select()
    .from(reviewTasks)
    .where(and(eq(reviewTasks.projectId, project.id), eq(reviewTasks.kind, "commencement")))
    .orderBy(asc(reviewTasks.createdAt));
  return {
    plannedStartOn: start,
    crew,
    certificates: certificateViews,
    expired,
    reviewState,
    reviewTasks: tasks.map((t) => ({
      id: t.id,
      party: t.party,
      recipientName: t.recipientName,
      organisation: t.organisation,
      decision: t.decision,
      decidedAt: t.decidedAt?.toISOString() ?? null,
      comment: t.comment,
      expiresAt: t.expiresAt.toISOString(),
      revoked: t.revokedAt !== null,
    })),
    lastRejection: snapshot?.context?.lastRejection ?? null,
  };
}
