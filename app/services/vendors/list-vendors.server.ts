import { and, asc, count, eq, ilike, isNull, or, sql } from "drizzle-orm";
import type { Db } from "#db/client";
import { companies, quotes } from "#db/schema";
import { likePattern } from "~/lib/like-pattern";
import { summariseQualifications, type QualificationSummary } from "./qualification-status.server";

export interface VendorListItem {
  id: string;
  name: string;
  creditCode: string | null;
  phone: string;
  address: string;
  qualifications: QualificationSummary;
  /** Distinct projects the company has quoted on. */
  quoteCount: number;
  awardCount: number;
  /** Projects with a signed installation contract. */
  projectCount: number;
  lastQuoteAt: string | null;
}

/*
 * Written out qualified: in a single-table select drizzle renders `${companies.id}` as a bare "id",
 * which inside a subquery would bind to the subquery's own table.
 */
const companyId = sql`${companies}."id"`;

/*
 * Every aggregate is a correlated subquery on an indexed column, evaluated only for the rows of
 * the page: one round trip per page however many companies there are (no query per row).
 */
const currentQualifications = sql<unknown>`coalesce((
  select json_agg(json_build_object('kind', x.kind, 'expiresOn', x.expires_on))
  from (select distinct on (cq.kind) cq.kind, cq.expires_on from company_qualifications cq
        where cq.company_id = ${companyId} order by cq.kind, cq.created_at desc) x), '[]'::json)`;
const quoteCount = sql<number>`(select count(distinct q.project_id) from quotes q where q.vendor_id = ${companyId})`.mapWith(Number);
const awardCount = sql<number>`(select count(*) from bid_decisions d where d.vendor_id = ${companyId} and d.kind = 'award')`.mapWith(Number);
const projectCount = sql<number>`(select count(*) from vendor_contracts vc where vc.vendor_id = ${companyId})`.mapWith(Number);
const lastQuoteAt = sql<Date | null>`(select max(q.submitted_at) from quotes q where q.vendor_id = ${companyId})`.mapWith(quotes.submittedAt);

function parseJson(value: unknown): { kind: string; expiresOn: string | null }[] {
  const parsed = typeof value === "string" ? JSON.parse(value) : value;
  return Array.isArray(parsed) ? parsed : [];
}

export interface ListVendorsOptions {
  q?: string;
  limit: number;
  offset: number;
  /** Civil date (Asia/Shanghai) the qualification status is computed for. */
  today: string;
  /** Only this company (the vendor page's summary). */
  vendorId?: string;
}

export async function listVendors(db: Db, options: ListVendorsOptions): Promise<{ items: VendorListItem[]; total: number }> {
  const q = options.q?.trim();
  const where = and(
    eq(companies.kind, "installer"),
    options.vendorId ? eq(companies.id, options.vendorId) : isNull(companies.archivedAt),
    q ? or(ilike(companies.name, likePattern(q)), ilike(companies.creditCode, likePattern(q.replace(/\s+/g, "")))) : undefined,
  );
  const rows = await db
    .select({
      id: companies.id,
      name: companies.name,
      creditCode: companies.creditCode,
      phone: companies.phone,
      address: companies.address,
      current: currentQualifications,
      quoteCount,
      awardCount,
      projectCount,
      lastQuoteAt,
    })
    .from(companies)
    .where(where)
    .orderBy(asc(companies.name), asc(companies.id))
    .limit(options.limit)
    .offset(options.offset);
  const [{ total }] = await db.select({ total: count() }).from(companies).where(where);
  const items = rows.map(({ current, lastQuoteAt: last, ...row }) => ({
    ...row,
    qualifications: summariseQualifications(parseJson(current), options.today),
    lastQuoteAt: last ? new Date(last).toISOString() : null,
  }));
  return { items, total: Number(total) };
}
