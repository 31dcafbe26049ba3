import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { requireUser } from "~/lib/session.server";
import { settlementPdfResponse } from "~/services/settlement/settlement-pdfs.server";

/**
 * GET /projects/<id>/settlement/payment-application.pdf — the 付款申请表 for the amount now payable
 * on the latest version; 404 for anyone who may not read the settlement, before there is one, or
 * when nothing is payable.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return settlementPdfResponse(getDb(), user, params.projectId ?? "", "paymentApplication");
}
