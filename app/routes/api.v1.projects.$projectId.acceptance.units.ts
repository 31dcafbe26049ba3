import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { apiOk, handleApi, readJsonObject } from "~/lib/api.server";
import { loadInstalledUnits } from "~/services/acceptance/records-load.server";
import { methodNotAllowed, recordsApiContext, recordsApiError } from "~/services/acceptance/records-api.server";
import { addInstalledUnit } from "~/services/acceptance/units-save.server";

/** GET /api/v1/projects/:id/acceptance/units — the installed equipment list (any viewer of the project). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  return handleApi(request, async () => {
    const ctx = await recordsApiContext(request, params.projectId ?? "", context);
    return apiOk({ items: await loadInstalledUnits(ctx.db, ctx.access.project.id) });
  });
}

/** POST /api/v1/projects/:id/acceptance/units — JSON {name, model, quantity, location, serialNumbers: [..] or "a\nb"}. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  return handleApi(request, async () => {
    if (request.method !== "POST") return methodNotAllowed(request);
    const ctx = await recordsApiContext(request, params.projectId ?? "", context);
    const body = await readJsonObject(request);
    if (body instanceof Response) return body;
    const result = await addInstalledUnit({ ...ctx, object: body });
    if (!result.ok) return recordsApiError(result, ctx.locale);
    const unit = (await loadInstalledUnits(ctx.db, ctx.access.project.id)).find((u) => u.id === result.id);
    return apiOk({ ok: true, revised: result.revised, id: result.id, unit, url: `/api/v1/projects/${ctx.access.project.id}/acceptance/units/${result.id}` }, 201);
  });
}
