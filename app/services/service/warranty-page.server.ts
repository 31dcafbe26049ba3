// What the project's warranty page shows: the clock, the installed units, the public service URL
// and code, the maintenance contracts and the one covering today. The page's add-contract intent
// goes through addMaintenanceContract (the same checks as the API).
import { asc, eq } from "drizzle-orm";
import type { Db } from "#db/client";
import { installedUnits } from "#db/schema";
import { shanghaiDate } from "~/lib/calendar";
import type { SessionUser } from "~/lib/session.server";
import { warrantyClock } from "~/services/projects/warranty-clock";
import { contractCovering, listMaintenanceContracts } from "./maintenance-contracts.server";
import { ensureServiceCode, groupServiceCode, serviceUrl } from "./service-code.server";
import { listTickets } from "./ticket-list.server";
import type { WarrantyAccess } from "./warranty-access.server";

export async function loadWarrantyPage(db: Db, access: WarrantyAccess, user: Pick<SessionUser, "id" | "roles">, now = new Date()) {
  const { project } = access;
  const today = shanghaiDate(now.toISOString());
  const clock = warrantyClock((project.snapshot as { context?: { acceptedOn?: string | null; warrantyEndsOn?: string | null } } | null)?.context, today);
  const [units, contracts, covering, tickets] = await Promise.all([
    db.select().from(installedUnits).where(eq(installedUnits.projectId, project.id)).orderBy(asc(installedUnits.createdAt), asc(installedUnits.id)),
    listMaintenanceContracts(db, project.id),
    contractCovering(db, project.id, today),
    // The same list (and overdue rules) as the service desk, limited to this project.
    listTickets(db, user, { projectId: project.id, now, limit: 100 }),
  ]);
  // The code is issued with the first card or page view after acceptance; the same one for good.
  const code = clock ? await ensureServiceCode(db, project.id) : null;
  return {
    project: { id: project.id, code: project.code, name: project.name, stage: project.stage },
    today,
    clock,
    units: units.map((u) => ({ id: u.id, name: u.name, model: u.model, quantity: u.quantity, location: u.location, serialNumbers: u.serialNumbers ?? [] })),
    service: code ? { code, display: groupServiceCode(code), url: serviceUrl(code) } : null,
    contracts,
    coveringId: covering?.id ?? null,
    tickets: tickets.map((r) => ({ id: r.id, number: r.number, status: r.status, channel: r.channel, reporterName: r.reporterName, coverage: r.coverage, receivedAt: r.receivedAt, technicianName: r.technicianName, overdue: r.contactOverdue || r.arrivalOverdue })),
    canAddContract: access.canManageContracts && Boolean(clock) && (project.stage === "handover" || project.stage === "closed"),
  };
}
