// Loads the completion acceptance content of a project from what is stored: every signer of a
// round signs the SHA-256 of exactly this object (see content-types.ts), so a change to any part
// of it — an equipment line, an airflow figure, a document's file — is a different content.
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "#db/client";
import {
  acceptancePlans, archiveDocuments, companies, completionChecks, files, installedUnits, projects, rectifications, reviewTasks,
  selfInspections, signatures, users, vendorContracts,
} from "#db/schema";
import type { ProjectContext } from "#machines/types";
import { shanghaiDate } from "~/lib/calendar";
import { ownCompanyName } from "~/services/bidding/issue-comparison-pdf.server";
import { ARCHIVE_CHECKLIST } from "~/services/projects/archive-checklist";
import { evaluateCommissioning } from "./commissioning";
import { ACCEPTANCE_PARTY_ORDER, type AcceptanceContent, type AcceptanceSigner } from "./content-types";

async function names(db: Db, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = ids.filter((id): id is string => Boolean(id));
  if (!wanted.length) return new Map();
  const rows = await db.select({ id: companies.id, name: companies.name }).from(companies).where(inArray(companies.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The current round's content, or null when the project does not exist. */
export async function loadAcceptanceContent(db: Db, projectId: string): Promise<AcceptanceContent | null> {
  const [project] = await db.select().from(projects).where(eq(projects.id, projectId));
  if (!project) return null;
  const context = (project.snapshot as { context?: ProjectContext } | null)?.context;
  const [pm] = await db.select({ name: users.name }).from(users).where(eq(users.id, project.pmId));
  const [contract] = await db.select().from(vendorContracts).where(eq(vendorContracts.projectId, projectId));
  const companyNames = await names(db, [contract?.vendorId ?? context?.awardedVendorId ?? null, project.supervisionCompanyId, project.clientId, project.designCompanyId]);
  const name = (id: string | null | undefined) => (id ? companyNames.get(id) ?? "" : "");
  const [check] = await db.select().from(completionChecks).where(eq(completionChecks.projectId, projectId));
  const [plan] = await db.select().from(acceptancePlans).where(eq(acceptancePlans.projectId, projectId));
  const [inspection] = await db.select().from(selfInspections).where(eq(selfInspections.projectId, projectId));
  const units = await db.select().from(installedUnits).where(eq(installedUnits.projectId, projectId)).orderBy(asc(installedUnits.createdAt), asc(installedUnits.id));
  const docs = await db
    .select({ kind: archiveDocuments.kind, fileId: archiveDocuments.fileId, fileName: files.name, fileSha256: files.sha256, createdAt: archiveDocuments.createdAt })
    .from(archiveDocuments)
    .innerJoin(files, eq(files.id, archiveDocuments.fileId))
    .where(eq(archiveDocuments.projectId, projectId))
    .orderBy(asc(archiveDocuments.createdAt), asc(archiveDocuments.id));
  const defects = await db.select().from(rectifications).where(eq(rectifications.projectId, projectId)).orderBy(asc(rectifications.createdAt), asc(rectifications.id));

  const evaluated = inspection
    ? evaluateCommissioning({ items: inspection.items, trialRunPassed: inspection.trialRunPassed, systemDesignM3h: inspection.systemDesignM3h, systemMeasuredM3h: inspection.systemMeasuredM3h, outlets: inspection.outlets })
    : null;
  return {
    form: "B.0.10",
    title: "竣工验收单",
    round: plan?.round ?? 0,
    project: { code: project.code, name: project.name, siteAddress: project.siteAddress },
    contract: contract ? { number: contract.contractNo, amountFen: contract.amountFen, signedOn: contract.signedOn } : null,
    parties: {
      contractor: await ownCompanyName(db),
      installer: name(contract?.vendorId ?? context?.awardedVendorId),
      supervision: name(project.supervisionCompanyId),
      client: name(project.clientId),
      design: name(project.designCompanyId),
    },
    pmName: pm?.name ?? "",
    statement: `我方已按施工合同要求完成 ${project.name} 工程，经自检合格，现将有关资料报上，请予以验收。`,
    startedOn: context?.startedOn ?? null,
    completedOn: check?.completedOn ?? null,
    acceptance: { date: plan?.agreedDate ?? "", startTime: plan?.startTime ?? "", place: plan?.place ?? "" },
    equipment: units.map((u) => ({ name: u.name, model: u.model, quantity: u.quantity, location: u.location, serialNumbers: u.serialNumbers })),
    commissioning: inspection && evaluated
      ? {
          inspectedOn: inspection.inspectedOn,
          foremanName: inspection.foremanName,
          items: inspection.items,
          trialRun: { passed: inspection.trialRunPassed, hours: inspection.trialRunHours, note: inspection.trialRunNote },
          system: evaluated.system,
          outlets: evaluated.outlets,
          passed: evaluated.passed,
        }
      : null,
    // The latest file per checklist item counts (a replaced drawing supersedes the old one).
    documents: ARCHIVE_CHECKLIST.map((c) => {
      const latest = docs.filter((d) => d.kind === c.kind).at(-1);
      return { kind: c.kind, label: c.label["zh-CN"], fileId: latest?.fileId ?? null, fileName: latest?.fileName ?? null, fileSha256: latest?.fileSha256 ?? null };
    }),
    defects: defects.map((d) => ({
      number: d.number, subject: d.subject, status: d.status, deadlineOn: d.deadlineOn, closedOn: d.closedAt ? shanghaiDate(d.closedAt.toISOString()) : null,
    })),
  };
}

/** Every file the content links to: the only files an acceptance task's download route serves. */
export function acceptanceFileIds(content: AcceptanceContent): string[] {
  return content.documents.map((d) => d.fileId).filter((id): id is string => Boolean(id));
}

/** Signatures of one round in party order (supervisor, client, designer), with their link trail. */
export async function loadAcceptanceSigners(db: Db, projectId: string, round: number): Promise<AcceptanceSigner[]> {
  const rows = await db
    .select({ s: signatures, sentAt: reviewTasks.createdAt, openedAt: reviewTasks.openedAt, recipientEmail: reviewTasks.recipientEmail })
    .from(signatures)
    .leftJoin(reviewTasks, eq(reviewTasks.id, signatures.taskId))
    .where(and(eq(signatures.projectId, projectId), eq(signatures.documentKind, "completion"), eq(signatures.documentVersion, round)))
    .orderBy(asc(signatures.signedAt), asc(signatures.id));
  const order = (p: string) => ACCEPTANCE_PARTY_ORDER.indexOf(p as never);
  return rows
    .map(({ s, sentAt, openedAt, recipientEmail }) => ({
      party: s.party as AcceptanceSigner["party"], decision: s.decision, opinion: s.opinion, signerName: s.signerName, signerRole: s.signerRole,
      organisation: s.organisation, signedAt: s.signedAt.toISOString(), signatureFileId: s.signatureFileId, typedSignature: s.typedSignature,
      sealFileId: s.sealFileId, contentSha256: s.contentSha256, ip: s.ip, userAgent: s.userAgent,
      sentAt: sentAt?.toISOString() ?? null, openedAt: openedAt?.toISOString() ?? null, recipientEmail: recipientEmail ?? null, voided: Boolean(s.voidedAt),
    }))
    .sort((a, b) => order(a.party) - order(b.party));
}
