import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { translate } from "~/i18n";
import { apiError, apiLocale, apiOk, handleApi, readJsonObject, requireApiUser } from "~/lib/api.server";
import { shanghaiDate } from "~/lib/calendar";
import { requestInfo } from "~/lib/request-info.server";
import { readMultipartForm, UploadTooLargeError, type ReceivedFile } from "~/lib/uploads.server";
import { objectToFormData } from "~/services/api/object-form-data";
import { requireConstructionAccess } from "~/services/site/progress-access.server";
import { constructionApiError, progressJson } from "~/services/site/progress-api.server";
import { loadProgress } from "~/services/site/progress-list.server";
import { recordProgress } from "~/services/site/progress-record.server";

const today = () => shanghaiDate(new Date().toISOString());

/** GET /api/v1/projects/:id/progress — entries newest first with photos, planned-vs-actual data. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return handleApi(request, async () => {
    const user = await requireApiUser(request);
    const db = getDb();
    const access = await requireConstructionAccess(db, user, params.projectId ?? "");
    const { entries, chart } = await loadProgress(db, access, today());
    return apiOk({ stage: access.project.stage, ...progressJson(entries, chart, access.project.id) });
  });
}

/**
 * POST /api/v1/projects/:id/progress — the pm logs progress (project in construction). JSON
 * {entryDate, percentComplete, notes}, or multipart/form-data with the same fields and `photos`.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  return handleApi(request, async () => {
    const locale = apiLocale(request);
    if (request.method !== "POST") return apiError(405, "METHOD_NOT_ALLOWED", translate(locale, "api.methodNotAllowed"));
    const user = await requireApiUser(request);
    const db = getDb();
    const access = await requireConstructionAccess(db, user, params.projectId ?? "");
    let form: FormData;
    let photos: ReceivedFile[] = [];
    let photoError: string | undefined;
    if (/^multipart\/form-data/i.test(request.headers.get("Content-Type") ?? "")) {
      try {
        const upload = await readMultipartForm(request, { photos: ["image"] });
        ({ form } = upload);
        photos = upload.files.photos ?? [];
        photoError = upload.errors.photos;
      } catch (error) {
        if (!(error instanceof UploadTooLargeError)) throw error;
        return constructionApiError(locale, { status: 413, errors: { photos: "upload.tooLarge" } });
      }
    } else {
      const body = await readJsonObject(request);
      if (body instanceof Response) return body;
      form = objectToFormData(body);
    }
    const result = await recordProgress(db, { access, user, form, photos, photoError, today: today(), info: requestInfo(request, context) });
    if (!result.ok) return constructionApiError(locale, result);
    return apiOk({ id: result.id, warnings: result.warnings.map((key) => translate(locale, key)), url: `/api/v1/projects/${access.project.id}/progress` }, 201);
  });
}
