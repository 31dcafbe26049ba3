// Issues the project's 质量保修卡 (warranty card) once the project is accepted: the units
// registered at acceptance, the warranty dates from the machine's context, and the QR code of the
// public service-request page (/s/<service code>). Unchanged data reuses the current document.
import { and, asc, eq, isNull, type SQL } from "drizzle-orm";
import type { Db } from "#db/client";
import { companies, installedUnits, projects } from "#db/schema";
import { drawWarrantyCard, WARRANTY_CARD_TITLE, type WarrantyCardData } from "#templates/pdf/warranty-card";
import { notFound } from "~/lib/http.server";
import { requireVisibleProject } from "~/lib/permissions.server";
import type { SessionUser } from "~/lib/session.server";
import { sha256Hex } from "~/lib/tokens.server";
import { canReadKind } from "~/services/documents/document-access.server";
import { getDocumentFile } from "~/services/documents/find-document.server";
import { issueDocument, type DocumentRow } from "~/services/documents/issue-document.server";
import { pdfResponse } from "~/services/documents/pdf-response.server";
import { warrantyClock, WARRANTY_MONTHS } from "~/services/projects/warranty-clock";
import { canonicalJson } from "~/services/review/canonical";
import { ensureServiceCode, groupServiceCode, serviceUrl } from "./service-code.server";

type ProjectRow = typeof projects.$inferSelect;

/** The acceptance date and last day of the warranty, or null before acceptance. */
export function projectWarranty(project: Pick<ProjectRow, "snapshot">): { acceptedOn: string; endsOn: string } | null {
  const context = (project.snapshot as { context?: { acceptedOn?: string | null; warrantyEndsOn?: string | null } } | null)?.context;
  // Any valid "today" gives the same dates; only acceptedOn/endsOn are used here.
  const clock = warrantyClock(context, "2000-01-01");
  return clock ? { acceptedOn: clock.acceptedOn, endsOn: clock.endsOn } : null;
}

async function companyRow(db: Db, where: SQL | undefined) {
  const [row] = await db.select({ name: companies.name, phone: companies.phone }).from(companies).where(where).orderBy(asc(companies.createdAt)).limit(1);
  return row ?? null;
}

/** What the card prints; null before acceptance. Issues the service code when there is none yet. */
export async function loadWarrantyCardData(db: Db, projectId: string): Promise<WarrantyCardData | null> {
  const [project] = await db.select().from(projects).where(eq(projects.id, projectId));
  if (!project) return null;
  const warranty = projectWarranty(project);
  if (!warranty) return null;
  const [client, own, units, code] = await Promise.all([
    companyRow(db, eq(companies.id, project.clientId)),
    companyRow(db, and(eq(companies.kind, "own"), isNull(companies.archivedAt))),
    db.select().from(installedUnits).where(eq(installedUnits.projectId, project.id)).orderBy(asc(installedUnits.createdAt), asc(installedUnits.id)),
    ensureServiceCode(db, project.id),
  ]);
  return {
    project: { code: project.code, name: project.name, siteAddress: project.siteAddress },
    client: client?.name ?? "",
    contractor: own?.name ?? "",
    acceptedOn: warranty.acceptedOn,
    warrantyEndsOn: warranty.endsOn,
    warrantyMonths: WARRANTY_MONTHS,
    units: units.map((u) => ({ name: u.name, model: u.model, quantity: u.quantity, location: u.location, serialNumbers: u.serialNumbers ?? [] })),
    hotline: own?.phone ?? "",
    serviceUrl: serviceUrl(code),
    serviceCodeDisplay: groupServiceCode(code),
  };
}

/** The 质量保修卡 of an accepted project (current version, or a new one when its data changed); null before acceptance. */
export async function issueWarrantyCard(db: Db, input: { projectId: string; userId: string | null }): Promise<DocumentRow | null> {
  const data = await loadWarrantyCardData(db, input.projectId);
  if (!data) return null;
  return issueDocument(db, {
    projectId: input.projectId,
    kind: "warrantyCard",
    title: WARRANTY_CARD_TITLE,
    contentHash: sha256Hex(canonicalJson({ data })),
    createdBy: input.userId,
    render: (meta) => drawWarrantyCard(data, { ...meta, companyName: data.contractor }),
  });
}

/** The PDF for the page and the API: anyone who may see the project; 404 before acceptance. */
export async function warrantyCardPdfResponse(db: Db, user: SessionUser, projectId: string): Promise<Response> {
  const project = await requireVisibleProject(db, user, projectId);
  if (!canReadKind(user, project, "warrantyCard")) notFound();
  const document = await issueWarrantyCard(db, { projectId: project.id, userId: user.id });
  if (!document) notFound();
  const file = await getDocumentFile(db, document);
  if (!file) notFound();
  return pdfResponse(file.bytes, file.name);
}
