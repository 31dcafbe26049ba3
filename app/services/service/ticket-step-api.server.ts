// The API's answers for ticket steps: the same service and the same messages as the page.
import type { Db } from "#db/client";
import { translate, type Locale } from "~/i18n";
import { apiError, apiOk, fieldMessages, readJsonObject } from "~/lib/api.server";
import type { SessionUser } from "~/lib/session.server";
import { requireTicketAccess } from "./ticket-step-access.server";
import { applyTicketStep } from "./ticket-steps.server";
import { loadTicketView } from "./ticket-view.server";

const CODES: Record<number, string> = { 400: "VALIDATION", 403: "FORBIDDEN", 404: "NOT_FOUND", 409: "CONFLICT" };

/** GET: the ticket with its history, quotes, due times and the steps this user may take now. */
export async function ticketApiView(db: Db, user: SessionUser, ticketId: string) {
  const access = await requireTicketAccess(db, user, ticketId);
  const view = await loadTicketView(db, { ...access, user });
  return { ...view, photos: view.photos.map((p) => ({ ...p, url: `/files/${p.fileId}` })) };
}

/** POST {step, expectedVersion, ...input}; `step` forced for the quotes endpoint. */
export async function ticketApiStep(db: Db, { request, user, ticketId, locale, step, info }: { request: Request; user: SessionUser; ticketId: string; locale: Locale; step?: string; info: { ip: string; userAgent: string } }): Promise<Response> {
  const { ticket } = await requireTicketAccess(db, user, ticketId);
  const body = await readJsonObject(request);
  if (body instanceof Response) return body;
  const { step: bodyStep, expectedVersion, ...input } = body;
  const result = await applyTicketStep(db, { ticketId: ticket.id, user, step: step ?? String(bodyStep ?? ""), expectedVersion, input, info });
  if (!result.ok) {
    const hasFields = Object.keys(result.errors).length > 0;
    const message = translate(locale, result.formError ?? (hasFields ? "api.validation" : "error.generic"));
    return apiError(result.status, CODES[result.status] ?? "ERROR", message, hasFields ? { fieldErrors: fieldMessages(result.errors, locale) } : {});
  }
  return apiOk({ ok: true, step: result.step, status: result.status, version: result.version, surveyLink: result.surveyLink, quoteLink: result.quoteLink, ticket: await ticketApiView(db, user, ticket.id) }, step === "quote" ? 201 : 200);
}
