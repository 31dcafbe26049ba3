import { and, desc, eq } from "drizzle-orm";
import type { Db } from "#db/client";
import { companies, companyQualifications, files } from "#db/schema";
import { getCompanyWithContacts, type AdminCompany, type AdminContact } from "~/services/admin/get-company.server";
import { expiryState, QUALIFICATION_KINDS, type ExpiryState, type QualificationKind } from "./qualification-status.server";
import { listVendors, type VendorListItem } from "./list-vendors.server";

export interface VendorQualification {
  id: string;
  kind: QualificationKind;
  number: string;
  expiresOn: string | null;
  state: ExpiryState;
  daysLeft: number | null;
  file: { id: string; name: string; mime: string; size: number } | null;
  updatedAt: string;
}

export interface VendorDetail {
  company: AdminCompany;
  contacts: AdminContact[];
  /** One slot per kind, in display order; `current` is null when the kind is missing. */
  qualifications: { kind: QualificationKind; current: VendorQualification | null }[];
  summary: VendorListItem;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The installer's row, or null: another kind of company is not a vendor (and not shown here). */
export async function findVendor(db: Db, vendorId: string): Promise<AdminCompany | null> {
  if (!UUID.test(vendorId)) return null;
  const [row] = await db.select().from(companies).where(and(eq(companies.id, vendorId), eq(companies.kind, "installer")));
  return row ?? null;
}

/** The latest qualification per kind (older rows of a kind, if any, are history only). */
export async function currentQualifications(db: Db, vendorId: string, today: string): Promise<VendorDetail["qualifications"]> {
  const rows = await db
    .select({
      id: companyQualifications.id,
      kind: companyQualifications.kind,
      number: companyQualifications.number,
      expiresOn: companyQualifications.expiresOn,
      createdAt: companyQualifications.createdAt,
      fileId: files.id,
      fileName: files.name,
      fileMime: files.mime,
      fileSize: files.size,
    })
    .from(companyQualifications)
    .leftJoin(files, eq(files.id, companyQualifications.fileId))
    .where(eq(companyQualifications.companyId, vendorId))
    .orderBy(desc(companyQualifications.createdAt));
  return QUALIFICATION_KINDS.map((kind) => {
    const row = rows.find((r) => r.kind === kind);
    if (!row) return { kind, current: null };
    return {
      kind,
      current: {
        id: row.id,
        kind,
        number: row.number,
        expiresOn: row.expiresOn,
        ...expiryState(row.expiresOn, today),
        file: row.fileId ? { id: row.fileId, name: row.fileName ?? "", mime: row.fileMime ?? "", size: row.fileSize ?? 0 } : null,
        updatedAt: row.createdAt.toISOString(),
      },
    };
  });
}

export async function getVendor(db: Db, vendorId: string, today: string): Promise<VendorDetail | null> {
  const vendor = await findVendor(db, vendorId);
  if (!vendor) return null;
  const [withContacts, qualifications, summary] = await Promise.all([
    getCompanyWithContacts(db, vendor.id),
    currentQualifications(db, vendor.id, today),
    listVendors(db, { vendorId: vendor.id, limit: 1, offset: 0, today }),
  ]);
  if (!withContacts || !summary.items[0]) return null;
  return { company: withContacts.company, contacts: withContacts.contacts, qualifications, summary: summary.items[0] };
}
