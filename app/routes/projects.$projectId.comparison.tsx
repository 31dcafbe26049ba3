// 比价: the comparison matrix, terms and revision history for the pm, management, admin and
// finance; the pm's recommendation and 提交高层定标; management's award or reopening.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client";
import type { Refusal } from "#machines/types";
import { ComparisonMatrix } from "~/components/bidding/comparison-matrix";
import { ComparisonStatus } from "~/components/bidding/comparison-status";
import { ComparisonHistory, ComparisonTerms } from "~/components/bidding/comparison-terms";
import { AwardForm, DecisionView, RecommendationForm, RecommendationView, ReopenForm, SubmitForDecision, type DecisionFailure } from "~/components/bidding/decision-forms";
import { StageBadge } from "~/components/project/labels";
import { ProjectSections } from "~/components/project/project-sections";
import { projectSections } from "~/services/projects/project-sections.server";
import { RouteErrorBoundary } from "~/components/route-error-boundary";
import { Alert, Card, PageHeader } from "~/components/ui/layout";
import { translate, type Locale } from "~/i18n";
import { getLocale } from "~/i18n/locale.server";
import { useT } from "~/i18n/use-t";
import { formatFen } from "~/lib/money";
import { requestInfo } from "~/lib/request-info.server";
import { requireUser } from "~/lib/session.server";
import { loadComparison, requireComparisonViewer } from "~/services/bidding/load-comparison.server";
import { saveRecommendation } from "~/services/bidding/save-recommendation.server";
import { getProjectEventsView, sendProjectEvent } from "~/services/projects/project-events.server";
import { refusalText } from "~/services/projects/refusal-text";

const NOTICES = ["recommended", "submitted", "awarded", "reopened"] as const;
const EVENTS = { submit: "SUBMIT_FOR_DECISION", award: "AWARD", reopen: "REOPEN_BIDDING" } as const;
const DONE: Record<keyof typeof EVENTS, (typeof NOTICES)[number]> = { submit: "submitted", award: "awarded", reopen: "reopened" };
/** Refusals about one of the form's own fields are shown beside that field, not above the form. */
const FIELD_OF: Record<string, string> = { AWARD_REASON_REQUIRED: "reason", AWARD_VENDOR_NOT_VALID: "vendorId", REASON_REQUIRED: "reason" };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `比价 · ${data.project.code} · 工程安装售后管理` : "比价" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = getDb();
  const locale = await getLocale(request);
  const project = await requireComparisonViewer(db, user, params.projectId ?? "");
  const comparison = await loadComparison(db, project.id);
  const events = await getProjectEventsView(db, project, user, locale);
  const allowed = (type: string) => events.allowed.find((a) => a.type === type) ?? null;
  const submitBlocked = events.blocked.find((b) => b.type === "SUBMIT_FOR_DECISION") ?? null;
  const submitAllowed = allowed("SUBMIT_FOR_DECISION");
  const ownPm = user.roles.includes("pm") && project.pmId === user.id;
  const notice = new URL(request.url).searchParams.get("notice");
  return {
    project: { id: project.id, code: project.code, name: project.name, stage: project.stage, version: project.version },
    sections: projectSections(user, project),
    comparison,
    canRecommend: ownPm && project.stage === "bidding",
    submit: submitAllowed ?? submitBlocked ? { label: (submitAllowed ?? submitBlocked)!.label, missing: submitBlocked?.missing ?? [] } : null,
    award: allowed("AWARD")?.label ?? null,
    reopen: allowed("REOPEN_BIDDING")?.label ?? null,
    // Once awarded, the contract page is the next step (and later its record).
    showContractLink: comparison.decision?.kind === "award" && project.stage !== "bidding" && project.stage !== "awaitingDecision",
    notice: NOTICES.find((n) => n === notice) ?? null,
  };
}

function failure(status: number, intent: string, reasons: string[], errors: Record<string, string>, formData: FormData) {
  const values: Record<string, string> = {};
  for (const [k, v] of formData.entries()) if (typeof v === "string" && k !== "intent" && k !== "version") values[k] = v.slice(0, 2000);
  return data({ intent, reasons, errors, values } satisfies DecisionFailure, { status });
}

