// The comparison as an .xlsx download (sheets 比价 and 报价历史), for the same people as the page.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { requireUser } from "~/lib/session.server";
import { comparisonFileName, comparisonWorkbook } from "~/services/bidding/export-comparison-xlsx.server";
import { loadComparison, requireComparisonViewer } from "~/services/bidding/load-comparison.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = getDb();
  const project = await requireComparisonViewer(db, user, params.projectId ?? "");
  const bytes = await comparisonWorkbook(await loadComparison(db, project.id));
  const name = comparisonFileName(project.code);
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="${name.ascii}"; filename*=UTF-8''${name.utf8}`,
      "Content-Length": String(bytes.length),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
