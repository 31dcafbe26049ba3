// The JSON side of ticket intake (/api/v1/service/tickets, /api/v1/service-requests/:code): the
// same services and messages as the pages, shaped for integrators.
import type { Db } from "#db/client";
import { translate, type Locale } from "~/i18n";
import { apiError, apiOk, fieldMessages } from "~/lib/api.server";
import { recordFailedAttempt, tooManyFailedAttempts } from "~/lib/public-links.server";
import type { SessionUser } from "~/lib/session.server";
import { objectToFormData } from "~/services/api/object-form-data";
import { projectByServiceCode } from "./service-code.server";
import { fileServiceRequest, gateServiceRequest, publicProject } from "./service-request.server";
import { requireTicketUser } from "./ticket-access.server";
import { enterTicket } from "./ticket-enter.server";
import { listTickets, overdueSteps, parseChannelFilter, parseStatusFilter } from "./ticket-list.server";

const validation = (locale: Locale, errors: Record<string, string>) =>
  apiError(400, "VALIDATION", translate(locale, "api.validation"), { fieldErrors: fieldMessages(errors, locale) });

/** GET list: ?status=(open|received|…)&channel=&projectId=&overdue=1; unknown values are refused. */
export async function ticketListJson(db: Db, user: SessionUser, params: URLSearchParams, locale: Locale, now = new Date()): Promise<Response> {
  requireTicketUser(user);
  const errors: Record<string, string> = {};
  const status = params.get("status") || undefined;
  const channel = params.get("channel") || undefined;
  const projectId = params.get("projectId") || undefined;
  const overdueRaw = params.get("overdue") ?? "";
  if (status && !parseStatusFilter(status)) errors.status = "form.invalidChoice";
  if (channel && !parseChannelFilter(channel)) errors.channel = "form.invalidChoice";
  if (projectId && !/^[0-9a-f-]{36}$/i.test(projectId)) errors.projectId = "form.invalidChoice";
  if (!["", "0", "1", "true", "false"].includes(overdueRaw)) errors.overdue = "form.invalidChoice";
  if (Object.keys(errors).length) return validation(locale, errors);
  const items = await listTickets(db, user, { status: parseStatusFilter(status), channel: parseChannelFilter(channel), projectId, overdue: overdueRaw === "1" || overdueRaw === "true", now });
  return apiOk({ now: now.toISOString(), items, overdueSteps: overdueSteps(items) });
}

/** POST staff entry: the body as the page form ({projectId, channel, reporterName, …}). */
export async function ticketCreateJson(db: Db, user: SessionUser, body: Record<string, unknown>, locale: Locale, ip: string): Promise<Response> {
  const result = await enterTicket(db, user, objectToFormData(body), { ip });
  if (!result.ok) return validation(locale, result.errors);
  return apiOk({ id: result.ticketId, number: result.number, contactDueAt: result.contactDueAt.toISOString(), url: `/service/tickets/${result.ticketId}` }, 201);
}

/** GET /service-requests/:code — what the card's page shows (project, units, warranty). */
export async function serviceRequestViewJson(db: Db, code: string | undefined, ip: string, locale: Locale): Promise<Response> {
  if (await tooManyFailedAttempts(db, "service-code", ip || "unknown")) return apiError(429, "RATE_LIMITED", translate(locale, "serviceTickets.request.rateLimited"));
  const project = await projectByServiceCode(db, code);
  if (!project) {
    await recordFailedAttempt(db, "service-code", ip || "unknown");
    return apiError(404, "NOT_FOUND", translate(locale, "serviceTickets.request.notFound"));
  }
  return apiOk(publicProject(project));
}

/** POST /service-requests/:code — the customer's request as JSON (rate-limited like the page; no photos, no stamp). */
export async function serviceRequestCreateJson(db: Db, code: string | undefined, readBody: () => Promise<Record<string, unknown> | Response>, ip: string, locale: Locale): Promise<Response> {
  // The limit is counted before the body is read, as on the page.
  const gate = await gateServiceRequest(db, code, ip);
  if (gate.state === "rateLimited") return apiError(429, "RATE_LIMITED", translate(locale, "serviceTickets.request.rateLimited"));
  if (gate.state === "notFound") return apiError(404, "NOT_FOUND", translate(locale, "serviceTickets.request.notFound"));
  const body = await readBody();
  if (body instanceof Response) return body;
  const result = await fileServiceRequest(db, gate.project, objectToFormData(body), { ip });
  if (!result.ok) return validation(locale, result.errors);
  return apiOk({ number: result.number, contactDueAt: result.contactDueAt.toISOString() }, 201);
}
