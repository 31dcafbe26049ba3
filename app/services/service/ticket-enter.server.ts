// Staff entry of a ticket taken by hotline, by a regional manager or from a dealer: the same
// reading and createTicket as the customer's own request, for a project this user may serve.
import type { Db } from "#db/client";
import { kickOutbox } from "~/lib/mail/kick.server";
import type { SessionUser } from "~/lib/session.server";
import { requireTicketProject, requireTicketUser } from "./ticket-access.server";
import { createTicket } from "./ticket-create.server";
import { readStaffTicket } from "./ticket-input";

export type EnterTicketResult =
  | { ok: true; ticketId: string; number: string; contactDueAt: Date }
  | { ok: false; errors: Record<string, string>; values: Record<string, string>; formError: string };

/** Throws a 404 for a user who may not enter tickets or a project outside their reach. */
export async function enterTicket(db: Db, user: SessionUser, form: FormData, { ip = "", now = new Date() }: { ip?: string; now?: Date } = {}): Promise<EnterTicketResult> {
  requireTicketUser(user);
  const read = readStaffTicket(form);
  if (!read.ok) return { ok: false, errors: read.errors, values: read.values, formError: "form.fixErrors" };
  const project = await requireTicketProject(db, user, read.data.projectId);
  const { data } = read;
  const result = await db.transaction((tx) =>
    createTicket(tx, {
      projectId: project.id,
      channel: data.channel,
      reporterName: data.reporterName,
      contactPhone: data.contactPhone,
      contactEmail: data.contactEmail,
      siteAddress: data.siteAddress,
      area: data.area,
      description: data.description,
      serialNumber: data.serialNumber,
      unitId: data.unitId,
      createdBy: user.id,
      actorLabel: user.name,
      ip,
      now,
    }),
  );
  if (!result.ok) return { ok: false, errors: result.errors, values: read.values, formError: "form.fixErrors" };
  kickOutbox();
  return result;
}
