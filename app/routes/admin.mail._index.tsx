import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client";
import type { OutboxStatus } from "#db/schema";
import { RouteErrorBoundary } from "~/components/route-error-boundary";
import { Badge, PageHeader } from "~/components/ui/layout";
import { Pagination } from "~/components/ui/pagination";
import { TableCard } from "~/components/ui/table-card";
import { listOutbox } from "~/lib/mail/worker.server";
import { useT } from "~/i18n/use-t";
import { formatInstant } from "~/services/admin/format-time.server";
import { requireAdmin } from "~/services/admin/require-admin.server";

const PAGE_SIZE = 50;
const STATUSES: OutboxStatus[] = ["pending", "sending", "sent", "failed"];
const STATUS_TONE = { pending: "amber", sending: "blue", sent: "green", failed: "red" } as const;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const url = new URL(request.url);
  const raw = url.searchParams.get("status") ?? "";
  const status = (STATUSES as string[]).includes(raw) ? (raw as OutboxStatus) : undefined;
  const page = Math.max(1, Math.min(10_000, Number.parseInt(url.searchParams.get("page") ?? "1", 10) || 1));
  const { items, total } = await listOutbox(getDb(), { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE, status });
  return {
    status: status ?? "",
    page,
    total,
    items: items.map((m) => ({
      id: m.id,
      template: m.template,
      to: m.to.join(", "),
      subject: m.subject,
      status: m.status,
      attempts: m.attempts,
      lastError: m.lastError ?? "",
      nextAttemptAt: m.status === "pending" ? formatInstant(m.nextAttemptAt) : "",
      sentAt: formatInstant(m.sentAt),
      createdAt: formatInstant(m.createdAt),
    })),
  };
}

export default function AdminMail() {
  const t = useT();
  const { items, total, page, status } = useLoaderData<typeof loader>();
  return (
    <div>
      <PageHeader title={t("admin.mail.listTitle")} subtitle={t("admin.mail.subtitle")} />
      <nav aria-label={t("admin.mail.status")} className="mb-4 flex gap-1 overflow-x-auto">
        {["", ...STATUSES].map((s) => (
          <Link
            key={s || "all"}
            to={s ? `/admin/mail?status=${s}` : "/admin/mail"}
            aria-current={s === status ? "page" : undefined}
            className={`whitespace-nowrap rounded-full px-3 py-1 text-sm ${s === status ? "bg-brand-600 text-white" : "bg-white text-slate-700 ring-1 ring-inset ring-slate-200 hover:bg-slate-50"}`}
          >
            {s ? t(`admin.mail.status.${s}`) : t("form.all")}
          </Link>
        ))}
      </nav>
      <TableCard
        empty={items.length === 0}
        headers={[t("admin.mail.created"), t("admin.mail.template"), t("admin.mail.to"), t("admin.mail.subject"), t("admin.mail.status"), t("admin.mail.sentAt")]}
      >
        {items.map((m) => (
          <tr key={m.id}>
            <td className="whitespace-nowrap tabular-nums">
              <Link to={`/admin/mail/${m.id}`} className="btn-link">{m.createdAt}</Link>
            </td>
            <td className="whitespace-nowrap font-mono text-xs">{m.template}</td>
            <td className="max-w-[14rem] truncate" title={m.to}>{m.to}</td>
            <td className="min-w-[14rem]">
              <Link to={`/admin/mail/${m.id}`} className="hover:underline">{m.subject}</Link>
            </td>
            <td className="min-w-[9rem]">
              <span className="flex flex-wrap items-center gap-1">
                <Badge tone={STATUS_TONE[m.status]}>{t(`admin.mail.status.${m.status}`)}</Badge>
                {m.attempts > 0 ? <span className="text-xs text-slate-500">{t("admin.mail.attempts", { n: m.attempts })}</span> : null}
              </span>
              {m.lastError && m.status !== "sent" ? (
                <p className="mt-1 max-w-[18rem] truncate text-xs text-red-700" title={m.lastError}>{m.lastError}</p>
              ) : null}
              {m.nextAttemptAt && m.attempts > 0 ? <p className="text-xs text-slate-500">{t("admin.mail.nextAttempt")}: {m.nextAttemptAt}</p> : null}
            </td>
            <td className="whitespace-nowrap tabular-nums">{m.sentAt}</td>
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
