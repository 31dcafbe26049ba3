import type { ActionFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { translate } from "~/i18n";
import { apiError, apiLocale, handleApi, requireApiUser } from "~/lib/api.server";
import { requireVisibleProject } from "~/lib/permissions.server";
import { removeCredential } from "~/services/site/credentials-save.server";
import { entryApiResponse } from "~/services/site/entry-api.server";
import { removeCertificate } from "~/services/site/entry-certificates.server";
import { removeCrewMember } from "~/services/site/entry-crew.server";

/** POST /api/v1/projects/:id/entry/{crew|credentials|certificates}/:itemId/delete — removes the item and its scans. */
export async function action({ request, params }: ActionFunctionArgs) {
  return handleApi(request, async () => {
    const locale = apiLocale(request);
    if (request.method !== "POST" && request.method !== "DELETE") return apiError(405, "METHOD_NOT_ALLOWED", translate(locale, "api.methodNotAllowed"));
    const user = await requireApiUser(request);
    const db = getDb();
    const project = await requireVisibleProject(db, user, params.projectId ?? "");
    const id = params.itemId ?? "";
    const base = { projectId: project.id, user };
    switch (params.kind) {
      case "crew":
        return entryApiResponse(await removeCrewMember(db, { ...base, memberId: id }), locale);
      case "credentials":
        return entryApiResponse(await removeCredential(db, { ...base, credentialId: id }), locale);
      case "certificates":
        return entryApiResponse(await removeCertificate(db, { ...base, certificateId: id }), locale);
      default:
        return apiError(404, "NOT_FOUND", translate(locale, "error.notFound"));
    }
  });
}

export async function loader() {
  return new Response(null, { status: 405, headers: { Allow: "POST" } });
}
