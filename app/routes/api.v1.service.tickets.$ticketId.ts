import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { apiOk, handleApi, requireApiUser } from "~/lib/api.server";
import { ticketApiView } from "~/services/service/ticket-step-api.server";

/** GET /api/v1/service/tickets/:ticketId — the ticket with history, quotes, due times and the steps allowed now. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return handleApi(request, async () => {
    const user = await requireApiUser(request);
    return apiOk(await ticketApiView(getDb(), user, params.ticketId ?? ""));
  });
}
