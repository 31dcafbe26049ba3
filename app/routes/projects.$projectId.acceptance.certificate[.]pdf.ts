import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { requireUser } from "~/lib/session.server";
import { acceptancePdfResponse } from "~/services/acceptance/acceptance-pdfs.server";

/**
 * GET /projects/<id>/acceptance/certificate.pdf — the 竣工验收单 with every signature and seal of this round and the signing record page;
 * 404 for a project this user may not see, or before acceptance was requested.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return acceptancePdfResponse(getDb(), user, params.projectId ?? "", "completion");
}
