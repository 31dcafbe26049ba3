import type { Db } from "#db/client";
import { notFound } from "~/lib/http.server";
import { requireVisibleProject, seesAllProjects } from "~/lib/permissions.server";
import type { SessionUser } from "~/lib/session.server";
import type { DocumentRow } from "./issue-document.server";

/**
 * Internal documents (the bid comparison shows every installer's prices) are for our own staff:
 * the project's pm and the roles that see all projects. External parties who are members of a
 * project (supervisor, client, a vendor) must not read competitors' prices.
 */
const INTERNAL_KINDS = new Set(["bidComparison"]);

export function canReadKind(user: Pick<SessionUser, "id" | "roles">, project: { pmId: string }, kind: string): boolean {
  if (!INTERNAL_KINDS.has(kind)) return true;
  return seesAllProjects(user) || (user.roles.includes("pm") && project.pmId === user.id);
}

/** The document's project if this user may read the document; otherwise a 404 (leaks nothing). */
export async function requireReadableDocument(db: Db, user: SessionUser, document: Pick<DocumentRow, "projectId" | "kind">) {
  if (!document.projectId) {
    if (!seesAllProjects(user)) notFound();
    return null;
  }
  const project = await requireVisibleProject(db, user, document.projectId);
  if (!canReadKind(user, project, document.kind)) notFound();
  return project;
}
