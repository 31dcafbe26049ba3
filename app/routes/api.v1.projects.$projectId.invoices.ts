import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { translate } from "~/i18n";
import { apiError, apiLocale, apiOk, fieldMessages, handleApi, readJsonObject, requireApiUser } from "~/lib/api.server";
import { addInvoice, listInvoices } from "~/services/settlement/invoices.server";
import { requireSettlementAccess } from "~/services/settlement/settlement-access.server";

/** GET /api/v1/projects/:id/invoices — the project's invoices (settlement readers; 404 for others). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return handleApi(request, async () => {
    const user = await requireApiUser(request);
    const db = getDb();
    const access = await requireSettlementAccess(db, user, params.projectId ?? "");
    const items = await listInvoices(db, access.project.id);
    return apiOk({ projectId: access.project.id, items, invoicedFen: items.reduce((s, i) => s + i.amountFen, 0) });
  });
}

const CODES = { 400: "VALIDATION", 403: "FORBIDDEN", 409: "CONFLICT" } as const;

/** POST /api/v1/projects/:id/invoices {number, issuedOn, amount} — finance, once the settlement is approved. */
export async function action({ request, params }: ActionFunctionArgs) {
  return handleApi(request, async () => {
    const locale = apiLocale(request);
    if (request.method !== "POST") return apiError(405, "METHOD_NOT_ALLOWED", translate(locale, "api.methodNotAllowed"));
    const user = await requireApiUser(request);
    const db = getDb();
    const access = await requireSettlementAccess(db, user, params.projectId ?? "");
    const body = await readJsonObject(request);
    if (body instanceof Response) return body;
    const result = await addInvoice(db, { access, user, input: { number: body.number, issuedOn: body.issuedOn, amount: body.amount } });
    if (result.ok) return apiOk({ ok: true, invoice: result.invoice }, 201);
    const hasFields = Object.keys(result.errors).length > 0;
    return apiError(result.status, CODES[result.status], translate(locale, hasFields ? "api.validation" : result.formError ?? "error.generic"), hasFields ? { fieldErrors: fieldMessages(result.errors, locale) } : {});
  });
}
