// Who may open a project's warranty page and manage its maintenance contracts. Readers: the
// project's pm and the staff who see every project (management, finance, admin, service) — not
// the invited external parties, who get the warranty card itself. Writers of maintenance
// contracts: the project's pm, service and management.
import type { Db } from "#db/client";
import type { projects } from "#db/schema";
import { notFound } from "~/lib/http.server";
import { requireVisibleProject, seesAllProjects } from "~/lib/permissions.server";
import type { SessionUser } from "~/lib/session.server";

type ProjectRow = typeof projects.$inferSelect;

export interface WarrantyAccess {
  project: ProjectRow;
  isPm: boolean;
  canManageContracts: boolean;
}

export function canManageContracts(user: Pick<SessionUser, "id" | "roles">, project: { pmId: string }): boolean {
  return (user.roles.includes("pm") && project.pmId === user.id) || user.roles.includes("service") || user.roles.includes("management");
}

export async function requireWarrantyAccess(db: Db, user: SessionUser, projectId: string): Promise<WarrantyAccess> {
  const project = await requireVisibleProject(db, user, projectId);
  const isPm = user.roles.includes("pm") && project.pmId === user.id;
  if (!isPm && !seesAllProjects(user)) notFound();
  return { project, isPm, canManageContracts: canManageContracts(user, project) };
}
