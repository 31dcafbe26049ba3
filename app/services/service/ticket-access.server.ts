// Who works with service tickets: the service staff and management on every project, a pm on
// their own projects. Everyone else (external parties, finance, vendors) gets a 404 — the list
// and the entry form do not exist for them.
import { and, eq, type SQL } from "drizzle-orm";
import type { Db } from "#db/client";
import { projects } from "#db/schema";
import { notFound } from "~/lib/http.server";
import type { SessionUser } from "~/lib/session.server";

type User = Pick<SessionUser, "id" | "roles">;

export function seesAllTickets(user: Pick<SessionUser, "roles">): boolean {
  return user.roles.includes("service") || user.roles.includes("management");
}

export function canUseTickets(user: Pick<SessionUser, "roles">): boolean {
  return seesAllTickets(user) || user.roles.includes("pm");
}

/** The condition on `projects` limiting tickets (and the projects offered for entry) to this user's. */
export function ticketProjectScope(user: User): SQL | undefined {
  if (seesAllTickets(user)) return undefined;
  return eq(projects.pmId, user.id);
}

/** 404 unless the user may use tickets at all. */
export function requireTicketUser<U extends User>(user: U): U {
  if (!canUseTickets(user)) notFound();
  return user;
}

/** The project a ticket is entered for, if this user may enter tickets for it (404 otherwise). */
export async function requireTicketProject(db: Db, user: User, projectId: string) {
  requireTicketUser(user);
  if (!/^[0-9a-f-]{36}$/i.test(projectId)) notFound();
  const scope = ticketProjectScope(user);
  const [project] = await db
    .select({ id: projects.id, code: projects.code, name: projects.name, siteAddress: projects.siteAddress, pmId: projects.pmId })
    .from(projects)
    .where(scope ? and(eq(projects.id, projectId), scope) : eq(projects.id, projectId))
    .limit(1);
  if (!project) notFound();
  return project;
}
