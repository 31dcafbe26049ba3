// The projects list: one query for the page (client and pm names joined) and one count query.
import { and, asc, desc, eq, ilike, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "#db/client";
import { companies, projects, userRoles, users } from "#db/schema";
import { STAGES } from "#machines/types";
import { projectVisibility, seesAllProjects } from "~/lib/permissions.server";
import type { SessionUser } from "~/lib/session.server";
import { likePattern } from "~/lib/like-pattern";
export { likePattern };

export const PAGE_SIZE = 25;

export interface ProjectListQuery {
  q?: string;
  stage?: string;
  pmId?: string;
  clientId?: string;
  page?: number;
}

export interface ProjectListRow {
  id: string;
  code: string;
  name: string;
  stage: string;
  clientName: string;
  pmName: string;
  clientContractAmountFen: number;
  plannedStartOn: string | null;
  plannedFinishOn: string | null;
  updatedAt: string;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;


/** Reads the list query from the URL, dropping anything malformed (a bookmark never errors). */
export function parseListQuery(params: URLSearchParams): Required<ProjectListQuery> {
  const q = (params.get("q") ?? "").trim().slice(0, 100);
  const stage = params.get("stage") ?? "";
  const pmId = params.get("pm") ?? "";
  const clientId = params.get("client") ?? "";
  const page = Number.parseInt(params.get("page") ?? "1", 10);
  return {
    q,
    stage: (STAGES as readonly string[]).includes(stage) ? stage : "",
    pmId: UUID_RE.test(pmId) ? pmId : "",
    clientId: UUID_RE.test(clientId) ? clientId : "",
    page: Number.isFinite(page) && page > 0 && page < 100_000 ? page : 1,
  };
}

export async function listProjects(
  db: Db,
  user: SessionUser,
  query: ProjectListQuery,
): Promise<{ rows: ProjectListRow[]; total: number; page: number; pageSize: number }> {
  const conditions: SQL[] = [];
  const visibility = projectVisibility(user);
  if (visibility) conditions.push(visibility);
  if (query.stage) conditions.push(eq(projects.stage, query.stage));
  if (query.pmId) conditions.push(eq(projects.pmId, query.pmId));
  if (query.clientId) conditions.push(eq(projects.clientId, query.clientId));
  const q = query.q?.trim();
  if (q) {
    const pattern = likePattern(q);
    conditions.push(
      or(ilike(projects.code, pattern), ilike(projects.name, pattern), ilike(projects.siteAddress, pattern), ilike(companies.name, pattern))!,
    );
  }
  const where = conditions.length ? and(...conditions) : undefined;
  const page = Math.max(1, query.page ?? 1);

  const [rows, [count]] = await Promise.all([
    db
      .select({
        id: projects.id,
        code: projects.code,
        name: projects.name,
        stage: projects.stage,
        clientName: companies.name,
        pmName: users.name,
        clientContractAmountFen: projects.clientContractAmountFen,
        plannedStartOn: projects.plannedStartOn,
        plannedFinishOn: projects.plannedFinishOn,
        updatedAt: projects.updatedAt,
      })
      .from(projects)
      .innerJoin(companies, eq(companies.id, projects.clientId))
      .innerJoin(users, eq(users.id, projects.pmId))
      .where(where)
      .orderBy(desc(projects.updatedAt), desc(projects.id))
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE),
    // The client join is needed only when searching by client name.
    (q
      ? db.select({ n: sql<number>`count(*)::int` }).from(projects).innerJoin(companies, eq(companies.id, projects.clientId))
      : db.select({ n: sql<number>`count(*)::int` }).from(projects)
    ).where(where),
  ]);
  return {
    rows: rows.map((r) => ({ ...r, updatedAt: r.updatedAt.toISOString() })),
    total: Number(count?.n ?? 0),
    page,
    pageSize: PAGE_SIZE,
  };
}

/**
 * Choices for the pm and client filters. Users who see every project get every pm and client;
 * others only those of projects they can see, so the filter leaks no other names.
 */
export async function listFilterOptions(db: Db, user: SessionUser): Promise<{ pms: { id: string; name: string }[]; clients: { id: string; name: string }[] }> {
  if (seesAllProjects(user)) {
    const [pms, clients] = await Promise.all([
      db
        .select({ id: users.id, name: users.name })
        .from(users)
        .innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, "pm")))
        .orderBy(asc(users.name)),
      db.select({ id: companies.id, name: companies.name }).from(companies).where(and(eq(companies.kind, "client"), isNull(companies.archivedAt))).orderBy(asc(companies.name)),
    ]);
    return { pms, clients };
  }
  const visibility = projectVisibility(user);
  const [pms, clients] = await Promise.all([
    db
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(inArray(users.id, db.select({ id: projects.pmId }).from(projects).where(visibility)))
      .orderBy(asc(users.name)),
    db
      .select({ id: companies.id, name: companies.name })
      .from(companies)
      .where(inArray(companies.id, db.select({ id: projects.clientId }).from(projects).where(visibility)))
      .orderBy(asc(companies.name)),
  ]);
  return { pms, clients };
}
