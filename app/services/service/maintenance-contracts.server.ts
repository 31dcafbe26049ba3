// Maintenance contracts (维保合同): after (or beyond) the 12-month warranty a contract with a
// period, a price and a scope covers the project's units; a ticket on a day the contract covers is
// handled under it. Contracts of one project do not overlap, so a day has at most one.
import { and, asc, desc, eq, gte, lte } from "drizzle-orm";
import type { Db } from "#db/client";
import { maintenanceContracts, projects } from "#db/schema";
import { addMonthsCivil, compareDates, isValidDate } from "~/lib/calendar";
import type { FieldErrors } from "~/lib/forms";
import { parseAmountToFen } from "~/lib/money";
import type { SessionUser } from "~/lib/session.server";
import { canManageContracts } from "./warranty-access.server";
import { projectWarranty } from "./warranty-card.server";

export const CONTRACT_NUMBER_MAX = 40;
export const CONTRACT_SCOPE_MAX = 2000;
/** The longest period accepted: five years (a longer one is a typing mistake more often than not). */
export const CONTRACT_MAX_MONTHS = 60;

export interface MaintenanceContractInput {
  number?: unknown;
  startsOn?: unknown;
  endsOn?: unknown;
  price?: unknown;
  scope?: unknown;
}

export interface MaintenanceContract {
  id: string;
  projectId: string;
  number: string;
  startsOn: string;
  endsOn: string;
  priceFen: number;
  scope: string;
  createdAt: string;
}

export type AddContractResult =
  | { ok: true; contract: MaintenanceContract }
  | { ok: false; status: 400 | 403 | 409; errors: FieldErrors; values: Record<string, string>; formError: string };

type Row = typeof maintenanceContracts.$inferSelect;

function toContract(row: Row): MaintenanceContract {
  return { id: row.id, projectId: row.projectId, number: row.number, startsOn: row.startsOn, endsOn: row.endsOn, priceFen: Number(row.priceFen), scope: row.scope, createdAt: row.createdAt.toISOString() };
}

const text = (v: unknown) => (typeof v === "string" ? v : v === undefined || v === null ? "" : String(v));

class Refused extends Error {
  constructor(readonly result: Extract<AddContractResult, { ok: false }>) {
    super("refused");
  }
}

/** The field checks alone (pure): the errors by field, or the parsed values. */
export function validateContract(values: Record<"number" | "startsOn" | "endsOn" | "price" | "scope", string>, acceptedOn: string | null) {
  const errors: FieldErrors = {};
  const number = values.number.trim();
  const startsOn = values.startsOn.trim();
  const endsOn = values.endsOn.trim();
  const scope = values.scope.trim();
  if (!number) errors.number = "form.required";
  else if (number.length > CONTRACT_NUMBER_MAX) errors.number = "form.tooLong";
  if (!startsOn) errors.startsOn = "form.required";
  else if (!isValidDate(startsOn)) errors.startsOn = "form.invalidDate";
  else if (acceptedOn && compareDates(startsOn, acceptedOn) < 0) errors.startsOn = "serviceWarranty.contract.beforeAcceptance";
  if (!endsOn) errors.endsOn = "form.required";
  else if (!isValidDate(endsOn)) errors.endsOn = "form.invalidDate";
  else if (isValidDate(startsOn) && compareDates(endsOn, startsOn) <= 0) errors.endsOn = "serviceWarranty.contract.endsBeforeStart";
  else if (isValidDate(startsOn) && compareDates(endsOn, addMonthsCivil(startsOn, CONTRACT_MAX_MONTHS)) > 0) errors.endsOn = "serviceWarranty.contract.tooLong";
  const price = parseAmountToFen(values.price);
  if (!price.ok) errors.price = price.error;
  else if (price.fen <= 0) errors.price = "form.amountPositive";
  if (!scope) errors.scope = "form.required";
  else if (scope.length > CONTRACT_SCOPE_MAX) errors.scope = "form.tooLong";
  if (Object.keys(errors).length || !price.ok) return { ok: false as const, errors };
  return { ok: true as const, contract: { number, startsOn, endsOn, priceFen: price.fen, scope } };
}

/**
 * Adds a contract to an accepted project: the project's pm, service or management. Checked and
 * written under the project row lock, so two contracts cannot both pass the overlap check.
 */
export async function addMaintenanceContract(db: Db, input: { projectId: string; user: SessionUser; input: MaintenanceContractInput }): Promise<AddContractResult> {
  const values = {
    number: text(input.input.number).slice(0, 500),
    startsOn: text(input.input.startsOn).slice(0, 50),
    endsOn: text(input.input.endsOn).slice(0, 50),
    price: text(input.input.price).slice(0, 50),
    scope: text(input.input.scope).slice(0, CONTRACT_SCOPE_MAX + 500),
  };
  try {
    const contract = await db.transaction(async (tx) => {
      const [project] = await tx.select().from(projects).where(eq(projects.id, input.projectId)).for("update");
      if (!project || !canManageContracts(input.user, project)) throw new Refused({ ok: false, status: 403, errors: {}, values, formError: "error.forbidden" });
      const warranty = projectWarranty(project);
      if (!warranty || (project.stage !== "handover" && project.stage !== "closed")) {
        throw new Refused({ ok: false, status: 409, errors: {}, values, formError: "serviceWarranty.contract.notAccepted" });
      }
      const checked = validateContract(values, warranty.acceptedOn);
      if (!checked.ok) throw new Refused({ ok: false, status: 400, errors: checked.errors, values, formError: "form.fixErrors" });
      const c = checked.contract;
      const existing = await tx.select().from(maintenanceContracts).where(eq(maintenanceContracts.projectId, project.id));
      if (existing.some((e) => e.number === c.number)) throw new Refused({ ok: false, status: 400, errors: { number: "serviceWarranty.contract.duplicate" }, values, formError: "form.fixErrors" });
      if (existing.some((e) => compareDates(e.startsOn, c.endsOn) <= 0 && compareDates(c.startsOn, e.endsOn) <= 0)) {
        throw new Refused({ ok: false, status: 400, errors: { startsOn: "serviceWarranty.contract.overlaps" }, values, formError: "form.fixErrors" });
      }
      const [row] = await tx.insert(maintenanceContracts).values({ projectId: project.id, ...c, createdBy: input.user.id }).returning();
      return toContract(row);
    });
    return { ok: true, contract };
  } catch (error) {
    if (error instanceof Refused) return error.result;
    throw error;
  }
}

/** The project's contracts, earliest period first. */
export async function listMaintenanceContracts(db: Db, projectId: string): Promise<MaintenanceContract[]> {
  const rows = await db.select().from(maintenanceContracts).where(eq(maintenanceContracts.projectId, projectId)).orderBy(asc(maintenanceContracts.startsOn), asc(maintenanceContracts.createdAt));
  return rows.map(toContract);
}

/** The contract covering the day `on` (YYYY-MM-DD, first and last days included), or null. */
export async function contractCovering(db: Db, projectId: string, on: string): Promise<MaintenanceContract | null> {
  if (!isValidDate(on)) return null;
  const [row] = await db
    .select()
    .from(maintenanceContracts)
    .where(and(eq(maintenanceContracts.projectId, projectId), lte(maintenanceContracts.startsOn, on), gte(maintenanceContracts.endsOn, on)))
    .orderBy(desc(maintenanceContracts.startsOn))
    .limit(1);
  return row ? toContract(row) : null;
}
