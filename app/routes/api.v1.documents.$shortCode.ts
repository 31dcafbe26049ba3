import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { apiOk, handleApi, requireApiUser } from "~/lib/api.server";
import { notFound } from "~/lib/http.server";
import { requireReadableDocument } from "~/services/documents/document-access.server";
import { findDocumentByShortCode } from "~/services/documents/find-document.server";
import { verifyUrl } from "~/services/documents/issue-document.server";

/** GET /api/v1/documents/:shortCode — an issued document's metadata and status (current / superseded). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return handleApi(request, async () => {
    const user = await requireApiUser(request);
    const db = getDb();
    const found = await findDocumentByShortCode(db, params.shortCode);
    if (!found) notFound();
    await requireReadableDocument(db, user, found.document);
    const d = found.document;
    return apiOk({
      id: d.id,
      kind: d.kind,
      title: d.title,
      number: d.number,
      version: d.version,
      shortCode: d.shortCode,
      sha256: d.sha256,
      project: found.project,
      createdAt: d.createdAt.toISOString(),
      status: found.current ? "current" : "superseded",
      supersededAt: d.supersededAt?.toISOString() ?? null,
      current: found.currentVersion ? { number: found.currentVersion.number, version: found.currentVersion.version, shortCode: found.currentVersion.shortCode } : null,
      verifyUrl: verifyUrl(d.shortCode),
      downloadUrl: `/documents/${d.id}.pdf`,
    });
  });
}
