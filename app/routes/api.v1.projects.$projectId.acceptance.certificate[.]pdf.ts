import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { handleApi, requireApiUser } from "~/lib/api.server";
import { acceptancePdfResponse } from "~/services/acceptance/acceptance-pdfs.server";

/** GET /api/v1/projects/:projectId/acceptance/certificate.pdf — the 竣工验收单 with every signature and seal of this round and the signing record page (same checks as the page). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return handleApi(request, async () => {
    const user = await requireApiUser(request);
    return acceptancePdfResponse(getDb(), user, params.projectId ?? "", "completion");
  });
}
