import type { ActionFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { translate } from "~/i18n";
import { apiError, apiLocale, handleApi, requireApiUser } from "~/lib/api.server";
import { requestInfo } from "~/lib/request-info.server";
import { ticketApiStep } from "~/services/service/ticket-step-api.server";

/** POST /api/v1/service/tickets/:ticketId/steps — JSON {step, expectedVersion, ...input}: one step of the ticket (service, management). */
export async function action({ request, params, context }: ActionFunctionArgs) {
  return handleApi(request, async () => {
    const locale = apiLocale(request);
    if (request.method !== "POST") return apiError(405, "METHOD_NOT_ALLOWED", translate(locale, "api.methodNotAllowed"));
    const user = await requireApiUser(request);
    return ticketApiStep(getDb(), { request, user, ticketId: params.ticketId ?? "", locale, info: requestInfo(request, context) });
  });
}
