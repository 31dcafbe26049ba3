// Who may read and write the construction log and notes: everyone who may see the project reads
// (404 otherwise, so others' ids leak nothing); only the project's own pm writes, and only while
// the project is in construction.
import type { Db } from "#db/client";
import { requireVisibleProject } from "~/lib/permissions.server";
import type { SessionUser } from "~/lib/session.server";

export type ConstructionProject = Awaited<ReturnType<typeof requireVisibleProject>>;

export interface ConstructionAccess {
  project: ConstructionProject;
  /** The construction start: the date the commencement was approved, else the planned start. */
  startOn: string | null;
  finishOn: string | null;
  /** null when the user may write; otherwise the catalogue key saying why not. */
  writeRefusal: null | "error.forbidden" | "construction.notInConstruction";
}

export function constructionStart(project: ConstructionProject): string | null {
  const context = (project.snapshot as { context?: { startedOn?: unknown } } | null)?.context;
  return typeof context?.startedOn === "string" ? context.startedOn : project.plannedStartOn;
}

export async function requireConstructionAccess(db: Db, user: SessionUser, projectId: string): Promise<ConstructionAccess> {
  const project = await requireVisibleProject(db, user, projectId);
  const isPm = user.roles.includes("pm") && project.pmId === user.id;
  const writeRefusal = !isPm ? "error.forbidden" : project.stage !== "construction" ? "construction.notInConstruction" : null;
  return { project, startOn: constructionStart(project), finishOn: project.plannedFinishOn, writeRefusal };
}
