// Who may see and write the construction-quality records (material requests, rectification notices),
// shared by the material and rectification use cases, pages and API.
import { eq } from "drizzle-orm";
import type { Db } from "#db/client";
import { auditEvents, projects } from "#db/schema";
import { canEditProject, requireVisibleProject } from "~/lib/permissions.server";
import type { RequestInfo } from "~/lib/request-info.server";
import type { SessionUser } from "~/lib/session.server";

export type ProjectRow = typeof projects.$inferSelect;

/** A refusal that rolls the whole transaction back and is shown as a message (catalogue key). */
export class QualityRefusal extends Error {
  constructor(readonly key: string, readonly status: 403 | 404 | 409 | 422 = 409) {
    super(key);
  }
}

/**
 * The project if visible (else 404). The pm of the project (or an admin) writes; a vendor member of
 * the project (the installer's foreman) may also write rectification replies; everyone else reads.
 */
export async function requireQualityProject(db: Db, user: SessionUser, projectId: string) {
  const project = await requireVisibleProject(db, user, projectId);
  const canEdit = canEditProject(user, project);
  return {
    project,
    canEdit,
    canReply: canEdit || user.roles.includes("vendor"),
    inConstruction: project.stage === "construction",
  };
}

/**
 * Locks the project row and checks the stage inside the caller's transaction, so a write cannot
 * slip in while another transaction moves the project out of construction.
 */
export async function lockConstructionProject(tx: Db, projectId: string): Promise<ProjectRow> {
  const [project] = await tx.select().from(projects).where(eq(projects.id, projectId)).for("update");
  if (!project) throw new QualityRefusal("error.notFound", 404);
  if (project.stage !== "construction") throw new QualityRefusal("materials.notConstruction", 409);
  return project;
}

/** One audit row for a change that is not a stage change (same columns as the bidding use cases). */
export async function auditQuality(tx: Db, project: ProjectRow, user: SessionUser, event: string, payload: Record<string, unknown>, info?: RequestInfo) {
  await tx.insert(auditEvents).values({
    projectId: project.id,
    actorUserId: user.id,
    actorLabel: user.name,
    role: user.roles.includes("pm") ? "pm" : user.roles[0] ?? "",
    ip: info?.ip ?? "",
    userAgent: info?.userAgent ?? "",
    event,
    fromStage: project.stage,
    toStage: project.stage,
    projectVersion: project.version,
    payload,
  });
}

export type QualityFailure = { ok: false; status: 400 | 403 | 404 | 409 | 422; errors: Record<string, string>; values: Record<string, string>; formError: string };

export function failure(status: QualityFailure["status"], formError: string, errors: Record<string, string> = {}, values: Record<string, string> = {}): QualityFailure {
  return { ok: false, status, errors, values, formError };
}

/** Runs a write; a QualityRefusal thrown inside becomes a failure (the transaction has rolled back). */
export async function refusalAsFailure<T>(run: () => Promise<T>, values: Record<string, string> = {}): Promise<T | QualityFailure> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof QualityRefusal) return failure(error.status, error.key, {}, values);
    throw error;
  }
}

/** The text fields of a posted form, to refill the page after a refusal. */
export function typedValues(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === "string" && !k.startsWith("_") && k !== "intent") values[k] = v.slice(0, 5000);
  return values;
}
