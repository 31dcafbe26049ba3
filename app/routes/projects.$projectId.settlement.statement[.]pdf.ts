import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { requireUser } from "~/lib/session.server";
import { settlementPdfResponse } from "~/services/settlement/settlement-pdfs.server";

/**
 * GET /projects/<id>/settlement/statement.pdf — the 工程结算书 of the latest version; 404 for anyone
 * who may not read the settlement, or before there is one.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return settlementPdfResponse(getDb(), user, params.projectId ?? "", "settlementStatement");
}
