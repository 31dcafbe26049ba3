// The settlement as the page and GET /api/v1/projects/:id/settlement show it: every version with
// finance's decisions, the latest version with its lines and figures (paid = paid before + the
// progress payments finance recorded), the uppercase amounts, the issued PDFs, and the values the
// editor starts from. JSON-serialisable (dates as strings).
import { and, asc, desc, eq, inArray, isNull } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "#db/client";
import { documents, settlementLines, settlements, users } from "#db/schema";
import { fenToInput } from "~/lib/money";
import { rmbInWords } from "~/lib/rmb-uppercase";
import { acceptedOnOf, settlementState, type SettlementAccess } from "./settlement-access.server";
import { settlementFigures } from "./settlement-math";
import { recordedProgressPaymentsFen, settlementPrefill, todayInShanghai } from "./settlement-save.server";
import type { SettlementLine } from "./settlement-types";
import { basisPointsToRate, type SettlementDocumentView, type SettlementValues, type SettlementVersionView, type SettlementView } from "./settlement-values";

type SettlementRow = typeof settlements.$inferSelect;

const SETTLEMENT_DOCUMENT_KINDS = ["settlementStatement", "paymentApplication"] as const;

/** 人民币… of a non-negative amount; null for a negative one (nothing to write: it is a refund). */
function words(fen: number): string | null {
  return fen >= 0 ? rmbInWords(fen) : null;
}

export async function loadSettlementLines(db: Db, settlementId: string): Promise<SettlementLine[]> {
  const rows = await db.select().from(settlementLines).where(eq(settlementLines.settlementId, settlementId)).orderBy(asc(settlementLines.position));
  return rows.map((l) => ({ kind: l.kind, number: l.number, reason: l.reason, amountFen: l.amountFen, approvedBy: l.approvedBy, approvedOn: l.approvedOn }));
}

/** A version's figures with paid = paid before + the progress payments recorded so far. */
export function versionFigures(row: SettlementRow, lines: SettlementLine[], acceptedOn: string | null, recordedPaidFen: number) {
  return settlementFigures({
    contractAmountFen: row.contractAmountFen,
    lines,
    retention: { mode: row.retentionMode, basisPoints: row.retentionBasisPoints, defectMonths: row.defectMonths },
    acceptedOn,
    paidFen: row.paidBeforeFen + recordedPaidFen,
  });
}

/** A stored version as the editor's fields. */
export function versionValues(v: Pick<SettlementVersionView, "contractAmountFen" | "retentionMode" | "retentionBasisPoints" | "defectMonths" | "guaranteeNote" | "paidBeforeFen" | "paymentDueOn" | "basis" | "payeeBank" | "payeeAccount" | "lines">): SettlementValues {
  return {
    contractAmount: fenToInput(v.contractAmountFen),
    retentionMode: v.retentionMode,
    retentionRate: basisPointsToRate(v.retentionBasisPoints),
    defectMonths: String(v.defectMonths),
    guaranteeNote: v.guaranteeNote,
    paidBefore: fenToInput(v.paidBeforeFen),
    paymentDueOn: v.paymentDueOn ?? "",
    basis: v.basis,
    payeeBank: v.payeeBank,
    payeeAccount: v.payeeAccount,
    lines: v.lines.map((l) => ({ kind: l.kind, number: l.number, reason: l.reason, amount: fenToInput(l.amountFen), approvedBy: l.approvedBy, approvedOn: l.approvedOn ?? "" })),
  };
}

export async function loadSettlement(db: Db, access: Pick<SettlementAccess, "project">, now: Date = new Date()): Promise<SettlementView> {
  const { project } = access;
  const preparer = alias(users, "preparer");
  const decider = alias(users, "decider");
  const rows = await db
    .select({ s: settlements, preparedByName: preparer.name, decidedByName: decider.name })
    .from(settlements)
    .leftJoin(preparer, eq(preparer.id, settlements.preparedBy))
    .leftJoin(decider, eq(decider.id, settlements.decidedBy))
    .where(eq(settlements.projectId, project.id))
    .orderBy(desc(settlements.version));
  const recordedPaidFen = await recordedProgressPaymentsFen(db, project.id);
  const acceptedOn = acceptedOnOf(project);
  const iso = (d: Date | null) => (d ? d.toISOString() : null);

  let latest: SettlementVersionView | null = null;
  const top = rows[0];
  if (top) {
    const s = top.s;
    const lines = await loadSettlementLines(db, s.id);
    const figures = versionFigures(s, lines, acceptedOn, recordedPaidFen);
    latest = {
      id: s.id,
      version: s.version,
      status: s.status,
      updatedAt: s.updatedAt.toISOString(),
      contractAmountFen: s.contractAmountFen,
      lines,
      retentionMode: s.retentionMode,
      retentionBasisPoints: s.retentionBasisPoints,
      defectMonths: s.defectMonths,
      guaranteeNote: s.guaranteeNote,
      paidBeforeFen: s.paidBeforeFen,
      paymentDueOn: s.paymentDueOn,
      basis: s.basis,
      payeeBank: s.payeeBank,
      payeeAccount: s.payeeAccount,
      preparedByName: top.preparedByName,
      submittedAt: iso(s.submittedAt),
      decidedAt: iso(s.decidedAt),
      decidedByName: top.decidedByName,
      financeComment: s.financeComment,
      sentToClientAt: iso(s.sentToClientAt),
      figures,
      words: { finalTotal: words(figures.finalTotalFen), payableNow: words(figures.payableNowFen) },
    };
  }

  const prefill = latest ? null : await settlementPrefill(db, project, todayInShanghai(now));
  const docRows = await db
    .select({ kind: documents.kind, number: documents.number, version: documents.version, shortCode: documents.shortCode, createdAt: documents.createdAt })
    .from(documents)
    .where(and(eq(documents.projectId, project.id), isNull(documents.supersededAt), inArray(documents.kind, [...SETTLEMENT_DOCUMENT_KINDS])));
  const docs: SettlementDocumentView[] = docRows.map((d) => ({ ...d, kind: d.kind as SettlementDocumentView["kind"], createdAt: d.createdAt.toISOString() }));

  return {
    project: {
      id: project.id,
      code: project.code,
      name: project.name,
      stage: project.stage,
      version: project.version,
      acceptedOn,
      contractNo: project.clientContractNo,
      contractAmountFen: project.clientContractAmountFen,
    },
    state: settlementState(project),
    versions: rows.map(({ s, decidedByName }) => ({
      version: s.version,
      status: s.status,
      totalFen: s.totalFen,
      submittedAt: iso(s.submittedAt),
      decidedAt: iso(s.decidedAt),
      financeComment: s.financeComment,
      decidedByName,
    })),
    latest,
    recordedPaidFen,
    formValues: latest ? versionValues(latest) : prefill!,
    prefill,
    documents: docs,
  };
}
