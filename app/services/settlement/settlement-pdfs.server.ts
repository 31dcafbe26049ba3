// Issues the settlement's two PDFs — the 工程结算书 (settlement statement) and the 付款申请表
// (payment application) — from one version (the latest unless named), the project, its client
// contract and the company names. Unchanged data reuses the current document (same number, same
// short code); a change (an edit, a decision, a payment recorded) issues a new version that
// supersedes the old one. Everything is read through the `db` given, so the submit/approve
// e-mails can issue them inside the event's transaction.
import { and, eq, ne, sum } from "drizzle-orm";
import type { Db } from "#db/client";
import { companies, payments, projects, settlements, users } from "#db/schema";
import { drawPaymentApplication, PAYMENT_APPLICATION_TITLE } from "#templates/pdf/payment-application";
import { drawSettlementStatement, SETTLEMENT_TITLE } from "#templates/pdf/settlement-statement";
import { shanghaiDate } from "~/lib/calendar";
import { notFound } from "~/lib/http.server";
import type { SessionUser } from "~/lib/session.server";
import { sha256Hex } from "~/lib/tokens.server";
import { ownCompanyName } from "~/services/bidding/issue-comparison-pdf.server";
import { canReadKind } from "~/services/documents/document-access.server";
import { getDocumentFile } from "~/services/documents/find-document.server";
import { issueDocument, type DocumentRow } from "~/services/documents/issue-document.server";
import { pdfResponse } from "~/services/documents/pdf-response.server";
import { canonicalJson } from "~/services/review/canonical";
import { acceptedOnOf, requireSettlementAccess } from "./settlement-access.server";
import { latestSettlement } from "./settlement-events.server";
import { loadSettlementLines, versionFigures } from "./settlement-load.server";
import type { PaymentApplicationData, SettlementStatementData } from "./settlement-types";

export interface IssueSettlementPdfInput {
  projectId: string;
  userId: string | null;
  /** A particular version (the one submitted or approved); the latest version without it. */
  settlementId?: string;
}

export const PAYMENT_APPLICATION_ATTACHMENTS = ["工程结算书", "竣工验收单"];

async function userName(db: Db, id: string | null): Promise<string | null> {
  if (!id) return null;
  const [u] = await db.select({ name: users.name }).from(users).where(eq(users.id, id));
  return u?.name ?? null;
}

/** Everything both documents print, or null when the project has no such settlement version. */
async function loadPdfSource(db: Db, input: IssueSettlementPdfInput) {
  const [project] = await db.select().from(projects).where(eq(projects.id, input.projectId));
  if (!project) return null;
  const row = input.settlementId
    ? (await db.select().from(settlements).where(eq(settlements.id, input.settlementId)))[0]
    : await latestSettlement(db, project.id);
  if (!row || row.projectId !== project.id) return null;
  const [client] = await db.select({ name: companies.name }).from(companies).where(eq(companies.id, project.clientId));
  const lines = await loadSettlementLines(db, row.id);
  // A statement prints what was paid when it was prepared: payments recorded against earlier
  // versions. Payments against this version do not change the document the client received.
  const recordedPaidFen = await paidBeforeVersionFen(db, project.id, row.id);
  const acceptedOn = acceptedOnOf(project);
  const figures = versionFigures(row, lines, acceptedOn, recordedPaidFen);
  const approved = row.status === "approved";
  return {
    project,
    row,
    lines,
    figures,
    acceptedOn,
    clientName: client?.name ?? "",
    companyName: await ownCompanyName(db),
    preparedBy: (await userName(db, row.preparedBy)) ?? "",
    pmName: (await userName(db, project.pmId)) ?? "",
    // Finance's name and date only once finance approved this version.
    financeName: approved ? await userName(db, row.decidedBy) : null,
    approvedAt: approved && row.decidedAt ? shanghaiDate(row.decidedAt.toISOString()) : null,
    recordedPaidFen,
  };
}

type PdfSource = NonNullable<Awaited<ReturnType<typeof loadPdfSource>>>;

