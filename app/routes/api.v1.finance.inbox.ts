import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { apiOk, handleApi, requireApiUser } from "~/lib/api.server";
import { shanghaiDate } from "~/lib/calendar";
import { loadFinanceInbox } from "~/services/settlement/finance-inbox.server";

/** GET /api/v1/finance/inbox — the finance inbox (finance, management, admin; 404 otherwise). */
export async function loader({ request }: LoaderFunctionArgs) {
  return handleApi(request, async () => {
    const user = await requireApiUser(request);
    return apiOk(await loadFinanceInbox(getDb(), user, shanghaiDate(new Date().toISOString())));
  });
}
