import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { translate } from "~/i18n";
import { apiError, apiLocale, handleApi, readJsonObject } from "~/lib/api.server";
import { requestInfo } from "~/lib/request-info.server";
import { serviceRequestCreateJson, serviceRequestViewJson } from "~/services/service/ticket-intake-api.server";

/** GET /api/v1/service-requests/:code — the project behind a warranty card's code (no account). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  return handleApi(request, () => serviceRequestViewJson(getDb(), params.code, requestInfo(request, context).ip, apiLocale(request)));
}

/** POST /api/v1/service-requests/:code — a customer's service request, as on the page /s/:code (no account; rate-limited per IP). */
export async function action({ request, params, context }: ActionFunctionArgs) {
  return handleApi(request, async () => {
    const locale = apiLocale(request);
    if (request.method !== "POST") return apiError(405, "METHOD_NOT_ALLOWED", translate(locale, "api.methodNotAllowed"));
    return serviceRequestCreateJson(getDb(), params.code, () => readJsonObject(request), requestInfo(request, context).ip, locale);
  });
}
