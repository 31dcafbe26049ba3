import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { requireUser } from "~/lib/session.server";
import { warrantyCardPdfResponse } from "~/services/service/warranty-card.server";

/**
 * GET /projects/<id>/warranty-card.pdf — the 质量保修卡 with the service-request QR code;
 * 404 for a project this user may not see, or before the project is accepted.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return warrantyCardPdfResponse(getDb(), user, params.projectId ?? "");
}
