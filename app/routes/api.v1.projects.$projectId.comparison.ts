import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { apiOk, handleApi, requireApiUser } from "~/lib/api.server";
import { loadComparison, requireComparisonViewer } from "~/services/bidding/load-comparison.server";

/** GET — the comparison (比价) as the page shows it: amounts in fen, quantities in thousandths. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return handleApi(request, async () => {
    const user = await requireApiUser(request);
    const db = getDb();
    const project = await requireComparisonViewer(db, user, params.projectId ?? "");
    return apiOk(await loadComparison(db, project.id));
  });
}
