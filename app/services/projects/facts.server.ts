import { and, count, desc, eq, inArray, isNotNull, isNull, ne, sql, sum } from "drizzle-orm";
import { rowsOf, type Db } from "#db/client";
import {
  acceptancePlans, archiveDocuments, bidRecommendations, certificates, completionChecks, credentials, crewMembers,
  files, materialInspections, payments, projects, rectifications, selfInspections, settlements, signatures, surveyObstacles, surveys,
} from "#db/schema";
import type { EventType, Party, ValidQuote } from "#machines/types";
import { shanghaiDate } from "~/lib/calendar";
import { ARCHIVE_CHECKLIST } from "./archive-checklist";
import { latestSettlement } from "~/services/settlement/settlement-events.server";

type ProjectRow = typeof projects.$inferSelect;

/**
 * The facts a guard decides on, read inside the event's transaction (after the project row is
 * locked), so what the machine sees is what is committed — never what a browser claims.
 * Facts describe the database before this event's own record is written.
 */
export async function loadFacts(tx: Db, project: ProjectRow, type: EventType, payload: Record<string, unknown>, at: Date): Promise<Record<string, unknown>> {
  switch (type) {
    case "SUBMIT_FOR_DECISION":
    case "AWARD":
      return loadQuoteFacts(tx, project.id, shanghaiDate(at.toISOString()));
    case "RECORD_CONTRACT": {
      const fileId = typeof payload.fileId === "string" ? payload.fileId : "";
      const [file] = /^[0-9a-f-]{36}$/i.test(fileId)
        ? await tx.select({ id: files.id }).from(files).where(and(eq(files.id, fileId), eq(files.projectId, project.id))).limit(1)
        : [];
      return { fileBelongsToProject: Boolean(file) };
    }
    case "COMPLETE_SURVEY":
      return loadSurveyFacts(tx, project.id);
    case "SUBMIT_COMMENCEMENT":
      return loadEntryFacts(tx, project);
    case "REQUEST_ACCEPTANCE":
    case "REVISE_ACCEPTANCE":
      return loadAcceptancePreconditions(tx, project.id);
    case "SIGN":
      return loadSignFacts(tx, project);
    case "SUBMIT_SETTLEMENT": {
      const draft = await latestSettlement(tx, project.id, ["draft", "returned"]);
      return { settlement: draft ? { totalFen: draft.totalFen } : null };
    }
    case "APPROVE_SETTLEMENT": {
      const submitted = await latestSettlement(tx, project.id, ["submitted"]);
      return { retentionFen: submitted?.retentionFen ?? 0, retentionDueOn: submitted?.retentionDueOn ?? null };
    }
    case "RECORD_PAYMENT":
      return { outstandingFen: await outstandingFen(tx, project.id) };
    case "ARCHIVE":
      return { missingDocuments: await missingArchiveDocuments(tx, project.id) };
    default:
      return {};
  }
}

/** Latest revision per company; valid = not withdrawn, validity date not passed, total > 0. */
export async function loadQuoteFacts(tx: Db, projectId: string, today: string) {
  const validQuotes = await loadValidQuotes(tx, projectId, today);
  const [rec] = await tx
    .select({ vendorId: bidRecommendations.vendorId, reason: bidRecommendations.reason })
    .from(bidRecommendations)
    .where(eq(bidRecommendations.projectId, projectId));
  return { validQuotes, recommendation: rec ?? null };
}

/** The quotes that count (the guard's rule above); the comparison page shares it. */
export async function loadValidQuotes(tx: Db, projectId: string, today: string): Promise<ValidQuote[]> {
  const result = await tx.execute(sql`
    select distinct on (q.vendor_id) q.vendor_id as "vendorId", c.name as "vendorName", q.total_fen as "totalFen",
           q.withdrawn_at as "withdrawnAt", q.valid_until as "validUntil"
    from quotes q join companies c on c.id = q.vendor_id
    where q.project_id = ${projectId}
    order by q.vendor_id, q.revision desc`);
  const latest = rowsOf<{ vendorId: string; vendorName: string; totalFen: string | number; withdrawnAt: unknown; validUntil: string | Date }>(result);
  return latest
    .filter((q) => q.withdrawnAt === null && dateString(q.validUntil) >= today && Number(q.totalFen) > 0)
    .map((q) => ({ vendorId: q.vendorId, vendorName: q.vendorName, totalFen: Number(q.totalFen) }));
}

function dateString(value: string | Date): string {
  return value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10);
}

async function loadSurveyFacts(tx: Db, projectId: string) {
  const [survey] = await tx.select().from(surveys).where(eq(surveys.projectId, projectId));
  if (!survey) return { survey: null };
  const obstacles = await tx.select({ description: surveyObstacles.description, plan: surveyObstacles.plan }).from(surveyObstacles).where(eq(surveyObstacles.projectId, projectId));
  return { survey: { siteLeadName: survey.siteLeadName, conditions: survey.conditions, obstacles } };
}

