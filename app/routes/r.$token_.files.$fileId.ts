import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { contentDisposition, isInlineType } from "~/lib/content-disposition";
import { recordFailedAttempt, tooManyFailedAttempts } from "~/lib/public-links.server";
import { requestInfo } from "~/lib/request-info.server";
import { taskFile } from "~/services/review/task-files.server";

/**
 * GET /r/:token/files/:fileId — an attachment of the document a review task shows, for the
 * reviewer without an account. Only files the task's content links to are served; anything else
 * (another project's file, a guessed id, a dead token) is the same 404.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const db = getDb();
  const ip = requestInfo(request, context).ip || "unknown";
  if (await tooManyFailedAttempts(db, "review-link", ip)) return new Response("Too many requests", { status: 429 });
  const file = await taskFile(db, params.token, params.fileId ?? "");
  if (!file) {
    await recordFailedAttempt(db, "review-link", ip);
    return new Response("Not found", { status: 404, headers: { "Cache-Control": "no-store" } });
  }
  return new Response(new Uint8Array(file.bytes), {
    status: 200,
    headers: {
      "Content-Type": file.mime || "application/octet-stream",
      "Content-Length": String(file.bytes.length),
      "Content-Disposition": contentDisposition(file.name, isInlineType(file.mime)),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "no-store",
      "Referrer-Policy": "no-referrer",
    },
  });
}
