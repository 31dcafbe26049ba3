import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { translate } from "~/i18n";
import { apiError, apiLocale, apiOk, fieldMessages, handleApi, requireApiUser } from "~/lib/api.server";
import { shanghaiDate } from "~/lib/calendar";
import { readReportRange } from "~/services/service/report-range";
import { canViewServiceReports, loadServiceReports } from "~/services/service/service-reports.server";
import { notFound } from "~/lib/http.server";

/** GET /api/v1/service/reports?from=YYYY-MM&to=YYYY-MM — the service reports (service, management, admin; 404 otherwise). */
export async function loader({ request }: LoaderFunctionArgs) {
  return handleApi(request, async () => {
    const user = await requireApiUser(request);
    if (!canViewServiceReports(user)) notFound();
    const url = new URL(request.url);
    const read = readReportRange({ from: url.searchParams.get("from"), to: url.searchParams.get("to") }, shanghaiDate(new Date().toISOString()));
    const locale = apiLocale(request);
    if (!read.ok) return apiError(400, "VALIDATION", translate(locale, "form.fixErrors"), { fieldErrors: fieldMessages(read.errors, locale) });
    return apiOk({ reports: await loadServiceReports(getDb(), user, read.range) });
  });
}
