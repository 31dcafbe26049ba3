// Use case: the project's pm (or an admin) corrects master data. Never touches stage, snapshot,
// machineVersion or version: those belong to the machine runtime.
import { and, asc, eq, gt } from "drizzle-orm";
import { pgErrorCode, type Db } from "#db/client";
import { auditEvents, projectEquipment, projects } from "#db/schema";
import { canEditProject, projectVisibility } from "~/lib/permissions.server";
import type { RequestInfo } from "~/lib/request-info.server";
import type { SessionUser } from "~/lib/session.server";
import { checkReferences, masterDataColumns, masterDataRole, resolvePmId, type SaveResult } from "./create-project.server";
import type { ProjectInput } from "./project-form";
import { MASTER_FIELDS } from "./project-form-fields";

/** Stages after which master data is frozen. */
export const FROZEN_STAGES = ["closed", "cancelled"];

export function isProjectEditable(project: { stage: string }): boolean {
  return !FROZEN_STAGES.includes(project.stage);
}

class Refused extends Error {
  constructor(readonly result: Extract<SaveResult, { ok: false }>) {
    super("refused");
  }
}

export async function updateProject(
  db: Db,
  user: SessionUser,
  projectId: string,
  input: ProjectInput,
  info: RequestInfo = { ip: "", userAgent: "" },
): Promise<SaveResult & { changed?: string[] }> {
  try {
    return await db.transaction(async (tx) => {
      const visibility = projectVisibility(user);
      const [current] = await tx
        .select()
        .from(projects)
        .where(visibility ? and(eq(projects.id, projectId), visibility) : eq(projects.id, projectId))
        .for("update")
        .limit(1);
      if (!current || !canEditProject(user, current)) throw new Refused({ ok: false, errors: {}, formError: "error.notFound" });
      if (!isProjectEditable(current)) throw new Refused({ ok: false, errors: {}, formError: "projects.edit.frozen" });
      if (input.loadedAt && input.loadedAt !== current.updatedAt.toISOString()) {
        throw new Refused({ ok: false, errors: {}, formError: "error.conflict" });
      }
      const pmId = resolvePmId(user, input.pmId, current.pmId);
      const errors = await checkReferences(tx, input, pmId);
      if (Object.keys(errors).length) throw new Refused({ ok: false, errors });

      const next = masterDataColumns(input, pmId!);
      const changed: string[] = MASTER_FIELDS.filter((f) => (current[f] ?? null) !== (next[f] ?? null));

      // Lines are matched by position so installed quantities recorded on site are kept.
      const lines = await tx.select().from(projectEquipment).where(eq(projectEquipment.projectId, projectId)).orderBy(asc(projectEquipment.position));
      let equipmentChanged = lines.length !== input.equipment.length;
      for (const [position, line] of input.equipment.entries()) {
        const old = lines[position];
        if (!old) {
          await tx.insert(projectEquipment).values({ projectId, position, ...line });
        } else if (old.model !== line.model || old.quantity !== line.quantity || old.location !== line.location || old.position !== position) {
          equipmentChanged = true;
          await tx.update(projectEquipment).set({ position, ...line }).where(eq(projectEquipment.id, old.id));
        }
      }
      if (lines.length > input.equipment.length) {
        await tx.delete(projectEquipment).where(and(eq(projectEquipment.projectId, projectId), gt(projectEquipment.position, input.equipment.length - 1)));
      }
      if (equipmentChanged) changed.push("equipment");
      if (changed.length === 0) return { ok: true as const, id: projectId, changed };

      await tx.update(projects).set({ ...next, updatedAt: new Date() }).where(eq(projects.id, projectId));
      await tx.insert(auditEvents).values({
        projectId,
        actorUserId: user.id,
        actorLabel: user.name,
        role: masterDataRole(user),
        ip: info.ip,
        userAgent: info.userAgent,
        event: "PROJECT_UPDATED",
        fromStage: current.stage,
        toStage: current.stage,
        projectVersion: current.version,
        payload: { changed },
      });
      return { ok: true as const, id: projectId, changed };
    });
  } catch (error) {
    if (error instanceof Refused) return error.result;
    if (pgErrorCode(error) === "23505") return { ok: false, errors: { code: "projects.form.codeTaken" } };
    throw error;
  }
}
