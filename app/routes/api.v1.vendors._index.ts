import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { translate } from "~/i18n";
import { apiError, apiLocale, apiOk, fieldMessages, handleApi, readJsonObject, requireApiUser } from "~/lib/api.server";
import { shanghaiDate } from "~/lib/calendar";
import { parseForm } from "~/lib/forms";
import { objectToFormData } from "~/services/api/object-form-data";
import { createVendor } from "~/services/vendors/create-vendor.server";
import { listVendors } from "~/services/vendors/list-vendors.server";
import { assertVendorEditor, assertVendorViewer } from "~/services/vendors/vendor-access.server";
import { newVendorSchema } from "~/services/vendors/vendor-form.server";
import { vendorListItemJson } from "~/services/vendors/vendor-json.server";

const PAGE_SIZE = 50;

/** GET /api/v1/vendors?q=&page= — installation companies with qualification status and counts. */
export async function loader({ request }: LoaderFunctionArgs) {
  return handleApi(request, async () => {
    const user = await requireApiUser(request);
    assertVendorViewer(user);
    const url = new URL(request.url);
    const q = (url.searchParams.get("q") ?? "").slice(0, 100);
    const page = Math.max(1, Math.min(10_000, Number.parseInt(url.searchParams.get("page") ?? "1", 10) || 1));
    const today = shanghaiDate(new Date().toISOString());
    const { items, total } = await listVendors(getDb(), { q, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE, today });
    return apiOk({ items: items.map(vendorListItemJson), total, page, pageSize: PAGE_SIZE });
  });
}

/** POST /api/v1/vendors — create one (pm or admin), same validation and messages as /vendors/new. */
export async function action({ request }: ActionFunctionArgs) {
  return handleApi(request, async () => {
    const locale = apiLocale(request);
    if (request.method !== "POST") return apiError(405, "METHOD_NOT_ALLOWED", translate(locale, "api.methodNotAllowed"));
    const user = await requireApiUser(request);
    assertVendorEditor(user);
    const body = await readJsonObject(request);
    if (body instanceof Response) return body;
    const parsed = parseForm(newVendorSchema, objectToFormData(body));
    if (!parsed.ok) return apiError(400, "VALIDATION", translate(locale, "api.validation"), { fieldErrors: fieldMessages(parsed.errors, locale) });
    const result = await createVendor(getDb(), parsed.data);
    if (!result.ok) return apiError(400, "VALIDATION", translate(locale, "api.validation"), { fieldErrors: fieldMessages(result.errors, locale) });
    return apiOk({ id: result.id, url: `/api/v1/vendors/${result.id}` }, 201);
  });
}
