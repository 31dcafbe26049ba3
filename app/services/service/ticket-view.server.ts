// One ticket as the service page and the API show it: the ticket, its project and unit, the
// technician, photos, history, quotes, the SLA due times, the steps this user may take now, and
// the coverage the server would decide today (the diagnose form's suggestion).
import { and, asc, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "#db/client";
import { installedUnits, serviceQuotes, ticketEvents, ticketPhotos, userRoles, users } from "#db/schema";
import { shanghaiDate } from "~/lib/calendar";
import type { SessionUser } from "~/lib/session.server";
import { warrantyClock } from "~/services/projects/warranty-clock";
import { contractCovering } from "./maintenance-contracts.server";
import type { ProjectRow, TicketRow } from "./ticket-step-access.server";
import { allowedSteps, coverageDecision } from "./ticket-flow";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export async function serviceUsers(db: Db): Promise<{ id: string; name: string }[]> {
  return db
    .selectDistinct({ id: users.id, name: users.name })
    .from(users)
    .innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, "service")))
    .where(isNull(users.disabledAt))
    .orderBy(asc(users.name), asc(users.id));
}

export async function loadTicketView(db: Db, { ticket, project, user, now = new Date() }: { ticket: TicketRow; project: ProjectRow; user: SessionUser; now?: Date }) {
  const today = shanghaiDate(now.toISOString());
  const [unit, assignee, photos, events, quotes, contract] = await Promise.all([
    ticket.unitId ? db.select({ name: installedUnits.name, model: installedUnits.model, location: installedUnits.location }).from(installedUnits).where(eq(installedUnits.id, ticket.unitId)).then((r) => r[0] ?? null) : null,
    ticket.assignedTo ? db.select({ id: users.id, name: users.name }).from(users).where(eq(users.id, ticket.assignedTo)).then((r) => r[0] ?? null) : null,
    db.select({ fileId: ticketPhotos.fileId, stage: ticketPhotos.stage }).from(ticketPhotos).where(eq(ticketPhotos.ticketId, ticket.id)).orderBy(asc(ticketPhotos.createdAt)),
    db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, ticket.id)).orderBy(asc(ticketEvents.at)),
    db.select().from(serviceQuotes).where(eq(serviceQuotes.ticketId, ticket.id)).orderBy(desc(serviceQuotes.createdAt)),
    contractCovering(db, project.id, today),
  ]);
  const clock = warrantyClock((project.snapshot as { context?: { acceptedOn?: string | null; warrantyEndsOn?: string | null } } | null)?.context, today);
  const suggestion = coverageDecision({ warrantyEndsOn: clock?.endsOn ?? null, today, exclusion: null, contract });
  const latest = quotes[0] ?? null;
  const steps = allowedSteps({ status: ticket.status, coverage: ticket.coverage ?? null, quoteDecision: ticket.status === "quoted" ? (latest?.decision ?? null) : null, confirmedAt: ticket.confirmedAt }, user.roles, now);
  const overdue = (due: Date | null, done: Date | null) => Boolean(due && !done && due.getTime() < now.getTime()) || Boolean(due && done && done.getTime() > due.getTime());
  return {
    ticket: {
      id: ticket.id, number: ticket.number, status: ticket.status, version: ticket.version, channel: ticket.channel,
      reporterName: ticket.reporterName, contactPhone: ticket.contactPhone, contactEmail: ticket.contactEmail, siteAddress: ticket.siteAddress, area: ticket.area,
      serialNumber: ticket.serialNumber, description: ticket.description, coverage: ticket.coverage, exclusion: ticket.exclusion, diagnosis: ticket.diagnosis,
      causeCategory: ticket.causeCategory, partsReplaced: ticket.partsReplaced, minutesSpent: ticket.minutesSpent, resolution: ticket.resolution,
      customerSignerName: ticket.customerSignerName, hasSignature: Boolean(ticket.customerSignatureFileId), customerSignatureFileId: ticket.customerSignatureFileId,
      receivedAt: iso(ticket.receivedAt), assignedAt: iso(ticket.assignedAt), contactDueAt: iso(ticket.contactDueAt), contactedAt: iso(ticket.contactedAt),
      diagnosedAt: iso(ticket.diagnosedAt), arrivalDueAt: iso(ticket.arrivalDueAt), scheduledFor: iso(ticket.scheduledFor), onSiteAt: iso(ticket.onSiteAt),
      resolvedAt: iso(ticket.resolvedAt), confirmedAt: iso(ticket.confirmedAt), surveyedAt: iso(ticket.surveyedAt), closedAt: iso(ticket.closedAt),
    },
    sla: { contactOverdue: overdue(ticket.contactDueAt, ticket.contactedAt), arrivalOverdue: overdue(ticket.arrivalDueAt, ticket.onSiteAt) },
    project: { id: project.id, code: project.code, name: project.name, siteAddress: project.siteAddress },
    unit,
    assignee,
    photos,
    events: events.map((e) => ({ at: e.at.toISOString(), actorLabel: e.actorLabel, action: e.action, fromStatus: e.fromStatus, toStatus: e.toStatus, note: e.note })),
    quotes: quotes.map((q) => ({ id: q.id, amountFen: Number(q.amountFen), items: q.items, validUntil: q.validUntil, decision: q.decision, decidedAt: iso(q.decidedAt), decidedName: q.decidedName, createdAt: q.createdAt.toISOString() })),
    warranty: clock ? { endsOn: clock.endsOn, state: clock.state } : null,
    contract: contract ? { id: contract.id, number: contract.number, endsOn: contract.endsOn } : null,
    suggestion: { coverage: suggestion.coverage, exclusion: suggestion.exclusion, exclusionRequired: suggestion.exclusionRequired },
    steps,
    today,
  };
}

export type TicketView = Awaited<ReturnType<typeof loadTicketView>>;
