// The settlement's workflow, per the statechart's substate: the pm submits, withdraws or revises
// (with a reason); finance returns with comments or approves, records payments against what is
// outstanding, and records the retention release. Every form carries the project version it was
// drawn from, so a change meanwhile is refused rather than applied blindly.
import { Form, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { FormFailure } from "~/components/acceptance/request-card";
import { TextAreaField, TextField } from "~/components/ui/field";
import { Alert, Card } from "~/components/ui/layout";
import { useT } from "~/i18n/use-t";
import { shanghaiDate } from "~/lib/calendar";
import { formatFen } from "~/lib/money";
import type { IntentResult } from "~/services/acceptance/intent-result";
import type { SettlementView } from "~/services/settlement/settlement-values";

type Failure = Extract<IntentResult, { ok: false }>;

export interface FinancePanelProps {
  view: SettlementView;
  isPm: boolean;
  isFinance: boolean;
  /** The project's version when the page was drawn: the hidden `version` of every form. */
  projectVersion: number;
  /** The last refused intent, if any (only the form it belongs to shows it). */
  result?: IntentResult | null;
  /** Asia/Shanghai today (default date of the payment forms); computed when not given. */
  today?: string;
}

function IntentForm({ intent, version, result, children, tone = "primary", submit }: {
  intent: string;
  version: number;
  result: Failure | null;
  children?: ReactNode;
  tone?: "primary" | "secondary" | "danger";
  submit: string;
}) {
  const busy = useNavigation().state === "submitting";
  return (
    // Keyed by the project version: after a recorded payment the form starts empty, so the same
    // amount is not sent twice by a second click on a still-filled form.
    <Form key={version} method="post" action={`?intent=${intent}`} preventScrollReset noValidate className="space-y-3" data-intent={intent}>
      <input type="hidden" name="version" value={version} />
      <FormFailure result={result} />
      {children}
      <button type="submit" className={tone === "primary" ? "btn-primary" : tone === "danger" ? "btn-danger" : "btn-secondary"} disabled={busy}>
        {submit}
      </button>
    </Form>
  );
}

export function FinancePanel({ view, isPm, isFinance, projectVersion, result, today }: FinancePanelProps) {
  const t = useT();
  const day = today ?? shanghaiDate(new Date().toISOString());
  const failure = (intent: string): Failure | null => (result && !result.ok && result.intent === intent ? result : null);
  const valuesOf = (intent: string) => (failure(intent)?.values ?? {}) as Record<string, string>;
  const errorsOf = (intent: string) => failure(intent)?.errors ?? {};
  const state = view.state;
  const latest = view.latest;
  const figures = latest?.figures ?? null;
  const outstandingFen = figures ? figures.payableNowFen : 0;
  const forms: ReactNode[] = [];

  if (isPm && state === "draft" && latest && (latest.status === "draft" || latest.status === "returned")) {
    forms.push(
      <div key="submit" className="space-y-2">
        <p className="text-sm text-slate-600">{t("finance.panel.submit.help")}</p>
        <IntentForm intent="submit" version={projectVersion} result={failure("submit")} submit={t("finance.panel.submit")} />
      </div>,
    );
  }
  if (isPm && (state === "submitted" || state === "awaitingPayment")) {
    const approved = state === "awaitingPayment";
    const v = valuesOf("revise");
    forms.push(
      <div key="revise" className="space-y-2">
        <p className="text-sm text-slate-600">{t(approved ? "finance.panel.reviseApproved.help" : "finance.panel.withdraw.help")}</p>
        <IntentForm intent="revise" version={projectVersion} result={failure("revise")} tone="secondary" submit={t(approved ? "finance.panel.reviseApproved" : "finance.panel.withdraw")}>
          <TextAreaField name="reason" label={t("finance.panel.reason")} defaultValue={v.reason ?? ""} error={errorsOf("revise").reason} required rows={2} maxLength={1000} />
        </IntentForm>
      </div>,
    );
  }
  if (isFinance && state === "submitted") {
    const v = valuesOf("return");
    forms.push(
      <div key="approve" className="space-y-2">
        <p className="text-sm text-slate-600">{t("finance.panel.approve.help")}</p>
        <IntentForm intent="approve" version={projectVersion} result={failure("approve")} submit={t("finance.panel.approve")} />
      </div>,
      <IntentForm key="return" intent="return" version={projectVersion} result={failure("return")} tone="secondary" submit={t("finance.panel.return")}>
        <TextAreaField name="comment" label={t("finance.panel.comment")} defaultValue={v.comment ?? ""} error={errorsOf("return").comment} required rows={3} maxLength={2000} />
      </IntentForm>,
    );
  }
  if (isFinance && state === "awaitingPayment") {
    const v = valuesOf("recordPayment");
    const e = errorsOf("recordPayment");
    forms.push(
      <IntentForm key="recordPayment" intent="recordPayment" version={projectVersion} result={failure("recordPayment")} submit={t("finance.panel.recordPayment")}>
        <p className="text-sm font-medium text-slate-800" data-testid="outstanding">{t("finance.panel.outstanding", { amount: formatFen(outstandingFen) })}</p>
        <div className="grid gap-3 sm:grid-cols-3">
          <TextField name="amount" inputMode="decimal" label={t("finance.panel.amount")} defaultValue={v.amount ?? ""} error={e.amount} required placeholder="0.00" />
          <TextField name="receivedOn" type="date" max={day} label={t("finance.panel.receivedOn")} defaultValue={v.receivedOn ?? day} error={e.receivedOn} required />
          <TextField name="reference" label={t("finance.panel.reference")} defaultValue={v.reference ?? ""} error={e.reference} maxLength={100} />
        </div>
      </IntentForm>,
    );
  }
  if (isFinance && (state === "retentionHeld" || state === "retentionReleaseRequested") && figures) {
    const v = valuesOf("releaseRetention");
    const e = errorsOf("releaseRetention");
    const dueOn = figures.retentionDueOn ?? "—";
    forms.push(
      <IntentForm key="releaseRetention" intent="releaseRetention" version={projectVersion} result={failure("releaseRetention")} submit={t("finance.panel.releaseRetention")}>
        <p className="text-sm font-medium text-slate-800">{t("finance.panel.retentionDue", { amount: formatFen(figures.retentionFen), dueOn })}</p>
        {state === "retentionHeld" ? <p className="text-xs text-slate-500">{t("finance.panel.retentionNotDue")}</p> : null}
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField name="receivedOn" type="date" max={day} label={t("finance.panel.receivedOn")} defaultValue={v.receivedOn ?? day} error={e.receivedOn} required />
          <TextField name="reference" label={t("finance.panel.reference")} defaultValue={v.reference ?? ""} error={e.reference} maxLength={100} />
        </div>
      </IntentForm>,
    );
  }

  const stateKey = state ? `finance.panel.state.${state}` : "finance.panel.state.none";
  return (
    <Card title={t("finance.panel.title")}>
      <div className="space-y-4" id="finance">
        <Alert tone={state === "retentionReleased" ? "green" : state === "submitted" || state === "retentionReleaseRequested" ? "amber" : "blue"}>{t(latest ? stateKey : "finance.panel.state.none")}</Alert>
        {latest?.status === "returned" && latest.financeComment ? <Alert tone="amber">{t("finance.panel.returned", { comment: latest.financeComment })}</Alert> : null}
        {forms.length ? <div className="space-y-5 divide-y divide-slate-100 [&>*+*]:pt-5">{forms}</div> : null}
      </div>
    </Card>
  );
}
