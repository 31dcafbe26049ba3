// The customer's own service request (channel "online"), from the warranty card's QR page or the
// public API: the rate limit per IP first, then the code, then the same reading and the same
// createTicket as staff entry. The page adds the honeypot and the fill-time check on top.
import type { Db } from "#db/client";
import { shanghaiDate } from "~/lib/calendar";
import { kickOutbox } from "~/lib/mail/kick.server";
import { overRateLimit } from "~/lib/public-links.server";
import type { ReceivedFile } from "~/lib/uploads.server";
import { warrantyClock, type WarrantyState } from "~/services/projects/warranty-clock";
import { projectByServiceCode, type ServiceCodeProject } from "./service-code.server";
import { createTicket, MAX_REQUEST_PHOTOS } from "./ticket-create.server";
import { readServiceRequest } from "./ticket-input";

export const REQUEST_LIMIT = { max: 5, windowMs: 10 * 60_000 };
export const REQUEST_BUCKET = "service-request";

/** What the public page shows of a project: no ids but the units', no serial numbers at all. */
export interface PublicServiceProject {
  code: string;
  name: string;
  siteAddress: string;
  units: { id: string; name: string; model: string; location: string; quantity: number }[];
  /** null before the completion acceptance (no warranty running yet). */
  warranty: { state: WarrantyState; endsOn: string } | null;
}

export function publicProject(project: ServiceCodeProject, now = new Date()): PublicServiceProject {
  const clock = warrantyClock(project.warranty, shanghaiDate(now.toISOString()));
  return {
    code: project.code,
    name: project.name,
    siteAddress: project.siteAddress,
    units: project.units.map((u) => ({ id: u.id, name: u.name, model: u.model, location: u.location, quantity: u.quantity })),
    warranty: clock ? { state: clock.state, endsOn: clock.endsOn } : null,
  };
}

export type RequestGate = { state: "rateLimited" } | { state: "notFound" } | { state: "ok"; project: ServiceCodeProject };

/**
 * Every submission counts against the IP's limit (also those refused later, bots included), so a
 * flood is cut off before its body is even read.
 */
export async function gateServiceRequest(db: Db, code: string | undefined, ip: string, now = new Date()): Promise<RequestGate> {
  if (await overRateLimit(db, REQUEST_BUCKET, ip || "unknown", { ...REQUEST_LIMIT, now })) return { state: "rateLimited" };
  const project = await projectByServiceCode(db, code);
  return project ? { state: "ok", project } : { state: "notFound" };
}

export type FileRequestResult =
  | { ok: true; ticketId: string; number: string; contactDueAt: Date }
  | { ok: false; errors: Record<string, string>; values: Record<string, string> };

/** Reads and files the request; nothing is written unless every check passes. */
export async function fileServiceRequest(
  db: Db,
  project: ServiceCodeProject,
  form: FormData,
  { photos = [], uploadErrors = {}, ip = "", now = new Date() }: { photos?: ReceivedFile[]; uploadErrors?: Record<string, string>; ip?: string; now?: Date } = {},
): Promise<FileRequestResult> {
  const read = readServiceRequest(form);
  const errors: Record<string, string> = { ...(read.ok ? {} : read.errors), ...uploadErrors };
  if (photos.length > MAX_REQUEST_PHOTOS) errors.photos ??= "serviceTickets.form.tooManyPhotos";
  if (!read.ok || Object.keys(errors).length) return { ok: false, errors, values: read.values };
  const { data } = read;
  const result = await db.transaction((tx) =>
    createTicket(tx, {
      projectId: project.projectId,
      channel: "online",
      reporterName: data.reporterName,
      contactPhone: data.contactPhone,
      contactEmail: data.contactEmail,
      siteAddress: data.siteAddress,
      area: data.area,
      description: data.description,
      serialNumber: data.serialNumber,
      unitId: data.unitId,
      createdBy: null,
      actorLabel: `${data.reporterName}（在线报修）`,
      ip,
      photos,
      now,
    }),
  );
  if (!result.ok) return { ok: false, errors: result.errors, values: read.values };
  kickOutbox();
  return result;
}
