import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { translate } from "~/i18n";
import { apiError, apiLocale, apiOk, handleApi, requireApiUser } from "~/lib/api.server";
import { requestInfo } from "~/lib/request-info.server";
import { requireAcceptanceAccess } from "~/services/acceptance/acceptance-access.server";
import { archiveUploadApiError, checklistJson } from "~/services/acceptance/archive-api.server";
import { loadArchiveChecklist } from "~/services/acceptance/archive-checklist-load.server";
import { receiveArchiveUpload } from "~/services/acceptance/archive-upload.server";

/** GET /api/v1/projects/:id/acceptance/documents — the archive checklist (any viewer of the project). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return handleApi(request, async () => {
    const user = await requireApiUser(request);
    const db = getDb();
    const access = await requireAcceptanceAccess(db, user, params.projectId ?? "");
    const items = await loadArchiveChecklist(db, access.project.id);
    return apiOk({ stage: access.project.stage, editable: access.editRefusal === null, items: checklistJson(items, apiLocale(request)) });
  });
}

/**
 * POST /api/v1/projects/:id/acceptance/documents — multipart {kind, file}: one checklist file
 * (the project's pm, construction or acceptance review; in review it voids the signatures).
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  return handleApi(request, async () => {
    const locale = apiLocale(request);
    if (request.method !== "POST") return apiError(405, "METHOD_NOT_ALLOWED", translate(locale, "api.methodNotAllowed"));
    const user = await requireApiUser(request);
    const db = getDb();
    const access = await requireAcceptanceAccess(db, user, params.projectId ?? "");
    if (!/^multipart\/form-data/i.test(request.headers.get("Content-Type") ?? "")) {
      return apiError(415, "UNSUPPORTED_MEDIA_TYPE", translate(locale, "acceptanceArchive.api.multipart"));
    }
    const result = await receiveArchiveUpload(db, { access, user, info: requestInfo(request, context), locale, request });
    if (!result.ok) return archiveUploadApiError(result, locale);
    const items = await loadArchiveChecklist(db, access.project.id);
    const item = checklistJson(items, locale).find((i) => i.kind === result.kind);
    return apiOk({ ok: true, revised: result.revised, kind: result.kind, archiveDocumentId: result.archiveDocumentId, fileId: result.fileId, item }, 201);
  });
}
