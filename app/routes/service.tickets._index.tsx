// 售后服务单: the tickets of every channel for service and management (a pm: their own projects),
// filtered by status, channel, project and overdue; each step past its SLA deadline in red with a
// 逾期 badge, and the overdue steps listed on their own. 404 for everyone else.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client";
import { Instant } from "~/components/project/labels";
import { RouteErrorBoundary } from "~/components/route-error-boundary";
import { Alert, Badge, Card, EmptyState, PageHeader } from "~/components/ui/layout";
import { useT } from "~/i18n/use-t";
import { requireUser } from "~/lib/session.server";
import { requireTicketUser } from "~/services/service/ticket-access.server";
import { Pagination } from "~/components/ui/pagination";
import { countTickets, listTickets, overdueSteps, parseChannelFilter, parseStatusFilter, type TicketListRow } from "~/services/service/ticket-list.server";
import { TICKET_CHANNELS, TICKET_STATUSES } from "~/services/service/vocabulary";

export const meta: MetaFunction = () => [{ title: "售后服务单 · 工程安装售后管理" }];

/** Rows per page, and how many overdue tickets the card at the top shows (the most urgent first). */
const PAGE_SIZE = 50;
const OVERDUE_SHOWN = 20;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireTicketUser(await requireUser(request));
  const url = new URL(request.url);
  const db = getDb();
  const now = new Date();
  const filters = {
    status: parseStatusFilter(url.searchParams.get("status")),
    channel: parseChannelFilter(url.searchParams.get("channel")),
    projectId: url.searchParams.get("projectId") || undefined,
    projectQuery: (url.searchParams.get("project") ?? "").trim().slice(0, 100),
    overdue: url.searchParams.get("overdue") === "1",
  };
  const total = await countTickets(db, user, { ...filters, now });
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(Math.max(Number.parseInt(url.searchParams.get("page") ?? "1", 10) || 1, 1), pages);
  const [tickets, overdue, overdueTotal] = await Promise.all([
    listTickets(db, user, { ...filters, now, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    listTickets(db, user, { overdue: true, now, limit: OVERDUE_SHOWN }),
    countTickets(db, user, { overdue: true, now }),
  ]);
  return {
    tickets,
    page,
    pageSize: PAGE_SIZE,
    total,
    steps: overdueSteps(overdue),
    overdueTotal,
    overdueHidden: Math.max(overdueTotal - overdue.length, 0),
    filters: { ...filters, projectId: filters.projectId ?? "" },
    created: url.searchParams.get("created"),
  };
}

function DueCell({ row }: { row: TicketListRow }) {
  const t = useT();
  const line = (key: string, iso: string, overdue: boolean, done: boolean) => (
    <div className={overdue ? "font-semibold text-red-700" : done ? "text-slate-400" : ""}>
      {t(key)} <Instant iso={iso} /> {overdue ? <Badge tone="red">{t("serviceTickets.list.overdue")}</Badge> : null}
    </div>
  );
  return (
    <td className="whitespace-nowrap text-sm">
      {line("serviceTickets.list.contactDue", row.contactDueAt, row.contactOverdue, Boolean(row.contactedAt))}
      {row.arrivalDueAt ? line("serviceTickets.list.arrivalDue", row.arrivalDueAt, row.arrivalOverdue, Boolean(row.onSiteAt)) : null}
    </td>
  );
}

export default function ServiceTicketsPage() {
  const t = useT();
  const { tickets, page, pageSize, total, steps, overdueTotal, overdueHidden, filters, created } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("serviceTickets.list.title")}
        subtitle={t("serviceTickets.list.subtitle")}
        actions={<Link to="/service/tickets/new" className="btn-primary">{t("serviceTickets.list.new")}</Link>}
      />
      {created ? <Alert tone="green">{t("serviceTickets.list.created", { number: created })}</Alert> : null}

      <Card title={<span className="flex items-center gap-2">{t("serviceTickets.overdue.title")}<Badge tone={overdueTotal ? "red" : "gray"}>{overdueTotal}</Badge></span>}>
        {steps.length === 0 ? (
          <p className="text-sm text-slate-500">{t("serviceTickets.overdue.none")}</p>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm" data-testid="overdue-steps">
            {steps.map((s) => (
              <li key={`${s.ticketId}-${s.step}`} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2">
                <Link to={`/service/tickets/${s.ticketId}`} className="btn-link font-mono">{s.number}</Link>
                <span className="text-slate-600">{s.projectCode} {s.projectName}</span>
                <span className="font-medium text-red-700">
                  {t(`serviceTickets.overdue.${s.step}`)} <Instant iso={s.dueAt} />
                </span>
                <span className="text-slate-500">{s.technicianName ?? t("serviceTickets.list.unassigned")}</span>
              </li>
            ))}
          </ul>
        )}
        {overdueHidden > 0 ? (
          <p className="mt-2 text-sm">
            <Link to="/service/tickets?overdue=1" className="btn-link">{t("serviceTickets.overdue.more", { n: overdueHidden })}</Link>
          </p>
        ) : null}
      </Card>

      <Card>
        <Form method="get" className="mb-4 flex flex-wrap items-end gap-3 text-sm">
          <label className="flex flex-col gap-1">
            <span className="text-slate-600">{t("serviceTickets.list.filter.status")}</span>
            <select name="status" defaultValue={filters.status ?? ""} className="input">
              <option value="">{t("form.all")}</option>
              {["open", ...TICKET_STATUSES].map((s) => <option key={s} value={s}>{t(`serviceTickets.status.${s}`)}</option>)}
            </select>
          </label>
          <label className="flex flex-col gap-1">
            <span className="text-slate-600">{t("serviceTickets.list.filter.channel")}</span>
            <select name="channel" defaultValue={filters.channel ?? ""} className="input">
              <option value="">{t("form.all")}</option>
              {TICKET_CHANNELS.map((c) => <option key={c} value={c}>{t(`serviceTickets.channel.${c}`)}</option>)}
            </select>
          </label>
          <label className="flex flex-col gap-1">
            <span className="text-slate-600">{t("serviceTickets.list.filter.project")}</span>
            {/* A search box, not a list of every project: thousands of projects do not fit in a select. */}
            <input type="search" name="project" defaultValue={filters.projectQuery} placeholder={t("serviceTickets.list.filter.projectPlaceholder")} className="input max-w-xs" maxLength={100} />
            {filters.projectId ? <input type="hidden" name="projectId" value={filters.projectId} /> : null}
          </label>
          <label className="flex min-h-10 items-center gap-2">
            <input type="checkbox" name="overdue" value="1" defaultChecked={filters.overdue} className="h-4 w-4" />
            {t("serviceTickets.list.filter.overdue")}
          </label>
          <button type="submit" className="btn-secondary">{t("form.filter")}</button>
          <Link to="/service/tickets" className="btn-secondary">{t("form.reset")}</Link>
        </Form>
        {tickets.length === 0 ? (
          <EmptyState>{t("serviceTickets.list.empty")}</EmptyState>
        ) : (
          <div className="-mx-4 -mb-4 overflow-x-auto">
            <table className="table-dense">
              <thead>
                <tr>
                  <th>{t("serviceTickets.list.col.number")}</th><th>{t("serviceTickets.list.col.project")}</th><th>{t("serviceTickets.list.col.channel")}</th>
                  <th>{t("serviceTickets.list.col.status")}</th><th>{t("serviceTickets.list.col.received")}</th><th>{t("serviceTickets.list.col.due")}</th>
                  <th>{t("serviceTickets.list.col.technician")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {tickets.map((r) => (
                  <tr key={r.id} className={r.contactOverdue || r.arrivalOverdue ? "bg-red-50/60" : undefined}>
                    <td className="whitespace-nowrap"><Link to={`/service/tickets/${r.id}`} className="btn-link font-mono">{r.number}</Link></td>
                    <td className="min-w-[12rem]"><span className="font-mono text-xs">{r.projectCode}</span> {r.projectName}</td>
                    <td className="whitespace-nowrap">{t(`serviceTickets.channel.${r.channel}`)}</td>
                    <td className="whitespace-nowrap">{t(`serviceTickets.status.${r.status}`)}</td>
                    <td className="whitespace-nowrap"><Instant iso={r.receivedAt} /></td>
                    <DueCell row={r} />
                    <td className="whitespace-nowrap">{r.technicianName ?? <span className="text-slate-400">{t("serviceTickets.list.unassigned")}</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div className="px-4"><Pagination page={page} pageSize={pageSize} total={total} /></div>
          </div>
        )}
      </Card>
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}
