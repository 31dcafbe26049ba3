import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { handleApi, requireApiUser } from "~/lib/api.server";
import { shanghaiDate } from "~/lib/calendar";
import { exportFinanceXlsx, xlsxResponse } from "~/services/settlement/finance-export.server";

/** GET /api/v1/finance/export.xlsx — the same workbook as the page's download. */
export async function loader({ request }: LoaderFunctionArgs) {
  return handleApi(request, async () => {
    const user = await requireApiUser(request);
    const today = shanghaiDate(new Date().toISOString());
    return xlsxResponse(await exportFinanceXlsx(getDb(), user, today), today);
  });
}
