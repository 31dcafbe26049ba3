// The service reports (issue 7 §7): tickets per month by cause category and by coverage, SLA
// breaches, technician ratings and warranties expiring per month. Each is one grouped query;
// months are Beijing months (to_char … AT TIME ZONE 'Asia/Shanghai'), missing months are zeros.
import { and, count, eq, gte, lt, sql } from "drizzle-orm";
import type { Db } from "#db/client";
import { projects, satisfactionSurveys, serviceTickets, users } from "#db/schema";
import { notFound } from "~/lib/http.server";
import type { SessionUser } from "~/lib/session.server";
import { addMonths, monthsOf, type MonthRange } from "./report-range";
import { CAUSE_CATEGORIES, COVERAGES } from "./vocabulary";

const REPORT_ROLES = ["service", "management", "admin"] as const;
export const canViewServiceReports = (user: Pick<SessionUser, "roles">) => user.roles.some((r) => (REPORT_ROLES as readonly string[]).includes(r));

/** Tickets not yet resolved have no cause; not yet diagnosed, no coverage. */
export const CAUSE_KEYS = [...CAUSE_CATEGORIES.map((c) => c.code), "pending"] as string[];
export const COVERAGE_KEYS = [...COVERAGES, "undecided"] as string[];

export interface MonthCounts {
  month: string;
  counts: Record<string, number>;
  total: number;
}

export interface SlaMonth {
  month: string;
  tickets: number;
  contactLate: number;
  arrivalLate: number;
}

export interface TechnicianRating {
  technicianId: string | null;
  name: string | null;
  count: number;
  attitude: number;
  skill: number;
  arrivalTime: number;
  promisesKept: number;
  /** mean of the four aspects */
  average: number;
  flagged: number;
}

export interface WarrantyMonth {
  month: string;
  count: number;
  projects: { id: string; code: string; name: string; warrantyEndsOn: string }[];
}

export interface ServiceReports {
  from: string;
  to: string;
  months: string[];
  byCause: MonthCounts[];
  byCoverage: MonthCounts[];
  sla: SlaMonth[];
  ratings: TechnicianRating[];
  warranties: WarrantyMonth[];
}

const shanghaiMonth = (column: unknown) => sql<string>`to_char(${column} AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')`;
/** The first instant of a Beijing month. */
const monthStart = (month: string) => new Date(`${month}-01T00:00:00+08:00`);
const warrantyEndsOn = sql<string | null>`(${projects.snapshot}->'context'->>'warrantyEndsOn')`;

function byMonth(months: string[], keys: string[], rows: { month: string; key: string; n: number }[]): MonthCounts[] {
  const table = new Map(months.map((m) => [m, { month: m, counts: Object.fromEntries(keys.map((k) => [k, 0])) as Record<string, number>, total: 0 }]));
  for (const r of rows) {
    const entry = table.get(r.month);
    if (!entry) continue;
    entry.counts[r.key] = (entry.counts[r.key] ?? 0) + Number(r.n);
    entry.total += Number(r.n);
  }
  return [...table.values()];
}

const round2 = (v: unknown) => Math.round(Number(v ?? 0) * 100) / 100;

