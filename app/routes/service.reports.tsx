// 售后服务报表: tickets per month by cause and by coverage, SLA breaches, technician ratings and
// warranties expiring — charts with their figures as tables, and the same as .xlsx. Service,
// management and admin only (404 for everyone else).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client";
import { BarChart, PALETTE } from "~/components/service/report-charts";
import { RouteErrorBoundary } from "~/components/route-error-boundary";
import { Card, EmptyState, PageHeader } from "~/components/ui/layout";
import { TextField } from "~/components/ui/field";
import { useLocale, useT } from "~/i18n/use-t";
import { shanghaiDate } from "~/lib/calendar";
import { requireUser } from "~/lib/session.server";
import { readReportRange } from "~/services/service/report-range";
import { CAUSE_KEYS, COVERAGE_KEYS, loadServiceReports, canViewServiceReports } from "~/services/service/service-reports.server";
import { notFound } from "~/lib/http.server";
import { CAUSE_CATEGORIES, SURVEY_ASPECTS } from "~/services/service/vocabulary";

export const meta: MetaFunction = () => [{ title: "售后服务报表 · 工程安装售后管理" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  if (!canViewServiceReports(user)) notFound();
  const url = new URL(request.url);
  const read = readReportRange({ from: url.searchParams.get("from"), to: url.searchParams.get("to") }, shanghaiDate(new Date().toISOString()));
  const reports = await loadServiceReports(getDb(), user, read.range);
  return {
    reports,
    causeKeys: CAUSE_KEYS,
    coverageKeys: COVERAGE_KEYS,
    values: read.ok ? read.range : read.values,
    errors: read.ok ? {} : read.errors,
  };
}

const barWidth = (v: number) => `${Math.max(0, Math.min(100, (v / 4) * 100))}%`;

export default function ServiceReportsPage() {
  const t = useT();
  const locale = useLocale();
  const { reports, causeKeys, coverageKeys, values, errors } = useLoaderData<typeof loader>();
  const causeSeries = causeKeys.map((key, i) => ({
    key,
    color: key === "pending" ? "#cbd5e1" : PALETTE[i % PALETTE.length],
    label: key === "pending" ? t("serviceSurvey.reports.cause.pending") : ((c) => (c ? (locale === "en" ? c.en : c.zh) : key))(CAUSE_CATEGORIES.find((c) => c.code === key)),
  }));
  const coverageSeries = coverageKeys.map((key, i) => ({ key, color: key === "undecided" ? "#cbd5e1" : PALETTE[i], label: t(`serviceSurvey.reports.coverage.${key}`) }));
  const slaRows = reports.sla.map((m) => ({ month: m.month, counts: { contactLate: m.contactLate, arrivalLate: m.arrivalLate } }));
  const slaSeries = [
    { key: "contactLate", label: t("serviceSurvey.reports.contactLate"), color: "#f59e0b" },
    { key: "arrivalLate", label: t("serviceSurvey.reports.arrivalLate"), color: "#ef4444" },
  ];
  const warrantyRows = reports.warranties.map((m) => ({ month: m.month, counts: { projects: m.count } }));
  const xlsx = `/service/reports.xlsx?from=${encodeURIComponent(reports.from)}&to=${encodeURIComponent(reports.to)}`;
  return (
    <div className="mx-auto max-w-6xl space-y-4 p-3 sm:p-6">
      <PageHeader
        title={t("serviceSurvey.reports.title")}
        subtitle={t("serviceSurvey.reports.subtitle")}
        actions={
          <a href={xlsx} className="btn-secondary" download>
            {t("serviceSurvey.reports.download")}
          </a>
        }
      />
      <Card>
        <Form method="get" className="flex flex-wrap items-start gap-3">
          <TextField type="month" name="from" label={t("serviceSurvey.reports.from")} defaultValue={values.from} error={errors.from} className="w-44" />
          <TextField type="month" name="to" label={t("serviceSurvey.reports.to")} defaultValue={values.to} error={errors.to} className="w-44" />
          <button type="submit" className="btn-primary mt-6">
            {t("serviceSurvey.reports.apply")}
          </button>
        </Form>
      </Card>
      <Card title={t("serviceSurvey.reports.byCause")}>
        <BarChart title={t("serviceSurvey.reports.byCause")} rows={reports.byCause} series={causeSeries} testId="chart-cause" />
      </Card>
      <Card title={t("serviceSurvey.reports.byCoverage")}>
        <BarChart title={t("serviceSurvey.reports.byCoverage")} rows={reports.byCoverage} series={coverageSeries} testId="chart-coverage" />
      </Card>
      <Card title={t("serviceSurvey.reports.sla")}>
        <p className="mb-2 text-xs text-slate-500">{t("serviceSurvey.reports.slaHint")}</p>
        <BarChart title={t("serviceSurvey.reports.sla")} rows={slaRows} series={slaSeries} mode="grouped" testId="chart-sla" />
      </Card>
      <Card title={t("serviceSurvey.reports.ratings")}>
        <p className="mb-2 text-xs text-slate-500">{t("serviceSurvey.reports.ratingScale")}</p>
        {reports.ratings.length === 0 ? (
          <EmptyState>{t("serviceSurvey.reports.none")}</EmptyState>
        ) : (
          <div className="-mx-4 overflow-x-auto">
            <table className="min-w-full text-sm" data-testid="ratings-table">
              <thead>
                <tr className="text-left text-slate-500">
                  <th scope="col" className="px-4 py-2">{t("serviceSurvey.reports.technician")}</th>
                  <th scope="col" className="px-2 py-2 text-right">{t("serviceSurvey.reports.surveys")}</th>
                  {SURVEY_ASPECTS.map((a) => (
                    <th key={a} scope="col" className="px-2 py-2">{t(`serviceSurvey.aspect.${a}`)}</th>
                  ))}
                  <th scope="col" className="px-2 py-2">{t("serviceSurvey.reports.average")}</th>
                  <th scope="col" className="px-4 py-2 text-right">{t("serviceSurvey.reports.flagged")}</th>
                </tr>
              </thead>
              <tbody>
                {reports.ratings.map((r) => (
                  <tr key={r.technicianId ?? "none"} className="border-t border-slate-100">
                    <th scope="row" className="whitespace-nowrap px-4 py-2 text-left font-medium">{r.name ?? t("serviceSurvey.reports.unassigned")}</th>
                    <td className="px-2 py-2 text-right tabular-nums">{r.count}</td>
                    {([...SURVEY_ASPECTS, "average"] as const).map((a) => (
                      <td key={a} className="min-w-[7rem] px-2 py-2">
                        <div className="flex items-center gap-2">
                          <div className="h-2.5 flex-1 rounded bg-slate-100" aria-hidden>
                            <div className={`h-2.5 rounded ${r[a] < 2.5 ? "bg-red-500" : r[a] < 3.25 ? "bg-amber-500" : "bg-emerald-500"}`} style={{ width: barWidth(r[a]) }} />
                          </div>
                          <span className="w-10 text-right tabular-nums">{r[a].toFixed(2)}</span>
                        </div>
                      </td>
                    ))}
                    <td className={`px-4 py-2 text-right tabular-nums ${r.flagged ? "font-semibold text-red-700" : ""}`}>{r.flagged}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      <Card title={t("serviceSurvey.reports.warranties")}>
        <BarChart title={t("serviceSurvey.reports.warranties")} rows={warrantyRows} series={[{ key: "projects", label: t("serviceSurvey.reports.projects"), color: "#0ea5e9" }]} testId="chart-warranties" />
        {reports.warranties.some((m) => m.projects.length) ? (
          <ul className="mt-3 space-y-1 text-sm">
            {reports.warranties.flatMap((m) =>
              m.projects.map((p) => (
                <li key={p.id} className="flex flex-wrap gap-2">
                  <span className="font-mono text-xs text-slate-500">{p.warrantyEndsOn}</span>
                  <Link to={`/projects/${p.id}`} className="btn-link">
                    <span className="font-mono text-xs">{p.code}</span> {p.name}
                  </Link>
                </li>
              )),
            )}
          </ul>
        ) : null}
      </Card>
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}
