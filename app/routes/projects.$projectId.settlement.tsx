// 结算收款: the pm drafts the 工程结算书 and 付款申请表 and submits them; finance returns or approves
// (the client then gets both PDFs), records invoices and payments, and releases the retention.
// Readers: the project's pm, finance, management, admin. Forms post to `?intent=<name>`.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client";
import { FinancePanel } from "~/components/settlement/finance-panel";
import { InvoicesCard } from "~/components/settlement/invoices-card";
import { PaymentsCard } from "~/components/settlement/payments-card";
import { SettlementEditor } from "~/components/settlement/settlement-editor";
import { SettlementSummary } from "~/components/settlement/settlement-summary";
import { StageBadge } from "~/components/project/labels";
import { ProjectSections } from "~/components/project/project-sections";
import { RouteErrorBoundary } from "~/components/route-error-boundary";
import { Alert, PageHeader } from "~/components/ui/layout";
import { getLocale } from "~/i18n/locale.server";
import { useT } from "~/i18n/use-t";
import { shanghaiDate } from "~/lib/calendar";
import { requestInfo } from "~/lib/request-info.server";
import { requireUser } from "~/lib/session.server";
import { projectSections } from "~/services/projects/project-sections.server";
import { handleFinanceIntent } from "~/services/settlement/finance-actions.server";
import { listInvoices, listPayments } from "~/services/settlement/invoices.server";
import { requireSettlementAccess } from "~/services/settlement/settlement-access.server";
import { handleSettlementDraftIntent } from "~/services/settlement/settlement-draft-actions.server";
import type { SettlementIntentResult } from "~/services/settlement/settlement-intent";
import { loadSettlement } from "~/services/settlement/settlement-load.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `结算收款 · ${data.view.project.code} · 工程安装售后管理` : "结算收款" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = getDb();
  const access = await requireSettlementAccess(db, user, params.projectId ?? "");
  const [view, invoices, payments] = await Promise.all([loadSettlement(db, access), listInvoices(db, access.project.id), listPayments(db, access.project.id)]);
  return {
    view,
    invoices,
    payments,
    isPm: access.isPm,
    isFinance: access.isFinance,
    editable: access.editRefusal === null,
    readOnlyReason: access.editRefusal,
    sections: projectSections(user, access.project),
    today: shanghaiDate(new Date().toISOString()),
    notice: new URL(request.url).searchParams.get("notice"),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const db = getDb();
  const access = await requireSettlementAccess(db, user, params.projectId ?? "");
  const intent = new URL(request.url).searchParams.get("intent") ?? "";
  const ctx = { request, db, user, access, info: requestInfo(request, context), locale: await getLocale(request) };
  const result = (await handleSettlementDraftIntent(intent, ctx)) ?? (await handleFinanceIntent(intent, ctx));
  if (!result) return data({ intent, ok: false, values: {}, errors: {}, formError: "error.generic" } satisfies SettlementIntentResult, { status: 400 });
  if (result.ok) return redirect(`/projects/${access.project.id}/settlement?notice=${encodeURIComponent(result.notice)}`);
  return data(result, { status: 400 });
}

export default function SettlementPage() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as SettlementIntentResult | undefined;
  const failure = (intent: string) => (result && !result.ok && result.intent === intent ? result : undefined);
  const { view } = d;
  const latest = view.latest;
  const approved = latest && (latest.status === "approved");
  return (
    <div className="space-y-4">
      <ProjectSections projectId={view.project.id} sections={d.sections} />
      <PageHeader
        title={<span className="flex flex-wrap items-center gap-2"><span>{t("projects.sections.settlement")}</span><span className="font-mono text-base text-slate-500">{view.project.code}</span><StageBadge stage={view.project.stage} /></span>}
        subtitle={view.project.name}
        actions={<Link to={`/projects/${view.project.id}`} className="btn-secondary">{t("common.back")}</Link>}
      />
      {d.notice ? <Alert tone="green">{t(d.notice)}</Alert> : null}
      <FinancePanel view={view} isPm={d.isPm} isFinance={d.isFinance} projectVersion={view.project.version} result={result && !result.ok && result.intent !== "saveDraft" && result.intent !== "addInvoice" ? result : undefined} today={d.today} />
      {d.editable && d.isPm ? (
        <SettlementEditor view={view} result={failure("saveDraft")} editable={d.editable} readOnlyReason={d.readOnlyReason} />
      ) : latest ? (
        <SettlementSummary view={view} />
      ) : (
        <Alert tone="blue">{t(d.readOnlyReason ?? "settlement.none")}</Alert>
      )}
      {latest ? (
        <>
          <PaymentsCard payments={d.payments} paidBeforeFen={latest.paidBeforeFen} outstandingFen={approved ? latest.figures.payableNowFen : null} retention={latest.figures.retentionFen ? { amountFen: latest.figures.retentionFen, dueOn: latest.figures.retentionDueOn } : null} />
          <InvoicesCard invoices={d.invoices} approvedTotalFen={approved ? latest.figures.finalTotalFen : null} canAdd={d.isFinance && Boolean(approved)} projectVersion={view.project.version} result={failure("addInvoice")} today={d.today} />
        </>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}
