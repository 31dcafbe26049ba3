import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client";
import { RouteErrorBoundary } from "~/components/route-error-boundary";
import { Badge, PageHeader } from "~/components/ui/layout";
import { Pagination } from "~/components/ui/pagination";
import { SearchForm } from "~/components/ui/search-form";
import { TableCard } from "~/components/ui/table-card";
import { useT } from "~/i18n/use-t";
import { listUsers } from "~/services/admin/list-users.server";
import { requireAdmin } from "~/services/admin/require-admin.server";

const PAGE_SIZE = 50;

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  const url = new URL(request.url);
  const q = (url.searchParams.get("q") ?? "").slice(0, 100);
  const page = Math.max(1, Math.min(10_000, Number.parseInt(url.searchParams.get("page") ?? "1", 10) || 1));
  const { items, total } = await listUsers(getDb(), { q, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  return { items, total, page, q, selfId: admin.id };
}

export default function AdminUsers() {
  const t = useT();
  const { items, total, page, q, selfId } = useLoaderData<typeof loader>();
  return (
    <div>
      <PageHeader
        title={t("admin.user.listTitle")}
        actions={
          <Link to="/admin/users/new" className="btn-primary">
            {t("admin.user.new")}
          </Link>
        }
      />
      <SearchForm q={q} placeholder={t("admin.user.searchPlaceholder")} resetTo="/admin/users" />
      <TableCard
        empty={items.length === 0}
        headers={[t("admin.user.name"), t("admin.user.email"), t("admin.user.roles"), t("admin.user.company"), t("admin.user.status")]}
      >
        {items.map((u) => (
          <tr key={u.id} className={u.disabled ? "text-slate-400" : undefined}>
            <td className="whitespace-nowrap">
              <Link to={`/admin/users/${u.id}`} className="btn-link font-medium">
                {u.name}
              </Link>
              {u.id === selfId ? <span className="ml-1 text-xs text-slate-500">{t("admin.user.you")}</span> : null}
            </td>
            <td className="whitespace-nowrap">{u.email}</td>
            <td>
              <span className="flex flex-wrap gap-1">
                {u.roles.map((r) => (
                  <Badge key={r} tone={r === "admin" ? "amber" : "blue"}>
                    {t(`role.${r}`)}
                  </Badge>
                ))}
              </span>
            </td>
            <td>{u.companyName ?? ""}</td>
            <td>{u.disabled ? <Badge tone="red">{t("admin.user.disabled")}</Badge> : <Badge tone="green">{t("admin.user.active")}</Badge>}</td>
          </tr>
        ))}
      </TableCard>
      <Pagination page={page} pageSize={PAGE_SIZE} total={total} />
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}
