import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { translate } from "~/i18n";
import { apiError, apiLocale, apiOk, handleApi, readJsonObject, requireApiUser } from "~/lib/api.server";
import { requestInfo } from "~/lib/request-info.server";
import { inviteVendors, readInviteJson } from "~/services/bidding/invite-vendors.server";
import { listInvitations, requireBiddingProject } from "~/services/bidding/list-bidding.server";
import { biddingApiError } from "~/services/bidding/bidding-api.server";

/** GET /api/v1/projects/:id/invitations — invitations with their status (links are never shown: they are mailed). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return handleApi(request, async () => {
    const user = await requireApiUser(request);
    const db = getDb();
    const { project } = await requireBiddingProject(db, user, params.projectId ?? "");
    return apiOk({ items: await listInvitations(db, project.id, new Date()) });
  });
}

/** POST /api/v1/projects/:id/invitations {vendorId, contactId, scope, drawings, requirements, deadline} — invite one company. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  return handleApi(request, async () => {
    const locale = apiLocale(request);
    if (request.method !== "POST") return apiError(405, "METHOD_NOT_ALLOWED", translate(locale, "api.methodNotAllowed"));
    const user = await requireApiUser(request);
    const db = getDb();
    const { project, access } = await requireBiddingProject(db, user, params.projectId ?? "");
    if (access !== "edit") return apiError(403, "FORBIDDEN", translate(locale, "error.forbidden"));
    const body = await readJsonObject(request);
    if (body instanceof Response) return body;
    const read = readInviteJson(body, new Date());
    if (!read.ok) return biddingApiError(locale, { errors: read.errors });
    const result = await inviteVendors(db, user, project.id, read.data, requestInfo(request, context));
    if (!result.ok) {
      // The page keys a contact's message by company; the API body has one company.
      const errors = Object.fromEntries(Object.entries(result.errors).map(([k, v]) => [k.startsWith("contact[") ? "contactId" : k === "vendors" ? "vendorId" : k, v]));
      return biddingApiError(locale, { errors, formError: result.formError });
    }
    return apiOk({ items: result.invitations.map((i) => ({ id: i.id, vendorId: i.vendorId })) }, 201);
  });
}
