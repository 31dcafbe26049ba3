// Who may read and change the acceptance records. Everyone who may see the project reads (404
// otherwise); only the project's own pm writes, from construction until acceptance. After
// acceptance the signed content is frozen: nothing on it can change any more.
import type { Db } from "#db/client";
import { requireVisibleProject } from "~/lib/permissions.server";
import type { SessionUser } from "~/lib/session.server";

export type AcceptanceProject = Awaited<ReturnType<typeof requireVisibleProject>>;

export type AcceptanceEditRefusal = "error.forbidden" | "acceptance.notYet" | "acceptance.frozen";

export interface AcceptanceAccess {
  project: AcceptanceProject;
  isPm: boolean;
  /** null when the user may change the records now; otherwise the catalogue key saying why not. */
  editRefusal: AcceptanceEditRefusal | null;
  /** True when a change must go through a revision (signatures void, links sent again). */
  underReview: boolean;
}

const EDITABLE = new Set(["construction", "acceptanceReview"]);
const FROZEN = new Set(["handover", "closed"]);

export function acceptanceAccessFor(user: SessionUser, project: AcceptanceProject): AcceptanceAccess {
  const isPm = user.roles.includes("pm") && project.pmId === user.id;
  const editRefusal: AcceptanceEditRefusal | null = !isPm ? "error.forbidden"
    : FROZEN.has(project.stage) ? "acceptance.frozen"
    : !EDITABLE.has(project.stage) ? "acceptance.notYet" : null;
  return { project, isPm, editRefusal, underReview: project.stage === "acceptanceReview" };
}

export async function requireAcceptanceAccess(db: Db, user: SessionUser, projectId: string): Promise<AcceptanceAccess> {
  return acceptanceAccessFor(user, await requireVisibleProject(db, user, projectId));
}
