// The finance inbox (财务收件箱): settlements to review, approved ones awaiting payment (overdue
// flagged), retention held or due for release, the installers' payment requests, and what was
// settled lately. A handful of queries, each joined and aggregated in SQL (never one per project).
import { and, asc, eq, inArray, or, sql } from "drizzle-orm";
import type { Db } from "#db/client";
import { companies, invoices, payments, projects, settlements, users } from "#db/schema";
import { compareDates } from "~/lib/calendar";
import { notFound } from "~/lib/http.server";
import type { SessionUser } from "~/lib/session.server";
import { canViewFinance, listVendorPayments, type VendorPaymentRow } from "./vendor-payments.server";

/** The settlement region's substate, read from the persisted statechart (null outside handover). */
export const settlementSubstate = sql<string | null>`${projects.snapshot}->'value'->'handover'->>'settlement'`;
const contextRetentionDueOn = sql<string | null>`${projects.snapshot}->'context'->>'retentionDueOn'`;
const contextRetentionFen = sql<string | null>`${projects.snapshot}->'context'->>'retentionFen'`;

export interface ToReviewItem {
  projectId: string;
  code: string;
  name: string;
  version: number;
  totalFen: number;
  submittedAt: string | null;
  pmName: string;
}

export interface AwaitingPaymentItem {
  projectId: string;
  code: string;
  name: string;
  clientName: string;
  version: number;
  totalFen: number;
  retentionFen: number;
  /** paid before the statement + progress payments recorded since */
  paidFen: number;
  /** final total − retention − paid: what the client owes now */
  outstandingFen: number;
  paymentDueOn: string | null;
  overdue: boolean;
  invoicedFen: number;
}

export interface RetentionItem {
  projectId: string;
  code: string;
  name: string;
  version: number;
  retentionFen: number;
  retentionDueOn: string | null;
  /** the defect-liability period has ended: the scheduler raised the release request */
  requested: boolean;
  overdue: boolean;
}

export interface SettledItem {
  projectId: string;
  code: string;
  name: string;
  version: number;
  totalFen: number;
  /** the day the last money (progress or retention) arrived */
  settledOn: string | null;
}

export interface FinanceInbox {
  today: string;
  toReview: ToReviewItem[];
  awaitingPayment: AwaitingPaymentItem[];
  retention: RetentionItem[];
  vendorPayments: VendorPaymentRow[];
  settled: SettledItem[];
}

const SETTLED_LIMIT = 20;

/** Σ payments per project by kind, and the last day money arrived: one grouped subquery. */
export function paymentTotals(db: Db) {
  return db
    .select({
      projectId: payments.projectId,
      progressFen: sql<string>`coalesce(sum(${payments.amountFen}) filter (where ${payments.kind} = 'progress'), 0)`.as("progress_fen"),
      retentionPaidFen: sql<string>`coalesce(sum(${payments.amountFen}) filter (where ${payments.kind} = 'retention'), 0)`.as("retention_paid_fen"),
      lastReceivedOn: sql<string | null>`max(${payments.receivedOn})::text`.as("last_received_on"),
    })
    .from(payments)
    .groupBy(payments.projectId)
    .as("payment_totals");
}

/** Σ invoices per project. */
export function invoiceTotals(db: Db) {
  return db
    .select({ projectId: invoices.projectId, invoicedFen: sql<string>`coalesce(sum(${invoices.amountFen}), 0)`.as("invoiced_fen") })
    .from(invoices)
    .groupBy(invoices.projectId)
    .as("invoice_totals");
}

