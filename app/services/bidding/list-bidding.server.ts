// Read side of bidding (invitations, quotes by company) and the access rules every bidding write shares.
import { and, asc, desc, eq, inArray, isNull, ne } from "drizzle-orm";
import type { Db } from "#db/client";
import { auditEvents, companies, contacts, files, projects, quoteAttachments, quoteInvitations, quoteLines, quotes } from "#db/schema";
import { notFound } from "~/lib/http.server";
import { requireVisibleProject } from "~/lib/permissions.server";
import type { SessionUser } from "~/lib/session.server";

export type BiddingAccess = "edit" | "read";
type ProjectRow = typeof projects.$inferSelect;

/** The project's own pm edits; management, admin and finance read; everyone else gets a 404. */
export function biddingAccess(user: Pick<SessionUser, "id" | "roles">, project: { pmId: string }): BiddingAccess | null {
  if (user.roles.includes("pm") && project.pmId === user.id) return "edit";
  if (user.roles.some((r) => r === "management" || r === "admin" || r === "finance")) return "read";
  return null;
}

export async function requireBiddingProject(db: Db, user: SessionUser, projectId: string): Promise<{ project: ProjectRow; access: BiddingAccess }> {
  const project = await requireVisibleProject(db, user, projectId);
  const access = biddingAccess(user, project);
  if (!access) notFound();
  return { project, access };
}

/**
 * Locks the project row for the rest of the transaction, so a quote or invitation serialises with
 * SUBMIT_FOR_DECISION / AWARD (which lock the same row), then checks the stage as committed.
 */
export async function lockBiddingProject(tx: Db, projectId: string): Promise<{ project: ProjectRow } | { refusal: "error.notFound" | "bidding.closed" }> {
  const [project] = await tx.select().from(projects).where(eq(projects.id, projectId)).for("update");
  if (!project) return { refusal: "error.notFound" };
  if (project.stage !== "bidding") return { refusal: "bidding.closed" };
  return { project };
}

export interface RevisionView {
  id: string;
  revision: number;
  contractingMethod: string;
  scope: string;
  durationDays: number | null;
  requirements: string;
  paymentTerms: string;
  maintenanceTerms: string;
  validUntil: string;
  totalFen: number;
  source: string;
  withdrawnAt: string | null;
  withdrawReason: string | null;
  submittedAt: string;
  status: "valid" | "withdrawn" | "expired";
  lines: { position: number; item: string; spec: string; unit: string; quantity: string; unitPriceFen: number; amountFen: number }[];
  attachments: { id: string; name: string; size: number }[];
}
export interface VendorQuotes {
  vendorId: string;
  vendorName: string;
  /** Newest first. */
  revisions: RevisionView[];
}

/** Every revision of every company's quote (or one company's), with lines and attachments. */
export async function listVendorQuotes(db: Db, projectId: string, today: string, vendorId?: string): Promise<VendorQuotes[]> {
  const rows = await db
    .select({ q: quotes, vendorName: companies.name })
    .from(quotes)
    .innerJoin(companies, eq(companies.id, quotes.vendorId))
    .where(vendorId ? and(eq(quotes.projectId, projectId), eq(quotes.vendorId, vendorId)) : eq(quotes.projectId, projectId))
    .orderBy(asc(companies.name), asc(quotes.vendorId), desc(quotes.revision));
  const ids = rows.map((r) => r.q.id);
  const lines = ids.length ? await db.select().from(quoteLines).where(inArray(quoteLines.quoteId, ids)).orderBy(asc(quoteLines.position)) : [];
  const attachments = ids.length
    ? await db.select({ quoteId: quoteAttachments.quoteId, id: files.id, name: files.name, size: files.size }).from(quoteAttachments).innerJoin(files, eq(files.id, quoteAttachments.fileId)).where(inArray(quoteAttachments.quoteId, ids))
    : [];
  const reasons = new Map<string, string>();
  if (rows.some((r) => r.q.withdrawnAt)) {
    const events = await db.select({ payload: auditEvents.payload }).from(auditEvents).where(and(eq(auditEvents.projectId, projectId), eq(auditEvents.event, "QUOTE_WITHDRAWN")));
    for (const e of events) {
      const p = e.payload as { quoteId?: string; reason?: string };
      if (p.quoteId) reasons.set(p.quoteId, p.reason ?? "");
    }
  }
  const groups = new Map<string, VendorQuotes>();
  for (const { q, vendorName } of rows) {
    const group = groups.get(q.vendorId) ?? { vendorId: q.vendorId, vendorName, revisions: [] };
    groups.set(q.vendorId, group);
    group.revisions.push({
      id: q.id,
      revision: q.revision,
      contractingMethod: q.contractingMethod,
      scope: q.scope,
      durationDays: q.durationDays,
      requirements: q.requirements,
      paymentTerms: q.paymentTerms,
      maintenanceTerms: q.maintenanceTerms,
      validUntil: q.validUntil,
      totalFen: q.totalFen,
      source: q.source,
      withdrawnAt: q.withdrawnAt?.toISOString() ?? null,
      withdrawReason: reasons.get(q.id) ?? null,
      submittedAt: q.submittedAt.toISOString(),
      status: q.withdrawnAt ? "withdrawn" : q.validUntil < today ? "expired" : "valid",
      lines: lines.filter((l) => l.quoteId === q.id).map((l) => ({ position: l.position, item: l.item, spec: l.spec, unit: l.unit, quantity: l.quantity, unitPriceFen: l.unitPriceFen, amountFen: l.amountFen })),
      attachments: attachments.filter((a) => a.quoteId === q.id).map((a) => ({ id: a.id, name: a.name, size: a.size })),
    });
  }
  return [...groups.values()];
}

