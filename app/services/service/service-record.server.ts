// Issues the 产品(设备)售后服务维修记录单 of one ticket. The record belongs to the ticket, not to the
// project: issueDocument keeps one current document per project and kind, which would let one
// ticket's record supersede another's. So the same rules are applied here per ticket — unchanged
// data reuses the current record; otherwise a new version WX-<ticket number>-V<n> is stored and the
// ticket's previous one superseded — serialised by the ticket row lock.
import { and, desc, eq, isNull, like } from "drizzle-orm";
import type { Db } from "#db/client";
import { companies, documents, files, installedUnits, maintenanceContracts, projects, serviceQuotes, serviceTickets, users } from "#db/schema";
import { drawServiceRecord, SERVICE_RECORD_TITLE, type ServiceRecordData } from "#templates/pdf/service-record";
import { shanghaiDate } from "~/lib/calendar";
import { sha256Hex } from "~/lib/tokens.server";
import { ownCompanyName } from "~/services/bidding/issue-comparison-pdf.server";
import { DOCUMENT_PREFIXES } from "~/services/documents/document-kinds.server";
import { newShortCode, verifyUrl, type DocumentRow } from "~/services/documents/issue-document.server";
import { warrantyClock } from "~/services/projects/warranty-clock";
import { canonicalJson } from "~/services/review/canonical";
import { CAUSE_CATEGORIES, EXCLUSIONS } from "./vocabulary";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export async function loadServiceRecordData(db: Db, ticketId: string): Promise<ServiceRecordData | null> {
  const [row] = await db
    .select({ ticket: serviceTickets, project: projects, client: companies.name, technician: users.name })
    .from(serviceTickets)
    .innerJoin(projects, eq(projects.id, serviceTickets.projectId))
    .leftJoin(companies, eq(companies.id, projects.clientId))
    .leftJoin(users, eq(users.id, serviceTickets.assignedTo))
    .where(eq(serviceTickets.id, ticketId));
  if (!row) return null;
  const t = row.ticket;
  const [unit] = t.unitId ? await db.select({ name: installedUnits.name, model: installedUnits.model, location: installedUnits.location }).from(installedUnits).where(eq(installedUnits.id, t.unitId)) : [];
  const [contract] = t.maintenanceContractId ? await db.select({ number: maintenanceContracts.number, startsOn: maintenanceContracts.startsOn, endsOn: maintenanceContracts.endsOn }).from(maintenanceContracts).where(eq(maintenanceContracts.id, t.maintenanceContractId)) : [];
  const quotes = t.coverage === "paid" ? await db.select().from(serviceQuotes).where(eq(serviceQuotes.ticketId, t.id)).orderBy(desc(serviceQuotes.createdAt)) : [];
  const quote = quotes.find((q) => q.decision === "accepted") ?? quotes[0] ?? null;
  const [signature] = t.customerSignatureFileId ? await db.select({ bytes: files.bytes, mime: files.mime }).from(files).where(eq(files.id, t.customerSignatureFileId)) : [];
  const clock = warrantyClock((row.project.snapshot as { context?: { acceptedOn?: string | null; warrantyEndsOn?: string | null } } | null)?.context, shanghaiDate(new Date().toISOString()));
  return {
    ticket: {
      number: t.number, channel: t.channel, status: t.status, reporterName: t.reporterName, contactPhone: t.contactPhone, siteAddress: t.siteAddress,
      description: t.description, diagnosis: t.diagnosis, coverage: t.coverage ?? null, exclusion: t.exclusion, causeCategory: t.causeCategory,
      partsReplaced: t.partsReplaced, minutesSpent: t.minutesSpent, resolution: t.resolution, customerSignerName: t.customerSignerName,
      receivedAt: t.receivedAt.toISOString(), contactDueAt: t.contactDueAt.toISOString(), contactedAt: iso(t.contactedAt), diagnosedAt: iso(t.diagnosedAt),
      arrivalDueAt: iso(t.arrivalDueAt), scheduledFor: iso(t.scheduledFor), onSiteAt: iso(t.onSiteAt), resolvedAt: iso(t.resolvedAt), confirmedAt: iso(t.confirmedAt),
    },
    project: { code: row.project.code, name: row.project.name, siteAddress: row.project.siteAddress, client: row.client ?? "" },
    unit: unit ?? null,
    serialNumber: t.serialNumber,
    warrantyEndsOn: clock?.endsOn ?? null,
    contract: contract ?? null,
    quote: quote ? { amountFen: Number(quote.amountFen), items: quote.items, validUntil: quote.validUntil, decision: quote.decision ?? null, decidedName: quote.decidedName, decidedAt: iso(quote.decidedAt) } : null,
    technician: row.technician ?? "",
    // pdfkit draws PNG and JPEG only.
    signaturePng: signature && (signature.mime === "image/png" || signature.mime === "image/jpeg") ? Buffer.from(signature.bytes) : null,
  };
}