export async function loadServiceReports(db: Db, user: SessionUser, range: MonthRange, now = new Date()): Promise<ServiceReports> {
  if (!canViewServiceReports(user)) notFound();
  const months = monthsOf(range);
  const start = monthStart(range.from);
  const end = monthStart(addMonths(range.to, 1));
  const received = and(gte(serviceTickets.receivedAt, start), lt(serviceTickets.receivedAt, end));
  const ticketMonth = shanghaiMonth(serviceTickets.receivedAt);
  const cause = sql<string>`coalesce(${serviceTickets.causeCategory}, 'pending')`;
  const coverage = sql<string>`coalesce(${serviceTickets.coverage}, 'undecided')`;
  const surveyMonthStart = and(gte(satisfactionSurveys.submittedAt, start), lt(satisfactionSurveys.submittedAt, end));
  const endsFrom = `${range.from}-01`;
  const endsBefore = `${addMonths(range.to, 1)}-01`;
  const warrantyRange = and(sql`${warrantyEndsOn} >= ${endsFrom}`, sql`${warrantyEndsOn} < ${endsBefore}`, sql`${warrantyEndsOn} ~ '^\\d{4}-\\d{2}-\\d{2}$'`);
  const nowIso = now.toISOString();

  const [causeRows, coverageRows, slaRows, ratingRows, warrantyCounts, warrantyProjects] = await Promise.all([
    db.select({ month: ticketMonth, key: cause, n: count() }).from(serviceTickets).where(received).groupBy(ticketMonth, cause),
    db.select({ month: ticketMonth, key: coverage, n: count() }).from(serviceTickets).where(received).groupBy(ticketMonth, coverage),
    // Late: done after the deadline, or still not done (and not closed) after it.
    db
      .select({
        month: ticketMonth,
        tickets: count(),
        contactLate: sql<number>`count(*) filter (where ${serviceTickets.contactedAt} > ${serviceTickets.contactDueAt} or (${serviceTickets.contactedAt} is null and ${serviceTickets.status} <> 'closed' and ${serviceTickets.contactDueAt} < ${nowIso}::timestamptz))`.mapWith(Number),
        arrivalLate: sql<number>`count(*) filter (where ${serviceTickets.arrivalDueAt} is not null and (${serviceTickets.onSiteAt} > ${serviceTickets.arrivalDueAt} or (${serviceTickets.onSiteAt} is null and ${serviceTickets.status} <> 'closed' and ${serviceTickets.arrivalDueAt} < ${nowIso}::timestamptz)))`.mapWith(Number),
      })
      .from(serviceTickets)
      .where(received)
      .groupBy(ticketMonth),
    db
      .select({
        technicianId: satisfactionSurveys.technicianId,
        name: users.name,
        count: count(),
        attitude: sql<string>`round(avg(${satisfactionSurveys.attitude}), 2)`,
        skill: sql<string>`round(avg(${satisfactionSurveys.skill}), 2)`,
        arrivalTime: sql<string>`round(avg(${satisfactionSurveys.arrivalTime}), 2)`,
        promisesKept: sql<string>`round(avg(${satisfactionSurveys.promisesKept}), 2)`,
        average: sql<string>`round(avg((${satisfactionSurveys.attitude} + ${satisfactionSurveys.skill} + ${satisfactionSurveys.arrivalTime} + ${satisfactionSurveys.promisesKept}) / 4.0), 2)`,
        flagged: sql<number>`count(*) filter (where ${satisfactionSurveys.flagged})`.mapWith(Number),
      })
      .from(satisfactionSurveys)
      .leftJoin(users, eq(users.id, satisfactionSurveys.technicianId))
      .where(surveyMonthStart)
      .groupBy(satisfactionSurveys.technicianId, users.name),
    db
      .select({ month: sql<string>`substr(${warrantyEndsOn}, 1, 7)`, n: count() })
      .from(projects)
      .where(warrantyRange)
      .groupBy(sql`substr(${warrantyEndsOn}, 1, 7)`),
    db
      .select({ id: projects.id, code: projects.code, name: projects.name, warrantyEndsOn: sql<string>`${warrantyEndsOn}` })
      .from(projects)
      .where(warrantyRange)
      .orderBy(warrantyEndsOn, projects.code)
      .limit(2000),
  ]);

  const sla = new Map(months.map((m) => [m, { month: m, tickets: 0, contactLate: 0, arrivalLate: 0 }]));
  for (const r of slaRows) {
    const e = sla.get(r.month);
    if (e) Object.assign(e, { tickets: Number(r.tickets), contactLate: Number(r.contactLate), arrivalLate: Number(r.arrivalLate) });
  }
  const warranties = new Map<string, WarrantyMonth>(months.map((m) => [m, { month: m, count: 0, projects: [] }]));
  for (const r of warrantyCounts) {
    const e = warranties.get(r.month);
    if (e) e.count = Number(r.n);
  }
  for (const p of warrantyProjects) warranties.get(p.warrantyEndsOn.slice(0, 7))?.projects.push(p);

  return {
    from: range.from,
    to: range.to,
    months,
    byCause: byMonth(months, CAUSE_KEYS, causeRows),
    byCoverage: byMonth(months, COVERAGE_KEYS, coverageRows),
    sla: [...sla.values()],
    ratings: ratingRows
      .map((r) => ({
        technicianId: r.technicianId,
        name: r.name,
        count: Number(r.count),
        attitude: round2(r.attitude),
        skill: round2(r.skill),
        arrivalTime: round2(r.arrivalTime),
        promisesKept: round2(r.promisesKept),
        average: round2(r.average),
        flagged: Number(r.flagged),
      }))
      .sort((a, b) => (a.name ?? "\uffff").localeCompare(b.name ?? "\uffff", "zh-CN")),
    warranties: [...warranties.values()],
  };
}
