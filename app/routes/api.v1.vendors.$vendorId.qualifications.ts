import type { ActionFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { translate } from "~/i18n";
import { apiError, apiLocale, apiOk, fieldMessages, handleApi, requireApiUser } from "~/lib/api.server";
import { notFound } from "~/lib/http.server";
import { findVendor } from "~/services/vendors/get-vendor.server";
import { readVendorRequest } from "~/services/vendors/read-vendor-request.server";
import { submitQualification } from "~/services/vendors/submit-qualification.server";
import { assertVendorEditor } from "~/services/vendors/vendor-access.server";

/**
 * POST /api/v1/vendors/:id/qualifications — multipart/form-data with kind, number, expiresOn and
 * file: adds or replaces that kind, as the page's upload form does (same checks, same messages).
 */
export async function action({ request, params }: ActionFunctionArgs) {
  return handleApi(request, async () => {
    const locale = apiLocale(request);
    if (request.method !== "POST") return apiError(405, "METHOD_NOT_ALLOWED", translate(locale, "api.methodNotAllowed"));
    const user = await requireApiUser(request);
    assertVendorEditor(user);
    const db = getDb();
    const vendor = await findVendor(db, params.vendorId ?? "");
    if (!vendor) notFound();
    const body = await readVendorRequest(request);
    if (body.tooLarge) return apiError(413, "PAYLOAD_TOO_LARGE", translate(locale, "upload.tooLarge"));
    const result = await submitQualification(db, { vendorId: vendor.id, userId: user.id, body });
    if (!result.ok) return apiError(400, "VALIDATION", translate(locale, "api.validation"), { fieldErrors: fieldMessages(result.errors, locale) });
    return apiOk({ id: result.id, url: `/api/v1/vendors/${vendor.id}` }, 201);
  });
}

export async function loader() {
  return new Response(null, { status: 405, headers: { Allow: "POST" } });
}