export function settlementStatementData(src: PdfSource): SettlementStatementData {
  const { project, row } = src;
  return {
    version: row.version,
    project: { code: project.code, name: project.name, siteAddress: project.siteAddress },
    client: src.clientName,
    contractor: src.companyName,
    contract: { number: project.clientContractNo, signedOn: project.clientContractSignedOn },
    acceptedOn: src.acceptedOn,
    lines: src.lines,
    figures: src.figures,
    retention: { mode: row.retentionMode, defectMonths: row.defectMonths, guaranteeNote: row.guaranteeNote },
    basis: row.basis,
    preparedBy: src.preparedBy,
    pmName: src.pmName,
    financeName: src.financeName,
    approvedAt: src.approvedAt,
  };
}

/** null when nothing is payable now (paid in full, or more): there is nothing to apply for. */
export function paymentApplicationData(src: PdfSource): PaymentApplicationData | null {
  const { project, row, figures } = src;
  if (figures.payableNowFen <= 0) return null;
  // The application's date is when the version was submitted (or last changed): stable, so the
  // same data does not become a new document every day.
  const appliedAt = row.submittedAt ?? row.updatedAt;
  return {
    version: row.version,
    number: `FK-${project.code}-V${row.version}`,
    project: { code: project.code, name: project.name },
    payer: src.clientName,
    payee: { name: src.companyName, bank: row.payeeBank, account: row.payeeAccount },
    contract: { number: project.clientContractNo, amountFen: project.clientContractAmountFen },
    thisPeriodFen: figures.payableNowFen,
    cumulativePaidFen: row.paidBeforeFen + src.recordedPaidFen,
    attachments: [...PAYMENT_APPLICATION_ATTACHMENTS],
    appliedOn: shanghaiDate(appliedAt.toISOString()),
    pmName: src.pmName,
    financeName: src.financeName,
  };
}

/** 工程结算书 of the version; null when the project has no settlement yet. */
export async function issueSettlementStatement(db: Db, input: IssueSettlementPdfInput): Promise<DocumentRow | null> {
  const src = await loadPdfSource(db, input);
  if (!src) return null;
  const data = settlementStatementData(src);
  return issueDocument(db, {
    projectId: src.project.id,
    kind: "settlementStatement",
    title: SETTLEMENT_TITLE,
    contentHash: sha256Hex(canonicalJson({ data, companyName: src.companyName })),
    createdBy: input.userId,
    render: (meta) => drawSettlementStatement(data, { ...meta, companyName: src.companyName }),
  });
}

/** 付款申请表 for the amount now payable; null without a settlement or when nothing is payable. */
export async function issuePaymentApplication(db: Db, input: IssueSettlementPdfInput): Promise<DocumentRow | null> {
  const src = await loadPdfSource(db, input);
  if (!src) return null;
  const data = paymentApplicationData(src);
  if (!data) return null;
  return issueDocument(db, {
    projectId: src.project.id,
    kind: "paymentApplication",
    title: PAYMENT_APPLICATION_TITLE,
    contentHash: sha256Hex(canonicalJson({ data, companyName: src.companyName })),
    createdBy: input.userId,
    render: (meta) => drawPaymentApplication(data, { ...meta, companyName: src.companyName }),
  });
}

/**
 * The PDF response for a page or API route: the settlement's readers only (404 for everyone else,
 * as for every settlement read), and 404 while there is no settlement (or nothing payable).
 */
export async function settlementPdfResponse(db: Db, user: SessionUser, projectId: string, kind: "settlementStatement" | "paymentApplication"): Promise<Response> {
  const { project } = await requireSettlementAccess(db, user, projectId);
  if (!canReadKind(user, project, kind)) notFound();
  const issue = kind === "settlementStatement" ? issueSettlementStatement : issuePaymentApplication;
  const document = await issue(db, { projectId: project.id, userId: user.id });
  if (!document) notFound();
  const file = await getDocumentFile(db, document);
  if (!file) notFound();
  return pdfResponse(file.bytes, file.name);
}

/** Progress payments recorded against other (earlier) versions of the project's settlement. */
async function paidBeforeVersionFen(db: Db, projectId: string, settlementId: string): Promise<number> {
  const [row] = await db
    .select({ total: sum(payments.amountFen) })
    .from(payments)
    .where(and(eq(payments.projectId, projectId), eq(payments.kind, "progress"), ne(payments.settlementId, settlementId)));
  return Number(row?.total ?? 0);
}
