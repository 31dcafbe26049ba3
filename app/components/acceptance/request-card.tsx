// The application for acceptance (REQUEST_ACCEPTANCE) with the agreed date, time and place; under
// review, the same fields change the meeting (REVISE_ACCEPTANCE: a new round, links sent again).
import { Form, useNavigation } from "@remix-run/react";
import { TextAreaField, TextField } from "~/components/ui/field";
import { Alert, Card } from "~/components/ui/layout";
import { useT } from "~/i18n/use-t";
import type { IntentResult } from "~/services/acceptance/intent-result";

type Failure = Extract<IntentResult, { ok: false }>;

export function FormFailure({ result }: { result?: Failure | null }) {
  const t = useT();
  if (!result || (!result.formError && !result.formErrorText?.length)) return null;
  return (
    <Alert tone="red">
      {result.formErrorText?.length ? (
        <ul className="list-inside list-disc">{result.formErrorText.map((m, i) => <li key={i}>{m}</li>)}</ul>
      ) : t(result.formError ?? "error.generic")}
    </Alert>
  );
}

export function RequestCard({ mode, version, today, plan, result }: {
  mode: "request" | "revise";
  version: number;
  today: string;
  plan: { date: string; startTime: string; place: string } | null;
  result?: Failure | null;
}) {
  const t = useT();
  const busy = useNavigation().state === "submitting";
  const v = (result?.values ?? {}) as Record<string, string>;
  const e = result?.errors ?? {};
  return (
    <Card title={t(mode === "request" ? "acceptance.request.title" : "acceptance.revise.title")}>
      <div id={mode === "request" ? "request" : "revise"} />
      <p className="mb-3 text-sm text-slate-600">{t(mode === "request" ? "acceptance.request.help" : "acceptance.revise.help")}</p>
      <FormFailure result={result} />
      <Form method="post" action={`?intent=${mode}`} preventScrollReset className="mt-3 space-y-4" noValidate>
        <input type="hidden" name="version" value={version} />
        <div className="grid gap-4 sm:grid-cols-3">
          <TextField name="acceptanceDate" type="date" min={today} label={t("acceptance.date")} defaultValue={v.acceptanceDate ?? plan?.date ?? ""} error={e.acceptanceDate} required />
          <TextField name="startTime" type="time" label={t("acceptance.startTime")} defaultValue={v.startTime ?? plan?.startTime ?? "09:30"} error={e.startTime} />
          <TextField name="place" label={t("acceptance.place")} defaultValue={v.place ?? plan?.place ?? ""} error={e.place} maxLength={200} placeholder={t("acceptance.place.placeholder")} />
        </div>
        {mode === "revise" ? (
          <TextAreaField name="reason" label={t("acceptance.revise.reason")} defaultValue={v.reason ?? ""} error={e.reason} required rows={2} maxLength={1000} />
        ) : null}
        {mode === "revise" ? <Alert tone="amber">{t("acceptance.revise.warning")}</Alert> : null}
        <button type="submit" className="btn-primary w-full sm:w-auto" disabled={busy}>
          {t(mode === "request" ? "acceptance.request.submit" : "acceptance.revise.submit")}
        </button>
      </Form>
    </Card>
  );
}
