import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { apiOk, handleApi, readJsonObject } from "~/lib/api.server";
import { loadAcceptanceRecords } from "~/services/acceptance/records-load.server";
import { methodNotAllowed, recordsApiContext, recordsApiError } from "~/services/acceptance/records-api.server";
import { saveSelfInspection } from "~/services/acceptance/self-inspection-save.server";

/** GET /api/v1/projects/:id/acceptance/self-inspection — the self-inspection with its computed verdict, or null. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  return handleApi(request, async () => {
    const ctx = await recordsApiContext(request, params.projectId ?? "", context);
    return apiOk({ selfInspection: (await loadAcceptanceRecords(ctx.db, ctx.access.project.id)).selfInspection });
  });
}

/**
 * PUT /api/v1/projects/:id/acceptance/self-inspection — replaces the self-inspection. `passed` is
 * computed by the server (a `passed` in the body is ignored); `signature` (PNG data URL) is optional
 * and the stored one is kept without it.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  return handleApi(request, async () => {
    if (request.method !== "PUT") return methodNotAllowed(request);
    const ctx = await recordsApiContext(request, params.projectId ?? "", context);
    const body = await readJsonObject(request);
    if (body instanceof Response) return body;
    const result = await saveSelfInspection({ ...ctx, object: body });
    if (!result.ok) return recordsApiError(result, ctx.locale);
    return apiOk({ ok: true, revised: result.revised, selfInspection: (await loadAcceptanceRecords(ctx.db, ctx.access.project.id)).selfInspection });
  });
}
