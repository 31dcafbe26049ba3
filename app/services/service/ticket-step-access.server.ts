// Opening one ticket: service and management read and move every ticket; the project's pm reads
// their own projects' tickets only (ticket-access.server.ts, W2's list rules). Anyone else gets
// the same 404 as for an unknown id.
import { eq } from "drizzle-orm";
import type { Db } from "#db/client";
import { projects, serviceTickets } from "#db/schema";
import { notFound } from "~/lib/http.server";
import type { SessionUser } from "~/lib/session.server";
import { seesAllTickets } from "./ticket-access.server";
import { canActOnTickets } from "./ticket-flow";

export type TicketRow = typeof serviceTickets.$inferSelect;
export type ProjectRow = typeof projects.$inferSelect;

export function canViewTicket(user: Pick<SessionUser, "id" | "roles">, project: { pmId: string }): boolean {
  return seesAllTickets(user) || (user.roles.includes("pm") && project.pmId === user.id);
}

export async function requireTicketAccess(db: Db, user: SessionUser, ticketId: string): Promise<{ ticket: TicketRow; project: ProjectRow; canAct: boolean }> {
  if (!/^[0-9a-f-]{36}$/i.test(ticketId)) notFound();
  const [row] = await db.select({ ticket: serviceTickets, project: projects }).from(serviceTickets).innerJoin(projects, eq(projects.id, serviceTickets.projectId)).where(eq(serviceTickets.id, ticketId)).limit(1);
  if (!row || !canViewTicket(user, row.project)) notFound();
  return { ...row, canAct: canActOnTickets(user.roles) };
}
