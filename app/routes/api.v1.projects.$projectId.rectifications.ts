import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { translate } from "~/i18n";
import { apiError, apiLocale, apiOk, handleApi, readJsonObject, requireApiUser } from "~/lib/api.server";
import { requestInfo } from "~/lib/request-info.server";
import { objectToFormData } from "~/services/api/object-form-data";
import { requireQualityProject } from "~/services/site/material-access.server";
import { listRectifications } from "~/services/site/rectification-list.server";
import { recordPaperNotice } from "~/services/site/rectification-notices.server";
import { qualityApiError } from "~/services/site/material-api.server";

/** GET /api/v1/projects/:id/rectifications — notices with replies, verdicts and overdue flags. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return handleApi(request, async () => {
    const user = await requireApiUser(request);
    const db = getDb();
    const { project } = await requireQualityProject(db, user, params.projectId ?? "");
    return apiOk({ stage: project.stage, ...(await listRectifications(db, project.id)) });
  });
}

/** POST {number?, subject, content, deadlineOn, issuedBy} — record a paper A.0.3 notice. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  return handleApi(request, async () => {
    const locale = apiLocale(request);
    if (request.method !== "POST") return apiError(405, "METHOD_NOT_ALLOWED", translate(locale, "api.methodNotAllowed"));
    const user = await requireApiUser(request);
    const db = getDb();
    const { project } = await requireQualityProject(db, user, params.projectId ?? "");
    const body = await readJsonObject(request);
    if (body instanceof Response) return body;
    const r = await recordPaperNotice(db, { projectId: project.id, user, form: objectToFormData(body), info: requestInfo(request, context) });
    return r.ok ? apiOk({ id: r.id, number: r.number, status: "open" }, 201) : qualityApiError(locale, r);
  });
}
