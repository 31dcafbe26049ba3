import type { ActionFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { translate } from "~/i18n";
import { apiError, apiLocale, apiOk, fieldMessages, handleApi, readJsonObject, requireApiUser } from "~/lib/api.server";
import { markVendorPaymentPaid } from "~/services/settlement/vendor-payments.server";

const CODES = { 400: "VALIDATION", 403: "FORBIDDEN", 404: "NOT_FOUND", 409: "CONFLICT" } as const;

/** POST /api/v1/finance/vendor-payments/:requestId/pay {paidOn, reference?} — finance marks it paid (once). */
export async function action({ request, params }: ActionFunctionArgs) {
  return handleApi(request, async () => {
    const locale = apiLocale(request);
    if (request.method !== "POST") return apiError(405, "METHOD_NOT_ALLOWED", translate(locale, "api.methodNotAllowed"));
    const user = await requireApiUser(request);
    const body = await readJsonObject(request);
    if (body instanceof Response) return body;
    const text = (v: unknown) => (typeof v === "string" ? v : "");
    const result = await markVendorPaymentPaid(getDb(), { user, requestId: params.requestId ?? "", paidOn: text(body.paidOn), reference: text(body.reference) });
    if (result.ok) return apiOk({ ok: true, id: result.requestId, status: "paid", paidOn: result.paidOn });
    const hasFields = Object.keys(result.errors).length > 0;
    return apiError(result.status, CODES[result.status], translate(locale, hasFields ? "api.validation" : result.formError ?? "error.generic"), hasFields ? { fieldErrors: fieldMessages(result.errors, locale) } : {});
  });
}
