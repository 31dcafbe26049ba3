import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { contentDisposition, isInlineType } from "~/lib/content-disposition";
import { requireUser } from "~/lib/session.server";
import { getDownloadableFile } from "~/services/vendors/get-download-file.server";

/**
 * GET /files/:fileId — a stored file for a signed-in user allowed to read it (see
 * getDownloadableFile). PDFs and images open in the browser; `?download=1`, or any other type,
 * is sent as an attachment. nosniff stops a browser from second-guessing the stored type.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const file = await getDownloadableFile(getDb(), user, params.fileId ?? "");
  const wantsDownload = new URL(request.url).searchParams.get("download") === "1";
  const inline = !wantsDownload && isInlineType(file.mime);
  return new Response(new Uint8Array(file.bytes), {
    status: 200,
    headers: {
      "Content-Type": file.mime || "application/octet-stream",
      "Content-Length": String(file.bytes.length),
      "Content-Disposition": contentDisposition(file.name, inline),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, max-age=0",
      ETag: `"${file.sha256}"`,
    },
  });
}
