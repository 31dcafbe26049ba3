// 财务收件箱: settlements to review, receivables (overdue in red), retention, the installers'
// payment requests (marked paid here) and what was settled lately; the .xlsx export for
// accounting. Finance, management and admin only (404 for everyone else); only finance acts.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { getDb } from "#db/client";
import { Instant } from "~/components/project/labels";
import { RouteErrorBoundary } from "~/components/route-error-boundary";
import { Alert, Badge, Card, EmptyState, PageHeader } from "~/components/ui/layout";
import { useT } from "~/i18n/use-t";
import { shanghaiDate } from "~/lib/calendar";
import { notFound } from "~/lib/http.server";
import { formatFen } from "~/lib/money";
import { requireUser } from "~/lib/session.server";
import { loadFinanceInbox } from "~/services/settlement/finance-inbox.server";
import { canViewFinance, markVendorPaymentPaid } from "~/services/settlement/vendor-payments.server";

export const meta: MetaFunction = () => [{ title: "财务收件箱 · 工程安装售后管理" }];

const today = () => shanghaiDate(new Date().toISOString());

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const inbox = await loadFinanceInbox(getDb(), user, today());
  return { inbox, canAct: user.roles.includes("finance"), notice: new URL(request.url).searchParams.get("notice") };
}

interface VendorPaidFailure {
  intent: "vendorPaid";
  ok: false;
  requestId: string;
  values: Record<string, string>;
  errors: Record<string, string>;
  formError?: string;
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  if (!canViewFinance(user)) notFound();
  const intent = new URL(request.url).searchParams.get("intent") ?? "";
  if (intent !== "vendorPaid") return data({ intent, ok: false, requestId: "", values: {}, errors: {}, formError: "error.generic" }, { status: 400 });
  const form = await request.formData();
  const requestId = String(form.get("requestId") ?? "");
  const result = await markVendorPaymentPaid(getDb(), { user, requestId, paidOn: String(form.get("paidOn") ?? ""), reference: String(form.get("reference") ?? "") });
  if (result.ok) return redirect(`/finance?notice=${encodeURIComponent("finance.vendorPayment.paid")}`);
  const failure: VendorPaidFailure = { intent: "vendorPaid", ok: false, requestId, values: result.values, errors: result.errors, formError: result.formError };
  return data(failure, { status: result.status });
}

function Section({ title, hint, count, children }: { title: string; hint?: string; count: number; children: ReactNode }) {
  const t = useT();
  return (
    <Card title={<span className="flex items-center gap-2">{title}<Badge tone={count ? "blue" : "gray"}>{t("finance.count", { count })}</Badge></span>}>
      {hint ? <p className="mb-3 text-sm text-slate-500">{hint}</p> : null}
      {count === 0 ? <EmptyState>{t("table.empty")}</EmptyState> : <div className="-mx-4 -mb-4 overflow-x-auto">{children}</div>}
    </Card>
  );
}

const Money = ({ fen, red = false }: { fen: number; red?: boolean }) => (
  <td className={`whitespace-nowrap text-right tabular-nums ${red ? "font-semibold text-red-700" : ""}`}>{formatFen(fen)}</td>
);

function ProjectCell({ id, code, name }: { id: string; code: string; name: string }) {
  return (
    <td className="min-w-[12rem]">
      <Link to={`/projects/${id}/settlement`} className="btn-link font-medium">
        <span className="font-mono text-xs">{code}</span> {name}
      </Link>
    </td>
  );
}

