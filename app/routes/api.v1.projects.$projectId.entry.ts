import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { apiLocale, apiOk, handleApi, requireApiUser } from "~/lib/api.server";
import { requireVisibleProject } from "~/lib/permissions.server";
import { loadEntry } from "~/services/site/entry-load.server";
import { commencementMissing } from "~/services/site/entry-missing.server";

/**
 * GET /api/v1/projects/:id/entry — crew (ID numbers masked), credentials, certificates, what has
 * expired by the planned start, what else SUBMIT_COMMENCEMENT misses, and the review status.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return handleApi(request, async () => {
    const user = await requireApiUser(request);
    const db = getDb();
    const project = await requireVisibleProject(db, user, params.projectId ?? "");
    const entry = await loadEntry(db, project);
    const missing = project.stage === "entry" ? await commencementMissing(db, project, user, apiLocale(request)) : [];
    const withUrl = <T extends { scan: { fileId: string } | null }>(x: T) => ({ ...x, scan: x.scan ? { ...x.scan, url: `/files/${x.scan.fileId}` } : null });
    return apiOk({
      projectId: project.id,
      stage: project.stage,
      version: project.version,
      ...entry,
      crew: entry.crew.map((m) => ({ ...m, credentials: m.credentials.map(withUrl) })),
      certificates: entry.certificates.map(withUrl),
      missing,
    });
  });
}
