// The pm's acceptance requests from the page: apply for acceptance with the agreed date
// (REQUEST_ACCEPTANCE), change the date or the documents under review (REVISE_ACCEPTANCE), and
// revoke or resend a signer's link. Events go through sendProjectEvent (same path as the API).
import { sendProjectEvent } from "~/services/projects/project-events.server";
import { resendReviewTask, revokeReviewTask } from "~/services/review/manage-review-tasks.server";
import type { IntentContext, IntentResult } from "./intent-result";

const EVENTS = { request: "REQUEST_ACCEPTANCE", revise: "REVISE_ACCEPTANCE" } as const;

export async function handleRequestIntent(intent: string, ctx: IntentContext): Promise<IntentResult | null> {
  if (intent === "request" || intent === "revise") {
    const form = await ctx.request.formData();
    const result = await sendProjectEvent(ctx.db, {
      projectId: ctx.access.project.id, user: ctx.user, type: EVENTS[intent], formData: form, info: ctx.info, locale: ctx.locale,
      expectedVersion: Number.isInteger(Number(form.get("version"))) && form.get("version") ? Number(form.get("version")) : undefined,
    });
    if (result.ok) return { intent, ok: true, notice: intent === "request" ? "acceptance.requested" : "acceptance.revised" };
    const values = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string")) as Record<string, string>;
    return {
      intent, ok: false, values, errors: result.fieldErrors ?? {},
      formError: result.fieldErrors ? "form.fixErrors" : result.status === 409 ? "acceptance.changedMeanwhile" : null,
      formErrorText: result.message ? result.message.split("；") : undefined,
    };
  }
  const task = /^(revokeTask|resendTask)$/.exec(intent);
  if (task) {
    const form = await ctx.request.formData();
    const manage = intent === "revokeTask" ? revokeReviewTask : resendReviewTask;
    const result = await manage(ctx.db, ctx.user, String(form.get("taskId") ?? ""), { projectId: ctx.access.project.id });
    if (result.ok) return { intent, ok: true, notice: intent === "revokeTask" ? "acceptance.linkRevoked" : "acceptance.linkResent" };
    return { intent, ok: false, values: {}, errors: {}, formError: result.formError };
  }
  return null;
}
