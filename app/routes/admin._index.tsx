import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client";
import { COMPANY_KINDS } from "#db/vocabulary";
import { RouteErrorBoundary } from "~/components/route-error-boundary";
import { Card, PageHeader } from "~/components/ui/layout";
import { useT } from "~/i18n/use-t";
import { getAdminOverview } from "~/services/admin/admin-overview.server";
import { requireAdmin } from "~/services/admin/require-admin.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return { overview: await getAdminOverview(getDb()) };
}

function Stat({ to, label, value, tone = "text-slate-900" }: { to: string; label: string; value: number; tone?: string }) {
  return (
    <Link to={to} className="flex items-baseline justify-between gap-3 rounded-md px-2 py-1.5 hover:bg-slate-50">
      <span className="text-sm text-slate-600">{label}</span>
      <span className={`text-lg font-semibold tabular-nums ${tone}`}>{value}</span>
    </Link>
  );
}

export default function AdminHome() {
  const t = useT();
  const { overview } = useLoaderData<typeof loader>();
  const companyTotal = COMPANY_KINDS.reduce((sum, k) => sum + overview.companies[k], 0);
  return (
    <div>
      <PageHeader title={t("admin.title")} subtitle={t("admin.home.subtitle")} />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Card title={t("admin.home.users")} actions={<Link className="btn-link text-sm" to="/admin/users">{t("admin.home.manage")}</Link>}>
          <Stat to="/admin/users" label={t("form.all")} value={overview.users.total} />
          <p className="px-2 text-xs text-slate-500">{t("admin.home.usersDisabled", { n: overview.users.disabled })}</p>
        </Card>
        <Card title={t("admin.home.companies")} actions={<Link className="btn-link text-sm" to="/admin/companies">{t("admin.home.manage")}</Link>}>
          <Stat to="/admin/companies" label={t("form.all")} value={companyTotal} />
          {COMPANY_KINDS.map((k) => (
            <Stat key={k} to={`/admin/companies?kind=${k}`} label={t(`companyKind.${k}`)} value={overview.companies[k]} />
          ))}
        </Card>
        <Card title={t("admin.home.outbox")} actions={<Link className="btn-link text-sm" to="/admin/mail">{t("admin.home.manage")}</Link>}>
          <Stat to="/admin/mail?status=pending" label={t("admin.mail.status.pending")} value={overview.outbox.pending + overview.outbox.sending} tone="text-amber-700" />
          <Stat to="/admin/mail?status=failed" label={t("admin.mail.status.failed")} value={overview.outbox.failed} tone={overview.outbox.failed > 0 ? "text-red-700" : "text-slate-900"} />
          <Stat to="/admin/mail?status=sent" label={t("admin.mail.status.sent")} value={overview.outbox.sent} />
        </Card>
        <Card title={t("admin.home.tokens")} actions={<Link className="btn-link text-sm" to="/admin/tokens">{t("admin.home.manage")}</Link>}>
          <Stat to="/admin/tokens" label={t("admin.token.active")} value={overview.activeTokens} />
        </Card>
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}
