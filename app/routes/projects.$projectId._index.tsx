import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client";
import { AuditLog } from "~/components/project/audit-log";
import { NextSteps, type EventFailure } from "~/components/project/event-actions";
import { StageBadge, useEventLabel } from "~/components/project/labels";
import { EquipmentTable, MasterData, StageTimeline, WarrantyCard } from "~/components/project/project-overview";
import { RouteErrorBoundary } from "~/components/route-error-boundary";
import { Alert, PageHeader } from "~/components/ui/layout";
import { getLocale } from "~/i18n/locale.server";
import { useT } from "~/i18n/use-t";
import { canEditProject } from "~/lib/permissions.server";
import { requireUser } from "~/lib/session.server";
import { getEventFieldOptions, getProjectDetail } from "~/services/projects/get-project.server";
import { getProjectEventsView } from "~/services/projects/project-events.server";
import { getProjectTimeline, handoverRegions, listAuditEvents } from "~/services/projects/timeline.server";
import { isProjectEditable } from "~/services/projects/update-project.server";
import { EVENT_PAGES, projectSections } from "~/services/projects/project-sections.server";
import { ProjectSections } from "~/components/project/project-sections";

const AUDIT_PAGE_SIZE = 20;
const NOTICES = ["created", "saved", "unchanged", "done"];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.project.code} ${data.project.name} · 工程安装售后管理` : "项目" }];

/** An event refused after a submission without JavaScript comes back in the URL (see projects.$projectId.events). */
function failureFrom(params: URLSearchParams): EventFailure | null {
  const type = params.get("failed");
  if (!type) return null;
  const fieldErrors: Record<string, string> = {};
  const values: Record<string, string> = {};
  for (const [key, value] of params) {
    if (key.startsWith("fe.")) fieldErrors[key.slice(3)] = value;
    if (key.startsWith("v.")) values[key.slice(2)] = value;
  }
  return { type, message: params.get("msg") ?? "", fieldErrors, values };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = getDb();
  const locale = await getLocale(request);
  const { project, parties, equipment, warranty } = await getProjectDetail(db, user, params.projectId ?? "");
  const url = new URL(request.url);
  const page = Math.max(1, Math.min(10_000, Number.parseInt(url.searchParams.get("page") ?? "1", 10) || 1));
  const [timeline, events, audit] = await Promise.all([
    getProjectTimeline(db, project, locale),
    getProjectEventsView(db, project, user, locale),
    listAuditEvents(db, project.id, { limit: AUDIT_PAGE_SIZE, offset: (page - 1) * AUDIT_PAGE_SIZE }),
  ]);
  const kinds = new Set(events.allowed.flatMap((a) => a.fields.map((f) => f.kind as string)));
  const options = await getEventFieldOptions(db, project.id, kinds);
  const notice = url.searchParams.get("notice");
  return {
    project: { id: project.id, code: project.code, name: project.name, stage: project.stage },
    master: {
      ...parties,
      siteAddress: project.siteAddress,
      clientContractNo: project.clientContractNo,
      clientContractAmountFen: project.clientContractAmountFen,
      clientContractSignedOn: project.clientContractSignedOn,
      plannedStartOn: project.plannedStartOn,
      plannedFinishOn: project.plannedFinishOn,
      cancelReason: (project.snapshot as { context?: { cancelReason?: string | null } } | null)?.context?.cancelReason ?? null,
    },
    equipment,
    warranty,
    timeline,
    substates: handoverRegions(project, locale).map((r) => r.label),
    events: { version: events.version, allowed: events.allowed, blocked: events.blocked },
    options,
    audit: {
      rows: audit.rows.map((r) => ({ id: r.id, at: r.at.toISOString(), actorLabel: r.actorLabel, role: r.role, event: r.event, fromStage: r.fromStage, toStage: r.toStage, payload: r.payload })),
      total: Number(audit.total),
      page,
    },
    canEdit: canEditProject(user, project) && isProjectEditable(project),
    sections: projectSections(user, project),
    eventPages: EVENT_PAGES,
    notice: notice && NOTICES.includes(notice) ? { kind: notice, event: url.searchParams.get("event") } : null,
    failure: failureFrom(url.searchParams),
  };
}

export default function ProjectPage() {
  const t = useT();
  const eventLabel = useEventLabel();
  const d = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
      <ProjectSections projectId={d.project.id} sections={d.sections} />
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-2">
            <span className="font-mono text-base text-slate-500">{d.project.code}</span>
            <span>{d.project.name}</span>
            <StageBadge stage={d.project.stage} />
          </span>
        }
        subtitle={`${d.master.clientName} · ${t("projects.field.pm")}：${d.master.pmName}`}
        actions={
          <>
            <Link to="/projects" className="btn-secondary">
              {t("common.back")}
            </Link>
            {d.canEdit ? (
              <Link to={`/projects/${d.project.id}/edit`} className="btn-primary">
                {t("common.edit")}
              </Link>
            ) : null}
          </>
        }
      />
      {d.notice ? (
        <Alert tone="green">
          {d.notice.kind === "done" && d.notice.event ? t("projects.notice.done", { action: eventLabel(d.notice.event) }) : t(`projects.notice.${d.notice.kind}`)}
        </Alert>
      ) : null}
      {d.project.stage === "cancelled" ? <Alert tone="red" title={t("projects.cancelled.title")}>{d.master.cancelReason ?? ""}</Alert> : null}
      <StageTimeline steps={d.timeline} substates={d.substates} />
      <div className="grid gap-4 lg:grid-cols-[1fr_1fr]">
        <NextSteps projectId={d.project.id} version={d.events.version} allowed={d.events.allowed} blocked={d.events.blocked} options={d.options} failure={d.failure} eventPages={d.eventPages} />
        <MasterData data={d.master} />
      </div>
      {d.warranty ? <WarrantyCard warranty={d.warranty} /> : null}
      <EquipmentTable lines={d.equipment} />
      <AuditLog rows={d.audit.rows} total={d.audit.total} page={d.audit.page} pageSize={AUDIT_PAGE_SIZE} />
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}
