import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client";
import { Instant } from "~/components/project/labels";
import { RouteErrorBoundary } from "~/components/route-error-boundary";
import { PageHeader } from "~/components/ui/layout";
import { Pagination } from "~/components/ui/pagination";
import { SearchForm } from "~/components/ui/search-form";
import { TableCard } from "~/components/ui/table-card";
import { QualificationSummaryBadges } from "~/components/vendors/qualification-badges";
import { useT } from "~/i18n/use-t";
import { shanghaiDate } from "~/lib/calendar";
import { listVendors } from "~/services/vendors/list-vendors.server";
import { canEditVendors, requireVendorViewer } from "~/services/vendors/vendor-access.server";

const PAGE_SIZE = 50;

export const meta: MetaFunction = () => [{ title: "安装公司 · 工程安装售后管理" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireVendorViewer(request);
  const url = new URL(request.url);
  const q = (url.searchParams.get("q") ?? "").slice(0, 100);
  const page = Math.max(1, Math.min(10_000, Number.parseInt(url.searchParams.get("page") ?? "1", 10) || 1));
  const today = shanghaiDate(new Date().toISOString());
  const { items, total } = await listVendors(getDb(), { q, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE, today });
  return { items, total, page, q, canCreate: canEditVendors(user) };
}

export default function Vendors() {
  const t = useT();
  const { items, total, page, q, canCreate } = useLoaderData<typeof loader>();
  return (
    <div>
      <PageHeader title={t("vendors.listTitle")} actions={canCreate ? <Link to="/vendors/new" className="btn-primary">{t("vendors.new")}</Link> : null} />
      <SearchForm q={q} placeholder={t("vendors.searchPlaceholder")} resetTo="/vendors" />
      <TableCard
        empty={items.length === 0}
        headers={[
          t("admin.company.name"),
          t("admin.company.creditCode"),
          t("vendors.col.qualifications"),
          <th className="text-right">{t("vendors.col.quotes")}</th>,
          <th className="text-right">{t("vendors.col.awards")}</th>,
          <th className="text-right">{t("vendors.col.projects")}</th>,
          t("vendors.col.lastQuote"),
        ]}
      >
        {items.map((v) => (
          <tr key={v.id}>
            <td className="min-w-[12rem]">
              <Link to={`/vendors/${v.id}`} className="btn-link font-medium">{v.name}</Link>
            </td>
            <td className="whitespace-nowrap font-mono text-xs">{v.creditCode ?? "—"}</td>
            <td><QualificationSummaryBadges summary={v.qualifications} /></td>
            <td className="text-right tabular-nums">{v.quoteCount}</td>
            <td className="text-right tabular-nums">{v.awardCount}</td>
            <td className="text-right tabular-nums">{v.projectCount}</td>
            <td className="whitespace-nowrap">{v.lastQuoteAt ? <Instant iso={v.lastQuoteAt} withTime={false} /> : "—"}</td>
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
