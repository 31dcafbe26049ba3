import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { translate } from "~/i18n";
import { apiError, apiLocale, apiOk, handleApi, requireApiUser } from "~/lib/api.server";
import { listReviewTasks } from "~/services/review/manage-review-tasks.server";
import { sendMissingCommencementTask } from "~/services/review/send-missing-task.server";

/** GET /api/v1/projects/:id/review-tasks — the project's review tasks with status (never the links). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return handleApi(request, async () => {
    const user = await requireApiUser(request);
    return apiOk({ items: await listReviewTasks(getDb(), user, params.projectId ?? "") });
  });
}

/**
 * POST /api/v1/projects/:id/review-tasks — (pm) send the commencement review link to the party the
 * project waits for, when none is open (e.g. the party had no e-mail address when review began).
 */
export async function action({ request, params }: ActionFunctionArgs) {
  return handleApi(request, async () => {
    const locale = apiLocale(request);
    if (request.method !== "POST") return apiError(405, "METHOD_NOT_ALLOWED", translate(locale, "api.methodNotAllowed"));
    const user = await requireApiUser(request);
    const result = await sendMissingCommencementTask(getDb(), user, params.projectId ?? "");
    if (!result.ok) {
      const status = result.formError === "error.notFound" ? 404 : result.formError === "review.send.noAddress" ? 422 : 409;
      return apiError(status, status === 404 ? "NOT_FOUND" : status === 422 ? "NO_ADDRESS" : "CONFLICT", translate(locale, result.formError));
    }
    return apiOk({ ok: true, taskId: result.taskId }, 201);
  });
}
