// Creating a service ticket, from any channel: the number, the contact deadline (4 clock hours),
// the unit behind the serial, the request photos, the first history row and the e-mail to the
// service staff — all in the caller's transaction, so a refused or failed request leaves nothing.
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "#db/client";
import { pgErrorCode, rowsOf } from "#db/client";
import { files, installedUnits, projects, serviceTickets, ticketEvents, ticketPhotos, userRoles, users } from "#db/schema";
import { renderEmail } from "#templates/email/layout";
import { translate } from "~/i18n";
import { shanghaiDate } from "~/lib/calendar";
import { env } from "~/lib/env.server";
import type { FieldErrors } from "~/lib/forms";
import { enqueueEmail } from "~/lib/mail/enqueue.server";
import type { ReceivedFile } from "~/lib/uploads.server";
import { SLA, type TicketChannel } from "./vocabulary";

export const MAX_REQUEST_PHOTOS = 6;

export interface CreateTicketInput {
  projectId: string;
  channel: TicketChannel;
  reporterName: string;
  contactPhone: string;
  contactEmail?: string;
  siteAddress?: string;
  area: "city" | "suburb";
  description: string;
  serialNumber?: string;
  /** The unit chosen from the project's list (a serial, when given, decides instead). */
  unitId?: string | null;
  /** The staff member who entered it; null for the customer's own request. */
  createdBy: string | null;
  /** Who the history shows (the staff member's name, or the reporter for online requests). */
  actorLabel?: string;
  ip?: string;
  photos?: ReceivedFile[];
  now?: Date;
}

export type CreateTicketResult = { ok: true; ticketId: string; number: string; contactDueAt: Date } | { ok: false; errors: FieldErrors };

const SERIAL_NOT_ON_PROJECT = "serviceTickets.serialNotOnProject";

/** "SV-202611-" for a ticket received in November 2026 (Asia/Shanghai). */
export function ticketNumberPrefix(receivedAt: Date): string {
  return `SV-${shanghaiDate(receivedAt.toISOString()).slice(0, 7).replace("-", "")}-`;
}

/**
 * The next number of the month. The advisory lock (held to the end of the caller's transaction)
 * makes concurrent creations take turns, so max+1 is free; the unique index is the last guard.
 */
