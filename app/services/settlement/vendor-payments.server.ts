// What we owe the installation company: each contract milestone (签约/进场/竣工验收/结算/质保期满)
// becomes a payment request once its trigger is reached, and finance marks it paid in the same
// inbox as the client's settlements.
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "#db/client";
import { companies, contractMilestones, projects, vendorContracts, vendorPaymentRequests } from "#db/schema";
import type { Role } from "#db/schema";
import { addDays, compareDates, isValidDate, shanghaiDate } from "~/lib/calendar";
import type { FieldErrors } from "~/lib/forms";
import type { SessionUser } from "~/lib/session.server";

/** Days the company has to pay the installer once a milestone is reached. */
export const VENDOR_PAYMENT_TERM_DAYS = 30;
export const VENDOR_REFERENCE_MAX = 100;

/** Who sees the finance inbox (and so the vendor payment requests). */
export const FINANCE_VIEW_ROLES: readonly Role[] = ["finance", "management", "admin"];
export const canViewFinance = (user: Pick<SessionUser, "roles">) => user.roles.some((r) => FINANCE_VIEW_ROLES.includes(r));

/**
 * One request per milestone of the project's installation contract whose trigger is in
 * `triggers`, due `VENDOR_PAYMENT_TERM_DAYS` after `on`. Idempotent (milestoneId is unique): a
 * trigger reached twice, or an event replayed, creates nothing more. Call inside the event's
 * transaction. Returns how many requests were created.
 */
export async function createDueVendorPayments(tx: Db, input: { projectId: string; triggers: string[]; on: string }): Promise<number> {
  if (input.triggers.length === 0) return 0;
  if (!isValidDate(input.on)) throw new RangeError(`createDueVendorPayments: not a date: ${input.on}`);
  const milestones = await tx
    .select({ id: contractMilestones.id, label: contractMilestones.label, trigger: contractMilestones.trigger, amountFen: contractMilestones.amountFen, vendorId: vendorContracts.vendorId })
    .from(contractMilestones)
    .innerJoin(vendorContracts, eq(contractMilestones.contractId, vendorContracts.id))
    .where(and(eq(vendorContracts.projectId, input.projectId), inArray(contractMilestones.trigger, input.triggers as (typeof contractMilestones.$inferSelect)["trigger"][])))
    .orderBy(asc(contractMilestones.position));
  if (milestones.length === 0) return 0;
  const dueOn = addDays(input.on, VENDOR_PAYMENT_TERM_DAYS);
  const created = await tx
    .insert(vendorPaymentRequests)
    .values(milestones.map((m) => ({ projectId: input.projectId, vendorId: m.vendorId, milestoneId: m.id, label: m.label, trigger: m.trigger, amountFen: m.amountFen, dueOn })))
    .onConflictDoNothing({ target: vendorPaymentRequests.milestoneId })
    .returning({ id: vendorPaymentRequests.id });
  return created.length;
}

export type MarkVendorPaidResult =
  | { ok: true; requestId: string; paidOn: string }
  | { ok: false; status: 400 | 403 | 404 | 409; errors: FieldErrors; values: Record<string, string>; formError?: string };

/**
 * Finance records that the installer was paid. Compare-and-set from `due`: of two clicks (or two
 * people) one records it, the other is told it is already paid. The day paid is a real date, not
 * in the future (Asia/Shanghai).
 */
