import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { handleApi, requireApiUser } from "~/lib/api.server";
import { archiveZipResponse } from "~/services/acceptance/archive-download.server";

/** GET /api/v1/projects/:id/archive.zip — the same archive and rules as the page download. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return handleApi(request, async () => {
    const user = await requireApiUser(request);
    return archiveZipResponse(getDb(), user, params.projectId ?? "");
  });
}
