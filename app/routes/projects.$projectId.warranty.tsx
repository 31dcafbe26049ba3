// 保修服务: the project's warranty clock, its installed units (registered on the acceptance page),
// the 质量保修卡 PDF, the public service-request URL and code, maintenance contracts (listed; added
// by the pm, service or management) and the project's service tickets. Readers: the project's pm
// and the staff who see every project (service included).
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client";
import { formatInstant, StageBadge } from "~/components/project/labels";
import { ProjectSections } from "~/components/project/project-sections";
import { RouteErrorBoundary } from "~/components/route-error-boundary";
import { MaintenanceContractsCard, type ContractFailure } from "~/components/service/maintenance-contracts-card";
import { Alert, Badge, Card, EmptyState, PageHeader } from "~/components/ui/layout";
import { useLocale, useT } from "~/i18n/use-t";
import { addDays } from "~/lib/calendar";
import { requireUser } from "~/lib/session.server";
import { projectSections } from "~/services/projects/project-sections.server";
import { addMaintenanceContract } from "~/services/service/maintenance-contracts.server";
import { canUseTickets } from "~/services/service/ticket-access.server";
import { requireWarrantyAccess } from "~/services/service/warranty-access.server";
import { loadWarrantyPage } from "~/services/service/warranty-page.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `保修服务 · ${data.project.code} · 工程安装售后管理` : "保修服务" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = getDb();
  const access = await requireWarrantyAccess(db, user, params.projectId ?? "");
  const page = await loadWarrantyPage(db, access, user);
  return {
    ...page,
    sections: projectSections(user, access.project),
    canEnterTicket: canUseTickets(user),
    notice: new URL(request.url).searchParams.get("notice"),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const db = getDb();
  const access = await requireWarrantyAccess(db, user, params.projectId ?? "");
  const intent = new URL(request.url).searchParams.get("intent") ?? "";
  if (intent !== "addContract") return data({ errors: {}, values: {}, formError: "error.generic" } satisfies ContractFailure, { status: 400 });
  const form = await request.formData();
  const field = (name: string) => (typeof form.get(name) === "string" ? String(form.get(name)) : "");
  const result = await addMaintenanceContract(db, {
    projectId: access.project.id,
    user,
    input: { number: field("number"), startsOn: field("startsOn"), endsOn: field("endsOn"), price: field("price"), scope: field("scope") },
  });
  if (result.ok) return redirect(`/projects/${access.project.id}/warranty?notice=serviceWarranty.contract.added#contracts`);
  return data({ errors: result.errors, values: result.values, formError: result.formError } satisfies ContractFailure, { status: result.status });
}

const STATE_TONES = { active: "green", expiring: "amber", expired: "red" } as const;

