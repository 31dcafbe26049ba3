import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { translate } from "~/i18n";
import { apiError, apiLocale, apiOk, fieldMessages, handleApi, readJsonObject, requireApiUser } from "~/lib/api.server";
import { shanghaiDate } from "~/lib/calendar";
import { addMaintenanceContract, contractCovering, listMaintenanceContracts } from "~/services/service/maintenance-contracts.server";
import { requireWarrantyAccess } from "~/services/service/warranty-access.server";

/** GET /api/v1/projects/:id/maintenance-contracts — the project's 维保合同 and the one covering today. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return handleApi(request, async () => {
    const user = await requireApiUser(request);
    const db = getDb();
    const { project } = await requireWarrantyAccess(db, user, params.projectId ?? "");
    const today = shanghaiDate(new Date().toISOString());
    const [items, current] = await Promise.all([listMaintenanceContracts(db, project.id), contractCovering(db, project.id, today)]);
    return apiOk({ projectId: project.id, items, coveringToday: current });
  });
}

const CODES = { 400: "VALIDATION", 403: "FORBIDDEN", 409: "CONFLICT" } as const;

/** POST /api/v1/projects/:id/maintenance-contracts {number, startsOn, endsOn, price, scope} — pm of the project, service, management; accepted projects. */
export async function action({ request, params }: ActionFunctionArgs) {
  return handleApi(request, async () => {
    const locale = apiLocale(request);
    if (request.method !== "POST") return apiError(405, "METHOD_NOT_ALLOWED", translate(locale, "api.methodNotAllowed"));
    const user = await requireApiUser(request);
    const db = getDb();
    const { project } = await requireWarrantyAccess(db, user, params.projectId ?? "");
    const body = await readJsonObject(request);
    if (body instanceof Response) return body;
    const result = await addMaintenanceContract(db, { projectId: project.id, user, input: body });
    if (result.ok) return apiOk({ ok: true, contract: result.contract }, 201);
    const hasFields = Object.keys(result.errors).length > 0;
    return apiError(result.status, CODES[result.status], translate(locale, hasFields ? "api.validation" : result.formError), hasFields ? { fieldErrors: fieldMessages(result.errors, locale) } : {});
  });
}