export async function markVendorPaymentPaid(
  db: Db,
  input: { user: SessionUser; requestId: string; paidOn: string; reference?: string; now?: Date },
): Promise<MarkVendorPaidResult> {
  const values = { requestId: input.requestId, paidOn: input.paidOn ?? "", reference: input.reference ?? "" };
  if (!canViewFinance(input.user)) return { ok: false, status: 404, errors: {}, values, formError: "error.notFound" };
  if (!input.user.roles.includes("finance")) return { ok: false, status: 403, errors: {}, values, formError: "error.forbidden" };
  if (!/^[0-9a-f-]{36}$/i.test(input.requestId)) return { ok: false, status: 404, errors: {}, values, formError: "error.notFound" };

  const errors: FieldErrors = {};
  const paidOn = (input.paidOn ?? "").trim();
  const reference = (input.reference ?? "").trim();
  const today = shanghaiDate((input.now ?? new Date()).toISOString());
  if (!paidOn) errors.paidOn = "form.required";
  else if (!isValidDate(paidOn)) errors.paidOn = "form.invalidDate";
  else if (compareDates(paidOn, today) > 0) errors.paidOn = "finance.date.future";
  if (reference.length > VENDOR_REFERENCE_MAX) errors.reference = "form.tooLong";
  if (Object.keys(errors).length) return { ok: false, status: 400, errors, values, formError: "form.fixErrors" };

  const updated = await db
    .update(vendorPaymentRequests)
    .set({ status: "paid", paidOn, paidBy: input.user.id, reference })
    .where(and(eq(vendorPaymentRequests.id, input.requestId), eq(vendorPaymentRequests.status, "due")))
    .returning({ id: vendorPaymentRequests.id });
  if (updated.length === 1) return { ok: true, requestId: input.requestId, paidOn };
  const [existing] = await db.select({ id: vendorPaymentRequests.id }).from(vendorPaymentRequests).where(eq(vendorPaymentRequests.id, input.requestId));
  if (!existing) return { ok: false, status: 404, errors: {}, values, formError: "error.notFound" };
  return { ok: false, status: 409, errors: {}, values, formError: "finance.vendorPayment.alreadyPaid" };
}

export interface VendorPaymentRow {
  id: string;
  projectId: string;
  projectCode: string;
  projectName: string;
  vendorId: string;
  vendorName: string;
  label: string;
  trigger: string;
  amountFen: number;
  dueOn: string;
  status: "due" | "paid";
  paidOn: string | null;
  reference: string;
  /** today > dueOn while still due */
  overdue: boolean;
}

/** Requests with their project and installer (one query), due ones by due date, paid ones newest first. */
export async function listVendorPayments(db: Db, opts: { status?: "due" | "paid"; today?: string; limit?: number } = {}): Promise<VendorPaymentRow[]> {
  const today = opts.today ?? shanghaiDate(new Date().toISOString());
  const rows = await db
    .select({
      id: vendorPaymentRequests.id,
      projectId: vendorPaymentRequests.projectId,
      projectCode: projects.code,
      projectName: projects.name,
      vendorId: vendorPaymentRequests.vendorId,
      vendorName: companies.name,
      label: vendorPaymentRequests.label,
      trigger: vendorPaymentRequests.trigger,
      amountFen: vendorPaymentRequests.amountFen,
      dueOn: vendorPaymentRequests.dueOn,
      status: vendorPaymentRequests.status,
      paidOn: vendorPaymentRequests.paidOn,
      reference: vendorPaymentRequests.reference,
    })
    .from(vendorPaymentRequests)
    .innerJoin(projects, eq(projects.id, vendorPaymentRequests.projectId))
    .leftJoin(companies, eq(companies.id, vendorPaymentRequests.vendorId))
    .where(opts.status ? eq(vendorPaymentRequests.status, opts.status) : undefined)
    .orderBy(
      opts.status === "paid" ? desc(vendorPaymentRequests.paidOn) : asc(vendorPaymentRequests.status),
      asc(vendorPaymentRequests.dueOn),
      asc(projects.code),
      asc(vendorPaymentRequests.label),
    )
    .limit(opts.limit ?? 1000);
  return rows.map((r) => ({
    ...r,
    amountFen: Number(r.amountFen),
    vendorName: r.vendorName ?? "",
    overdue: r.status === "due" && compareDates(today, r.dueOn) > 0,
  }));
}
