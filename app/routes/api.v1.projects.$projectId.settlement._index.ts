import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { translate } from "~/i18n";
import { apiError, apiLocale, apiOk, handleApi, readJsonObject, requireApiUser } from "~/lib/api.server";
import { requireSettlementAccess } from "~/services/settlement/settlement-access.server";
import { settlementApiError } from "~/services/settlement/settlement-api.server";
import { loadSettlement } from "~/services/settlement/settlement-load.server";
import { saveSettlementDraft } from "~/services/settlement/settlement-save.server";

/**
 * GET /api/v1/projects/:id/settlement — every version with finance's decisions, the latest with
 * its lines, figures and uppercase amounts, the issued PDFs. The project's pm, finance,
 * management and admin; 404 for everyone else.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return handleApi(request, async () => {
    const user = await requireApiUser(request);
    const db = getDb();
    const access = await requireSettlementAccess(db, user, params.projectId ?? "");
    return apiOk({ settlement: await loadSettlement(db, access), editable: access.editRefusal === null });
  });
}

/**
 * PUT /api/v1/projects/:id/settlement — saves the draft (creates version 1, or replaces the latest
 * draft/returned version). Same fields as the page's form; `lines` an array. `expectedUpdatedAt`
 * (latest.updatedAt from GET, "" when there was none) refuses a save over someone else's (409).
 */
export async function action({ request, params }: ActionFunctionArgs) {
  return handleApi(request, async () => {
    const locale = apiLocale(request);
    if (request.method !== "PUT") return apiError(405, "METHOD_NOT_ALLOWED", translate(locale, "api.methodNotAllowed"));
    const user = await requireApiUser(request);
    const db = getDb();
    const access = await requireSettlementAccess(db, user, params.projectId ?? "");
    const body = await readJsonObject(request);
    if (body instanceof Response) return body;
    const expected = body.expectedUpdatedAt;
    const result = await saveSettlementDraft(db, {
      access, user, input: body,
      expectedUpdatedAt: typeof expected === "string" ? expected : expected === null ? null : undefined,
    });
    if (!result.ok) return settlementApiError(result, locale);
    const fresh = await requireSettlementAccess(db, user, access.project.id);
    return apiOk({ ok: true, settlement: await loadSettlement(db, fresh), editable: fresh.editRefusal === null });
  });
}
