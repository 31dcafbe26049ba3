import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { translate } from "~/i18n";
import { apiError, apiLocale, handleApi, readJsonObject } from "~/lib/api.server";
import { requestInfo } from "~/lib/request-info.server";
import { surveyLinkGet, surveyLinkPost } from "~/services/service/survey-api.server";

/** GET /api/v1/survey-links/:token — what the survey link shows (no account: the token is the credential). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  return handleApi(request, () => surveyLinkGet(getDb(), params.token, requestInfo(request, context), apiLocale(request)));
}

/** POST /api/v1/survey-links/:token — submit the survey once, exactly as on the page /sv/:token. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  return handleApi(request, async () => {
    const locale = apiLocale(request);
    if (request.method !== "POST") return apiError(405, "METHOD_NOT_ALLOWED", translate(locale, "api.methodNotAllowed"));
    const body = await readJsonObject(request);
    if (body instanceof Response) return body;
    return surveyLinkPost(getDb(), params.token, body, requestInfo(request, context), locale);
  });
}