/** The caller authorises (requireTicketAccess). Null for an unknown ticket. */
export async function issueServiceRecord(db: Db, { ticketId, userId }: { ticketId: string; userId: string | null }): Promise<DocumentRow | null> {
  const data = await loadServiceRecordData(db, ticketId);
  if (!data) return null;
  const companyName = await ownCompanyName(db);
  const { signaturePng, ...printed } = data;
  const labels = {
    exclusion: data.ticket.exclusion ? (EXCLUSIONS.find((e) => e.code === data.ticket.exclusion)?.zh ?? data.ticket.exclusion) : null,
    cause: data.ticket.causeCategory ? (CAUSE_CATEGORIES.find((c) => c.code === data.ticket.causeCategory)?.zh ?? data.ticket.causeCategory) : null,
  };
  // SLA wording depends on the time for an open step: keep the day in the hash so it is redrawn daily.
  const contentHash = sha256Hex(canonicalJson({ printed, signature: signaturePng ? sha256Hex(signaturePng) : null, companyName, labels, day: data.ticket.confirmedAt ? null : shanghaiDate(new Date().toISOString()) }));
  return db.transaction(async (tx) => {
    const [ticket] = await tx.select({ id: serviceTickets.id, projectId: serviceTickets.projectId, number: serviceTickets.number }).from(serviceTickets).where(eq(serviceTickets.id, ticketId)).for("update");
    if (!ticket) return null;
    const prefix = `${DOCUMENT_PREFIXES.serviceRecord}-${ticket.number}-V`;
    const same = and(eq(documents.projectId, ticket.projectId), eq(documents.kind, "serviceRecord"), like(documents.number, `${prefix}%`));
    const [current] = await tx.select().from(documents).where(and(same, isNull(documents.supersededAt))).orderBy(desc(documents.version)).limit(1);
    if (current && current.contentHash === contentHash) return current;
    const [latest] = await tx.select({ version: documents.version }).from(documents).where(same).orderBy(desc(documents.version)).limit(1);
    const version = (latest?.version ?? 0) + 1;
    let shortCode = newShortCode();
    for (let i = 0; i < 5 && (await tx.select({ id: documents.id }).from(documents).where(eq(documents.shortCode, shortCode)).limit(1)).length; i++) shortCode = newShortCode();
    const number = `${prefix}${version}`;
    const createdAt = new Date();
    const bytes = await drawServiceRecord(data, labels, { number, shortCode, verifyUrl: verifyUrl(shortCode), version, createdAt, companyName });
    const sha256 = sha256Hex(bytes);
    const [file] = await tx.insert(files).values({ projectId: ticket.projectId, name: `${SERVICE_RECORD_TITLE}-${number}.pdf`, mime: "application/pdf", size: bytes.length, sha256, bytes, uploadedBy: userId }).returning({ id: files.id });
    if (current) await tx.update(documents).set({ supersededAt: createdAt }).where(eq(documents.id, current.id));
    const [doc] = await tx
      .insert(documents)
      .values({ projectId: ticket.projectId, kind: "serviceRecord", version, title: SERVICE_RECORD_TITLE, number, shortCode, sha256, contentHash, fileId: file.id, createdBy: userId, createdAt })
      .returning();
    return doc;
  });
}
