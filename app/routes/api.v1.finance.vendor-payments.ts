import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { translate } from "~/i18n";
import { apiError, apiLocale, apiOk, handleApi, requireApiUser } from "~/lib/api.server";
import { shanghaiDate } from "~/lib/calendar";
import { notFound } from "~/lib/http.server";
import { canViewFinance, listVendorPayments } from "~/services/settlement/vendor-payments.server";

/** GET /api/v1/finance/vendor-payments?status=due|paid — the installers' payment requests. */
export async function loader({ request }: LoaderFunctionArgs) {
  return handleApi(request, async () => {
    const user = await requireApiUser(request);
    if (!canViewFinance(user)) notFound();
    const status = new URL(request.url).searchParams.get("status") ?? "";
    if (status && status !== "due" && status !== "paid") {
      return apiError(400, "VALIDATION", translate(apiLocale(request), "api.validation"), { fieldErrors: { status: translate(apiLocale(request), "form.invalidChoice") } });
    }
    const items = await listVendorPayments(getDb(), { status: status === "due" || status === "paid" ? status : undefined, today: shanghaiDate(new Date().toISOString()) });
    return apiOk({ items });
  });
}
