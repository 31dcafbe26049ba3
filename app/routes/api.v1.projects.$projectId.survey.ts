import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { translate } from "~/i18n";
import { apiError, apiLocale, apiOk, handleApi, readJsonObject, requireApiUser } from "~/lib/api.server";
import { requireVisibleProject } from "~/lib/permissions.server";
import { entryApiResponse } from "~/services/site/entry-api.server";
import { loadSurvey } from "~/services/site/survey-load.server";
import { saveSurvey } from "~/services/site/survey-save.server";

/** GET /api/v1/projects/:id/survey — the survey with obstacles and photo ids (any viewer of the project). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return handleApi(request, async () => {
    const user = await requireApiUser(request);
    const db = getDb();
    const project = await requireVisibleProject(db, user, params.projectId ?? "");
    const survey = await loadSurvey(db, project);
    return apiOk({ projectId: project.id, stage: project.stage, version: project.version, ...survey, photos: survey.photos.map((p) => ({ ...p, url: `/files/${p.fileId}` })) });
  });
}

/**
 * PUT /api/v1/projects/:id/survey — JSON {siteLeadName, crewLeadName, surveyedOn, conditions,
 * drawingsConfirmed, obstacles:[{description, plan}]}: replaces the survey (photos are kept; add
 * them with POST …/survey/photos). Only the project's pm, only in stage survey.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  return handleApi(request, async () => {
    const locale = apiLocale(request);
    if (request.method !== "PUT") return apiError(405, "METHOD_NOT_ALLOWED", translate(locale, "api.methodNotAllowed"));
    const user = await requireApiUser(request);
    const db = getDb();
    const project = await requireVisibleProject(db, user, params.projectId ?? "");
    const body = await readJsonObject(request);
    if (body instanceof Response) return body;
    const result = await saveSurvey(db, { projectId: project.id, user, object: body });
    if (!result.ok) return entryApiResponse(result, locale);
    return apiOk({ ok: true, ...(await loadSurvey(db, project)) });
  });
}
