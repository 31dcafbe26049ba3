import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { contentDisposition } from "~/lib/content-disposition";
import { recordFailedAttempt, tooManyFailedAttempts } from "~/lib/public-links.server";
import { requestInfo } from "~/lib/request-info.server";
import { taskDocument } from "~/services/review/task-document.server";

/**
 * GET /r/:token/pdf — the form the task asks to sign, as issued (QR code, short code), for the
 * reviewer without an account. A dead token is the same 404 as on the task page.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const db = getDb();
  const ip = requestInfo(request, context).ip || "unknown";
  if (await tooManyFailedAttempts(db, "review-link", ip)) return new Response("Too many requests", { status: 429 });
  const doc = await taskDocument(db, params.token);
  if (!doc) {
    await recordFailedAttempt(db, "review-link", ip);
    return new Response("Not found", { status: 404, headers: { "Cache-Control": "no-store" } });
  }
  return new Response(new Uint8Array(doc.bytes), {
    status: 200,
    headers: {
      "Content-Type": "application/pdf",
      "Content-Length": String(doc.bytes.length),
      "Content-Disposition": contentDisposition(doc.name, true),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "no-store",
      "Referrer-Policy": "no-referrer",
    },
  });
}
