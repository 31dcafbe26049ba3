// Use case: a pm (or an admin) opens a new project in the bidding stage.
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { pgErrorCode, type Db } from "#db/client";
import { auditEvents, companies, projectEquipment, projects, userRoles, users, type CompanyKind, type Role } from "#db/schema";
import { initialProjectSnapshot, PROJECT_MACHINE_VERSION, stageOf } from "#machines/runtime";
import type { FieldErrors } from "~/lib/forms";
import { canCreateProject } from "~/lib/permissions.server";
import type { RequestInfo } from "~/lib/request-info.server";
import type { SessionUser } from "~/lib/session.server";
import type { ProjectInput } from "./project-form";

export type SaveResult = { ok: true; id: string } | { ok: false; errors: FieldErrors; formError?: string };

const NO_INFO: RequestInfo = { ip: "", userAgent: "" };

/** The role a user acts in when maintaining master data (admin wins over pm). */
export function masterDataRole(user: SessionUser): Role {
  return user.roles.includes("admin") ? "admin" : "pm";
}

/**
 * Which pm a project gets: only an admin may choose; a pm always gets themself, whatever a
 * (possibly forged) form field said. `current` is the pm when editing.
 */
export function resolvePmId(user: SessionUser, requested: string | null, current?: string): string | null {
  if (user.roles.includes("admin")) return requested ?? current ?? null;
  return current ?? user.id;
}

/**
 * Checks that the ids in the form name real, active records of the right kind: a client company,
 * a supervision company, a design unit, a user holding the pm role. One query per kind of thing.
 */
export async function checkReferences(db: Db, input: ProjectInput, pmId: string | null): Promise<FieldErrors> {
  const errors: FieldErrors = {};
  const wanted: [keyof FieldErrors, string | null, CompanyKind][] = [
    ["clientId", input.clientId, "client"],
    ["supervisionCompanyId", input.supervisionCompanyId, "supervision"],
    ["designCompanyId", input.designCompanyId, "design"],
  ];
  const ids = wanted.map((w) => w[1]).filter((x): x is string => !!x);
  const found = ids.length
    ? await db.select({ id: companies.id, kind: companies.kind }).from(companies).where(and(inArray(companies.id, ids), isNull(companies.archivedAt)))
    : [];
  for (const [field, id, kind] of wanted) {
    if (id && !found.some((c) => c.id === id && c.kind === kind)) errors[field] = "form.invalidChoice";
  }
  if (!pmId) errors.pmId = "form.invalidChoice";
  else {
    const [pm] = await db
      .select({ id: users.id })
      .from(users)
      .innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, "pm")))
      .where(and(eq(users.id, pmId), isNull(users.disabledAt)))
      .limit(1);
    if (!pm) errors.pmId = "form.invalidChoice";
  }
  return errors;
}

/** The project columns a user edits (never stage, snapshot or version: those belong to the runtime). */
export function masterDataColumns(input: ProjectInput, pmId: string) {
  return {
    code: input.code,
    name: input.name,
    clientId: input.clientId,
    siteAddress: input.siteAddress,
    clientContractNo: input.clientContractNo,
    clientContractAmountFen: input.clientContractAmount,
    clientContractSignedOn: input.clientContractSignedOn,
    pmId,
    supervisionCompanyId: input.supervisionCompanyId,
    designCompanyId: input.designCompanyId,
    plannedStartOn: input.plannedStartOn,
    plannedFinishOn: input.plannedFinishOn,
  };
}

export function equipmentRows(projectId: string, input: ProjectInput) {
  return input.equipment.map((line, position) => ({ projectId, position, model: line.model, quantity: line.quantity, location: line.location }));
}

export async function createProject(db: Db, user: SessionUser, input: ProjectInput, info: RequestInfo = NO_INFO): Promise<SaveResult> {
  if (!canCreateProject(user)) return { ok: false, errors: {}, formError: "error.forbidden" };
  const pmId = resolvePmId(user, input.pmId);
  const errors = await checkReferences(db, input, pmId);
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const snapshot = initialProjectSnapshot();
  const stage = stageOf(snapshot.value);
  try {
    const id = await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(projects)
        .values({
          ...masterDataColumns(input, pmId!),
          stage,
          snapshot,
          machineVersion: PROJECT_MACHINE_VERSION,
          version: 1,
        })
        .returning({ id: projects.id });
      await tx.insert(projectEquipment).values(equipmentRows(row.id, input));
      await tx.insert(auditEvents).values({
        projectId: row.id,
        actorUserId: user.id,
        actorLabel: user.name,
        role: masterDataRole(user),
        ip: info.ip,
        userAgent: info.userAgent,
        event: "PROJECT_CREATED",
        fromStage: null,
        toStage: stage,
        toState: snapshot.value as object,
        projectVersion: 1,
        payload: { code: input.code, name: input.name, equipmentLines: input.equipment.length },
      });
      return row.id;
    });
    return { ok: true, id };
  } catch (error) {
    if (pgErrorCode(error) === "23505") return { ok: false, errors: { code: "projects.form.codeTaken" } };
    throw error;
  }
}

/** A free code of the form PRJ-<yyyy>-<nnnn> for the year (Asia/Shanghai) of `now`. */
export async function suggestProjectCode(db: Db, now: Date = new Date()): Promise<string> {
  const year = new Date(now.getTime() + 8 * 3600_000).getUTCFullYear();
  const prefix = `PRJ-${year}-`;
  const [row] = await db
    .select({ max: sql<string | null>`max(substring(${projects.code} from ${prefix.length + 1}::int)::int)` })
    .from(projects)
    .where(sql`${projects.code} ~ ${`^PRJ-${year}-[0-9]{1,9}$`}`);
  const next = Number(row?.max ?? 0) + 1;
  return `${prefix}${String(next).padStart(4, "0")}`;
}
