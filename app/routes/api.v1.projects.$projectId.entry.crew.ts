import type { ActionFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { translate } from "~/i18n";
import { apiError, apiLocale, handleApi, requireApiUser } from "~/lib/api.server";
import { requireVisibleProject } from "~/lib/permissions.server";
import { entryApiResponse } from "~/services/site/entry-api.server";
import { readEntryApiRequest } from "~/services/site/entry-api-request.server";
import { addCrewMember } from "~/services/site/entry-crew.server";

/**
 * POST /api/v1/projects/:id/entry/crew — {name, position, idNumber, credential?:{type, number,
 * expiresOn}} as JSON, or multipart with `credential.type`… and the scan in `credentialFile`.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  return handleApi(request, async () => {
    const locale = apiLocale(request);
    if (request.method !== "POST") return apiError(405, "METHOD_NOT_ALLOWED", translate(locale, "api.methodNotAllowed"));
    const user = await requireApiUser(request);
    const db = getDb();
    const project = await requireVisibleProject(db, user, params.projectId ?? "");
    const body = await readEntryApiRequest(request);
    if (body instanceof Response) return body;
    const result = await addCrewMember(db, { projectId: project.id, user, object: body.object, file: body.files.credentialFile?.[0] ?? null, uploadErrors: body.uploadErrors });
    return entryApiResponse(result, locale, { url: `/api/v1/projects/${project.id}/entry` });
  });
}

export async function loader() {
  return new Response(null, { status: 405, headers: { Allow: "POST" } });
}
