import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client";
import { COMPANY_KINDS, type CompanyKind } from "#db/vocabulary";
import { RouteErrorBoundary } from "~/components/route-error-boundary";
import { Badge, PageHeader } from "~/components/ui/layout";
import { Pagination } from "~/components/ui/pagination";
import { SearchForm } from "~/components/ui/search-form";
import { TableCard } from "~/components/ui/table-card";
import { useT } from "~/i18n/use-t";
import { listCompanies } from "~/services/admin/list-companies.server";
import { requireAdmin } from "~/services/admin/require-admin.server";

const PAGE_SIZE = 50;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const url = new URL(request.url);
  const rawKind = url.searchParams.get("kind") ?? "";
  const kind = (COMPANY_KINDS as readonly string[]).includes(rawKind) ? (rawKind as CompanyKind) : undefined;
  const q = (url.searchParams.get("q") ?? "").slice(0, 100);
  const page = Math.max(1, Math.min(10_000, Number.parseInt(url.searchParams.get("page") ?? "1", 10) || 1));
  const { items, total } = await listCompanies(getDb(), { kind, q, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  return { items, total, page, kind: kind ?? "", q };
}

export default function AdminCompanies() {
  const t = useT();
  const { items, total, page, kind, q } = useLoaderData<typeof loader>();
  const tabHref = (k: string) => {
    const params = new URLSearchParams();
    if (k) params.set("kind", k);
    if (q) params.set("q", q);
    const s = params.toString();
    return s ? `/admin/companies?${s}` : "/admin/companies";
  };
  return (
    <div>
      <PageHeader
        title={t("admin.company.listTitle")}
        actions={
          <Link to={kind ? `/admin/companies/new?kind=${kind}` : "/admin/companies/new"} className="btn-primary">
            {t("admin.company.new")}
          </Link>
        }
      />
      <nav aria-label={t("admin.company.kind")} className="mb-3 flex gap-1 overflow-x-auto">
        {["", ...COMPANY_KINDS].map((k) => (
          <Link
            key={k || "all"}
            to={tabHref(k)}
            aria-current={k === kind ? "page" : undefined}
            className={`whitespace-nowrap rounded-full px-3 py-1 text-sm ${k === kind ? "bg-brand-600 text-white" : "bg-white text-slate-700 ring-1 ring-inset ring-slate-200 hover:bg-slate-50"}`}
          >
            {k ? t(`companyKind.${k}`) : t("form.all")}
          </Link>
        ))}
      </nav>
      <SearchForm q={q} placeholder={t("admin.company.searchPlaceholder")} resetTo={kind ? `/admin/companies?kind=${kind}` : "/admin/companies"}>
        {kind ? <input type="hidden" name="kind" value={kind} /> : null}
      </SearchForm>
      <TableCard
        empty={items.length === 0}
        headers={[
          t("admin.company.name"),
          t("admin.company.kind"),
          t("admin.company.creditCode"),
          t("admin.company.phone"),
          t("admin.company.address"),
          <th className="text-right">{t("admin.company.contactCount")}</th>,
        ]}
      >
        {items.map((c) => (
          <tr key={c.id}>
            <td className="min-w-[12rem]">
              <Link to={`/admin/companies/${c.id}`} className="btn-link font-medium">{c.name}</Link>
            </td>
            <td><Badge>{t(`companyKind.${c.kind}`)}</Badge></td>
            <td className="whitespace-nowrap font-mono text-xs">{c.creditCode ?? ""}</td>
            <td className="whitespace-nowrap">{c.phone}</td>
            <td className="min-w-[12rem]">{c.address}</td>
            <td className="text-right tabular-nums">{c.contactCount}</td>
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
