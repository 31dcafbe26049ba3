import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { notFound } from "~/lib/http.server";
import { requestInfo } from "~/lib/request-info.server";
import { findPublicDocument, getDocumentFile } from "~/services/documents/find-document.server";
import { pdfResponse } from "~/services/documents/pdf-response.server";

/**
 * GET /v/<code>/pdf — the document as issued, for whoever holds its code (the QR on the paper).
 * Same rate limit (one bucket with the page) and generic 404 as the page; kinds meant only for
 * us (vendors' prices, the archive index) get that 404 too: their hash can be checked, their
 * content is not shown.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const db = getDb();
  const found = await findPublicDocument(db, requestInfo(request, context).ip, params.code);
  if (!found.publicPdf) notFound();
  const file = await getDocumentFile(db, found.document);
  if (!file) notFound();
  const response = pdfResponse(file.bytes, file.name);
  response.headers.set("X-Robots-Tag", "noindex");
  return response;
}
