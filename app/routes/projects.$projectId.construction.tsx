// 施工管理: the progress log with the planned-vs-actual chart, coordination notes, and links to the
// material requests and rectification notices. Everyone who may see the project reads; its pm
// writes while the project is in construction.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client";
import { StageBadge } from "~/components/project/labels";
import { ProjectSections } from "~/components/project/project-sections";
import { RouteErrorBoundary } from "~/components/route-error-boundary";
import { NoteForm, NotesList, type NoteFailure } from "~/components/site/notes-panel";
import { ProgressChart } from "~/components/site/progress-chart";
import { ProgressForm, ProgressList, type ProgressFailure } from "~/components/site/progress-log";
import { Alert, Card, PageHeader } from "~/components/ui/layout";
import { translate } from "~/i18n";
import { getLocale } from "~/i18n/locale.server";
import { useT } from "~/i18n/use-t";
import { shanghaiDate } from "~/lib/calendar";
import { requestInfo } from "~/lib/request-info.server";
import { requireUser } from "~/lib/session.server";
import { readMultipartForm, UploadTooLargeError, type ReceivedFile } from "~/lib/uploads.server";
import { projectSections } from "~/services/projects/project-sections.server";
import { addCoordinationNote, deleteCoordinationNote } from "~/services/site/notes-add.server";
import { listCoordinationNotes } from "~/services/site/notes-list.server";
import { requireConstructionAccess } from "~/services/site/progress-access.server";
import { loadProgress } from "~/services/site/progress-list.server";
import { recordProgress } from "~/services/site/progress-record.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `施工管理 · ${data.project.code} · 工程安装售后管理` : "施工管理" }];

const NOTICES = ["progressSaved", "noteSaved", "noteDeleted"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = getDb();
  const access = await requireConstructionAccess(db, user, params.projectId ?? "");
  const { project } = access;
  const today = shanghaiDate(new Date().toISOString());
  const [{ entries, chart }, notes] = await Promise.all([loadProgress(db, access, today), listCoordinationNotes(db, project.id)]);
  const search = new URL(request.url).searchParams;
  const notice = NOTICES.find((n) => n === search.get("notice")) ?? null;
  return {
    project: { id: project.id, code: project.code, name: project.name, stage: project.stage },
    startOn: access.startOn,
    finishOn: access.finishOn,
    today,
    entries,
    chart,
    notes,
    canWrite: access.writeRefusal === null,
    isPm: access.writeRefusal !== "error.forbidden",
    sections: projectSections(user, project),
    notice,
    belowPrevious: search.get("warn") === "belowPrevious",
  };
}

type Failure = ProgressFailure | NoteFailure;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const db = getDb();
  const locale = await getLocale(request);
  const access = await requireConstructionAccess(db, user, params.projectId ?? "");
  const info = requestInfo(request, context);
  const today = shanghaiDate(new Date().toISOString());
  let form: FormData;
  let photos: ReceivedFile[] = [];
  let photoError: string | undefined;
  try {
    if (/^multipart\/form-data/i.test(request.headers.get("Content-Type") ?? "")) {
      const upload = await readMultipartForm(request, { photos: ["image"] });
      form = upload.form;
      photos = upload.files.photos ?? [];
      photoError = upload.errors.photos;
    } else form = await request.formData();
  } catch (error) {
    if (!(error instanceof UploadTooLargeError)) throw error;
    return data({ intent: "addProgress", errors: { photos: "upload.tooLarge" }, values: {} } satisfies Failure, { status: 413 });
  }
  const intent = String(form.get("intent") ?? "");
  const base = `/projects/${access.project.id}/construction`;
  const message = (key?: string) => (key ? translate(locale, key) : undefined);

  if (intent === "addProgress") {
    const result = await recordProgress(db, { access, user, form, photos, photoError, today, info });
    if (result.ok) return redirect(`${base}?notice=progressSaved${result.warnings.length ? "&warn=belowPrevious" : ""}`);
    return data({ intent, message: message(result.message ?? "form.fixErrors"), errors: result.errors, values: result.values } satisfies Failure, { status: result.status });
  }
  if (intent === "addNote") {
    const result = await addCoordinationNote(db, { access, user, form, today, info });
    if (result.ok) return redirect(`${base}?notice=noteSaved`);
    return data({ intent, message: message(result.message ?? "form.fixErrors"), errors: result.errors, values: result.values } satisfies Failure, { status: result.status });
  }
  if (intent === "deleteNote") {
    const result = await deleteCoordinationNote(db, { access, user, noteId: String(form.get("noteId") ?? ""), info });
    if (result.ok) return redirect(`${base}?notice=noteDeleted`);
    return data({ intent, message: message(result.message), errors: {}, values: {} } satisfies Failure, { status: result.status });
  }
  return data({ intent: "addNote", message: message("error.generic"), errors: {}, values: {} } satisfies Failure, { status: 400 });
}