export async function loadFinanceInbox(db: Db, user: SessionUser, today: string): Promise<FinanceInbox> {
  if (!canViewFinance(user)) notFound();
  const paid = paymentTotals(db);
  const invoiced = invoiceTotals(db);

  const [toReview, approved, settledRows, vendorPayments] = await Promise.all([
    db
      .select({
        projectId: projects.id,
        code: projects.code,
        name: projects.name,
        version: settlements.version,
        totalFen: settlements.totalFen,
        submittedAt: settlements.submittedAt,
        pmName: users.name,
      })
      .from(settlements)
      .innerJoin(projects, eq(projects.id, settlements.projectId))
      .leftJoin(users, eq(users.id, projects.pmId))
      .where(eq(settlements.status, "submitted"))
      .orderBy(settlements.submittedAt),
    // Every approved settlement is the current one of its project (a revision supersedes it).
    db
      .select({
        projectId: projects.id,
        code: projects.code,
        name: projects.name,
        substate: settlementSubstate,
        clientName: companies.name,
        version: settlements.version,
        totalFen: settlements.totalFen,
        retentionFen: settlements.retentionFen,
        retentionDueOn: settlements.retentionDueOn,
        contextRetentionFen,
        contextRetentionDueOn,
        paidBeforeFen: settlements.paidBeforeFen,
        paymentDueOn: settlements.paymentDueOn,
        progressFen: paid.progressFen,
        invoicedFen: invoiced.invoicedFen,
      })
      .from(settlements)
      .innerJoin(projects, eq(projects.id, settlements.projectId))
      .leftJoin(companies, eq(companies.id, projects.clientId))
      .leftJoin(paid, eq(paid.projectId, projects.id))
      .leftJoin(invoiced, eq(invoiced.projectId, projects.id))
      .where(and(eq(settlements.status, "approved"), inArray(settlementSubstate, ["awaitingPayment", "retentionHeld", "retentionReleaseRequested"])))
      .orderBy(asc(settlements.paymentDueOn), asc(projects.code)),
    // Settled: everything paid and the retention released (the project may have closed since).
    db
      .select({
        projectId: projects.id,
        code: projects.code,
        name: projects.name,
        version: settlements.version,
        totalFen: settlements.totalFen,
        settledOn: paid.lastReceivedOn,
      })
      .from(settlements)
      .innerJoin(projects, eq(projects.id, settlements.projectId))
      .leftJoin(paid, eq(paid.projectId, projects.id))
      .where(and(eq(settlements.status, "approved"), or(eq(settlementSubstate, "retentionReleased"), eq(projects.stage, "closed"))))
      .orderBy(sql`${paid.lastReceivedOn} desc nulls last`, asc(projects.code))
      .limit(SETTLED_LIMIT),
    listVendorPayments(db, { status: "due", today }),
  ]);

  const awaitingPayment: AwaitingPaymentItem[] = [];
  const retention: RetentionItem[] = [];
  for (const r of approved) {
    const totalFen = Number(r.totalFen);
    // The machine's context holds what APPROVE_SETTLEMENT recorded; the row is the fallback.
    const retentionFen = r.contextRetentionFen !== null ? Number(r.contextRetentionFen) : Number(r.retentionFen);
    const base = { projectId: r.projectId, code: r.code, name: r.name, version: r.version };
    if (r.substate === "awaitingPayment") {
      const paidFen = Number(r.paidBeforeFen) + Number(r.progressFen ?? 0);
      const outstandingFen = totalFen - retentionFen - paidFen;
      awaitingPayment.push({
        ...base,
        clientName: r.clientName ?? "",
        totalFen,
        retentionFen,
        paidFen,
        outstandingFen,
        paymentDueOn: r.paymentDueOn,
        overdue: r.paymentDueOn !== null && outstandingFen > 0 && compareDates(today, r.paymentDueOn) > 0,
        invoicedFen: Number(r.invoicedFen ?? 0),
      });
    } else {
      const dueOn = r.contextRetentionDueOn ?? r.retentionDueOn;
      retention.push({
        ...base,
        retentionFen,
        retentionDueOn: dueOn,
        requested: r.substate === "retentionReleaseRequested",
        overdue: dueOn !== null && compareDates(today, dueOn) > 0,
      });
    }
  }
  retention.sort((a, b) => (a.retentionDueOn ?? "9999").localeCompare(b.retentionDueOn ?? "9999") || a.code.localeCompare(b.code));

  return {
    today,
    toReview: toReview.map((r) => ({ ...r, totalFen: Number(r.totalFen), submittedAt: r.submittedAt?.toISOString() ?? null, pmName: r.pmName ?? "" })),
    awaitingPayment,
    retention,
    vendorPayments,
    settled: settledRows.map((r) => ({ ...r, totalFen: Number(r.totalFen) })),
  };
}
