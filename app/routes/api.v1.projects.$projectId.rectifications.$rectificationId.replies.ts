import type { ActionFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { translate } from "~/i18n";
import { apiError, apiLocale, apiOk, handleApi, readJsonObject, requireApiUser } from "~/lib/api.server";
import { requestInfo } from "~/lib/request-info.server";
import { readMultipartForm, UploadTooLargeError, type ReceivedFile } from "~/lib/uploads.server";
import { requireQualityProject } from "~/services/site/material-access.server";
import { replyToRectification } from "~/services/site/rectification-replies.server";
import { qualityApiError } from "~/services/site/material-api.server";

/** POST — a B.0.9 reply: JSON {content} or multipart content + photos (images); the supervisor gets a verification link. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  return handleApi(request, async () => {
    const locale = apiLocale(request);
    if (request.method !== "POST") return apiError(405, "METHOD_NOT_ALLOWED", translate(locale, "api.methodNotAllowed"));
    const user = await requireApiUser(request);
    const db = getDb();
    const { project } = await requireQualityProject(db, user, params.projectId ?? "");
    let content = "";
    let photos: ReceivedFile[] = [];
    let photoError: string | undefined;
    if (/^multipart\/form-data/i.test(request.headers.get("Content-Type") ?? "")) {
      try {
        const upload = await readMultipartForm(request, { photos: ["image"] });
        content = String(upload.form.get("content") ?? "");
        photos = upload.files.photos ?? [];
        photoError = upload.errors.photos;
      } catch (error) {
        if (error instanceof UploadTooLargeError) return apiError(413, "PAYLOAD_TOO_LARGE", translate(locale, "upload.tooLarge"));
        throw error;
      }
    } else {
      const body = await readJsonObject(request);
      if (body instanceof Response) return body;
      content = typeof body.content === "string" ? body.content : "";
    }
    const r = await replyToRectification(db, { projectId: project.id, user, rectificationId: params.rectificationId ?? "", content, photos, photoError, info: requestInfo(request, context) });
    return r.ok ? apiOk({ replyId: r.replyId, status: "replied", linkSent: r.linkSent }, 201) : qualityApiError(locale, r);
  });
}
