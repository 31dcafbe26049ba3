import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { translate } from "~/i18n";
import { apiError, apiLocale, apiOk, fieldMessages, handleApi, readJsonObject, requireApiUser } from "~/lib/api.server";
import { requireVisibleProject } from "~/lib/permissions.server";
import { requestInfo } from "~/lib/request-info.server";
import { getProjectEventsView, sendProjectEvent } from "~/services/projects/project-events.server";
import { refusalText } from "~/services/projects/refusal-text";

/** GET — the events this caller may send now, and for the others what is missing. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return handleApi(request, async () => {
    const user = await requireApiUser(request);
    const db = getDb();
    const project = await requireVisibleProject(db, user, params.projectId ?? "");
    return apiOk(await getProjectEventsView(db, project, user, apiLocale(request)));
  });
}

/** POST {type, payload?, expectedVersion?} — the same checks and messages as the project page. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  return handleApi(request, async () => {
    const locale = apiLocale(request);
    if (request.method !== "POST") return apiError(405, "METHOD_NOT_ALLOWED", translate(locale, "api.methodNotAllowed"));
    const user = await requireApiUser(request);
    const body = await readJsonObject(request);
    if (body instanceof Response) return body;
    const payload = body.payload && typeof body.payload === "object" && !Array.isArray(body.payload) ? (body.payload as Record<string, unknown>) : {};
    const expected = body.expectedVersion === undefined ? undefined : Number(body.expectedVersion);
    const result = await sendProjectEvent(getDb(), {
      projectId: params.projectId ?? "",
      user,
      type: String(body.type ?? ""),
      json: payload,
      expectedVersion: Number.isInteger(expected) ? expected : undefined,
      info: requestInfo(request, context),
      locale,
    });
    if (result.ok) return apiOk({ ok: true, stage: result.stage, version: result.version });
    const code = { 400: "VALIDATION", 403: "FORBIDDEN", 404: "NOT_FOUND", 409: "CONFLICT", 422: "REFUSED" }[result.status];
    return apiError(result.status, code, result.message || translate(locale, "api.validation"), {
      refusals: result.refusals.map((r) => ({ ...r, message: refusalText(r, locale) })),
      ...(result.fieldErrors ? { fieldErrors: fieldMessages(result.fieldErrors, locale) } : {}),
    });
  });
}
