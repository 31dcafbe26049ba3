import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { handleApi, requireApiUser } from "~/lib/api.server";
import { settlementPdfResponse } from "~/services/settlement/settlement-pdfs.server";

/** GET /api/v1/projects/:projectId/settlement/payment-application.pdf — the 付款申请表 for the amount now payable (same checks as the page). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return handleApi(request, async () => {
    const user = await requireApiUser(request);
    return settlementPdfResponse(getDb(), user, params.projectId ?? "", "paymentApplication");
  });
}
