import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { notFound } from "~/lib/http.server";
import { requireUser } from "~/lib/session.server";
import { getQuoteAttachment, requireBiddingProject } from "~/services/bidding/list-bidding.server";

/** GET a quote's attachment: same access as the bidding page; the file must belong to this project's quotes. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = getDb();
  const { project } = await requireBiddingProject(db, user, params.projectId ?? "");
  const file = await getQuoteAttachment(db, project.id, params.fileId ?? "");
  if (!file) notFound();
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      "Content-Type": file.mime,
      "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
