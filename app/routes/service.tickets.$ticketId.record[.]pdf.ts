import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { notFound } from "~/lib/http.server";
import { requireUser } from "~/lib/session.server";
import { getDocumentFile } from "~/services/documents/find-document.server";
import { pdfResponse } from "~/services/documents/pdf-response.server";
import { issueServiceRecord } from "~/services/service/service-record.server";
import { requireTicketAccess } from "~/services/service/ticket-step-access.server";

/**
 * GET /service/tickets/<id>/record.pdf — the 产品(设备)售后服务维修记录单 of the ticket as it stands;
 * a new version only when something printed changed. Whoever may open the ticket.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = getDb();
  const { ticket } = await requireTicketAccess(db, user, params.ticketId ?? "");
  const document = await issueServiceRecord(db, { ticketId: ticket.id, userId: user.id });
  if (!document) notFound();
  const file = await getDocumentFile(db, document);
  if (!file) notFound();
  return pdfResponse(file.bytes, file.name);
}
