import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { handleApi, requireApiUser } from "~/lib/api.server";
import { acceptancePdfResponse } from "~/services/acceptance/acceptance-pdfs.server";

/** GET /api/v1/projects/:projectId/acceptance/application.pdf — the 单位工程竣工验收报审表 (B.0.10) with the supervisor's 预验收意见 so far (same checks as the page). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return handleApi(request, async () => {
    const user = await requireApiUser(request);
    return acceptancePdfResponse(getDb(), user, params.projectId ?? "", "acceptanceApplication");
  });
}
