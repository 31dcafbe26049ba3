import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { translate } from "~/i18n";
import { apiError, apiLocale, apiOk, fieldMessages, handleApi, readJsonObject, requireApiUser } from "~/lib/api.server";
import { parseForm } from "~/lib/forms";
import { requestInfo } from "~/lib/request-info.server";
import { projectListItemJson } from "~/services/api/project-json.server";
import { createProject } from "~/services/projects/create-project.server";
import { listProjects, parseListQuery } from "~/services/projects/list-projects.server";
import { projectFormSchema } from "~/services/projects/project-form";
import { objectToFormData } from "~/services/api/object-form-data";

/** GET /api/v1/projects?q=&stage=&pm=&client=&page= — the same list, filters and visibility as the page. */
export async function loader({ request }: LoaderFunctionArgs) {
  return handleApi(request, async () => {
    const user = await requireApiUser(request);
    const query = parseListQuery(new URL(request.url).searchParams);
    const result = await listProjects(getDb(), user, query);
    return apiOk({ items: result.rows.map(projectListItemJson), total: result.total, page: result.page, pageSize: result.pageSize });
  });
}

/** POST /api/v1/projects — create a project (pm or admin), validated by the same schema as the form. */
export async function action({ request, context }: ActionFunctionArgs) {
  return handleApi(request, async () => {
    const locale = apiLocale(request);
    if (request.method !== "POST") return apiError(405, "METHOD_NOT_ALLOWED", translate(locale, "api.methodNotAllowed"));
    const user = await requireApiUser(request);
    const body = await readJsonObject(request);
    if (body instanceof Response) return body;
    const parsed = parseForm(projectFormSchema, objectToFormData(body));
    if (!parsed.ok) return apiError(400, "VALIDATION", translate(locale, "api.validation"), { fieldErrors: fieldMessages(parsed.errors, locale) });
    const result = await createProject(getDb(), user, parsed.data, requestInfo(request, context));
    if (!result.ok) {
      if (result.formError === "error.forbidden") return apiError(403, "FORBIDDEN", translate(locale, "error.forbidden"));
      return apiError(400, "VALIDATION", translate(locale, "api.validation"), { fieldErrors: fieldMessages(result.errors, locale) });
    }
    return apiOk({ id: result.id, url: `/api/v1/projects/${result.id}` }, 201);
  });
}
