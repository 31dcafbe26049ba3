// 进场资料: the project's pm keeps the crew roster (with credentials) and the equipment/material
// certificates while the project is in stage entry, sees what expires before the planned start,
// and submits the commencement application (SUBMIT_COMMENCEMENT). Afterwards read-only, with the
// review status; a rejection brings the project back here with the reviewer's comment on top.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client";
import { StageBadge } from "~/components/project/labels";
import { ProjectSections } from "~/components/project/project-sections";
import { resendReviewTask, revokeReviewTask } from "~/services/review/manage-review-tasks.server";
import { RouteErrorBoundary } from "~/components/route-error-boundary";
import { AddCertificateForm, CertificateList } from "~/components/site/entry-certificates";
import { EntryDatalists, type EntryFailure } from "~/components/site/entry-common";
import { AddMemberForm, CrewList } from "~/components/site/entry-crew";
import { EntryChecklist, EntrySubmit, RejectionBanner, ReviewStatus } from "~/components/site/entry-submit";
import { Alert, Card, PageHeader } from "~/components/ui/layout";
import { translate } from "~/i18n";
import { getLocale } from "~/i18n/locale.server";
import { useT } from "~/i18n/use-t";
import { requireVisibleProject } from "~/lib/permissions.server";
import { requestInfo } from "~/lib/request-info.server";
import { requireUser } from "~/lib/session.server";
import { sendProjectEvent } from "~/services/projects/project-events.server";
import { projectSections } from "~/services/projects/project-sections.server";
import { runEntryIntent, readEntryRequest } from "~/services/site/entry-actions.server";
import { loadEntry } from "~/services/site/entry-load.server";
import { commencementMissing } from "~/services/site/entry-missing.server";
import { isProjectPm } from "~/services/site/survey-save.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `进场资料 · ${data.project.code} · 工程安装售后管理` : "进场资料" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = getDb();
  const locale = await getLocale(request);
  const project = await requireVisibleProject(db, user, params.projectId ?? "");
  const canEdit = isProjectPm(user, project) && project.stage === "entry";
  const missing = canEdit ? await commencementMissing(db, project, user, locale) : [];
  return {
    project: { id: project.id, code: project.code, name: project.name, stage: project.stage, version: project.version },
    entry: await loadEntry(db, project),
    sections: projectSections(user, project),
    canEdit,
    canManageLinks: isProjectPm(user, project) && project.stage === "entryReview",
    missing,
    notice: new URL(request.url).searchParams.get("notice"),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const db = getDb();
  const locale = await getLocale(request);
  const project = await requireVisibleProject(db, user, params.projectId ?? "");
  const body = await readEntryRequest(request);
  if (body.tooLarge) return data({ intent: body.intent, message: translate(locale, "upload.tooLarge"), errors: {}, values: {} } satisfies EntryFailure, { status: 413 });
  const { intent, values } = body;

  // The waiting reviewer's link: revoke it (a wrong person was asked) or send a fresh one (mail lost).
  const taskAction = /^(revokeTask|resendTask):([0-9a-f-]{36})$/.exec(intent);
  if (taskAction) {
    const manage = taskAction[1] === "revokeTask" ? revokeReviewTask : resendReviewTask;
    const result = await manage(db, user, taskAction[2], { projectId: project.id });
    if (result.ok) return redirect(`/projects/${project.id}/entry?notice=${taskAction[1] === "revokeTask" ? "linkRevoked" : "linkResent"}`);
    return data({ intent, message: translate(locale, result.formError), errors: {}, values: {} } satisfies EntryFailure, { status: result.formError === "error.forbidden" ? 403 : result.formError === "error.notFound" ? 404 : 409 });
  }

  if (intent === "submit") {
    const versionText = String(body.form.get("version") ?? "");
    const result = await sendProjectEvent(db, {
      projectId: project.id,
      user,
      type: "SUBMIT_COMMENCEMENT",
      json: {},
      expectedVersion: /^\d{1,9}$/.test(versionText) ? Number(versionText) : -1,
      info: requestInfo(request, context),
      locale,
    });
    if (result.ok) return redirect(`/projects/${project.id}/entry?notice=submitted`);
    const refusals = result.message ? result.message.split("；") : [translate(locale, "error.conflict")];
    return data({ intent, message: result.message, errors: {}, values: {}, refusals } satisfies EntryFailure, { status: result.status });
  }
  const result = await runEntryIntent(db, { projectId: project.id, user, body });
  if (result.ok) return redirect(`/projects/${project.id}/entry?notice=saved`);
  return data({ intent, message: translate(locale, result.messageKey), errors: result.errors, values } satisfies EntryFailure, { status: result.status });
}

