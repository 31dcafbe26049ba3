import type { ActionFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { translate } from "~/i18n";
import { apiError, apiLocale, handleApi, requireApiUser } from "~/lib/api.server";
import { requireVisibleProject } from "~/lib/permissions.server";
import { saveCredential } from "~/services/site/credentials-save.server";
import { entryApiResponse } from "~/services/site/entry-api.server";
import { readEntryApiRequest } from "~/services/site/entry-api-request.server";

/** POST /api/v1/projects/:id/entry/crew/:memberId/credentials — {type, number, expiresOn}; multipart with the scan in `file`. */
export async function action({ request, params }: ActionFunctionArgs) {
  return handleApi(request, async () => {
    const locale = apiLocale(request);
    if (request.method !== "POST") return apiError(405, "METHOD_NOT_ALLOWED", translate(locale, "api.methodNotAllowed"));
    const user = await requireApiUser(request);
    const db = getDb();
    const project = await requireVisibleProject(db, user, params.projectId ?? "");
    const body = await readEntryApiRequest(request);
    if (body instanceof Response) return body;
    const result = await saveCredential(db, { projectId: project.id, user, memberId: params.memberId ?? "", object: body.object, file: body.files.file?.[0] ?? null, uploadErrors: body.uploadErrors });
    return entryApiResponse(result, locale, { url: `/api/v1/projects/${project.id}/entry` });
  });
}

export async function loader() {
  return new Response(null, { status: 405, headers: { Allow: "POST" } });
}