export type InvitationStatus = "sent" | "opened" | "quoted" | "revoked" | "expired";
export interface InvitationView {
  id: string;
  vendorId: string;
  vendorName: string;
  contactName: string;
  email: string;
  scope: string;
  drawings: string;
  requirements: string;
  deadline: string;
  createdAt: string;
  lastOpenedAt: string | null;
  status: InvitationStatus;
}

export async function listInvitations(db: Db, projectId: string, now: Date): Promise<InvitationView[]> {
  const rows = await db
    .select({ inv: quoteInvitations, vendorName: companies.name, contactName: contacts.name })
    .from(quoteInvitations)
    .innerJoin(companies, eq(companies.id, quoteInvitations.vendorId))
    .leftJoin(contacts, eq(contacts.id, quoteInvitations.contactId))
    .where(eq(quoteInvitations.projectId, projectId))
    .orderBy(desc(quoteInvitations.createdAt));
  // "quoted": the company sent a quote through a link after this invitation was made.
  const linkQuotes = await db
    .select({ vendorId: quotes.vendorId, submittedAt: quotes.submittedAt })
    .from(quotes)
    .where(and(eq(quotes.projectId, projectId), eq(quotes.source, "link")));
  return rows.map(({ inv, vendorName, contactName }) => {
    const quoted = linkQuotes.some((q) => q.vendorId === inv.vendorId && q.submittedAt >= inv.createdAt);
    const status: InvitationStatus = inv.revokedAt ? "revoked" : quoted ? "quoted" : inv.deadline <= now ? "expired" : inv.lastOpenedAt ? "opened" : "sent";
    return {
      id: inv.id,
      vendorId: inv.vendorId,
      vendorName,
      contactName: contactName ?? "",
      email: inv.email,
      scope: inv.scope,
      drawings: inv.drawings,
      requirements: inv.requirements,
      deadline: inv.deadline.toISOString(),
      createdAt: inv.createdAt.toISOString(),
      lastOpenedAt: inv.lastOpenedAt?.toISOString() ?? null,
      status,
    };
  });
}

export interface InstallerOption {
  id: string;
  name: string;
  contacts: { id: string; name: string; email: string }[];
}

/** Installation companies (not archived) and their contacts that have an e-mail address. */
export async function listInstallers(db: Db): Promise<InstallerOption[]> {
  const rows = await db
    .select({ id: companies.id, name: companies.name, contactId: contacts.id, contactName: contacts.name, email: contacts.email })
    .from(companies)
    .leftJoin(contacts, and(eq(contacts.companyId, companies.id), ne(contacts.email, "")))
    .where(and(eq(companies.kind, "installer"), isNull(companies.archivedAt)))
    .orderBy(asc(companies.name), asc(contacts.name));
  const out = new Map<string, InstallerOption>();
  for (const r of rows) {
    const c = out.get(r.id) ?? { id: r.id, name: r.name, contacts: [] };
    out.set(r.id, c);
    if (r.contactId && r.email) c.contacts.push({ id: r.contactId, name: r.contactName ?? "", email: r.email });
  }
  return [...out.values()];
}

/** A quote attachment of this project (the file must hang off one of the project's quotes). */
export async function getQuoteAttachment(db: Db, projectId: string, fileId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(fileId)) return null;
  const [row] = await db
    .select({ name: files.name, mime: files.mime, bytes: files.bytes })
    .from(quoteAttachments)
    .innerJoin(files, eq(files.id, quoteAttachments.fileId))
    .innerJoin(quotes, eq(quotes.id, quoteAttachments.quoteId))
    .where(and(eq(quoteAttachments.fileId, fileId), eq(quotes.projectId, projectId)))
    .limit(1);
  return row ?? null;
}