export default function EntryPage() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const failure = (useActionData<typeof action>() as EntryFailure | undefined) ?? null;
  const { id } = d.project;
  const { entry } = d;
  const generalError = failure && /^(remove|update)/.test(failure.intent) && !Object.keys(failure.errors).length ? failure.message : null;
  return (
    <div className="space-y-4">
      <ProjectSections projectId={id} sections={d.sections} />
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-2">
            <span>{t("site.entry.title")}</span>
            <StageBadge stage={d.project.stage} />
          </span>
        }
        subtitle={`${d.project.code} · ${d.project.name}`}
        actions={<Link to={`/projects/${id}`} className="btn-secondary">{t("common.back")}</Link>}
      />
      {d.project.stage === "entry" && entry.lastRejection ? <RejectionBanner rejection={entry.lastRejection} /> : null}
      {d.notice === "saved" ? <Alert tone="green">{t("site.entry.saved")}</Alert> : null}
      {d.notice === "submitted" ? <Alert tone="green">{t("site.entry.submitted")}</Alert> : null}
      {d.notice === "linkResent" ? <Alert tone="green">{t("site.entry.notice.linkResent")}</Alert> : null}
      {d.notice === "linkRevoked" ? <Alert tone="amber">{t("site.entry.notice.linkRevoked")}</Alert> : null}
      {generalError ? <Alert>{generalError}</Alert> : null}
      {d.project.stage === "entryReview" ? (
        <Card title={t("site.entry.reviewTitle")}>
          <ReviewStatus projectId={id} entry={entry} canManage={d.canManageLinks} />
        </Card>
      ) : null}
      <EntryDatalists />
      <Card title={t("site.entry.crewTitle")}>
        <CrewList crew={entry.crew} canEdit={d.canEdit} failure={failure} />
        {d.canEdit ? (
          <details className="mt-4 border-t border-slate-100 pt-3" open={failure?.intent === "addMember" || entry.crew.length === 0}>
            <summary className="btn-link cursor-pointer">+ {t("site.entry.addMember")}</summary>
            <div className="mt-3"><AddMemberForm failure={failure} /></div>
          </details>
        ) : null}
      </Card>
      <Card title={t("site.entry.certificatesTitle")}>
        <CertificateList certificates={entry.certificates} canEdit={d.canEdit} failure={failure} />
        {d.canEdit ? (
          <details className="mt-4 border-t border-slate-100 pt-3" open={failure?.intent === "addCertificate" || entry.certificates.length === 0}>
            <summary className="btn-link cursor-pointer">+ {t("site.entry.addCertificate")}</summary>
            <div className="mt-3"><AddCertificateForm failure={failure} /></div>
          </details>
        ) : null}
      </Card>
      {d.canEdit ? (
        <Card title={t("site.entry.submitTitle")}>
          <div className="space-y-4">
            <EntryChecklist entry={entry} missing={d.missing} />
            <EntrySubmit version={d.project.version} refusals={failure?.intent === "submit" ? failure.refusals ?? [failure.message] : null} />
          </div>
        </Card>
      ) : d.project.stage === "entry" ? (
        <Alert tone="amber">{t("site.entry.readOnlyNotPm")}</Alert>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}
