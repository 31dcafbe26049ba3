import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { apiLocale, apiOk, handleApi, requireApiUser } from "~/lib/api.server";
import { projectJson } from "~/services/api/project-json.server";

/** GET /api/v1/projects/:id — the project, its stage and the events this caller may send now. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return handleApi(request, async () => {
    const user = await requireApiUser(request);
    return apiOk(await projectJson(getDb(), user, params.projectId ?? "", apiLocale(request)));
  });
}
