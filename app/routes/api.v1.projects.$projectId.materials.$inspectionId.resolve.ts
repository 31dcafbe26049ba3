import type { ActionFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { translate } from "~/i18n";
import { apiError, apiLocale, apiOk, handleApi, readJsonObject, requireApiUser } from "~/lib/api.server";
import { requestInfo } from "~/lib/request-info.server";
import { requireQualityProject } from "~/services/site/material-access.server";
import { resolveMaterialRejection } from "~/services/site/material-resolve.server";
import { qualityApiError } from "~/services/site/material-api.server";

/** POST /api/v1/projects/:id/materials/:inspectionId/resolve {note} — a rejected request removed or replaced. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  return handleApi(request, async () => {
    const locale = apiLocale(request);
    if (request.method !== "POST") return apiError(405, "METHOD_NOT_ALLOWED", translate(locale, "api.methodNotAllowed"));
    const user = await requireApiUser(request);
    const db = getDb();
    const { project } = await requireQualityProject(db, user, params.projectId ?? "");
    const body = await readJsonObject(request);
    if (body instanceof Response) return body;
    const r = await resolveMaterialRejection(db, { projectId: project.id, user, inspectionId: params.inspectionId ?? "", note: typeof body.note === "string" ? body.note : "", info: requestInfo(request, context) });
    return r.ok ? apiOk({ ok: true }) : qualityApiError(locale, r);
  });
}
