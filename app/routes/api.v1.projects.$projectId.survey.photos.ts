import type { ActionFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { translate } from "~/i18n";
import { apiError, apiLocale, apiOk, fieldMessages, handleApi, requireApiUser } from "~/lib/api.server";
import { requireVisibleProject } from "~/lib/permissions.server";
import { readMultipartForm, UploadTooLargeError } from "~/lib/uploads.server";
import { entryApiResponse } from "~/services/site/entry-api.server";
import { addSurveyPhotos } from "~/services/site/survey-save.server";

/** POST /api/v1/projects/:id/survey/photos — multipart: `photos` (one or more images), optional `caption`. */
export async function action({ request, params }: ActionFunctionArgs) {
  return handleApi(request, async () => {
    const locale = apiLocale(request);
    if (request.method !== "POST") return apiError(405, "METHOD_NOT_ALLOWED", translate(locale, "api.methodNotAllowed"));
    const user = await requireApiUser(request);
    const db = getDb();
    const project = await requireVisibleProject(db, user, params.projectId ?? "");
    if (!/^multipart\/form-data/i.test(request.headers.get("Content-Type") ?? "")) {
      return apiError(415, "UNSUPPORTED_MEDIA_TYPE", translate(locale, "upload.empty"));
    }
    let upload;
    try {
      upload = await readMultipartForm(request, { photos: ["image"] });
    } catch (error) {
      if (!(error instanceof UploadTooLargeError)) throw error;
      return apiError(413, "PAYLOAD_TOO_LARGE", translate(locale, "upload.tooLarge"));
    }
    if (upload.errors.photos === "upload.tooLarge") return apiError(413, "PAYLOAD_TOO_LARGE", translate(locale, "upload.tooLarge"), { fieldErrors: fieldMessages(upload.errors, locale) });
    if (Object.keys(upload.errors).length) return apiError(400, "VALIDATION", translate(locale, "api.validation"), { fieldErrors: fieldMessages(upload.errors, locale) });
    const result = await addSurveyPhotos(db, { projectId: project.id, user, photos: upload.files.photos ?? [], caption: String(upload.form.get("caption") ?? "") });
    if (!result.ok) return entryApiResponse({ ...result, errors: result.status === 400 ? { photos: result.messageKey } : {} }, locale);
    return apiOk({ photos: result.photos.map((p) => ({ ...p, url: `/files/${p.fileId}` })) }, 201);
  });
}

export async function loader() {
  return new Response(null, { status: 405, headers: { Allow: "POST" } });
}