async function loadEntryFacts(tx: Db, project: ProjectRow) {
  const certs = await tx.select({ name: certificates.name, expiresOn: certificates.expiresOn }).from(certificates).where(eq(certificates.projectId, project.id));
  const rows = await tx
    .select({ memberId: crewMembers.id, name: crewMembers.name, type: credentials.type, number: credentials.number, expiresOn: credentials.expiresOn })
    .from(crewMembers)
    .leftJoin(credentials, eq(credentials.crewMemberId, crewMembers.id))
    .where(eq(crewMembers.projectId, project.id))
    .orderBy(crewMembers.name);
  const crew = new Map<string, { name: string; credentials: { type: string; number: string; expiresOn: string | null }[] }>();
  for (const r of rows) {
    const member = crew.get(r.memberId) ?? { name: r.name, credentials: [] };
    if (r.type !== null) member.credentials.push({ type: r.type, number: r.number ?? "", expiresOn: r.expiresOn });
    crew.set(r.memberId, member);
  }
  return { plannedStartOn: project.plannedStartOn, certificates: certs, crew: [...crew.values()] };
}

export async function loadAcceptancePreconditions(tx: Db, projectId: string) {
  // One statement for all four preconditions: the project and acceptance pages show them on every
  // view, and five round trips were half of those pages' queries (issue 8: ≤ 10 per page).
  const [row] = rowsOf<{ completion: boolean; recorded: boolean; passed: boolean | null; openRectifications: number; pending: number; rejected: number; archived: string[] | null }>(
    await tx.execute(sql`
      select
        exists (select 1 from ${completionChecks} where ${completionChecks.projectId} = ${projectId}) as "completion",
        exists (select 1 from ${selfInspections} where ${selfInspections.projectId} = ${projectId}) as "recorded",
        (select ${selfInspections.passed} from ${selfInspections} where ${selfInspections.projectId} = ${projectId} limit 1) as "passed",
        (select count(*)::int from ${rectifications} where ${rectifications.projectId} = ${projectId} and ${rectifications.status} <> 'closed') as "openRectifications",
        (select count(*)::int from ${materialInspections} where ${materialInspections.projectId} = ${projectId} and ${materialInspections.rejectionResolvedAt} is null and ${materialInspections.status} = 'pending') as "pending",
        (select count(*)::int from ${materialInspections} where ${materialInspections.projectId} = ${projectId} and ${materialInspections.rejectionResolvedAt} is null and ${materialInspections.status} = 'rejected') as "rejected",
        (select array_agg(distinct ${archiveDocuments.kind}) from ${archiveDocuments} where ${archiveDocuments.projectId} = ${projectId} and ${archiveDocuments.fileId} is not null) as "archived"`),
  );
  const have = new Set(row?.archived ?? []);
  return {
    designItemsComplete: Boolean(row?.completion),
    selfInspection: { recorded: Boolean(row?.recorded), passed: row?.passed ?? false },
    openRectifications: Number(row?.openRectifications ?? 0),
    archiveMissing: ARCHIVE_CHECKLIST.filter((c) => !have.has(c.kind)).map((c) => c.kind),
    pendingMaterialInspections: Number(row?.pending ?? 0),
    unresolvedRejectedMaterialInspections: Number(row?.rejected ?? 0),
  };
}

/** Checklist kinds (see archive-checklist.ts) with no file supplied yet. */
export async function missingArchiveDocuments(tx: Db, projectId: string): Promise<string[]> {
  const present = await tx
    .selectDistinct({ kind: archiveDocuments.kind })
    .from(archiveDocuments)
    .where(and(eq(archiveDocuments.projectId, projectId), isNotNull(archiveDocuments.fileId)));
  const have = new Set(present.map((p) => p.kind));
  return ARCHIVE_CHECKLIST.filter((c) => !have.has(c.kind)).map((c) => c.kind);
}

/** Supervisor and client always sign the completion certificate; the design unit when there is one. */
export function requiredAcceptanceParties(project: Pick<ProjectRow, "designCompanyId">): Party[] {
  return project.designCompanyId ? ["supervisor", "client", "designer"] : ["supervisor", "client"];
}

async function loadSignFacts(tx: Db, project: ProjectRow) {
  const [plan] = await tx.select({ agreedDate: acceptancePlans.agreedDate, round: acceptancePlans.round }).from(acceptancePlans).where(eq(acceptancePlans.projectId, project.id));
  // Only approvals of the current round count: a rejection ends its round, a revision voids it.
  const signed = plan
    ? await tx
        .selectDistinct({ party: signatures.party })
        .from(signatures)
        .where(and(
          eq(signatures.projectId, project.id), eq(signatures.documentKind, "completion"), eq(signatures.documentVersion, plan.round),
          eq(signatures.decision, "approved"), isNull(signatures.voidedAt),
        ))
    : [];
  const required = requiredAcceptanceParties(project);
  return {
    agreedDate: plan?.agreedDate ?? null,
    signedParties: signed.map((s) => s.party).filter((p): p is Party => (required as string[]).includes(p)),
    requiredParties: required,
  };
}

/** What the client still owes on the approved settlement, not counting the retention held back. */
async function outstandingFen(tx: Db, projectId: string): Promise<number> {
  const approved = await latestSettlement(tx, projectId, ["approved"]);
  if (!approved) return 0;
  const [paid] = await tx
    .select({ total: sum(payments.amountFen) })
    .from(payments)
    .where(and(eq(payments.projectId, projectId), inArray(payments.kind, ["progress"])));
  return approved.totalFen - approved.retentionFen - approved.paidBeforeFen - Number(paid?.total ?? 0);
}
