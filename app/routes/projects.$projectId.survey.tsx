// 现场勘察: the project's pm records the survey on site (phone first, photos from the camera) while
// the project is in stage survey, then sends COMPLETE_SURVEY; the project's viewers read it later.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client";
import { StageBadge } from "~/components/project/labels";
import { ProjectSections } from "~/components/project/project-sections";
import { RouteErrorBoundary } from "~/components/route-error-boundary";
import { PhotoGrid } from "~/components/site/photo-grid";
import { SurveyComplete } from "~/components/site/survey-complete";
import { obstacleRowsFromValues, SurveyForm, type SurveyFailure } from "~/components/site/survey-form";
import { SurveyView } from "~/components/site/survey-view";
import { Alert, Card, PageHeader } from "~/components/ui/layout";
import { translate } from "~/i18n";
import { getLocale } from "~/i18n/locale.server";
import { useT } from "~/i18n/use-t";
import { formDataToObject } from "~/lib/forms";
import { requireVisibleProject } from "~/lib/permissions.server";
import { requestInfo } from "~/lib/request-info.server";
import { requireUser } from "~/lib/session.server";
import { readMultipartForm, UploadTooLargeError } from "~/lib/uploads.server";
import { getProjectEventsView, sendProjectEvent } from "~/services/projects/project-events.server";
import { projectSections } from "~/services/projects/project-sections.server";
import { MAX_OBSTACLES } from "~/services/site/survey-input.server";
import { loadSurvey } from "~/services/site/survey-load.server";
import { isProjectPm, removeSurveyPhoto, saveSurvey } from "~/services/site/survey-save.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `现场勘察 · ${data.project.code} · 工程安装售后管理` : "现场勘察" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = getDb();
  const locale = await getLocale(request);
  const project = await requireVisibleProject(db, user, params.projectId ?? "");
  const canEdit = isProjectPm(user, project) && project.stage === "survey";
  const events = canEdit ? await getProjectEventsView(db, project, user, locale) : null;
  return {
    project: { id: project.id, code: project.code, name: project.name, stage: project.stage, version: project.version },
    survey: await loadSurvey(db, project),
    sections: projectSections(user, project),
    canEdit,
    missing: events?.blocked.find((b) => b.type === "COMPLETE_SURVEY")?.missing ?? [],
    notice: new URL(request.url).searchParams.get("notice"),
  };
}

function typedValues(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === "string" && !k.startsWith("_") && k !== "intent" && k !== "version") values[k] = v.slice(0, 4000);
  return values;
}

