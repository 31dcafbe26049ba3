import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { apiOk, handleApi, requireApiUser } from "~/lib/api.server";
import { shanghaiDate } from "~/lib/calendar";
import { notFound } from "~/lib/http.server";
import { assertVendorViewer } from "~/services/vendors/vendor-access.server";
import { vendorDetailJson } from "~/services/vendors/vendor-json.server";

/** GET /api/v1/vendors/:id — details, qualifications, contacts and history (visible projects). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return handleApi(request, async () => {
    const user = await requireApiUser(request);
    assertVendorViewer(user);
    const body = await vendorDetailJson(getDb(), user, params.vendorId ?? "", shanghaiDate(new Date().toISOString()));
    if (!body) notFound();
    return apiOk(body);
  });
}