export default function FinanceInboxPage() {
  const t = useT();
  const { inbox, canAct, notice } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as VendorPaidFailure | undefined;
  const busy = useNavigation().state === "submitting";
  const { toReview, awaitingPayment, retention, vendorPayments, settled } = inbox;
  // A refusal about a row still listed is shown in that row; otherwise (already paid, gone) on top.
  const inRow = Boolean(failure && vendorPayments.some((r) => r.id === failure.requestId));
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("finance.title")}
        subtitle={t("finance.subtitle")}
        actions={<a href="/finance/export.xlsx" className="btn-secondary" download>{t("finance.export")}</a>}
      />
      {notice ? <Alert tone="green">{t(notice)}</Alert> : null}
      {failure && !inRow && failure.formError ? <Alert tone="red">{t(failure.formError)}</Alert> : null}

      <Section title={t("finance.section.toReview")} hint={t("finance.section.toReview.hint")} count={toReview.length}>
        <table className="table-dense">
          <thead><tr><th>{t("finance.col.project")}</th><th>{t("finance.col.version")}</th><th className="text-right">{t("finance.col.total")}</th><th>{t("finance.col.submittedAt")}</th><th>{t("finance.col.pm")}</th></tr></thead>
          <tbody className="divide-y divide-slate-100">
            {toReview.map((r) => (
              <tr key={r.projectId}>
                <ProjectCell id={r.projectId} code={r.code} name={r.name} />
                <td>{t("finance.version", { version: r.version })}</td>
                <Money fen={r.totalFen} />
                <td className="whitespace-nowrap">{r.submittedAt ? <Instant iso={r.submittedAt} /> : "—"}</td>
                <td>{r.pmName}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>

      <Section title={t("finance.section.awaitingPayment")} hint={t("finance.section.awaitingPayment.hint")} count={awaitingPayment.length}>
        <table className="table-dense">
          <thead>
            <tr>
              <th>{t("finance.col.project")}</th><th>{t("finance.col.client")}</th>
              <th className="text-right">{t("finance.col.total")}</th><th className="text-right">{t("finance.col.retention")}</th>
              <th className="text-right">{t("finance.col.paid")}</th><th className="text-right">{t("finance.col.outstanding")}</th>
              <th>{t("finance.col.paymentDueOn")}</th><th className="text-right">{t("finance.col.invoiced")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {awaitingPayment.map((r) => (
              <tr key={r.projectId} className={r.overdue ? "bg-red-50/60" : undefined} data-overdue={r.overdue || undefined}>
                <ProjectCell id={r.projectId} code={r.code} name={r.name} />
                <td>{r.clientName}</td>
                <Money fen={r.totalFen} />
                <Money fen={r.retentionFen} />
                <Money fen={r.paidFen} />
                <Money fen={r.outstandingFen} red={r.overdue} />
                <td className={`whitespace-nowrap ${r.overdue ? "font-semibold text-red-700" : ""}`}>
                  {r.paymentDueOn ?? "—"}
                  {r.overdue ? <span className="ml-1"><Badge tone="red">{t("finance.overdue")}</Badge></span> : null}
                </td>
                <Money fen={r.invoicedFen} />
              </tr>
            ))}
          </tbody>
        </table>
      </Section>

      <Section title={t("finance.section.retention")} hint={t("finance.section.retention.hint")} count={retention.length}>
        <table className="table-dense">
          <thead><tr><th>{t("finance.col.project")}</th><th className="text-right">{t("finance.col.retention")}</th><th>{t("finance.col.retentionDueOn")}</th><th>{t("finance.col.status")}</th></tr></thead>
          <tbody className="divide-y divide-slate-100">
            {retention.map((r) => (
              <tr key={r.projectId}>
                <ProjectCell id={r.projectId} code={r.code} name={r.name} />
                <Money fen={r.retentionFen} />
                <td className={`whitespace-nowrap ${r.overdue ? "font-semibold text-red-700" : ""}`}>{r.retentionDueOn ?? "—"}</td>
                <td>{r.requested ? <Badge tone="amber">{t("finance.retention.requested")}</Badge> : <Badge>{t("finance.retention.held")}</Badge>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>

      <Section title={t("finance.section.vendorPayments")} hint={t("finance.section.vendorPayments.hint")} count={vendorPayments.length}>
        <table className="table-dense">
          <thead>
            <tr>
              <th>{t("finance.col.project")}</th><th>{t("finance.col.vendor")}</th><th>{t("finance.col.milestone")}</th>
              <th className="text-right">{t("finance.col.amount")}</th><th>{t("finance.col.dueOn")}</th>{canAct ? <th>{t("finance.vendorPayment.markPaid")}</th> : null}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {vendorPayments.map((r) => {
              const mine = failure?.requestId === r.id ? failure : undefined;
              return (
                <tr key={r.id} data-overdue={r.overdue || undefined}>
                  <ProjectCell id={r.projectId} code={r.projectCode} name={r.projectName} />
                  <td>{r.vendorName}</td>
                  <td>{r.label}</td>
                  <Money fen={r.amountFen} red={r.overdue} />
                  <td className={`whitespace-nowrap ${r.overdue ? "font-semibold text-red-700" : ""}`}>
                    {r.dueOn}
                    {r.overdue ? <span className="ml-1"><Badge tone="red">{t("finance.overdue")}</Badge></span> : null}
                  </td>
                  {canAct ? (
                    <td className="min-w-[22rem]">
                      <Form method="post" action="?intent=vendorPaid" preventScrollReset noValidate className="flex flex-wrap items-start gap-2">
                        <input type="hidden" name="requestId" value={r.id} />
                        <label className="sr-only" htmlFor={`paidOn-${r.id}`}>{t("finance.vendorPayment.paidOn")}</label>
                        <div>
                          <input id={`paidOn-${r.id}`} name="paidOn" type="date" max={inbox.today} defaultValue={mine?.values.paidOn ?? inbox.today} className={`input w-40 ${mine?.errors.paidOn ? "input-error" : ""}`} aria-invalid={mine?.errors.paidOn ? true : undefined} />
                          {mine?.errors.paidOn ? <p className="mt-1 text-xs text-red-600" role="alert">{t(mine.errors.paidOn)}</p> : null}
                        </div>
                        <div>
                          <input name="reference" aria-label={t("finance.vendorPayment.reference")} placeholder={t("finance.vendorPayment.reference")} maxLength={100} defaultValue={mine?.values.reference ?? ""} className={`input w-36 ${mine?.errors.reference ? "input-error" : ""}`} />
                          {mine?.errors.reference ? <p className="mt-1 text-xs text-red-600" role="alert">{t(mine.errors.reference)}</p> : null}
                        </div>
                        <button type="submit" className="btn-primary" disabled={busy}>{t("finance.vendorPayment.markPaid")}</button>
                      </Form>
                      {mine?.formError && Object.keys(mine.errors).length === 0 ? <p className="mt-1 text-xs text-red-600" role="alert">{t(mine.formError)}</p> : null}
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      </Section>

      <Section title={t("finance.section.settled")} count={settled.length}>
        <table className="table-dense">
          <thead><tr><th>{t("finance.col.project")}</th><th>{t("finance.col.version")}</th><th className="text-right">{t("finance.col.total")}</th><th>{t("finance.col.settledOn")}</th></tr></thead>
          <tbody className="divide-y divide-slate-100">
            {settled.map((r) => (
              <tr key={r.projectId}>
                <ProjectCell id={r.projectId} code={r.code} name={r.name} />
                <td>{t("finance.version", { version: r.version })}</td>
                <Money fen={r.totalFen} />
                <td className="whitespace-nowrap">{r.settledOn ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}
