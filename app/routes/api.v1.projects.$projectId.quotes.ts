import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { translate } from "~/i18n";
import { fenToInput } from "~/lib/money";
import { apiError, apiLocale, apiOk, handleApi, readJsonObject, requireApiUser } from "~/lib/api.server";
import { shanghaiDate } from "~/lib/calendar";
import { requestInfo } from "~/lib/request-info.server";
import { objectToFormData } from "~/services/api/object-form-data";
import { listVendorQuotes, requireBiddingProject } from "~/services/bidding/list-bidding.server";
import { readQuoteForm } from "~/services/bidding/quote-input";
import { biddingApiError, quotesJson } from "~/services/bidding/bidding-api.server";
import { submitQuote } from "~/services/bidding/submit-quote.server";

/** GET /api/v1/projects/:id/quotes — every company's quote revisions (newest first) with lines. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return handleApi(request, async () => {
    const user = await requireApiUser(request);
    const db = getDb();
    const { project } = await requireBiddingProject(db, user, params.projectId ?? "");
    const groups = await listVendorQuotes(db, project.id, shanghaiDate(new Date().toISOString()));
    return apiOk({ stage: project.stage, companies: quotesJson(groups) });
  });
}

/** POST /api/v1/projects/:id/quotes — the pm records a quote revision (same checks as the page). */
export async function action({ request, params, context }: ActionFunctionArgs) {
  return handleApi(request, async () => {
    const locale = apiLocale(request);
    if (request.method !== "POST") return apiError(405, "METHOD_NOT_ALLOWED", translate(locale, "api.methodNotAllowed"));
    const user = await requireApiUser(request);
    const db = getDb();
    const { project, access } = await requireBiddingProject(db, user, params.projectId ?? "");
    if (access !== "edit") return apiError(403, "FORBIDDEN", translate(locale, "error.forbidden"));
    const body = await readJsonObject(request);
    if (body instanceof Response) return body;
    const { lines, ...rest } = body;
    const read = readQuoteForm(objectToFormData({ ...rest, lines: Array.isArray(lines) ? lines : [] }), shanghaiDate(new Date().toISOString()));
    if (read.kind !== "valid") return biddingApiError(locale, { errors: read.kind === "invalid" ? read.errors : { lines: "bidding.quote.linesRequired" } });
    const vendorId = typeof body.vendorId === "string" ? body.vendorId : "";
    const result = await submitQuote(db, { kind: "user", user }, project.id, vendorId, read.data, { source: "api", info: requestInfo(request, context) });
    if (!result.ok) return biddingApiError(locale, result);
    return apiOk({ id: result.quoteId, revision: result.revision, totalFen: read.data.totalFen, total: fenToInput(read.data.totalFen), url: `/api/v1/projects/${project.id}/quotes` }, 201);
  });
}
