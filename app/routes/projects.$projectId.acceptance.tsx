// 竣工验收: the preconditions with their evidence, the records (completion, self-inspection,
// equipment, archive documents), the application with the agreed date, the signing round, and
// after acceptance the certificate, the warranty clock and the archive. Everyone who may see the
// project's internals reads; only its pm writes. Forms post to `?intent=<name>`.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client";
import { AcceptanceView } from "~/components/acceptance/acceptance-view";
import { AcceptedCard } from "~/components/acceptance/accepted-card";
import { ArchiveCard } from "~/components/acceptance/archive-card";
import { ArchiveChecklistCard } from "~/components/acceptance/archive-checklist-card";
import { PreconditionsCard } from "~/components/acceptance/preconditions-card";
import { CompletionCard, SelfInspectionCard, UnitsCard } from "~/components/acceptance/records-cards";
import { RequestCard } from "~/components/acceptance/request-card";
import { RoundCard } from "~/components/acceptance/round-card";
import { StageBadge } from "~/components/project/labels";
import { ProjectSections } from "~/components/project/project-sections";
import { RouteErrorBoundary } from "~/components/route-error-boundary";
import { Alert, PageHeader } from "~/components/ui/layout";
import { getLocale } from "~/i18n/locale.server";
import { useT } from "~/i18n/use-t";
import { shanghaiDate } from "~/lib/calendar";
import { notFound } from "~/lib/http.server";
import { requestInfo } from "~/lib/request-info.server";
import { requireUser } from "~/lib/session.server";
import { loadAcceptanceContent } from "~/services/acceptance/acceptance-content.server";
import { acceptanceAccessFor } from "~/services/acceptance/acceptance-access.server";
import { acceptanceDates, loadAcceptanceDocuments, loadAcceptanceRound, loadPreconditions } from "~/services/acceptance/acceptance-page.server";
import { handleArchiveIntent } from "~/services/acceptance/archive-actions.server";
import { canDownloadArchive } from "~/services/acceptance/archive-download.server";
import { loadArchiveChecklist } from "~/services/acceptance/archive-checklist-load.server";
import type { IntentResult } from "~/services/acceptance/intent-result";
import { handleRecordsIntent } from "~/services/acceptance/records-actions.server";
import { loadAcceptanceRecords } from "~/services/acceptance/records-load.server";
import { handleRequestIntent } from "~/services/acceptance/request-actions.server";
import { requireVisibleProject } from "~/lib/permissions.server";
import { projectSections } from "~/services/projects/project-sections.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `竣工验收 · ${data.project.code} · 工程安装售后管理` : "竣工验收" }];

async function pageAccess(request: Request, projectId: string | undefined) {
  const user = await requireUser(request);
  const db = getDb();
  const project = await requireVisibleProject(db, user, projectId ?? "");
  // The page shows the installer's contract and internal records: the project's insiders only.
  if (!projectSections(user, project).includes("acceptance")) notFound();
  return { user, db, access: acceptanceAccessFor(user, project) };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, db, access } = await pageAccess(request, params.projectId);
  const { project } = access;
  const locale = await getLocale(request);
  const [preconditions, records, checklist, round, docs, content] = await Promise.all([
    loadPreconditions(db, project.id, locale),
    loadAcceptanceRecords(db, project.id),
    loadArchiveChecklist(db, project.id),
    loadAcceptanceRound(db, access),
    loadAcceptanceDocuments(db, project.id),
    loadAcceptanceContent(db, project.id),
  ]);
  const archiveState = (project.snapshot as { value?: { handover?: { archive?: string } } } | null)?.value?.handover?.archive ?? null;
  return {
    project: { id: project.id, code: project.code, name: project.name, stage: project.stage, version: project.version },
    sections: projectSections(user, project),
    editable: access.editRefusal === null,
    readOnlyReason: access.editRefusal,
    isPm: access.isPm,
    underReview: access.underReview,
    today: shanghaiDate(new Date().toISOString()),
    preconditions,
    records,
    checklist,
    round,
    docs,
    content,
    dates: acceptanceDates(project),
    archived: archiveState === "archived",
    archiveHref: canDownloadArchive(user, project) ? `/projects/${project.id}/archive.zip` : null,
    notice: new URL(request.url).searchParams.get("notice"),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, db, access } = await pageAccess(request, params.projectId);
  const intent = new URL(request.url).searchParams.get("intent") ?? "";
  const ctx = { request, db, user, access, info: requestInfo(request, context), locale: await getLocale(request) };
  const result = (await handleRequestIntent(intent, ctx)) ?? (await handleRecordsIntent(intent, ctx)) ?? (await handleArchiveIntent(intent, ctx));
  if (!result) return data({ intent, ok: false, values: {}, errors: {}, formError: "error.generic" } satisfies IntentResult, { status: 400 });
  if (result.ok) return redirect(`/projects/${access.project.id}/acceptance?notice=${encodeURIComponent(result.notice)}`);
  return data(result, { status: 400 });
}

