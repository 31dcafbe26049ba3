// Reading one project for its page and its edit form, always through requireVisibleProject.
import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "#db/client";
import { companies, files, projectEquipment, projects, quotes, userRoles, users } from "#db/schema";
import { shanghaiDate } from "~/lib/calendar";
import { fenToInput } from "~/lib/money";
import { requireVisibleProject } from "~/lib/permissions.server";
import type { SessionUser } from "~/lib/session.server";
import { warrantyClock } from "./warranty-clock";

export type ProjectRecord = typeof projects.$inferSelect;

export interface ProjectParties {
  clientName: string;
  pmName: string;
  supervisionName: string | null;
  designName: string | null;
}

/**
 * The project (404 if this user may not see it), the names of its parties, its equipment and,
 * once accepted, its warranty clock as of today in Asia/Shanghai.
 */
export async function getProjectDetail(db: Db, user: SessionUser, projectId: string) {
  const project = await requireVisibleProject(db, user, projectId);
  const client = alias(companies, "client");
  const supervision = alias(companies, "supervision");
  const design = alias(companies, "design");
  const [[parties], equipment] = await Promise.all([
    db
      .select({ clientName: client.name, pmName: users.name, supervisionName: supervision.name, designName: design.name })
      .from(projects)
      .innerJoin(client, eq(client.id, projects.clientId))
      .innerJoin(users, eq(users.id, projects.pmId))
      .leftJoin(supervision, eq(supervision.id, projects.supervisionCompanyId))
      .leftJoin(design, eq(design.id, projects.designCompanyId))
      .where(eq(projects.id, project.id)),
    db
      .select({ id: projectEquipment.id, model: projectEquipment.model, quantity: projectEquipment.quantity, location: projectEquipment.location, installedQuantity: projectEquipment.installedQuantity })
      .from(projectEquipment)
      .where(eq(projectEquipment.projectId, project.id))
      .orderBy(asc(projectEquipment.position)),
  ]);
  const context = (project.snapshot as { context?: { acceptedOn?: string | null; warrantyEndsOn?: string | null } } | null)?.context;
  const warranty = warrantyClock(context, shanghaiDate(new Date().toISOString()));
  return { project, parties: parties as ProjectParties, equipment, warranty };
}

/** The form values of an existing project, with names as the form uses them. */
export async function getProjectFormValues(db: Db, project: ProjectRecord): Promise<Record<string, string>> {
  const lines = await db.select().from(projectEquipment).where(eq(projectEquipment.projectId, project.id)).orderBy(asc(projectEquipment.position));
  const values: Record<string, string> = {
    code: project.code,
    name: project.name,
    clientId: project.clientId,
    siteAddress: project.siteAddress,
    clientContractNo: project.clientContractNo,
    clientContractAmount: fenToInput(project.clientContractAmountFen),
    clientContractSignedOn: project.clientContractSignedOn,
    pmId: project.pmId,
    supervisionCompanyId: project.supervisionCompanyId ?? "",
    designCompanyId: project.designCompanyId ?? "",
    plannedStartOn: project.plannedStartOn ?? "",
    plannedFinishOn: project.plannedFinishOn ?? "",
    loadedAt: project.updatedAt.toISOString(),
  };
  lines.forEach((line, i) => {
    values[`equipment[${i}].model`] = line.model;
    values[`equipment[${i}].quantity`] = String(line.quantity);
    values[`equipment[${i}].location`] = line.location;
  });
  return values;
}

export interface Option {
  value: string;
  label: string;
}

/** The choices of the create/edit form: clients, supervision companies, design units and pms. */
export async function getProjectFormOptions(db: Db): Promise<{ clients: Option[]; supervision: Option[]; design: Option[]; pms: Option[] }> {
  const [companyRows, pmRows] = await Promise.all([
    db
      .select({ value: companies.id, label: companies.name, kind: companies.kind })
      .from(companies)
      .where(and(isNull(companies.archivedAt), sql`${companies.kind} in ('client', 'supervision', 'design')`))
      .orderBy(asc(companies.name)),
    db
      .select({ value: users.id, label: users.name })
      .from(users)
      .innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, "pm")))
      .where(isNull(users.disabledAt))
      .orderBy(asc(users.name)),
  ]);
  const of = (kind: string) => companyRows.filter((c) => c.kind === kind).map(({ value, label }) => ({ value, label }));
  return { clients: of("client"), supervision: of("supervision"), design: of("design"), pms: pmRows };
}

/**
 * Choices for event inputs that pick a record: the vendors that quoted on this project (AWARD)
 * and the project's uploaded files (RECORD_CONTRACT). Queried only when an allowed event needs them.
 */
export async function getEventFieldOptions(db: Db, projectId: string, kinds: Set<string>): Promise<{ vendors: Option[]; files: Option[] }> {
  const [vendors, fileRows] = await Promise.all([
    kinds.has("vendor")
      ? db
          .selectDistinct({ value: companies.id, label: companies.name })
          .from(quotes)
          .innerJoin(companies, eq(companies.id, quotes.vendorId))
          .where(and(eq(quotes.projectId, projectId), isNull(quotes.withdrawnAt)))
          .orderBy(asc(companies.name))
      : Promise.resolve([]),
    kinds.has("file")
      ? db.select({ value: files.id, label: files.name }).from(files).where(eq(files.projectId, projectId)).orderBy(desc(files.createdAt)).limit(100)
      : Promise.resolve([]),
  ]);
  return { vendors, files: fileRows };
}

/** A user's display name ("" if unknown). */
export async function getUserName(db: Db, userId: string): Promise<string> {
  const [row] = await db.select({ name: users.name }).from(users).where(eq(users.id, userId));
  return row?.name ?? "";
}
