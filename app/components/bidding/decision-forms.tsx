// The pm's recommendation and 提交高层定标, management's award / reopen, and the decision once
// made. Plain <Form method="post"> so everything works without JavaScript; a refusal comes back
// as action data and is shown beside the button with the typed values kept.
import { Form, useNavigation } from "@remix-run/react";
import { Instant } from "~/components/project/labels";
import { SelectField, TextAreaField } from "~/components/ui/field";
import { Alert, Card } from "~/components/ui/layout";
import { useT } from "~/i18n/use-t";
import type { ComparisonData } from "~/services/bidding/comparison-types";

export interface DecisionFailure {
  intent: string;
  /** The machine's (or the service's) reasons, already in the user's language. */
  reasons: string[];
  errors: Record<string, string>;
  values: Record<string, string>;
}

type Option = { value: string; label: string };

function Reasons({ reasons }: { reasons: string[] }) {
  if (reasons.length === 0) return null;
  return (
    <Alert>
      <ul className={reasons.length > 1 ? "list-disc pl-5" : ""}>
        {reasons.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
    </Alert>
  );
}

function useBusy(intent: string) {
  const nav = useNavigation();
  return nav.state !== "idle" && nav.formData?.get("intent") === intent;
}

export function RecommendationView({ recommendation, prominent }: { recommendation: ComparisonData["recommendation"]; prominent: boolean }) {
  const t = useT();
  if (!recommendation) return <p className="text-sm text-slate-500">{t("bidding.recommendation.none")}</p>;
  return (
    <div className={prominent ? "rounded-md border-l-4 border-brand-500 bg-brand-50 p-3" : ""} data-testid="recommendation">
      <p className={prominent ? "text-lg font-semibold text-slate-900" : "font-medium"}>{recommendation.vendorName}</p>
      <p className="mt-1 whitespace-pre-line text-sm text-slate-700">{recommendation.reason}</p>
      <p className="mt-1 text-xs text-slate-500">
        {recommendation.by} · <Instant iso={recommendation.at} />
      </p>
    </div>
  );
}

export function RecommendationForm({ options, current, failure }: { options: Option[]; current: ComparisonData["recommendation"]; failure: DecisionFailure | null }) {
  const t = useT();
  const busy = useBusy("recommend");
  const values = failure?.values ?? {};
  if (options.length === 0) return <p className="text-sm text-slate-500">{t("bidding.recommendation.noValidQuotes")}</p>;
  return (
    <Form method="post" className="space-y-3" noValidate>
      <input type="hidden" name="intent" value="recommend" />
      <Reasons reasons={failure?.reasons ?? []} />
      <SelectField
        name="vendorId"
        id="rec-vendorId"
        label={t("bidding.recommendation.vendor")}
        required
        options={options}
        placeholder="—"
        defaultValue={values.vendorId ?? current?.vendorId ?? ""}
        error={failure?.errors.vendorId}
      />
      <TextAreaField name="reason" id="rec-reason" label={t("bidding.recommendation.reason")} required defaultValue={values.reason ?? current?.reason ?? ""} error={failure?.errors.reason} />
      <button type="submit" className="btn-secondary" disabled={busy}>
        {t("bidding.recommendation.save")}
      </button>
    </Form>
  );
}

export function SubmitForDecision({ version, label, failure }: { version: number; label: string; failure: DecisionFailure | null }) {
  const t = useT();
  const busy = useBusy("submit");
  return (
    <Form method="post" className="space-y-2" noValidate>
      <input type="hidden" name="intent" value="submit" />
      <input type="hidden" name="version" value={version} />
      <div className="flex flex-col gap-2 sm:flex-row sm:items-start">
        <button type="submit" className="btn-primary shrink-0" disabled={busy}>
          {label}
        </button>
        <div className="min-w-0 flex-1" data-testid="submit-refusal">
          <Reasons reasons={failure?.reasons ?? []} />
        </div>
      </div>
      <p className="text-xs text-slate-500">{t("bidding.recommendation.submitHint")}</p>
    </Form>
  );
}

export function AwardForm({ version, label, options, recommendedId, failure }: { version: number; label: string; options: Option[]; recommendedId: string | null; failure: DecisionFailure | null }) {
  const t = useT();
  const busy = useBusy("award");
  const values = failure?.values ?? {};
  const labelled = options.map((o) => (o.value === recommendedId ? { ...o, label: `${o.label}${t("bidding.decision.recommendedTag")}` } : o));
  return (
    <Form method="post" className="space-y-3" noValidate>
      <input type="hidden" name="intent" value="award" />
      <input type="hidden" name="version" value={version} />
      <Reasons reasons={failure?.reasons ?? []} />
      <SelectField name="vendorId" id="award-vendorId" label={t("bidding.decision.vendor")} required options={labelled} defaultValue={values.vendorId ?? recommendedId ?? ""} error={failure?.errors.vendorId} />
      <TextAreaField name="reason" id="award-reason" label={t("bidding.decision.reason")} hint={t("bidding.decision.reasonHint")} defaultValue={values.reason ?? ""} error={failure?.errors.reason} />
      <button type="submit" className="btn-primary" disabled={busy}>
        {label}
      </button>
    </Form>
  );
}

export function ReopenForm({ version, label, failure }: { version: number; label: string; failure: DecisionFailure | null }) {
  const t = useT();
  const busy = useBusy("reopen");
  return (
    <details className="rounded-md border border-slate-200 p-3" open={!!failure}>
      <summary className="cursor-pointer text-sm font-medium text-red-700">{label}</summary>
      <Form method="post" className="mt-3 space-y-3" noValidate>
        <input type="hidden" name="intent" value="reopen" />
        <input type="hidden" name="version" value={version} />
        <Reasons reasons={failure?.reasons ?? []} />
        <TextAreaField name="reason" id="reopen-reason" label={t("bidding.decision.reopenReason")} required defaultValue={failure?.values.reason ?? ""} error={failure?.errors.reason} />
        <button type="submit" className="btn-danger" disabled={busy}>
          {label}
        </button>
      </Form>
    </details>
  );
}

export function DecisionView({ decision }: { decision: NonNullable<ComparisonData["decision"]> }) {
  const t = useT();
  const award = decision.kind === "award";
  return (
    <Card title={t("bidding.decision.title")}>
      <div className={`rounded-md p-3 ${award ? "bg-emerald-50 text-emerald-900" : "bg-amber-50 text-amber-900"}`} data-testid="decision">
        <p className="text-lg font-semibold">{award ? t("bidding.decision.awarded", { vendor: decision.vendorName ?? "" }) : t("bidding.decision.reopened")}</p>
        {decision.reason ? <p className="mt-1 whitespace-pre-line text-sm">{decision.reason}</p> : null}
        <p className="mt-1 text-xs opacity-80">
          {decision.by} · <Instant iso={decision.at} />
        </p>
      </div>
    </Card>
  );
}
