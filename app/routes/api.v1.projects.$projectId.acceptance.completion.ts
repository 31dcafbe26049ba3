import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { apiOk, handleApi, readJsonObject } from "~/lib/api.server";
import { saveCompletion } from "~/services/acceptance/completion-save.server";
import { loadAcceptanceRecords } from "~/services/acceptance/records-load.server";
import { methodNotAllowed, recordsApiContext, recordsApiError } from "~/services/acceptance/records-api.server";

/** GET /api/v1/projects/:id/acceptance/completion — the completion confirmation, or null (any viewer of the project). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  return handleApi(request, async () => {
    const ctx = await recordsApiContext(request, params.projectId ?? "", context);
    return apiOk({ completion: (await loadAcceptanceRecords(ctx.db, ctx.access.project.id)).completion });
  });
}

/**
 * PUT /api/v1/projects/:id/acceptance/completion — JSON {completedOn, note, confirm: true}: the
 * pm confirms completion. In acceptance review the change starts a new signing round.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  return handleApi(request, async () => {
    if (request.method !== "PUT") return methodNotAllowed(request);
    const ctx = await recordsApiContext(request, params.projectId ?? "", context);
    const body = await readJsonObject(request);
    if (body instanceof Response) return body;
    const result = await saveCompletion({ ...ctx, object: body });
    if (!result.ok) return recordsApiError(result, ctx.locale);
    return apiOk({ ok: true, revised: result.revised, completion: (await loadAcceptanceRecords(ctx.db, ctx.access.project.id)).completion });
  });
}