export default function AcceptancePage() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as IntentResult | undefined;
  const failure = (intent: string | string[]) => (result && !result.ok && [intent].flat().includes(result.intent) ? result : null);
  const { id, stage } = d.project;
  const accepted = stage === "handover" || stage === "closed";
  const canRequest = d.isPm && stage === "construction";
  return (
    <div className="space-y-4">
      <ProjectSections projectId={id} sections={d.sections} />
      <PageHeader
        title={<span className="flex flex-wrap items-center gap-2"><span>{t("acceptance.title")}</span><span className="font-mono text-base text-slate-500">{d.project.code}</span><StageBadge stage={stage} /></span>}
        subtitle={d.project.name}
        actions={<Link to={`/projects/${id}`} className="btn-secondary">{t("common.back")}</Link>}
      />
      {d.notice ? <Alert tone="green">{t(d.notice)}</Alert> : null}
      {result && !result.ok && ["resendTask", "revokeTask"].includes(result.intent) ? <Alert tone="red">{t(result.formError ?? "error.generic")}</Alert> : null}
      {!d.isPm && !accepted ? <Alert tone="blue">{t("acceptance.readOnly")}</Alert> : null}
      {d.readOnlyReason === "acceptance.notYet" ? <Alert tone="blue">{t("acceptance.notYet")}</Alert> : null}
      {d.underReview ? <Alert tone="amber">{t("acceptance.inReview")}</Alert> : null}
      {stage === "construction" && d.dates.lastRejection && d.round ? (
        <Alert tone="amber">{t("acceptance.lastRejection", { by: t(`review.party.${d.dates.lastRejection.by}`), comment: d.dates.lastRejection.comment })}</Alert>
      ) : null}

      {accepted ? (
        <>
          <AcceptedCard projectId={id} acceptedOn={d.dates.acceptedOn} warrantyEndsOn={d.dates.warrantyEndsOn} today={d.today} docs={d.docs} />
          <ArchiveCard stage={stage} archived={d.archived} canArchive={d.isPm && stage === "handover" && !d.archived} downloadHref={d.archiveHref} result={failure("archive") ?? undefined} />
        </>
      ) : null}
      {!accepted ? <PreconditionsCard items={d.preconditions} unitsCount={d.records.units.length} /> : null}
      {canRequest ? <RequestCard mode="request" version={d.project.version} today={d.today} plan={d.round?.plan ? { ...d.round.plan, date: "" } : null} result={failure("request")} /> : null}
      {d.round && (stage === "acceptanceReview" || accepted) ? <RoundCard round={d.round} canManage={d.isPm && stage === "acceptanceReview"} projectId={id} /> : null}
      {stage === "acceptanceReview" && d.isPm ? <RequestCard mode="revise" version={d.project.version} today={d.today} plan={d.round?.plan ?? null} result={failure("revise")} /> : null}

      <CompletionCard data={d.records.completion} editable={d.editable} readOnlyReason={d.readOnlyReason} result={failure("completion") ?? undefined} underReview={d.underReview} />
      <SelfInspectionCard data={d.records.selfInspection} editable={d.editable} readOnlyReason={d.readOnlyReason} result={failure("selfInspection") ?? undefined} underReview={d.underReview} />
      <UnitsCard data={d.records.units} editable={d.editable} readOnlyReason={d.readOnlyReason} result={failure(["addUnit", "removeUnit"]) ?? undefined} underReview={d.underReview} />
      <div id="archive-checklist" className="scroll-mt-4">
        <ArchiveChecklistCard items={d.checklist} editable={d.editable} readOnlyReason={d.readOnlyReason} result={failure("archiveUpload") ?? undefined} underReview={d.underReview} />
      </div>

      {d.content && d.content.round > 0 ? (
        <details className="rounded-lg border border-slate-200 bg-white p-4">
          <summary className="cursor-pointer text-sm font-medium text-slate-700">{t("acceptance.preview")}</summary>
          <div className="mt-3"><AcceptanceView content={d.content} /></div>
        </details>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}
