// Who may read and change a project's settlement (工程结算书). Reading: the project's own pm and
// the company's finance, management and admin staff — never the external parties (supervisor,
// client, design unit, installer) nor after-sales service users: for them the settlement does not
// exist (404). Writing the draft: only the project's pm, after acceptance (handover), while the
// statechart's settlement region is in `draft` — a submitted or approved version must be revised
// (REVISE_SETTLEMENT, a new version) before it changes.
import type { Db } from "#db/client";
import type { Role } from "#db/schema";
import { notFound } from "~/lib/http.server";
import { requireVisibleProject } from "~/lib/permissions.server";
import type { SessionUser } from "~/lib/session.server";
import { latestSettlement } from "./settlement-events.server";

export type SettlementProject = Awaited<ReturnType<typeof requireVisibleProject>>;

export type SettlementEditRefusal = "error.forbidden" | "settlement.notYet" | "settlement.locked";

export interface SettlementAccess {
  project: SettlementProject;
  /** The project's own pm. */
  isPm: boolean;
  isFinance: boolean;
  /** Always true on an access returned by requireSettlementAccess (others got a 404). */
  canRead: boolean;
  /** null when this user may change the draft now; otherwise the catalogue key saying why not. */
  editRefusal: SettlementEditRefusal | null;
}

/** Staff roles that read every project's settlement (service users do not: they handle tickets). */
const READER_ROLES: ReadonlySet<Role> = new Set<Role>(["finance", "management", "admin"]);

export function isProjectPm(user: Pick<SessionUser, "id" | "roles">, project: { pmId: string }): boolean {
  return user.roles.includes("pm") && project.pmId === user.id;
}

/** The settlement's readers: the project's pm, finance, management, admin. */
export function canReadSettlement(user: Pick<SessionUser, "id" | "roles">, project: { pmId: string }): boolean {
  return isProjectPm(user, project) || user.roles.some((r) => READER_ROLES.has(r));
}

/** The statechart's settlement substate (draft, submitted, awaitingPayment, …); null before handover. */
export function settlementState(project: { snapshot: unknown }): string | null {
  const value = (project.snapshot as { value?: unknown } | null)?.value;
  if (!value || typeof value !== "object") return null;
  const handover = (value as { handover?: unknown }).handover;
  if (!handover || typeof handover !== "object") return null;
  const settlement = (handover as { settlement?: unknown }).settlement;
  return typeof settlement === "string" ? settlement : null;
}

/** The acceptance date the retention's defect-liability period counts from. */
export function acceptedOnOf(project: { snapshot: unknown }): string | null {
  return (project.snapshot as { context?: { acceptedOn?: string | null } } | null)?.context?.acceptedOn ?? null;
}

const BEFORE_HANDOVER = new Set(["bidding", "awaitingDecision", "contracting", "survey", "entry", "entryReview", "construction", "acceptanceReview"]);

/**
 * Why this user may not change the draft now, or null. `latestStatus` is the newest version's
 * status when known: a submitted or approved version must be revised first even if the
 * snapshot were to lag behind (the rows and the snapshot change in one transaction, so it never should).
 */
export function settlementEditRefusal(
  user: Pick<SessionUser, "id" | "roles">,
  project: Pick<SettlementProject, "pmId" | "stage" | "snapshot">,
  latestStatus?: string | null,
): SettlementEditRefusal | null {
  if (!isProjectPm(user, project)) return "error.forbidden";
  if (BEFORE_HANDOVER.has(project.stage)) return "settlement.notYet";
  if (project.stage !== "handover" || settlementState(project) !== "draft") return "settlement.locked";
  if (latestStatus && latestStatus !== "draft" && latestStatus !== "returned") return "settlement.locked";
  return null;
}

export function settlementAccessFor(user: SessionUser, project: SettlementProject, latestStatus?: string | null): SettlementAccess {
  const canRead = canReadSettlement(user, project);
  return {
    project,
    isPm: isProjectPm(user, project),
    isFinance: user.roles.includes("finance"),
    canRead,
    editRefusal: settlementEditRefusal(user, project, latestStatus),
  };
}

/** The access of this user to the project's settlement; a 404 (thrown) for everyone else. */
export async function requireSettlementAccess(db: Db, user: SessionUser, projectId: string): Promise<SettlementAccess> {
  const project = await requireVisibleProject(db, user, projectId);
  if (!canReadSettlement(user, project)) notFound();
  const latest = await latestSettlement(db, project.id);
  return settlementAccessFor(user, project, latest?.status ?? null);
}
