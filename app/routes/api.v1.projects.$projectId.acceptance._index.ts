import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { apiOk, apiLocale, handleApi, requireApiUser } from "~/lib/api.server";
import { loadAcceptanceSummary } from "~/services/acceptance/acceptance-summary.server";

/**
 * GET /api/v1/projects/:id/acceptance — preconditions with evidence, records, the round in
 * progress (plan, links, signatures), issued documents and the warranty dates. The project's
 * insiders (its pm and staff), like the page.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return handleApi(request, async () => {
    const user = await requireApiUser(request);
    return apiOk(await loadAcceptanceSummary(getDb(), user, params.projectId ?? "", apiLocale(request)));
  });
}
