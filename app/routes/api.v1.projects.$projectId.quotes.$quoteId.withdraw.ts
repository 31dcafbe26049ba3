import type { ActionFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { translate } from "~/i18n";
import { apiError, apiLocale, apiOk, handleApi, readJsonObject, requireApiUser } from "~/lib/api.server";
import { requestInfo } from "~/lib/request-info.server";
import { requireBiddingProject } from "~/services/bidding/list-bidding.server";
import { withdrawQuote } from "~/services/bidding/withdraw-quote.server";
import { biddingApiError } from "~/services/bidding/bidding-api.server";

/** POST /api/v1/projects/:id/quotes/:quoteId/withdraw {reason} — withdraw a company's latest revision. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  return handleApi(request, async () => {
    const locale = apiLocale(request);
    if (request.method !== "POST") return apiError(405, "METHOD_NOT_ALLOWED", translate(locale, "api.methodNotAllowed"));
    const user = await requireApiUser(request);
    const db = getDb();
    const { project, access } = await requireBiddingProject(db, user, params.projectId ?? "");
    if (access !== "edit") return apiError(403, "FORBIDDEN", translate(locale, "error.forbidden"));
    const body = await readJsonObject(request);
    if (body instanceof Response) return body;
    const reason = typeof body.reason === "string" ? body.reason : "";
    const result = await withdrawQuote(db, { kind: "user", user }, project.id, params.quoteId ?? "", reason, { info: requestInfo(request, context) });
    if (!result.ok) return biddingApiError(locale, result);
    return apiOk({ ok: true });
  });
}
