import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { notFound } from "~/lib/http.server";
import { requireUser } from "~/lib/session.server";
import { requireReadableDocument } from "~/services/documents/document-access.server";
import { findDocumentById, getDocumentFile } from "~/services/documents/find-document.server";
import { pdfResponse } from "~/services/documents/pdf-response.server";

/** GET /documents/<id>.pdf — an issued document exactly as issued (signed-in, project visibility). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = getDb();
  const document = await findDocumentById(db, params.documentId ?? "");
  if (!document) notFound();
  await requireReadableDocument(db, user, document);
  const file = await getDocumentFile(db, document);
  if (!file) notFound();
  return pdfResponse(file.bytes, file.name);
}
