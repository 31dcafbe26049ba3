import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { translate } from "~/i18n";
import { apiError, apiLocale, fieldMessages, handleApi, requireApiUser } from "~/lib/api.server";
import { shanghaiDate } from "~/lib/calendar";
import { notFound } from "~/lib/http.server";
import { readReportRange } from "~/services/service/report-range";
import { canViewServiceReports } from "~/services/service/service-reports.server";
import { exportServiceReportsXlsx, serviceReportsXlsxResponse } from "~/services/service/service-reports-xlsx.server";

/** GET /api/v1/service/reports.xlsx?from=YYYY-MM&to=YYYY-MM — the same workbook as the page's download. */
export async function loader({ request }: LoaderFunctionArgs) {
  return handleApi(request, async () => {
    const user = await requireApiUser(request);
    if (!canViewServiceReports(user)) notFound();
    const url = new URL(request.url);
    const read = readReportRange({ from: url.searchParams.get("from"), to: url.searchParams.get("to") }, shanghaiDate(new Date().toISOString()));
    const locale = apiLocale(request);
    if (!read.ok) return apiError(400, "VALIDATION", translate(locale, "form.fixErrors"), { fieldErrors: fieldMessages(read.errors, locale) });
    return serviceReportsXlsxResponse(await exportServiceReportsXlsx(getDb(), user, read.range), read.range);
  });
}
