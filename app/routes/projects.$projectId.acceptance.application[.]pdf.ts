import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { requireUser } from "~/lib/session.server";
import { acceptancePdfResponse } from "~/services/acceptance/acceptance-pdfs.server";

/**
 * GET /projects/<id>/acceptance/application.pdf — the 单位工程竣工验收报审表 (B.0.10) with the supervisor's 预验收意见 so far;
 * 404 for a project this user may not see, or before acceptance was requested.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return acceptancePdfResponse(getDb(), user, params.projectId ?? "", "acceptanceApplication");
}
