import type { ActionFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { translate } from "~/i18n";
import { apiError, apiLocale, apiOk, handleApi, requireApiUser } from "~/lib/api.server";
import { revokeReviewTask } from "~/services/review/manage-review-tasks.server";

/** POST /api/v1/projects/:id/review-tasks/:taskId/revoke — the project's pm revokes the link. */
export async function action({ request, params }: ActionFunctionArgs) {
  return handleApi(request, async () => {
    const locale = apiLocale(request);
    if (request.method !== "POST") return apiError(405, "METHOD_NOT_ALLOWED", translate(locale, "api.methodNotAllowed"));
    const user = await requireApiUser(request);
    const result = await revokeReviewTask(getDb(), user, params.taskId ?? "", { projectId: params.projectId ?? "" });
    if (!result.ok) {
      const status = result.formError === "error.notFound" ? 404 : 409;
      return apiError(status, status === 404 ? "NOT_FOUND" : "CONFLICT", translate(locale, result.formError));
    }
    return apiOk({ ok: true, taskId: result.taskId }, 200);
  });
}
