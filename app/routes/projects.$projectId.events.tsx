// Action-only: sends one machine event for the project page's small forms.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { translate } from "~/i18n";
import { getLocale } from "~/i18n/locale.server";
import { requireVisibleProject } from "~/lib/permissions.server";
import { requestInfo } from "~/lib/request-info.server";
import { requireUser } from "~/lib/session.server";
import { sendProjectEvent } from "~/services/projects/project-events.server";

/** No page here: a GET goes back to the project. */
export async function loader({ params }: LoaderFunctionArgs) {
  return redirect(`/projects/${encodeURIComponent(params.projectId ?? "")}`);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const db = getDb();
  const project = await requireVisibleProject(db, user, params.projectId ?? "");
  const formData = await request.formData();
  const type = String(formData.get("type") ?? "");
  const versionText = String(formData.get("version") ?? "");
  const expectedVersion = /^\d{1,9}$/.test(versionText) ? Number(versionText) : undefined;
  const back = `/projects/${project.id}`;
  const locale = await getLocale(request);
  // The version the page was drawn with is required: without it a stale page could act blindly.
  const result =
    expectedVersion === undefined
      ? { ok: false as const, status: 409 as const, message: translate(locale, "error.conflict"), fieldErrors: undefined }
      : await sendProjectEvent(db, { projectId: project.id, user, type, formData, expectedVersion, info: requestInfo(request, context), locale });
  if (result.ok) return redirect(`${back}?notice=done&event=${encodeURIComponent(type)}`);

  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === "string" && key !== "type" && key !== "version" && !key.startsWith("_")) values[key] = value.slice(0, 2000);
  }
  const fieldErrors = result.fieldErrors ?? {};
  // Without JavaScript the browser shows whatever we return: send it back to the page, carrying the
  // message, the field errors and what was typed in the URL.
  if (formData.get("_nojs") === "1") {
    const q = new URLSearchParams({ failed: type, msg: result.message });
    for (const [k, v] of Object.entries(fieldErrors)) q.append(`fe.${k}`, v);
    for (const [k, v] of Object.entries(values)) q.append(`v.${k}`, v);
    return redirect(`${back}?${q.toString()}`);
  }
  return data({ ok: false as const, type, message: result.message, fieldErrors, values }, { status: result.status });
}
