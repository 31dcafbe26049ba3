import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client";
import { ProjectCards, ProjectFilters, ProjectTable } from "~/components/project/project-list";
import { RouteErrorBoundary } from "~/components/route-error-boundary";
import { EmptyState, PageHeader } from "~/components/ui/layout";
import { Pagination } from "~/components/ui/pagination";
import { useT } from "~/i18n/use-t";
import { canCreateProject } from "~/lib/permissions.server";
import { requireUser } from "~/lib/session.server";
import { listFilterOptions, listProjects, parseListQuery } from "~/services/projects/list-projects.server";

export const meta: MetaFunction = () => [{ title: "项目 · 工程安装售后管理" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = getDb();
  const query = parseListQuery(new URL(request.url).searchParams);
  const [list, options] = await Promise.all([listProjects(db, user, query), listFilterOptions(db, user)]);
  return { list, options, filters: { q: query.q, stage: query.stage, pmId: query.pmId, clientId: query.clientId }, canCreate: canCreateProject(user) };
}

export default function ProjectsIndex() {
  const t = useT();
  const { list, options, filters, canCreate } = useLoaderData<typeof loader>();
  return (
    <div>
      <PageHeader
        title={t("projects.list.title")}
        subtitle={t("projects.list.total", { total: list.total })}
        actions={
          canCreate ? (
            <Link to="/projects/new" className="btn-primary">
              {t("projects.new.button")}
            </Link>
          ) : null
        }
      />
      <ProjectFilters filters={filters} pms={options.pms} clients={options.clients} />
      {list.rows.length === 0 ? (
        <div className="card">
          <EmptyState>{filters.q || filters.stage || filters.pmId || filters.clientId ? t("projects.list.noMatch") : t("projects.list.empty")}</EmptyState>
        </div>
      ) : (
        <>
          <ProjectTable rows={list.rows} />
          <ProjectCards rows={list.rows} />
          <Pagination page={list.page} pageSize={list.pageSize} total={list.total} />
        </>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}
