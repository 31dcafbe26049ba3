import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { translate } from "~/i18n";
import { apiError, apiLocale, apiOk, handleApi, readJsonObject, requireApiUser } from "~/lib/api.server";
import { shanghaiDate } from "~/lib/calendar";
import { requestInfo } from "~/lib/request-info.server";
import { objectToFormData } from "~/services/api/object-form-data";
import { addCoordinationNote } from "~/services/site/notes-add.server";
import { listCoordinationNotes } from "~/services/site/notes-list.server";
import { requireConstructionAccess } from "~/services/site/progress-access.server";
import { constructionApiError, notesJson } from "~/services/site/progress-api.server";

/** GET /api/v1/projects/:id/notes — coordination notes, newest first. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return handleApi(request, async () => {
    const user = await requireApiUser(request);
    const db = getDb();
    const access = await requireConstructionAccess(db, user, params.projectId ?? "");
    return apiOk(notesJson(await listCoordinationNotes(db, access.project.id)));
  });
}

/** POST /api/v1/projects/:id/notes — the pm adds a note {noteDate, party, content} (project in construction). */
export async function action({ request, params, context }: ActionFunctionArgs) {
  return handleApi(request, async () => {
    const locale = apiLocale(request);
    if (request.method !== "POST") return apiError(405, "METHOD_NOT_ALLOWED", translate(locale, "api.methodNotAllowed"));
    const user = await requireApiUser(request);
    const db = getDb();
    const access = await requireConstructionAccess(db, user, params.projectId ?? "");
    const body = await readJsonObject(request);
    if (body instanceof Response) return body;
    const today = shanghaiDate(new Date().toISOString());
    const result = await addCoordinationNote(db, { access, user, form: objectToFormData(body), today, info: requestInfo(request, context) });
    if (!result.ok) return constructionApiError(locale, result);
    return apiOk({ id: result.id, url: `/api/v1/projects/${access.project.id}/notes` }, 201);
  });
}
