// The projects list: GET filter form, a dense table from `sm` up, stacked cards on a phone.
import { Form, Link } from "@remix-run/react";
import { STAGES } from "#machines/types";
import { useLocale, useT } from "~/i18n/use-t";
import { formatFen } from "~/lib/money";
import type { ProjectListRow } from "~/services/projects/list-projects.server";
import { Instant, StageBadge, stageLabel } from "./labels";

export interface ListFilters {
  q: string;
  stage: string;
  pmId: string;
  clientId: string;
}

export function ProjectFilters({ filters, pms, clients }: { filters: ListFilters; pms: { id: string; name: string }[]; clients: { id: string; name: string }[] }) {
  const t = useT();
  const locale = useLocale();
  return (
    <Form method="get" className="card mb-4 grid grid-cols-2 gap-3 p-3 sm:grid-cols-[2fr_1fr_1fr_1fr_auto] sm:items-end" role="search">
      <label className="col-span-2 block text-sm sm:col-span-1">
        <span className="mb-1 block font-medium text-slate-700">{t("form.search")}</span>
        <input type="search" name="q" defaultValue={filters.q} className="input" placeholder={t("projects.list.searchPlaceholder")} />
      </label>
      <label className="block text-sm">
        <span className="mb-1 block font-medium text-slate-700">{t("projects.field.stage")}</span>
        <select name="stage" defaultValue={filters.stage} className="input">
          <option value="">{t("form.all")}</option>
          {STAGES.map((s) => (
            <option key={s} value={s}>
              {stageLabel(s, locale)}
            </option>
          ))}
        </select>
      </label>
      <label className="block text-sm">
        <span className="mb-1 block font-medium text-slate-700">{t("projects.field.pm")}</span>
        <select name="pm" defaultValue={filters.pmId} className="input">
          <option value="">{t("form.all")}</option>
          {pms.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <label className="block text-sm">
        <span className="mb-1 block font-medium text-slate-700">{t("projects.field.client")}</span>
        <select name="client" defaultValue={filters.clientId} className="input">
          <option value="">{t("form.all")}</option>
          {clients.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <div className="flex gap-2 sm:col-span-1">
        <button type="submit" className="btn-primary">
          {t("form.filter")}
        </button>
        <Link to="/projects" className="btn-secondary">
          {t("form.reset")}
        </Link>
      </div>
    </Form>
  );
}

function Dates({ row }: { row: ProjectListRow }) {
  if (!row.plannedStartOn && !row.plannedFinishOn) return <span className="text-slate-400">—</span>;
  return (
    <span className="whitespace-nowrap">
      {row.plannedStartOn ?? "?"} ~ {row.plannedFinishOn ?? "?"}
    </span>
  );
}

export function ProjectTable({ rows }: { rows: ProjectListRow[] }) {
  const t = useT();
  return (
    <div className="card hidden overflow-x-auto sm:block">
      <table className="table-dense">
        <thead>
          <tr>
            <th>{t("projects.field.code")}</th>
            <th>{t("projects.field.name")}</th>
            <th>{t("projects.field.client")}</th>
            <th>{t("projects.field.pm")}</th>
            <th>{t("projects.field.stage")}</th>
            <th className="text-right">{t("projects.field.contractAmount")}</th>
            <th>{t("projects.field.plannedDates")}</th>
            <th>{t("projects.field.updatedAt")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.id} className="hover:bg-slate-50">
              <td className="whitespace-nowrap font-mono text-xs">
                <Link to={`/projects/${row.id}`} className="btn-link">
                  {row.code}
                </Link>
              </td>
              <td>
                <Link to={`/projects/${row.id}`} className="hover:underline">
                  {row.name}
                </Link>
              </td>
              <td>{row.clientName}</td>
              <td className="whitespace-nowrap">{row.pmName}</td>
              <td>
                <StageBadge stage={row.stage} />
              </td>
              <td className="whitespace-nowrap text-right tabular-nums">{formatFen(row.clientContractAmountFen)}</td>
              <td>
                <Dates row={row} />
              </td>
              <td className="whitespace-nowrap text-slate-500">
                <Instant iso={row.updatedAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** On a phone: one card per project, the whole card a link. */
export function ProjectCards({ rows }: { rows: ProjectListRow[] }) {
  const t = useT();
  return (
    <ul className="space-y-3 sm:hidden">
      {rows.map((row) => (
        <li key={row.id}>
          <Link to={`/projects/${row.id}`} className="card block p-3 active:bg-slate-50">
            <div className="flex items-start justify-between gap-2">
              <div className="min-w-0">
                <p className="font-mono text-xs text-slate-500">{row.code}</p>
                <p className="font-medium text-slate-900">{row.name}</p>
              </div>
              <StageBadge stage={row.stage} />
            </div>
            <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
              <dt className="text-slate-500">{t("projects.field.client")}</dt>
              <dd>{row.clientName}</dd>
              <dt className="text-slate-500">{t("projects.field.pm")}</dt>
              <dd>{row.pmName}</dd>
              <dt className="text-slate-500">{t("projects.field.contractAmount")}</dt>
              <dd className="tabular-nums">{formatFen(row.clientContractAmountFen)}</dd>
              <dt className="text-slate-500">{t("projects.field.plannedDates")}</dt>
              <dd>
                <Dates row={row} />
              </dd>
            </dl>
          </Link>
        </li>
      ))}
    </ul>
  );
}