export default function ConstructionPage() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const failure = (useActionData<typeof action>() as Failure | undefined) ?? null;
  const { id } = d.project;
  const latest = d.entries[0] ?? null;
  const notices = { progressSaved: "construction.progress.saved", noteSaved: "construction.notes.saved", noteDeleted: "construction.notes.deleted" } as const;
  return (
    <div className="space-y-4">
      <ProjectSections projectId={id} sections={d.sections} />
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-2">
            <span>{t("construction.title")}</span>
            <span className="font-mono text-base text-slate-500">{d.project.code}</span>
            <StageBadge stage={d.project.stage} />
          </span>
        }
        subtitle={d.project.name}
        actions={
          <Link to={`/projects/${id}`} className="btn-secondary">
            {t("common.back")}
          </Link>
        }
      />
      {d.notice ? <Alert tone="green">{t(notices[d.notice])}</Alert> : null}
      {d.belowPrevious ? <Alert tone="amber">{t("construction.progress.belowPrevious")}</Alert> : null}
      {failure?.message ? <Alert tone="red">{failure.message}</Alert> : null}
      {!d.canWrite ? <Alert tone="blue">{d.isPm ? t("construction.notInConstruction") : t("construction.readOnly")}</Alert> : null}

      <Card title={t("construction.summary.title")}>
        <dl className="grid gap-3 text-sm sm:grid-cols-3">
          <div>
            <dt className="text-slate-500">{t("construction.startOn")}</dt>
            <dd className="font-mono">{d.startOn ?? t("construction.notSet")}</dd>
          </div>
          <div>
            <dt className="text-slate-500">{t("construction.finishOn")}</dt>
            <dd className="font-mono">{d.finishOn ?? t("construction.notSet")}</dd>
          </div>
          <div>
            <dt className="text-slate-500">{t("construction.summary.latest")}</dt>
            <dd>{latest ? `${latest.percentComplete}%（${latest.entryDate}）` : "—"}</dd>
          </div>
        </dl>
        <div className="mt-4 flex flex-wrap gap-3">
          <Link to={`/projects/${id}/materials`} className="btn-secondary">
            {t("construction.summary.materials")}
          </Link>
          <Link to={`/projects/${id}/rectifications`} className="btn-secondary">
            {t("construction.summary.rectifications")}
          </Link>
        </div>
      </Card>

      <Card title={t("construction.chart.title")}>
        <ProgressChart chart={d.chart} />
      </Card>

      <Card title={t("construction.progress.title")}>
        {d.canWrite ? (
          <details className="mb-4 rounded border border-slate-200 p-3" open={failure?.intent === "addProgress" || d.entries.length === 0}>
            <summary className="cursor-pointer font-medium">{t("construction.progress.add")}</summary>
            <div className="mt-3">
              <ProgressForm failure={failure?.intent === "addProgress" ? failure : null} today={d.today} startOn={d.startOn} resetKey={d.entries[0]?.id ?? "none"} />
            </div>
          </details>
        ) : null}
        <ProgressList entries={d.entries} />
      </Card>

      <Card title={t("construction.notes.title")}>
        <p className="mb-3 text-sm text-slate-500">{t("construction.notes.subtitle")}</p>
        {d.canWrite ? (
          <details className="mb-4 rounded border border-slate-200 p-3" open={failure?.intent === "addNote"}>
            <summary className="cursor-pointer font-medium">{t("construction.notes.add")}</summary>
            <div className="mt-3">
              <NoteForm failure={failure?.intent === "addNote" ? failure : null} today={d.today} resetKey={d.notes[0]?.id ?? "none"} />
            </div>
          </details>
        ) : null}
        <NotesList notes={d.notes} canDelete={d.canWrite} />
      </Card>
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}
