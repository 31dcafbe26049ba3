import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { translate } from "~/i18n";
import { apiError, apiLocale, handleApi, readJsonObject, requireApiUser } from "~/lib/api.server";
import { requestInfo } from "~/lib/request-info.server";
import { ticketCreateJson, ticketListJson } from "~/services/service/ticket-intake-api.server";

/** GET /api/v1/service/tickets — the tickets this user may see, with the overdue steps. */
export async function loader({ request }: LoaderFunctionArgs) {
  return handleApi(request, async () => {
    const user = await requireApiUser(request);
    return ticketListJson(getDb(), user, new URL(request.url).searchParams, apiLocale(request));
  });
}

/** POST /api/v1/service/tickets — staff entry (hotline, regional manager, dealer), as on /service/tickets/new. */
export async function action({ request, context }: ActionFunctionArgs) {
  return handleApi(request, async () => {
    const locale = apiLocale(request);
    if (request.method !== "POST") return apiError(405, "METHOD_NOT_ALLOWED", translate(locale, "api.methodNotAllowed"));
    const user = await requireApiUser(request);
    const body = await readJsonObject(request);
    if (body instanceof Response) return body;
    return ticketCreateJson(getDb(), user, body, locale, requestInfo(request, context).ip);
  });
}
