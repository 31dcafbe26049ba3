import type { ActionFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { translate } from "~/i18n";
import { apiError, apiLocale, apiOk, handleApi, requireApiUser } from "~/lib/api.server";
import { notFound } from "~/lib/http.server";
import { requireVisibleProject } from "~/lib/permissions.server";
import { readMultipartForm, UploadTooLargeError } from "~/lib/uploads.server";
import { storeProjectFile } from "~/services/bidding/record-contract.server";

/**
 * POST multipart `file` (PDF or image, ≤ 10 MB, judged by content) — stores it on the project and
 * returns its id, e.g. for RECORD_CONTRACT's `fileId`. Only the project's own pm.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  return handleApi(request, async () => {
    const locale = apiLocale(request);
    if (request.method !== "POST") return apiError(405, "METHOD_NOT_ALLOWED", translate(locale, "api.methodNotAllowed"));
    const user = await requireApiUser(request);
    const db = getDb();
    const project = await requireVisibleProject(db, user, params.projectId ?? "");
    if (!(user.roles.includes("pm") && project.pmId === user.id)) {
      // Management/admin/finance see the project but do not upload to it; others learn nothing.
      if (user.roles.some((r) => r === "management" || r === "admin" || r === "finance")) return apiError(403, "FORBIDDEN", translate(locale, "error.forbidden"));
      notFound();
    }
    if (!/^multipart\/form-data/i.test(request.headers.get("Content-Type") ?? "")) {
      return apiError(400, "VALIDATION", translate(locale, "upload.empty"), { fieldErrors: { file: translate(locale, "upload.empty") } });
    }
    let upload;
    try {
      upload = await readMultipartForm(request, { file: ["pdf", "image"] });
    } catch (error) {
      if (error instanceof UploadTooLargeError) return apiError(413, "PAYLOAD_TOO_LARGE", translate(locale, "upload.tooLarge"));
      throw error;
    }
    const file = upload.files.file?.[0];
    if (!file) {
      const key = upload.errors.file ?? "upload.empty";
      return apiError(key === "upload.tooLarge" ? 413 : 400, key === "upload.tooLarge" ? "PAYLOAD_TOO_LARGE" : "VALIDATION", translate(locale, key), { fieldErrors: { file: translate(locale, key) } });
    }
    const stored = await storeProjectFile(db, { projectId: project.id, file, userId: user.id });
    return apiOk(stored, 201);
  });
}
