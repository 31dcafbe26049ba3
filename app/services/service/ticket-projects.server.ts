// Choosing the project on the staff entry form: search by code or name among the projects this
// user may serve, then that project's units (for the unit select) and site address (prefill).
import { and, asc, desc, eq, ilike, or } from "drizzle-orm";
import type { Db } from "#db/client";
import { installedUnits, projects } from "#db/schema";
import type { SessionUser } from "~/lib/session.server";
import { ticketProjectScope } from "./ticket-access.server";

export interface TicketProjectOption {
  id: string;
  code: string;
  name: string;
  siteAddress: string;
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function searchTicketProjects(db: Db, user: Pick<SessionUser, "id" | "roles">, query: string, limit = 20): Promise<TicketProjectOption[]> {
  const q = query.trim().slice(0, 100);
  const scope = ticketProjectScope(user);
  const match = q ? or(ilike(projects.code, `%${likeEscape(q)}%`), ilike(projects.name, `%${likeEscape(q)}%`)) : undefined;
  return db
    .select({ id: projects.id, code: projects.code, name: projects.name, siteAddress: projects.siteAddress })
    .from(projects)
    .where(and(scope, match))
    .orderBy(desc(projects.createdAt))
    .limit(limit);
}

export interface TicketUnitOption {
  id: string;
  name: string;
  model: string;
  location: string;
  serialNumbers: string[];
}

/** Staff see the serial numbers (the caller already checked the project is theirs). */
export async function ticketProjectUnits(db: Db, projectId: string): Promise<TicketUnitOption[]> {
  return db
    .select({ id: installedUnits.id, name: installedUnits.name, model: installedUnits.model, location: installedUnits.location, serialNumbers: installedUnits.serialNumbers })
    .from(installedUnits)
    .where(eq(installedUnits.projectId, projectId))
    .orderBy(asc(installedUnits.createdAt), asc(installedUnits.id));
}
