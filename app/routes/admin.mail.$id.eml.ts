import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { notFound } from "~/lib/http.server";
import { getOutboxMessage, readEmlFile } from "~/lib/mail/worker.server";
import { requireAdmin } from "~/services/admin/require-admin.server";

/** The raw message as written by the file transport, downloaded as message-<id>.eml. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const raw = params.id ?? "";
  if (!/^\d{1,15}$/.test(raw)) notFound();
  const id = Number(raw);
  if (!(await getOutboxMessage(getDb(), id))) notFound();
  const eml = await readEmlFile(id);
  if (eml === null) notFound();
  return new Response(eml, {
    headers: {
      "Content-Type": "message/rfc822",
      "Content-Disposition": `attachment; filename="message-${id}.eml"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
