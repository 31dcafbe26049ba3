import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { handleApi, requireApiUser } from "~/lib/api.server";
import { warrantyCardPdfResponse } from "~/services/service/warranty-card.server";

/** GET /api/v1/projects/:projectId/warranty-card.pdf — the 质量保修卡 (same checks as the page; 404 before acceptance). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return handleApi(request, async () => {
    const user = await requireApiUser(request);
    return warrantyCardPdfResponse(getDb(), user, params.projectId ?? "");
  });
}
