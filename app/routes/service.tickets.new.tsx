// 登记服务单: staff record a request taken by hotline, from a regional manager or a dealer. First
// the project (search by code or name among those this user serves), then the request itself —
// the same fields, checks and messages as the customer's page. Service, management, pm (own).
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { getDb } from "#db/client";
import { TicketRequestFields } from "~/components/service/ticket-request-fields";
import { RouteErrorBoundary } from "~/components/route-error-boundary";
import { SearchForm } from "~/components/ui/search-form";
import { SelectField } from "~/components/ui/field";
import { Alert, Card, EmptyState, PageHeader } from "~/components/ui/layout";
import { useT } from "~/i18n/use-t";
import { requestInfo } from "~/lib/request-info.server";
import { requireUser } from "~/lib/session.server";
import { requireTicketProject, requireTicketUser } from "~/services/service/ticket-access.server";
import { enterTicket } from "~/services/service/ticket-enter.server";
import { searchTicketProjects, ticketProjectUnits } from "~/services/service/ticket-projects.server";
import { TICKET_CHANNELS } from "~/services/service/vocabulary";

export const meta: MetaFunction = () => [{ title: "登记服务单 · 工程安装售后管理" }];

const STAFF_CHANNELS = TICKET_CHANNELS.filter((c) => c !== "online");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireTicketUser(await requireUser(request));
  const url = new URL(request.url);
  const db = getDb();
  const q = url.searchParams.get("q") ?? "";
  const projectId = url.searchParams.get("projectId") ?? "";
  if (projectId) {
    const project = await requireTicketProject(db, user, projectId);
    const units = await ticketProjectUnits(db, project.id);
    return { q, project: { id: project.id, code: project.code, name: project.name, siteAddress: project.siteAddress }, units, results: [] };
  }
  return { q, project: null, units: [], results: await searchTicketProjects(db, user, q) };
}

interface Failure {
  values: Record<string, string>;
  errors: Record<string, string>;
  formError: string;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireTicketUser(await requireUser(request));
  const form = await request.formData();
  const result = await enterTicket(getDb(), user, form, { ip: requestInfo(request, context).ip });
  if (!result.ok) return data({ values: result.values, errors: result.errors, formError: result.formError } satisfies Failure, { status: 400 });
  return redirect(`/service/tickets?created=${encodeURIComponent(result.number)}`);
}

export default function NewServiceTicketPage() {
  const t = useT();
  const { q, project, units, results } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as Failure | undefined;
  const busy = useNavigation().state === "submitting";
  if (!project) {
    return (
      <div className="space-y-4">
        <PageHeader title={t("serviceTickets.new.title")} subtitle={t("serviceTickets.new.subtitle")} />
        <Card title={t("serviceTickets.field.project")}>
          <SearchForm q={q} placeholder={t("serviceTickets.new.search")} resetTo="/service/tickets/new" />
          {results.length === 0 ? (
            <EmptyState>{t("serviceTickets.new.noProjects")}</EmptyState>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm">
              {results.map((p) => (
                <li key={p.id} className="flex items-center justify-between gap-3 py-2">
                  <span className="min-w-0">
                    <span className="font-mono text-xs">{p.code}</span> <span className="font-medium">{p.name}</span>
                    <span className="block truncate text-xs text-slate-500">{p.siteAddress}</span>
                  </span>
                  <Link to={`/service/tickets/new?projectId=${p.id}`} className="btn-secondary shrink-0">{t("serviceTickets.new.choose")}</Link>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    );
  }
  const values = failure?.values ?? { siteAddress: project.siteAddress, area: "city", channel: "hotline" };
  const errors = failure?.errors ?? {};
  return (
    <div className="space-y-4">
      <PageHeader title={t("serviceTickets.new.title")} subtitle={t("serviceTickets.new.subtitle")} />
      <Card
        title={<span><span className="font-mono text-sm">{project.code}</span> {project.name}</span>}
        actions={<Link to="/service/tickets/new" className="btn-link text-sm">{t("serviceTickets.new.change")}</Link>}
      >
        {failure?.formError ? <div className="mb-4"><Alert tone="red">{t(failure.formError)}</Alert></div> : null}
        {errors.projectId ? <div className="mb-4"><Alert tone="red">{t(errors.projectId)}</Alert></div> : null}
        <Form method="post" className="space-y-4">
          <input type="hidden" name="projectId" value={project.id} />
          <SelectField
            name="channel"
            label={t("serviceTickets.field.channel")}
            defaultValue={values.channel ?? "hotline"}
            error={errors.channel}
            required
            options={STAFF_CHANNELS.map((c) => ({ value: c, label: t(`serviceTickets.channel.${c}`) }))}
            className="max-w-xs"
          />
          <TicketRequestFields
            values={values}
            errors={errors}
            units={units.map((u) => ({ id: u.id, label: [u.name, u.model, u.location, u.serialNumbers.join(", ")].filter(Boolean).join(" · ") }))}
          />
          <button type="submit" className="btn-primary" disabled={busy}>{t("serviceTickets.new.submit")}</button>
        </Form>
      </Card>
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}
