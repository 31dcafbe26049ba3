// GET …/archive.zip for the pages and the API: who may download the 竣工资料归档, and the response.
import type { Db } from "#db/client";
import { contentDisposition } from "~/lib/content-disposition";
import { notFound } from "~/lib/http.server";
import { requireVisibleProject } from "~/lib/permissions.server";
import type { SessionUser } from "~/lib/session.server";
import { projectSections } from "~/services/projects/project-sections.server";
import { ARCHIVE_STAGES, buildProjectArchive } from "./archive-bundle.server";

type ProjectRow = Awaited<ReturnType<typeof requireVisibleProject>>;

/**
 * The archive holds the bid comparison with every company's prices: only the insiders who may
 * open the comparison (the project's pm, management, finance, admin), once the project is accepted.
 */
export function canDownloadArchive(user: SessionUser, project: ProjectRow): boolean {
  return projectSections(user, project).includes("comparison") && ARCHIVE_STAGES.has(project.stage);
}

/** The ZIP, or the same 404 for everyone else and before acceptance. */
export async function archiveZipResponse(db: Db, user: SessionUser, projectId: string): Promise<Response> {
  const project = await requireVisibleProject(db, user, projectId);
  if (!canDownloadArchive(user, project)) notFound();
  const archive = await buildProjectArchive(db, { projectId: project.id, userId: user.id });
  if (!archive) notFound();
  return new Response(new Uint8Array(archive.bytes), {
    status: 200,
    headers: {
      "Content-Type": "application/zip",
      "Content-Length": String(archive.bytes.length),
      "Content-Disposition": contentDisposition(archive.filename, false),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
      "X-Archive-Index": archive.index.number,
    },
  });
}
