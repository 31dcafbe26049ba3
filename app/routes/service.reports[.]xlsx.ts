// The service reports as .xlsx (one sheet per report) for the month range of the page.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { shanghaiDate } from "~/lib/calendar";
import { requireUser } from "~/lib/session.server";
import { readReportRange } from "~/services/service/report-range";
import { exportServiceReportsXlsx, serviceReportsXlsxResponse } from "~/services/service/service-reports-xlsx.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const url = new URL(request.url);
  // A bad range falls back to the last twelve months (the page shows the message beside the field).
  const { range } = readReportRange({ from: url.searchParams.get("from"), to: url.searchParams.get("to") }, shanghaiDate(new Date().toISOString()));
  return serviceReportsXlsxResponse(await exportServiceReportsXlsx(getDb(), user, range), range);
}
