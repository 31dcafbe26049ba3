import type { ActionFunctionArgs } from "@remix-run/node";
import { requestInfo } from "~/lib/request-info.server";
import { getDb } from "#db/client";
import { translate } from "~/i18n";
import { apiError, apiLocale, apiOk, fieldMessages, handleApi, readJsonObject, requireApiUser } from "~/lib/api.server";
import { loadComparison } from "~/services/bidding/load-comparison.server";
import { saveRecommendation } from "~/services/bidding/save-recommendation.server";

/** PUT or POST {vendorId, reason} — the pm's recommendation, with the page's checks and messages. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  return handleApi(request, async () => {
    const locale = apiLocale(request);
    if (request.method !== "PUT" && request.method !== "POST") return apiError(405, "METHOD_NOT_ALLOWED", translate(locale, "api.methodNotAllowed"));
    const user = await requireApiUser(request);
    const body = await readJsonObject(request);
    if (body instanceof Response) return body;
    const db = getDb();
    const result = await saveRecommendation(db, user, params.projectId ?? "", { vendorId: body.vendorId, reason: body.reason }, new Date(), requestInfo(request, context));
    if (result.ok) return apiOk({ ok: true, recommendation: (await loadComparison(db, params.projectId ?? "")).recommendation });
    const code = { 400: "VALIDATION", 403: "FORBIDDEN", 409: "CONFLICT", 422: "REFUSED" }[result.status];
    const fieldErrors = fieldMessages(result.errors, locale);
    const message = result.formError ? translate(locale, result.formError) : Object.values(fieldErrors).join("；") || translate(locale, "api.validation");
    return apiError(result.status, code, message, Object.keys(fieldErrors).length ? { fieldErrors } : {});
  });
}
