import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { translate } from "~/i18n";
import { apiError, apiLocale, apiOk, handleApi, requireApiUser } from "~/lib/api.server";
import { qualityApiError } from "~/services/site/material-api.server";
import { requestInfo } from "~/lib/request-info.server";
import { readMultipartForm, UploadTooLargeError } from "~/lib/uploads.server";
import { requireQualityProject } from "~/services/site/material-access.server";
import { listMaterialInspections } from "~/services/site/material-list.server";
import { createMaterialRequest, MATERIAL_UPLOAD_FIELDS } from "~/services/site/material-requests.server";

/** GET /api/v1/projects/:id/materials — the B.0.6 entry requests with items, decisions and links. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return handleApi(request, async () => {
    const user = await requireApiUser(request);
    const db = getDb();
    const { project } = await requireQualityProject(db, user, params.projectId ?? "");
    return apiOk({ stage: project.stage, materialInspections: await listMaterialInspections(db, project.id) });
  });
}

/** POST multipart: title, enteredOn, placeOfUse, selfCheck, items[i].name/spec/quantity/placeOfUse + items[i].certificate file. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  return handleApi(request, async () => {
    const locale = apiLocale(request);
    if (request.method !== "POST") return apiError(405, "METHOD_NOT_ALLOWED", translate(locale, "api.methodNotAllowed"));
    const user = await requireApiUser(request);
    const db = getDb();
    const { project } = await requireQualityProject(db, user, params.projectId ?? "");
    if (!/^multipart\/form-data/i.test(request.headers.get("Content-Type") ?? "")) return apiError(415, "UNSUPPORTED_MEDIA_TYPE", translate(locale, "upload.empty"));
    let upload;
    try {
      upload = await readMultipartForm(request, MATERIAL_UPLOAD_FIELDS);
    } catch (error) {
      if (error instanceof UploadTooLargeError) return apiError(413, "PAYLOAD_TOO_LARGE", translate(locale, "upload.tooLarge"));
      throw error;
    }
    const r = await createMaterialRequest(db, { projectId: project.id, user, form: upload.form, files: upload.files, uploadErrors: upload.errors, info: requestInfo(request, context) });
    if (r.ok) return apiOk({ id: r.id, status: "pending", linkSent: r.linkSent }, 201);
    return qualityApiError(locale, r);
  });
}
