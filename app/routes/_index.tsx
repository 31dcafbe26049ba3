import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client";
import { AdminLinks, HomeSectionCard, StageCounts } from "~/components/project/home-sections";
import { RouteErrorBoundary } from "~/components/route-error-boundary";
import { EmptyState, PageHeader } from "~/components/ui/layout";
import { useT } from "~/i18n/use-t";
import { requireUser } from "~/lib/session.server";
import { getHomeForUser } from "~/services/projects/home.server";

export const meta: MetaFunction = () => [{ title: "待办 · 工程安装售后管理" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const home = await getHomeForUser(getDb(), user);
  return { home, user: { id: user.id, name: user.name } };
}

export default function Home() {
  const t = useT();
  const { home, user } = useLoaderData<typeof loader>();
  const empty = home.sections.length === 0 && home.stageCounts.length === 0 && !home.isAdmin;
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("home.title", { name: user.name })}
        subtitle={t("home.subtitle")}
        actions={
          home.canCreate ? (
            <Link to="/projects/new" className="btn-primary">
              {t("projects.new.button")}
            </Link>
          ) : null
        }
      />
      <StageCounts counts={home.stageCounts} pmId={user.id} />
      <div className="grid gap-4 lg:grid-cols-2">
        {home.sections.map((s) => (
          <HomeSectionCard key={s.key} section={s} />
        ))}
        {home.isAdmin ? <AdminLinks /> : null}
      </div>
      {empty ? (
        <div className="card">
          <EmptyState>{t("home.empty")}</EmptyState>
        </div>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}
