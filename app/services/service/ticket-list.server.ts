// The service tickets a user may see, with the SLA steps that are overdue at `now`: contact
// (not contacted, now past contactDueAt) and arrival (not on site, now past arrivalDueAt). One
// query with its joins, whatever the number of tickets (the warranty page and the API use it too).
import { aliasedTable, and, asc, count, desc, eq, ilike, isNotNull, isNull, lt, ne, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "#db/client";
import { projects, serviceTickets, users } from "#db/schema";
import { likePattern } from "~/lib/like-pattern";
import type { SessionUser } from "~/lib/session.server";
import { ticketProjectScope, canUseTickets } from "./ticket-access.server";
import { TICKET_CHANNELS, TICKET_STATUSES, type TicketChannel, type TicketStatus } from "./vocabulary";

export type TicketStatusFilter = TicketStatus | "open";

export interface TicketFilters {
  projectId?: string;
  status?: TicketStatusFilter;
  channel?: TicketChannel;
  /** Only tickets with an overdue step. */
  overdue?: boolean;
  /** Part of the project's code or name (the list's project box). */
  projectQuery?: string;
  now: Date;
  limit?: number;
  offset?: number;
}

export interface TicketListRow {
  id: string;
  number: string;
  projectId: string;
  projectCode: string;
  projectName: string;
  channel: TicketChannel;
  status: TicketStatus;
  area: "city" | "suburb";
  reporterName: string;
  coverage: "warranty" | "contract" | "paid" | null;
  receivedAt: string;
  contactDueAt: string;
  contactedAt: string | null;
  arrivalDueAt: string | null;
  onSiteAt: string | null;
  closedAt: string | null;
  assignedTo: string | null;
  technicianName: string | null;
  contactOverdue: boolean;
  arrivalOverdue: boolean;
}

export interface OverdueStep {
  ticketId: string;
  number: string;
  projectCode: string;
  projectName: string;
  step: "contact" | "arrival";
  dueAt: string;
  technicianName: string | null;
}

/** A status filter from a query string; undefined for "all" or anything unknown. */
export function parseStatusFilter(raw: string | null | undefined): TicketStatusFilter | undefined {
  return raw === "open" || (TICKET_STATUSES as readonly string[]).includes(raw ?? "") ? (raw as TicketStatusFilter) : undefined;
}

export function parseChannelFilter(raw: string | null | undefined): TicketChannel | undefined {
  return (TICKET_CHANNELS as readonly string[]).includes(raw ?? "") ? (raw as TicketChannel) : undefined;
}

const contactOverdue = (now: Date) => and(isNull(serviceTickets.contactedAt), isNull(serviceTickets.closedAt), lt(serviceTickets.contactDueAt, now))!;
const arrivalOverdue = (now: Date) =>
  and(isNull(serviceTickets.onSiteAt), isNull(serviceTickets.closedAt), isNotNull(serviceTickets.arrivalDueAt), lt(serviceTickets.arrivalDueAt, now))!;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function ticketConditions(user: Pick<SessionUser, "id" | "roles">, filters: TicketFilters): SQL | undefined {
  const { now } = filters;
  const conditions: (SQL | undefined)[] = [ticketProjectScope(user)];
  if (filters.projectId) conditions.push(/^[0-9a-f-]{36}$/i.test(filters.projectId) ? eq(serviceTickets.projectId, filters.projectId) : sql`false`);
  const q = filters.projectQuery?.trim();
  if (q) conditions.push(or(ilike(projects.code, likePattern(q)), ilike(projects.name, likePattern(q))));
  if (filters.status === "open") conditions.push(ne(serviceTickets.status, "closed"));
  else if (filters.status) conditions.push(eq(serviceTickets.status, filters.status));
  if (filters.channel) conditions.push(eq(serviceTickets.channel, filters.channel));
  if (filters.overdue) conditions.push(or(contactOverdue(now), arrivalOverdue(now)));
  return and(...conditions);
}

/** How many tickets match (for paging and for "N more overdue"). */
export async function countTickets(db: Db, user: Pick<SessionUser, "id" | "roles">, filters: TicketFilters): Promise<number> {
  if (!canUseTickets(user)) return 0;
  const [row] = await db
    .select({ n: count() })
    .from(serviceTickets)
    .innerJoin(projects, eq(projects.id, serviceTickets.projectId))
    .where(ticketConditions(user, filters));
  return row?.n ?? 0;
}

export async function listTickets(db: Db, user: Pick<SessionUser, "id" | "roles">, filters: TicketFilters): Promise<TicketListRow[]> {
  if (!canUseTickets(user)) return [];
  const { now } = filters;
  const technician = aliasedTable(users, "technician");
  const rows = await db
    .select({
      id: serviceTickets.id,
      number: serviceTickets.number,
      projectId: serviceTickets.projectId,
      projectCode: projects.code,
      projectName: projects.name,
      channel: serviceTickets.channel,
      status: serviceTickets.status,
      area: serviceTickets.area,
      reporterName: serviceTickets.reporterName,
      coverage: serviceTickets.coverage,
      receivedAt: serviceTickets.receivedAt,
      contactDueAt: serviceTickets.contactDueAt,
      contactedAt: serviceTickets.contactedAt,
      arrivalDueAt: serviceTickets.arrivalDueAt,
      onSiteAt: serviceTickets.onSiteAt,
      closedAt: serviceTickets.closedAt,
      assignedTo: serviceTickets.assignedTo,
      technicianName: technician.name,
    })
    .from(serviceTickets)
    .innerJoin(projects, eq(projects.id, serviceTickets.projectId))
    .leftJoin(technician, eq(technician.id, serviceTickets.assignedTo))
    .where(ticketConditions(user, filters))
    // Overdue only: the longest-waiting first (the most urgent); otherwise the newest first.
    .orderBy(...(filters.overdue ? [asc(serviceTickets.receivedAt), asc(serviceTickets.number)] : [desc(serviceTickets.receivedAt), desc(serviceTickets.number)]))
    .limit(Math.min(Math.max(filters.limit ?? 200, 1), 500))
    .offset(Math.max(filters.offset ?? 0, 0));
  const t = now.getTime();
  // The same rules as the SQL above, on the fetched values (no second query).
  return rows.map((r) => ({
    ...r,
    status: r.status as TicketStatus,
    receivedAt: r.receivedAt.toISOString(),
    contactDueAt: r.contactDueAt.toISOString(),
    contactedAt: iso(r.contactedAt),
    arrivalDueAt: iso(r.arrivalDueAt),
    onSiteAt: iso(r.onSiteAt),
    closedAt: iso(r.closedAt),
    contactOverdue: !r.contactedAt && !r.closedAt && r.contactDueAt.getTime() < t,
    arrivalOverdue: !r.onSiteAt && !r.closedAt && r.arrivalDueAt !== null && r.arrivalDueAt.getTime() < t,
  }));
}

/** The overdue steps of the given tickets, the most overdue first. */
export function overdueSteps(rows: TicketListRow[]): OverdueStep[] {
  const steps: OverdueStep[] = [];
  for (const r of rows) {
    const base = { ticketId: r.id, number: r.number, projectCode: r.projectCode, projectName: r.projectName, technicianName: r.technicianName };
    if (r.contactOverdue) steps.push({ ...base, step: "contact", dueAt: r.contactDueAt });
    if (r.arrivalOverdue && r.arrivalDueAt) steps.push({ ...base, step: "arrival", dueAt: r.arrivalDueAt });
  }
  return steps.sort((a, b) => a.dueAt.localeCompare(b.dueAt));
}
