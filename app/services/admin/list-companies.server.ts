import { and, asc, count, eq, ilike, or, sql } from "drizzle-orm";
import type { Db } from "#db/client";
import { companies, type CompanyKind } from "#db/schema";
import { likePattern } from "~/lib/like-pattern";

export interface AdminCompanyRow {
  id: string;
  kind: CompanyKind;
  name: string;
  creditCode: string | null;
  phone: string;
  address: string;
  contactCount: number;
}

export async function listCompanies(
  db: Db,
  options: { kind?: CompanyKind; q?: string; limit: number; offset: number },
): Promise<{ items: AdminCompanyRow[]; total: number }> {
  const q = options.q?.trim();
  const where = and(
    options.kind ? eq(companies.kind, options.kind) : undefined,
    q ? or(ilike(companies.name, likePattern(q)), ilike(companies.creditCode, likePattern(q))) : undefined,
  );
  const rows = await db
    .select({
      id: companies.id,
      kind: companies.kind,
      name: companies.name,
      creditCode: companies.creditCode,
      phone: companies.phone,
      address: companies.address,
      // A bare ${companies.id} renders as "id" here, which inside the subquery would mean contacts.id.
      contactCount: sql<number>`(select count(*) from contacts c where c.company_id = ${companies}."id")`.mapWith(Number),
    })
    .from(companies)
    .where(where)
    .orderBy(asc(companies.kind), asc(companies.name))
    .limit(options.limit)
    .offset(options.offset);
  const [{ total }] = await db.select({ total: count() }).from(companies).where(where);
  return { items: rows, total: Number(total) };
}