export default function WarrantyPage() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const failure = (useActionData<typeof action>() as ContractFailure | undefined) ?? null;
  const { project, clock } = d;
  return (
    <div className="space-y-4">
      <ProjectSections projectId={project.id} sections={d.sections} />
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-2">
            <span>{t("serviceWarranty.title")}</span>
            <span className="font-mono text-base text-slate-500">{project.code}</span>
            <StageBadge stage={project.stage} />
          </span>
        }
        subtitle={project.name}
        actions={
          <>
            <Link to={`/projects/${project.id}`} className="btn-secondary">{t("common.back")}</Link>
            {clock ? (
              <a href={`/projects/${project.id}/warranty-card.pdf`} className="btn-primary" target="_blank" rel="noreferrer">
                {t("serviceWarranty.card.download")}
              </a>
            ) : null}
          </>
        }
      />
      {d.notice ? <Alert tone="green">{t(d.notice)}</Alert> : null}
      {!clock ? <Alert tone="blue">{t("serviceWarranty.notAccepted")}</Alert> : null}

      {clock ? (
        <div className="grid gap-4 lg:grid-cols-2">
          <Card title={t("serviceWarranty.clock.title")} actions={<Badge tone={STATE_TONES[clock.state]}>{t(`serviceWarranty.clock.${clock.state}`)}</Badge>}>
            <dl className="grid grid-cols-2 gap-3 text-sm">
              <div>
                <dt className="text-slate-500">{t("serviceWarranty.clock.acceptedOn")}</dt>
                <dd className="font-medium tabular-nums">{clock.acceptedOn}</dd>
              </div>
              <div>
                <dt className="text-slate-500">{t("serviceWarranty.clock.endsOn")}</dt>
                <dd className="font-medium tabular-nums">{clock.endsOn}</dd>
              </div>
            </dl>
            <p className={`mt-3 text-lg font-semibold ${clock.state === "active" ? "text-emerald-700" : clock.state === "expiring" ? "text-amber-700" : "text-red-700"}`}>
              {clock.daysLeft > 0
                ? t("serviceWarranty.clock.daysLeft", { days: clock.daysLeft })
                : clock.daysLeft === 0
                  ? t("serviceWarranty.clock.lastDay")
                  : t("serviceWarranty.clock.expiredSince", { days: -clock.daysLeft })}
            </p>
            {d.coveringId ? (
              <p className="mt-1 text-sm text-slate-600">
                {(() => {
                  const c = d.contracts.find((x) => x.id === d.coveringId);
                  return c ? t("serviceWarranty.coveredBy", { number: c.number, endsOn: c.endsOn }) : null;
                })()}
              </p>
            ) : null}
            <p className="mt-3 text-xs text-slate-500">{t("serviceWarranty.clock.terms")}</p>
          </Card>
          <Card title={t("serviceWarranty.public.title")}>
            {d.service ? (
              <div className="space-y-2 text-sm">
                <p>
                  <span className="text-slate-500">{t("serviceWarranty.public.url")}：</span>
                  <a href={d.service.url} className="break-all font-mono text-brand-700 underline" target="_blank" rel="noreferrer">{d.service.url}</a>
                </p>
                <p>
                  <span className="text-slate-500">{t("serviceWarranty.public.code")}：</span>
                  <span className="font-mono text-lg font-semibold tracking-wider">{d.service.display}</span>
                </p>
                <p className="text-xs text-slate-500">{t("serviceWarranty.public.hint")}</p>
                <p className="text-xs text-slate-500">{t("serviceWarranty.card.hint")}</p>
              </div>
            ) : null}
          </Card>
        </div>
      ) : null}

      <Card title={t("serviceWarranty.units.title")} actions={<Link to={`/projects/${project.id}/acceptance#units`} className="text-sm text-brand-700 underline">{t("serviceWarranty.units.registerLink")}</Link>}>
        {d.units.length === 0 ? (
          <EmptyState>{t("serviceWarranty.units.empty")}</EmptyState>
        ) : (
          <div className="-mx-4 overflow-x-auto">
            <table className="table-dense">
              <thead>
                <tr>
                  <th>{t("serviceWarranty.units.name")}</th>
                  <th>{t("serviceWarranty.units.model")}</th>
                  <th className="text-right">{t("serviceWarranty.units.quantity")}</th>
                  <th>{t("serviceWarranty.units.location")}</th>
                  <th>{t("serviceWarranty.units.serials")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {d.units.map((u) => (
                  <tr key={u.id}>
                    <td>{u.name}</td>
                    <td className="font-mono text-xs">{u.model || "—"}</td>
                    <td className="text-right tabular-nums">{u.quantity}</td>
                    <td>{u.location || "—"}</td>
                    <td className="font-mono text-xs">{u.serialNumbers.length ? u.serialNumbers.join("、") : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>

      {/* A contract usually starts the day after the warranty's last day. */}
      <MaintenanceContractsCard contracts={d.contracts} coveringId={d.coveringId} canAdd={d.canAddContract} failure={failure} defaultStartsOn={clock ? addDays(clock.endsOn, 1) : ""} />

      <Card title={t("serviceWarranty.tickets.title")} actions={d.canEnterTicket ? <Link to={`/service/tickets/new?projectId=${project.id}`} className="btn-secondary">{t("serviceTickets.list.new")}</Link> : null}>
        {d.tickets.length === 0 ? (
          <EmptyState>{t("serviceWarranty.tickets.empty")}</EmptyState>
        ) : (
          <div className="-mx-4 overflow-x-auto">
            <table className="table-dense">
              <thead>
                <tr>
                  <th>{t("serviceWarranty.tickets.number")}</th>
                  <th>{t("serviceWarranty.tickets.receivedAt")}</th>
                  <th>{t("serviceWarranty.tickets.channel")}</th>
                  <th>{t("serviceWarranty.tickets.reporter")}</th>
                  <th>{t("serviceWarranty.tickets.status")}</th>
                  <th>{t("serviceWarranty.tickets.coverage")}</th>
                  <th>{t("serviceWarranty.tickets.technician")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {d.tickets.map((r) => (
                  <tr key={r.id} className={r.overdue ? "bg-red-50" : undefined}>
                    <td className="whitespace-nowrap"><Link to={`/service/tickets/${r.id}`} className="btn-link font-mono">{r.number}</Link></td>
                    <td className="whitespace-nowrap tabular-nums">{formatInstant(r.receivedAt, locale)}</td>
                    <td>{t(`serviceTickets.channel.${r.channel}`)}</td>
                    <td>{r.reporterName}</td>
                    <td className="whitespace-nowrap">
                      {t(`serviceTickets.status.${r.status}`)} {r.overdue ? <Badge tone="red">{t("serviceTickets.list.overdue")}</Badge> : null}
                    </td>
                    <td>{r.coverage ? t(`serviceWarranty.coverage.${r.coverage}`) : "—"}</td>
                    <td>{r.technicianName ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}
