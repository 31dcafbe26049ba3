import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { requireUser } from "~/lib/session.server";
import { archiveZipResponse } from "~/services/acceptance/archive-download.server";

/**
 * GET /projects/<id>/archive.zip — the 竣工资料归档: the index page, every current signed
 * document and the technical archive files. Insiders only, once the project is accepted.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return archiveZipResponse(getDb(), user, params.projectId ?? "");
}