async function nextTicketNumber(tx: Db, prefix: string): Promise<string> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('service_tickets.number'))`);
  const [row] = rowsOf<{ n: number | string | null }>(
    await tx.execute(sql`select max(split_part(${serviceTickets.number}, '-', 3)::int) as n from ${serviceTickets} where ${serviceTickets.number} like ${`${prefix}%`}`),
  );
  const next = Number(row?.n ?? 0) + 1;
  return `${prefix}${String(next).padStart(4, "0")}`;
}

/**
 * The unit of this project that carries the serial (case-insensitive), with the serial as
 * registered. Only this project's units are searched: a serial from another project gets the same
 * answer as an unknown one, so the page reveals nothing about other customers' equipment.
 */
async function resolveUnit(
  tx: Db,
  projectId: string,
  serial: string,
  unitId: string | null,
): Promise<{ ok: true; unitId: string | null; serialNumber: string } | { ok: false; errors: FieldErrors }> {
  const units = await tx.select({ id: installedUnits.id, serialNumbers: installedUnits.serialNumbers }).from(installedUnits).where(eq(installedUnits.projectId, projectId));
  if (serial) {
    const wanted = serial.trim().toUpperCase();
    for (const unit of units) {
      const registered = unit.serialNumbers.find((s) => s.trim().toUpperCase() === wanted);
      if (registered) return { ok: true, unitId: unit.id, serialNumber: registered };
    }
    return { ok: false, errors: { serialNumber: SERIAL_NOT_ON_PROJECT } };
  }
  if (unitId && !units.some((u) => u.id === unitId)) return { ok: false, errors: { unitId: "form.invalidChoice" } };
  return { ok: true, unitId, serialNumber: "" };
}

async function serviceStaffEmails(tx: Db): Promise<string[]> {
  const rows = await tx
    .selectDistinct({ email: users.email })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .where(and(eq(userRoles.role, "service"), isNull(users.disabledAt)));
  return rows.map((r) => r.email).sort();
}

const shanghaiTime = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace("T", " ");

export async function createTicket(tx: Db, input: CreateTicketInput): Promise<CreateTicketResult> {
  const [project] = await tx.select({ id: projects.id, code: projects.code, name: projects.name }).from(projects).where(eq(projects.id, input.projectId)).limit(1);
  if (!project) return { ok: false, errors: { projectId: "serviceTickets.form.chooseProject" } };
  const unit = await resolveUnit(tx, project.id, input.serialNumber ?? "", input.unitId ?? null);
  if (!unit.ok) return { ok: false, errors: unit.errors };
  if ((input.photos?.length ?? 0) > MAX_REQUEST_PHOTOS) return { ok: false, errors: { photos: "serviceTickets.form.tooManyPhotos" } };

  const receivedAt = input.now ?? new Date();
  const contactDueAt = new Date(receivedAt.getTime() + SLA.contactHours * 3_600_000);
  const prefix = ticketNumberPrefix(receivedAt);
  let ticket: { id: string; number: string } | undefined;
  for (let attempt = 0; !ticket; attempt++) {
    const number = await nextTicketNumber(tx, prefix);
    try {
      // A savepoint, so a lost race on the number can be retried inside the caller's transaction.
      ticket = await tx.transaction(async (sp) => {
        const [row] = await sp
          .insert(serviceTickets)
          .values({
            number,
            projectId: project.id,
            unitId: unit.unitId,
            serialNumber: unit.serialNumber,
            channel: input.channel,
            reporterName: input.reporterName,
            contactPhone: input.contactPhone,
            contactEmail: input.contactEmail ?? "",
            siteAddress: input.siteAddress ?? "",
            area: input.area,
            description: input.description,
            status: "received",
            createdBy: input.createdBy,
            receivedAt,
            contactDueAt,
            updatedAt: receivedAt,
          })
          .returning({ id: serviceTickets.id, number: serviceTickets.number });
        return row;
      });
    } catch (error) {
      if (pgErrorCode(error) !== "23505" || attempt >= 4) throw error;
    }
  }

  const channelLabel = translate("zh-CN", `serviceTickets.channel.${input.channel}`);
  await tx.insert(ticketEvents).values({
    ticketId: ticket.id,
    at: receivedAt,
    actorUserId: input.createdBy,
    actorLabel: input.actorLabel ?? input.reporterName,
    action: "received",
    fromStatus: null,
    toStatus: "received",
    note: channelLabel,
    ip: input.ip ?? "",
  });

  for (const photo of input.photos ?? []) {
    const [file] = await tx
      .insert(files)
      .values({ projectId: project.id, name: photo.name, mime: photo.mime, size: photo.size, sha256: photo.sha256, bytes: photo.bytes, uploadedBy: input.createdBy })
      .returning({ id: files.id });
    await tx.insert(ticketPhotos).values({ ticketId: ticket.id, fileId: file.id, stage: "request" });
  }

  const to = await serviceStaffEmails(tx);
  if (to.length) {
    const title = `新售后服务单 ${ticket.number}`;
    const description = [...input.description];
    const content = {
      title,
      paragraphs: [
        `项目：${project.name}（${project.code}）`,
        `来源：${channelLabel}；报修人：${input.reporterName}，电话 ${input.contactPhone}${input.contactEmail ? `，邮箱 ${input.contactEmail}` : ""}`,
        `地址：${input.siteAddress || "—"}（${translate("zh-CN", `serviceTickets.area.${input.area}`)}）${unit.serialNumber ? `；序列号 ${unit.serialNumber}` : ""}`,
        `故障描述：${description.length > 500 ? `${description.slice(0, 500).join("")}…` : input.description}`,
        `请在 ${shanghaiTime(contactDueAt)}（北京时间）前联系客户（${SLA.contactHours} 小时内）。`,
      ],
      action: { label: "查看服务单", url: `${env().PUBLIC_URL}/service/tickets/${ticket.id}` },
    };
    await enqueueEmail(tx, { template: "serviceTicketReceived", projectId: project.id, payload: { to, subject: `${title} · ${project.name}`, ...renderEmail(content) } });
  }
  return { ok: true, ticketId: ticket.id, number: ticket.number, contactDueAt };
}