function splitRefusals(refusals: Refusal[], locale: Locale) {
  const errors: Record<string, string> = {};
  const reasons: string[] = [];
  for (const r of refusals) {
    const field = FIELD_OF[r.code];
    if (field) errors[field] = refusalText(r, locale);
    else reasons.push(refusalText(r, locale));
  }
  return { errors, reasons };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const db = getDb();
  const locale = await getLocale(request);
  const project = await requireComparisonViewer(db, user, params.projectId ?? "");
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const here = `/projects/${project.id}/comparison`;

  if (intent === "recommend") {
    const result = await saveRecommendation(db, user, project.id, { vendorId: formData.get("vendorId"), reason: formData.get("reason") }, new Date(), requestInfo(request, context));
    if (result.ok) return redirect(`${here}?notice=recommended`);
    return failure(result.status, intent, result.formError ? [translate(locale, result.formError)] : [], result.errors, formData);
  }

  if (!(intent in EVENTS)) return failure(400, intent, [translate(locale, "error.generic")], {}, formData);
  const key = intent as keyof typeof EVENTS;
  const versionText = String(formData.get("version") ?? "");
  // The version the page was drawn with is required: a stale page must not act blindly.
  if (!/^\d{1,9}$/.test(versionText)) return failure(409, intent, [translate(locale, "error.conflict")], {}, formData);
  const result = await sendProjectEvent(db, {
    projectId: project.id,
    user,
    type: EVENTS[key],
    formData,
    expectedVersion: Number(versionText),
    info: requestInfo(request, context),
    locale,
  });
  if (result.ok) return redirect(`${here}?notice=${DONE[key]}`);
  const { errors, reasons } = splitRefusals(result.refusals.filter((r) => r.code !== "EVENT_INVALID" || !result.fieldErrors), locale);
  return failure(result.status, intent, reasons, { ...(result.fieldErrors ?? {}), ...errors }, formData);
}

export default function ComparisonPage() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>() as DecisionFailure | undefined;
  const c = d.comparison;
  const { id } = d.project;
  const validOptions = c.companies.filter((x) => x.valid).map((x) => ({ value: x.vendorId, label: `${x.vendorName}（${formatFen(x.totalFen)}）` }));
  const failureFor = (intent: string) => (failed && failed.intent === intent ? failed : null);
  const awaiting = d.project.stage === "awaitingDecision";
  return (
    <div className="space-y-4">
      <ProjectSections projectId={d.project.id} sections={d.sections} />
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-2">
            <span>{t("bidding.comparison.title")}</span>
            <span className="font-mono text-base text-slate-500">{d.project.code}</span>
            <StageBadge stage={d.project.stage} />
          </span>
        }
        subtitle={`${d.project.name} · ${c.project.clientName}`}
        actions={
          <>
            <Link to={`/projects/${id}`} className="btn-secondary">
              {t("common.back")}
            </Link>
            <a href={`/projects/${id}/comparison.xlsx`} className="btn-secondary" download>
              {t("bidding.comparison.export")}
            </a>
            <a href={`/projects/${id}/comparison.pdf`} className="btn-secondary" target="_blank" rel="noreferrer">
              {t("bidding.comparison.print")}
            </a>
            {d.showContractLink ? (
              <Link to={`/projects/${id}/contract`} className="btn-primary">
                {t("bidding.contract.title")}
              </Link>
            ) : null}
          </>
        }
      />
      {d.notice ? <Alert tone="green">{t(`bidding.comparison.notice.${d.notice}`)}</Alert> : null}

      {c.decision ? <DecisionView decision={c.decision} /> : null}

      <div className="grid gap-4 lg:grid-cols-2">
        <ComparisonStatus validCount={c.validCompanyCount} missing={d.submit?.missing ?? null} />
        <Card title={t("bidding.recommendation.title")}>
          <div className="space-y-4">
            {d.canRecommend ? (
              <RecommendationForm options={validOptions} current={c.recommendation} failure={failureFor("recommend")} />
            ) : (
              <RecommendationView recommendation={c.recommendation} prominent={awaiting} />
            )}
            {d.submit ? <SubmitForDecision version={d.project.version} label={d.submit.label} failure={failureFor("submit")} /> : null}
          </div>
        </Card>
      </div>

      {d.award || d.reopen ? (
        <Card title={t("bidding.decision.title")}>
          <div className="space-y-4">
            {d.award ? <AwardForm version={d.project.version} label={d.award} options={validOptions} recommendedId={c.recommendation?.vendorId ?? null} failure={failureFor("award")} /> : null}
            {d.reopen ? <ReopenForm version={d.project.version} label={d.reopen} failure={failureFor("reopen")} /> : null}
          </div>
        </Card>
      ) : awaiting && !c.decision ? (
        <Alert tone="amber">{t("bidding.decision.pending")}</Alert>
      ) : null}

      <ComparisonMatrix data={c} />
      <ComparisonTerms companies={c.companies} />
      <ComparisonHistory companies={c.companies} />
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}
