import type { Db } from "#db/client";
import { notFound } from "~/lib/http.server";
import { requireVisibleProject, seesAllProjects } from "~/lib/permissions.server";
import type { SessionUser } from "~/lib/session.server";
import { canReadSettlement } from "~/services/settlement/settlement-access.server";
import type { DocumentRow } from "./issue-document.server";

/**
 * Internal documents (the bid comparison shows every installer's prices) are for our own staff:
 * the project's pm and the roles that see all projects. External parties who are members of a
 * project (supervisor, client, a vendor) must not read competitors' prices.
 */
const INTERNAL_KINDS = new Set(["bidComparison"]);
/**
 * The settlement's documents go to the client by e-mail once approved, but in the system they are
 * read by the settlement's readers only (the pm, finance, management, admin): not by the other
 * parties invited to the project, nor by service users.
 */
const SETTLEMENT_KINDS = new Set(["settlementStatement", "paymentApplication"]);

export function canReadKind(user: Pick<SessionUser, "id" | "roles">, project: { pmId: string }, kind: string): boolean {
  if (SETTLEMENT_KINDS.has(kind)) return canReadSettlement(user, project);
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
