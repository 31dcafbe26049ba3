import { asc, desc, eq, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "#db/client";
import { bidDecisions, bidRecommendations, companies, projects, quoteLines, quotes, users } from "#db/schema";
import { shanghaiDate } from "~/lib/calendar";
import { notFound } from "~/lib/http.server";
import { requireVisibleProject } from "~/lib/permissions.server";
import type { SessionUser } from "~/lib/session.server";
import { parseQuantity, spreadPercent } from "~/lib/quote-math";
import { loadValidQuotes } from "~/services/projects/facts.server";
import type { ComparisonCompany, ComparisonData, ComparisonLine } from "./comparison-types";

/** Why a latest revision does not count, as catalogue keys (shown greyed beside the quote). */
export const INVALID_REASON_KEYS = {
  withdrawn: "bidding.comparison.invalid.withdrawn",
  expired: "bidding.comparison.invalid.expired",
  zeroTotal: "bidding.comparison.invalid.zeroTotal",
} as const;

/** Matching key of a line: the same item, spec and unit typed with different spacing is one row. */
export function lineKey(item: string, spec: string, unit: string): string {
  const norm = (s: string) => s.trim().replace(/\s+/g, " ");
  return `${norm(item)}\u0000${norm(spec)}\u0000${norm(unit)}`;
}

/**
 * The project row if this user may see its bidding (prices of competing companies): its own pm,
 * management, admin and finance. Everyone else — another pm, the service desk, external
 * parties — gets the same 404 as for a project that does not exist.
 */
export async function requireComparisonViewer(db: Db, user: SessionUser, projectId: string) {
  const project = await requireVisibleProject(db, user, projectId);
  const ownPm = user.roles.includes("pm") && project.pmId === user.id;
  if (!ownPm && !user.roles.some((r) => r === "management" || r === "admin" || r === "finance")) notFound();
  return project;
}

type QuoteRow = typeof quotes.$inferSelect & { vendorName: string };

/**
 * The comparison (比价) of one project as of `now`. Validity is decided by the same query the
 * machine's guard uses (loadValidQuotes, Asia/Shanghai today), so the page, the export and the PDF
 * can never count a quote the machine would not. The caller authorises; this only reads.
 */
export async function loadComparison(db: Db, projectId: string, now = new Date()): Promise<ComparisonData> {
  const pmUser = alias(users, "pm_user");
  const [project] = await db
    .select({ id: projects.id, code: projects.code, name: projects.name, clientName: companies.name, siteAddress: projects.siteAddress, pmName: pmUser.name })
    .from(projects)
    .innerJoin(companies, eq(companies.id, projects.clientId))
    .innerJoin(pmUser, eq(pmUser.id, projects.pmId))
    .where(eq(projects.id, projectId));
  if (!project) notFound();

  const today = shanghaiDate(now.toISOString());
  const validIds = new Set((await loadValidQuotes(db, projectId, today)).map((q) => q.vendorId));

  const all: QuoteRow[] = await db
    .select({ quote: quotes, vendorName: companies.name })
    .from(quotes)
    .innerJoin(companies, eq(companies.id, quotes.vendorId))
    .where(eq(quotes.projectId, projectId))
    .orderBy(asc(quotes.vendorId), asc(quotes.revision))
    .then((rows) => rows.map((r) => ({ ...r.quote, vendorName: r.vendorName })));

  const byVendor = new Map<string, QuoteRow[]>();
  for (const q of all) byVendor.set(q.vendorId, [...(byVendor.get(q.vendorId) ?? []), q]);
  const latest = [...byVendor.values()].map((revs) => revs[revs.length - 1]!);

  const lowestValid = Math.min(...latest.filter((q) => validIds.has(q.vendorId)).map((q) => q.totalFen));
  const companyRows: ComparisonCompany[] = latest.map((q) => {
    const valid = validIds.has(q.vendorId);
    return {
      vendorId: q.vendorId,
      vendorName: q.vendorName,
      quoteId: q.id,
      revision: q.revision,
      history: byVendor
        .get(q.vendorId)!
        .slice(0, -1)
        .map((h) => ({ revision: h.revision, totalFen: h.totalFen, submittedAt: h.submittedAt.toISOString() })),
      totalFen: q.totalFen,
      spreadPercent: valid ? spreadPercent(q.totalFen, lowestValid) : 0,
      isLowest: valid && q.totalFen === lowestValid,
      valid,
      invalidReasons: valid ? [] : invalidReasons(q, today),
      terms: {
        contractingMethod: q.contractingMethod,
        scope: q.scope,
        durationDays: q.durationDays,
        requirements: q.requirements,
        paymentTerms: q.paymentTerms,
        maintenanceTerms: q.maintenanceTerms,
        validUntil: q.validUntil,
      },
      submittedAt: q.submittedAt.toISOString(),
      source: q.source,
    };
  });
  // Valid quotes first, cheapest first; then the ones that do not count.
  companyRows.sort((a, b) => Number(b.valid) - Number(a.valid) || a.totalFen - b.totalFen || a.vendorName.localeCompare(b.vendorName, "zh-CN"));

  const [lines, recommendation, decision] = await Promise.all([matchLines(db, companyRows), loadRecommendation(db, projectId), loadDecision(db, projectId)]);
  return {
    project,
    companies: companyRows,
    lines,
    recommendation,
    decision,
    validCompanyCount: validIds.size,
    generatedAt: now.toISOString(),
  };
}

/** The same three conditions as loadValidQuotes, named so people see which one failed. */
function invalidReasons(q: QuoteRow, today: string): string[] {
  const out: string[] = [];
  if (q.withdrawnAt) out.push(INVALID_REASON_KEYS.withdrawn);
  if (q.validUntil < today) out.push(INVALID_REASON_KEYS.expired);
  if (q.totalFen <= 0) out.push(INVALID_REASON_KEYS.zeroTotal);
  return out;
}

/**
 * Rows of the matrix, in the order the companies (cheapest first) listed them. A company that
 * quotes the same item twice gets its second line matched with others' second line, not merged.
 */
async function matchLines(db: Db, companyRows: ComparisonCompany[]): Promise<ComparisonLine[]> {
  if (companyRows.length === 0) return [];
  const rows = await db
    .select()
    .from(quoteLines)
    .where(
      inArray(
        quoteLines.quoteId,
        companyRows.map((c) => c.quoteId),
      ),
    )
    .orderBy(asc(quoteLines.position));
  const lines = new Map<string, ComparisonLine>();
  for (const company of companyRows) {
    const seen = new Map<string, number>();
    for (const l of rows.filter((r) => r.quoteId === company.quoteId)) {
      const base = lineKey(l.item, l.spec, l.unit);
      const n = (seen.get(base) ?? 0) + 1;
      seen.set(base, n);
      const key = `${base}\u0000${n}`;
      const line = lines.get(key) ?? { item: l.item.trim(), spec: l.spec.trim(), unit: l.unit.trim(), cells: {}, lowestVendorIds: [] };
      line.cells[company.vendorId] = { quantityMilli: parseQuantity(String(l.quantity)) ?? 0, unitPriceFen: l.unitPriceFen, amountFen: l.amountFen };
      lines.set(key, line);
    }
  }
  const valid = new Set(companyRows.filter((c) => c.valid).map((c) => c.vendorId));
  for (const line of lines.values()) {
    const priced = Object.entries(line.cells).filter(([vendorId]) => valid.has(vendorId));
    if (priced.length === 0) continue;
    const min = Math.min(...priced.map(([, c]) => c.unitPriceFen));
    line.lowestVendorIds = priced.filter(([, c]) => c.unitPriceFen === min).map(([vendorId]) => vendorId);
  }
  return [...lines.values()];
}

async function loadRecommendation(db: Db, projectId: string): Promise<ComparisonData["recommendation"]> {
  const [rec] = await db
    .select({ vendorId: bidRecommendations.vendorId, vendorName: companies.name, reason: bidRecommendations.reason, by: users.name, at: bidRecommendations.updatedAt })
    .from(bidRecommendations)
    .innerJoin(companies, eq(companies.id, bidRecommendations.vendorId))
    .innerJoin(users, eq(users.id, bidRecommendations.createdBy))
    .where(eq(bidRecommendations.projectId, projectId));
  return rec ? { ...rec, at: rec.at.toISOString() } : null;
}

async function loadDecision(db: Db, projectId: string): Promise<ComparisonData["decision"]> {
  const [d] = await db
    .select({ kind: bidDecisions.kind, vendorId: bidDecisions.vendorId, vendorName: companies.name, reason: bidDecisions.reason, by: users.name, at: bidDecisions.decidedAt })
    .from(bidDecisions)
    .leftJoin(companies, eq(companies.id, bidDecisions.vendorId))
    .leftJoin(users, eq(users.id, bidDecisions.decidedBy))
    .where(eq(bidDecisions.projectId, projectId))
    .orderBy(desc(bidDecisions.decidedAt), desc(bidDecisions.id))
    .limit(1);
  return d ? { ...d, by: d.by ?? "", at: d.at.toISOString() } : null;
}
