import type { ActionFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { translate } from "~/i18n";
import { apiError, apiLocale, handleApi, requireApiUser } from "~/lib/api.server";
import { requireVisibleProject } from "~/lib/permissions.server";
import { saveCredential } from "~/services/site/credentials-save.server";
import { entryApiResponse } from "~/services/site/entry-api.server";
import { readEntryApiRequest } from "~/services/site/entry-api-request.server";
import { saveCertificate } from "~/services/site/entry-certificates.server";
import { updateCrewMember } from "~/services/site/entry-crew.server";

/**
 * PUT (or POST) /api/v1/projects/:id/entry/{crew|credentials|certificates}/:itemId — edits one
 * item with the same fields as when adding (a renewal: new number/expiry, new scan in `file`).
 * A crew member's idNumber may be omitted to keep the stored one.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  return handleApi(request, async () => {
    const locale = apiLocale(request);
    if (request.method !== "PUT" && request.method !== "POST") return apiError(405, "METHOD_NOT_ALLOWED", translate(locale, "api.methodNotAllowed"));
    const user = await requireApiUser(request);
    const db = getDb();
    const project = await requireVisibleProject(db, user, params.projectId ?? "");
    const kind = params.kind ?? "";
    if (!["crew", "credentials", "certificates"].includes(kind)) return apiError(404, "NOT_FOUND", translate(locale, "error.notFound"));
    const body = await readEntryApiRequest(request);
    if (body instanceof Response) return body;
    const id = params.itemId ?? "";
    const common = { projectId: project.id, user, object: body.object, file: body.files.file?.[0] ?? null, uploadErrors: body.uploadErrors };
    const result =
      kind === "crew"
        ? await updateCrewMember(db, { ...common, memberId: id })
        : kind === "credentials"
          ? await saveCredential(db, { ...common, memberId: "", credentialId: id })
          : await saveCertificate(db, { ...common, certificateId: id });
    return entryApiResponse(result, locale);
  });
}

export async function loader() {
  return new Response(null, { status: 405, headers: { Allow: "PUT, POST" } });
}
