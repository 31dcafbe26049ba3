import { asc, isNull } from "drizzle-orm";
import type { Db } from "#db/client";
import { companies, type CompanyKind } from "#db/schema";

/** Companies for a select box (users belong to one), grouped by kind in the UI. */
export async function listCompanyOptions(db: Db): Promise<{ id: string; name: string; kind: CompanyKind }[]> {
  return db
    .select({ id: companies.id, name: companies.name, kind: companies.kind })
    .from(companies)
    .where(isNull(companies.archivedAt))
    .orderBy(asc(companies.kind), asc(companies.name));
}
