import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { notFound } from "~/lib/http.server";
import { requireVisibleProject } from "~/lib/permissions.server";
import { requireUser } from "~/lib/session.server";
import { canReadKind } from "~/services/documents/document-access.server";
import { getDocumentFile } from "~/services/documents/find-document.server";
import { pdfResponse } from "~/services/documents/pdf-response.server";
import { issueCommencementPdf } from "~/services/site/commencement-pdf.server";

/**
 * GET /projects/<id>/commencement.pdf — the 工程开工报审表 with the opinions, signatures and seals
 * given so far; a new version only when something printed changed.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = getDb();
  const project = await requireVisibleProject(db, user, params.projectId ?? "");
  if (!canReadKind(user, project, "commencement")) notFound();
  const document = await issueCommencementPdf(db, { projectId: project.id, user });
  if (!document) notFound();
  const file = await getDocumentFile(db, document);
  if (!file) notFound();
  return pdfResponse(file.bytes, file.name);
}