/** Without JavaScript, add/remove obstacle rows: return the rows changed, write nothing. */
function editRows(values: Record<string, string>, intent: string): Record<string, string> {
  const rows = obstacleRowsFromValues(values);
  if (intent === "addObstacle" && rows.length < MAX_OBSTACLES) rows.push({ description: "", plan: "" });
  const remove = /^removeObstacle:(\d+)$/.exec(intent);
  if (remove) rows.splice(Number(remove[1]), 1);
  const out = Object.fromEntries(Object.entries(values).filter(([k]) => !k.startsWith("obstacles[")));
  rows.forEach((r, i) => {
    out[`obstacles[${i}].description`] = r.description;
    out[`obstacles[${i}].plan`] = r.plan;
  });
  return out;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const db = getDb();
  const locale = await getLocale(request);
  const project = await requireVisibleProject(db, user, params.projectId ?? "");
  let upload;
  try {
    upload = /^multipart\/form-data/i.test(request.headers.get("Content-Type") ?? "")
      ? await readMultipartForm(request, { photos: ["image"] })
      : { form: await request.formData(), files: {} as Awaited<ReturnType<typeof readMultipartForm>>["files"], errors: {} as Record<string, string> };
  } catch (error) {
    if (!(error instanceof UploadTooLargeError)) throw error;
    return data({ intent: "save", message: translate(locale, "form.fixErrors"), errors: { photos: "upload.tooLarge" }, values: {} } satisfies SurveyFailure, { status: 413 });
  }
  const { form, files, errors: uploadErrors } = upload;
  const intent = String(form.get("intent") ?? "save");
  const values = typedValues(form);

  if (intent === "addObstacle" || intent.startsWith("removeObstacle:")) {
    return data({ intent, message: "", errors: {}, values: editRows(values, intent) } satisfies SurveyFailure);
  }
  if (intent.startsWith("removePhoto:")) {
    const result = await removeSurveyPhoto(db, { projectId: project.id, user, photoId: intent.slice("removePhoto:".length) });
    if (!result.ok) return data({ intent, message: translate(locale, result.messageKey), errors: {}, values: {} } satisfies SurveyFailure, { status: result.status });
    return redirect(`/projects/${project.id}/survey?notice=photoRemoved`);
  }
  if (intent === "complete") {
    const versionText = String(form.get("version") ?? "");
    const result = await sendProjectEvent(db, {
      projectId: project.id,
      user,
      type: "COMPLETE_SURVEY",
      json: {},
      expectedVersion: /^\d{1,9}$/.test(versionText) ? Number(versionText) : -1,
      info: requestInfo(request, context),
      locale,
    });
    if (result.ok) return redirect(`/projects/${project.id}/survey?notice=completed`);
    const refusals = result.message ? result.message.split("；") : [translate(locale, "error.conflict")];
    return data({ intent, message: result.message, errors: {}, values: {}, refusals } satisfies SurveyFailure, { status: result.status });
  }

  const result = await saveSurvey(db, {
    projectId: project.id,
    user,
    object: formDataToObject(form).object,
    photos: files.photos ?? [],
    photoCaption: values.photosCaption,
    uploadErrors,
  });
  if (result.ok) return redirect(`/projects/${project.id}/survey?notice=saved`);
  return data({ intent: "save", message: translate(locale, result.messageKey), errors: result.errors, values } satisfies SurveyFailure, { status: result.status });
}

export default function SurveyPage() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const failure = (useActionData<typeof action>() as SurveyFailure | undefined) ?? null;
  const { id } = d.project;
  return (
    <div className="mx-auto max-w-xl space-y-4">
      <ProjectSections projectId={id} sections={d.sections} />
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-2">
            <span>{t("site.survey.title")}</span>
            <StageBadge stage={d.project.stage} />
          </span>
        }
        subtitle={`${d.project.code} · ${d.project.name}`}
        actions={
          <Link to={`/projects/${id}`} className="btn-secondary">
            {t("common.back")}
          </Link>
        }
      />
      {d.notice === "saved" ? <Alert tone="green">{t("site.survey.saved")}</Alert> : null}
      {d.notice === "completed" ? <Alert tone="green">{t("site.survey.completed")}</Alert> : null}
      {d.notice === "photoRemoved" ? <Alert tone="green">{t("site.photo.removed")}</Alert> : null}
      {failure?.intent.startsWith("removePhoto:") && failure.message ? <Alert>{failure.message}</Alert> : null}
      {d.canEdit ? (
        <>
          <Card title={t("site.survey.formTitle")}>
            {/* Remounted after each save so the chosen photos are cleared and not uploaded twice. */}
            <SurveyForm key={`${d.survey.updatedAt}-${d.survey.photos.length}`} initial={d.survey} failure={failure} />
          </Card>
          {d.survey.photos.length > 0 ? (
            <Card title={t("site.survey.savedPhotos")}>
              <PhotoGrid
                photos={d.survey.photos}
                renderAction={(p) => (
                  <Form method="post">
                    <button type="submit" name="intent" value={`removePhoto:${p.id}`} className="btn-link min-h-11 text-xs text-red-700">
                      {t("site.photo.remove")}
                    </button>
                  </Form>
                )}
              />
            </Card>
          ) : null}
          <Card title={t("site.survey.completeTitle")}>
            <SurveyComplete version={d.project.version} missing={d.missing} refusals={failure?.intent === "complete" ? failure.refusals ?? [failure.message] : null} />
          </Card>
        </>
      ) : (
        <>
          {d.project.stage === "survey" ? <Alert tone="amber">{t("site.survey.readOnlyNotPm")}</Alert> : null}
          <Card title={t("site.survey.formTitle")}>
            <SurveyView survey={d.survey} />
          </Card>
        </>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}
