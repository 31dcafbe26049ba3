// The finance export (.xlsx: 结算, 收款, 发票, 安装单位付款) for the finance inbox's readers.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { shanghaiDate } from "~/lib/calendar";
import { requireUser } from "~/lib/session.server";
import { exportFinanceXlsx, xlsxResponse } from "~/services/settlement/finance-export.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const today = shanghaiDate(new Date().toISOString());
  return xlsxResponse(await exportFinanceXlsx(getDb(), user, today), today);
}
