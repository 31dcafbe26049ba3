// The content of the 工程开工报审表 (B.0.2) as one JSON object: what the reviewer sees, what the
// signature's SHA-256 covers (attachments by their file hash), and what the PDF prints.
import { and, asc, count, eq } from "drizzle-orm";
import type { Db } from "#db/client";
import { auditEvents, certificates, companies, credentials, crewMembers, files, projectPhotos, projects, signatures, surveyObstacles, surveys, users } from "#db/schema";
import { ownCompanyName } from "~/services/bidding/issue-comparison-pdf.server";
import { maskCredentialNumber, maskIdNumber } from "~/services/review/canonical";

export interface AttachmentRef {
  fileId: string | null;
  fileSha256: string | null;
}
export interface CommencementContent {
  form: "B.0.2";
  title: "工程开工报审表";
  round: number;
  project: { code: string; name: string; siteAddress: string };
  addressedTo: { client: string; supervision: string };
  applicant: { company: string; pmName: string };
  plannedStartOn: string | null;
  statement: string;
  certificates: ({ name: string; kind: string; number: string; expiresOn: string | null } & AttachmentRef)[];
  crew: { name: string; position: string; idNumber: string; credentials: ({ type: string; number: string; expiresOn: string | null } & AttachmentRef)[] }[];
  survey: { surveyedOn: string | null; siteLeadName: string; crewLeadName: string; conditions: string; drawingsConfirmed: boolean; obstacles: { description: string; plan: string }[]; photos: AttachmentRef[] } | null;
}

export interface CommencementOpinion {
  party: string;
  decision: string;
  opinion: string;
  signerName: string;
  signerRole: string;
  organisation: string;
  signedAt: string;
  signatureFileId: string | null;
  typedSignature: string;
  sealFileId: string | null;
  contentSha256: string;
}

async function companyName(db: Db, id: string | null): Promise<string> {
  if (!id) return "";
  const [c] = await db.select({ name: companies.name }).from(companies).where(eq(companies.id, id));
  return c?.name ?? "";
}

/** The review round: each SUBMIT_COMMENCEMENT starts one; signatures carry it as documentVersion. */
export async function commencementRound(db: Db, projectId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(auditEvents).where(and(eq(auditEvents.projectId, projectId), eq(auditEvents.event, "SUBMIT_COMMENCEMENT")));
  return Math.max(1, row?.n ?? 0);
}

export async function loadCommencementContent(db: Db, projectId: string): Promise<CommencementContent | null> {
  const [project] = await db.select().from(projects).where(eq(projects.id, projectId));
  if (!project) return null;
  const [pm] = await db.select({ name: users.name }).from(users).where(eq(users.id, project.pmId));
  const certs = await db
    .select({ name: certificates.name, kind: certificates.kind, number: certificates.number, expiresOn: certificates.expiresOn, fileId: certificates.fileId, fileSha256: files.sha256 })
    .from(certificates).leftJoin(files, eq(files.id, certificates.fileId))
    .where(eq(certificates.projectId, projectId)).orderBy(asc(certificates.name), asc(certificates.id));
  const members = await db.select().from(crewMembers).where(eq(crewMembers.projectId, projectId)).orderBy(asc(crewMembers.name), asc(crewMembers.id));
  const creds = members.length
    ? await db
        .select({ memberId: credentials.crewMemberId, type: credentials.type, number: credentials.number, expiresOn: credentials.expiresOn, fileId: credentials.fileId, fileSha256: files.sha256 })
        .from(credentials).innerJoin(crewMembers, eq(crewMembers.id, credentials.crewMemberId)).leftJoin(files, eq(files.id, credentials.fileId))
        .where(eq(crewMembers.projectId, projectId)).orderBy(asc(credentials.type), asc(credentials.id))
    : [];
  const [survey] = await db.select().from(surveys).where(eq(surveys.projectId, projectId));
  const obstacles = await db.select({ description: surveyObstacles.description, plan: surveyObstacles.plan }).from(surveyObstacles).where(eq(surveyObstacles.projectId, projectId)).orderBy(asc(surveyObstacles.id));
  const photos = await db
    .select({ fileId: projectPhotos.fileId, fileSha256: files.sha256 })
    .from(projectPhotos).innerJoin(files, eq(files.id, projectPhotos.fileId))
    .where(and(eq(projectPhotos.projectId, projectId), eq(projectPhotos.subject, "survey"))).orderBy(asc(projectPhotos.createdAt), asc(projectPhotos.id));
  const start = project.plannedStartOn ?? "____年__月__日";
  return {
    form: "B.0.2",
    title: "工程开工报审表",
    round: await commencementRound(db, projectId),
    project: { code: project.code, name: project.name, siteAddress: project.siteAddress },
    addressedTo: { client: await companyName(db, project.clientId), supervision: await companyName(db, project.supervisionCompanyId) },
    applicant: { company: await ownCompanyName(db), pmName: pm?.name ?? "" },
    plannedStartOn: project.plannedStartOn,
    statement: `我方承担的 ${project.name} 工程，已完成相关准备工作，具备开工条件，申请于 ${start} 开工，请予以审批。`,
    certificates: certs.map((c) => ({ ...c, fileSha256: c.fileSha256 ?? null })),
    crew: members.map((m) => ({
      name: m.name,
      position: m.position,
      idNumber: m.idNumber ? maskIdNumber(m.idNumber) : "",
      credentials: creds.filter((c) => c.memberId === m.id).map((c) => ({ type: c.type, number: maskCredentialNumber(c.type, c.number), expiresOn: c.expiresOn, fileId: c.fileId, fileSha256: c.fileSha256 ?? null })),
    })),
    survey: survey
      ? { surveyedOn: survey.surveyedOn, siteLeadName: survey.siteLeadName, crewLeadName: survey.crewLeadName, conditions: survey.conditions, drawingsConfirmed: survey.drawingsConfirmed, obstacles, photos }
      : null,
  };
}

/** Every file the content links to: the only files its task's download route serves. */
export function commencementFileIds(content: CommencementContent): string[] {
  const ids = [
    ...content.certificates.map((c) => c.fileId),
    ...content.crew.flatMap((m) => m.credentials.map((c) => c.fileId)),
    ...(content.survey?.photos.map((p) => p.fileId) ?? []),
  ];
  return ids.filter((id): id is string => Boolean(id));
}

/** Signatures of the current round, supervisor first. */
export async function loadCommencementOpinions(db: Db, projectId: string, round: number): Promise<CommencementOpinion[]> {
  const rows = await db
    .select()
    .from(signatures)
    .where(and(eq(signatures.projectId, projectId), eq(signatures.documentKind, "commencement"), eq(signatures.documentVersion, round)))
    .orderBy(asc(signatures.signedAt));
  return rows
    .filter((s) => !s.voidedAt)
    .map((s) => ({
      party: s.party, decision: s.decision, opinion: s.opinion, signerName: s.signerName, signerRole: s.signerRole, organisation: s.organisation,
      signedAt: s.signedAt.toISOString(), signatureFileId: s.signatureFileId, typedSignature: s.typedSignature, sealFileId: s.sealFileId, contentSha256: s.contentSha256,
    }));
}
