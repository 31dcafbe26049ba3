import type { ActionFunctionArgs } from "@remix-run/node";
import { apiOk, handleApi } from "~/lib/api.server";
import { methodNotAllowed, recordsApiContext, recordsApiError } from "~/services/acceptance/records-api.server";
import { removeInstalledUnit } from "~/services/acceptance/units-save.server";

/** DELETE /api/v1/projects/:id/acceptance/units/:unitId — removes one line of this project's equipment list. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  return handleApi(request, async () => {
    if (request.method !== "DELETE") return methodNotAllowed(request);
    const ctx = await recordsApiContext(request, params.projectId ?? "", context);
    const result = await removeInstalledUnit({ ...ctx, unitId: params.unitId ?? "" });
    if (!result.ok) return recordsApiError(result, ctx.locale);
    return apiOk({ ok: true, revised: result.revised });
  });
}
