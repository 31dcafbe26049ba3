// Invoices (发票) finance issues to the client against the approved settlement (number, date,
// amount), and the lists the settlement page shows of invoices and payments received.
// All invoices of a project together may not exceed the approved final total.
import { and, asc, eq, sum } from "drizzle-orm";
import { pgErrorCode, type Db } from "#db/client";
import { invoices, payments, projects, settlements } from "#db/schema";
import { compareDates, isValidDate, shanghaiDate } from "~/lib/calendar";
import type { FieldErrors } from "~/lib/forms";
import { formatFen, parseAmountToFen } from "~/lib/money";
import type { SessionUser } from "~/lib/session.server";
import { latestSettlement } from "./settlement-events.server";

export const INVOICE_NUMBER_MAX = 40;

/** What adding an invoice needs to know of the caller (SettlementAccess satisfies it). */
export interface InvoiceAccess {
  project: { id: string };
  isFinance: boolean;
}

export interface InvoiceInput {
  number?: unknown;
  issuedOn?: unknown;
  amount?: unknown;
}

export interface InvoiceRow {
  id: string;
  settlementId: string;
  settlementVersion: number;
  number: string;
  issuedOn: string;
  amountFen: number;
  createdAt: string;
}

export type AddInvoiceResult =
  | { ok: true; invoice: InvoiceRow }
  | { ok: false; status: 400 | 403 | 409; errors: FieldErrors; values: Record<string, string>; formError?: string; params?: Record<string, string> };

class Refused extends Error {
  constructor(readonly result: Extract<AddInvoiceResult, { ok: false }>) {
    super("refused");
  }
}

const text = (v: unknown) => (typeof v === "string" ? v : v === undefined || v === null ? "" : String(v));

export async function addInvoice(db: Db, input: { access: InvoiceAccess; user: SessionUser; input: InvoiceInput; now?: Date }): Promise<AddInvoiceResult> {
  const values = { number: text(input.input.number), issuedOn: text(input.input.issuedOn), amount: text(input.input.amount) };
  if (!input.access.isFinance || !input.user.roles.includes("finance")) return { ok: false, status: 403, errors: {}, values, formError: "error.forbidden" };

  const errors: FieldErrors = {};
  const number = values.number.trim();
  const issuedOn = values.issuedOn.trim();
  const today = shanghaiDate((input.now ?? new Date()).toISOString());
  if (!number) errors.number = "form.required";
  else if (number.length > INVOICE_NUMBER_MAX) errors.number = "form.tooLong";
  if (!issuedOn) errors.issuedOn = "form.required";
  else if (!isValidDate(issuedOn)) errors.issuedOn = "form.invalidDate";
  else if (compareDates(issuedOn, today) > 0) errors.issuedOn = "finance.date.future";
  const amount = parseAmountToFen(values.amount);
  if (!amount.ok) errors.amount = amount.error;
  else if (amount.fen <= 0) errors.amount = "form.amountPositive";
  if (Object.keys(errors).length || !amount.ok) return { ok: false, status: 400, errors, values, formError: "form.fixErrors" };

  const projectId = input.access.project.id;
  try {
    const invoice = await db.transaction(async (tx) => {
      // The project row lock serialises invoices (and settlement events) of one project, so the
      // total and the number checks below see every invoice already added.
      const [project] = await tx.select({ stage: projects.stage }).from(projects).where(eq(projects.id, projectId)).for("update");
      const approved = project?.stage === "handover" ? await latestSettlement(tx, projectId, ["approved"]) : undefined;
      if (!approved) throw new Refused({ ok: false, status: 409, errors: {}, values, formError: "finance.invoice.notApproved" });
      const [taken] = await tx.select({ id: invoices.id }).from(invoices).where(and(eq(invoices.projectId, projectId), eq(invoices.number, number)));
      if (taken) throw new Refused({ ok: false, status: 400, errors: { number: "finance.invoice.duplicate" }, values, formError: "form.fixErrors" });
      const [invoiced] = await tx.select({ total: sum(invoices.amountFen) }).from(invoices).where(eq(invoices.projectId, projectId));
      const before = Number(invoiced?.total ?? 0);
      if (before + amount.fen > approved.totalFen) {
        const params = { total: formatFen(approved.totalFen), invoiced: formatFen(before), remaining: formatFen(Math.max(0, approved.totalFen - before)) };
        throw new Refused({ ok: false, status: 400, errors: { amount: "finance.invoice.exceedsTotal" }, values, formError: "form.fixErrors", params });
      }
      const [row] = await tx
        .insert(invoices)
        .values({ projectId, settlementId: approved.id, number, issuedOn, amountFen: amount.fen, createdBy: input.user.id })
        .returning();
      return { id: row.id, settlementId: row.settlementId, settlementVersion: approved.version, number: row.number, issuedOn: row.issuedOn, amountFen: Number(row.amountFen), createdAt: row.createdAt.toISOString() };
    });
    return { ok: true, invoice };
  } catch (error) {
    if (error instanceof Refused) return error.result;
    // Belt and braces: the unique index is the last word on a number added at the same instant.
    if (pgErrorCode(error) === "23505") return { ok: false, status: 400, errors: { number: "finance.invoice.duplicate" }, values, formError: "form.fixErrors" };
    throw error;
  }
}

/** A project's invoices, oldest first, with the settlement version each was issued against. */
export async function listInvoices(db: Db, projectId: string): Promise<InvoiceRow[]> {
  const rows = await db
    .select({
      id: invoices.id,
      settlementId: invoices.settlementId,
      settlementVersion: settlements.version,
      number: invoices.number,
      issuedOn: invoices.issuedOn,
      amountFen: invoices.amountFen,
      createdAt: invoices.createdAt,
    })
    .from(invoices)
    .innerJoin(settlements, eq(settlements.id, invoices.settlementId))
    .where(eq(invoices.projectId, projectId))
    .orderBy(asc(invoices.issuedOn), asc(invoices.createdAt));
  return rows.map((r) => ({ ...r, amountFen: Number(r.amountFen), createdAt: r.createdAt.toISOString() }));
}

export interface PaymentRow {
  id: string;
  settlementVersion: number;
  amountFen: number;
  receivedOn: string;
  kind: "progress" | "retention";
  reference: string;
}

/**
 * A project's payments received (written by RECORD_PAYMENT / RELEASE_RETENTION), oldest first —
 * for the payments card beside the invoices.
 */
export async function listPayments(db: Db, projectId: string): Promise<PaymentRow[]> {
  const rows = await db
    .select({ id: payments.id, settlementVersion: settlements.version, amountFen: payments.amountFen, receivedOn: payments.receivedOn, kind: payments.kind, reference: payments.reference })
    .from(payments)
    .innerJoin(settlements, eq(settlements.id, payments.settlementId))
    .where(eq(payments.projectId, projectId))
    .orderBy(asc(payments.receivedOn), asc(payments.createdAt));
  return rows.map((r) => ({ ...r, amountFen: Number(r.amountFen) }));
}
