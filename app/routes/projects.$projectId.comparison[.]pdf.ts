import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { notFound } from "~/lib/http.server";
import { requireVisibleProject } from "~/lib/permissions.server";
import { requireUser } from "~/lib/session.server";
import { issueComparisonPdf } from "~/services/bidding/issue-comparison-pdf.server";
import { canReadKind } from "~/services/documents/document-access.server";
import { getDocumentFile } from "~/services/documents/find-document.server";
import { pdfResponse } from "~/services/documents/pdf-response.server";

/**
 * GET /projects/<id>/comparison.pdf — prints the 安装单位比价审批表: issues a new version when the
 * comparison changed since the last print, otherwise returns the current one (same code, same
 * bytes), so a GET repeated by the browser creates nothing new.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = getDb();
  const project = await requireVisibleProject(db, user, params.projectId ?? "");
  if (!canReadKind(user, project, "bidComparison")) notFound();
  const document = await issueComparisonPdf(db, { projectId: project.id, user });
  const file = await getDocumentFile(db, document);
  if (!file) notFound();
  return pdfResponse(file.bytes, file.name);
}
