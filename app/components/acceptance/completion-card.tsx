// 完工确认: the pm confirms that the design and the contract are fully carried out and gives the
// completion date. Read-only for everyone else, and once the acceptance is signed.
import { Form, useNavigation } from "@remix-run/react";
import { formatInstant } from "~/components/project/labels";
import { TextAreaField, TextField } from "~/components/ui/field";
import { Badge, Card } from "~/components/ui/layout";
import { useLocale, useT } from "~/i18n/use-t";
import type { CompletionRecord } from "~/services/acceptance/records-shared";
import { FailureAlert, failureFor, InlineError, ReadOnlyNote, UnderReviewWarning, useFieldError, type RecordCardProps } from "./records-common";

export function CompletionCard({ data, editable, readOnlyReason, result, underReview }: RecordCardProps<CompletionRecord | null>) {
  const t = useT();
  const locale = useLocale();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && (navigation.formAction ?? "").includes("intent=completion");
  const failure = failureFor(result, "completion");
  const fieldError = useFieldError(failure);
  const v = (failure?.values ?? {}) as { completedOn?: string; note?: string; confirm?: boolean };

  return (
    <div id="completion" className="scroll-mt-4">
      <Card
        title={t("acceptanceRecords.completion.title")}
        actions={data ? <Badge tone="green">{data.completedOn ?? "—"}</Badge> : <Badge tone="amber">{t("acceptanceRecords.self.pending")}</Badge>}
      >
        <ReadOnlyNote editable={editable} reason={readOnlyReason} />
        {data ? (
          <dl className="mb-3 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[8rem_1fr]">
            <dt className="text-slate-500">{t("acceptanceRecords.completion.completedOn")}</dt>
            <dd className="font-medium text-slate-900">{data.completedOn ?? "—"}</dd>
            {data.note ? (
              <>
                <dt className="text-slate-500">{t("acceptanceRecords.completion.note")}</dt>
                <dd className="whitespace-pre-line text-slate-800">{data.note}</dd>
              </>
            ) : null}
            <dt className="sr-only">{t("acceptanceRecords.completion.confirm")}</dt>
            <dd className="text-slate-600 sm:col-span-2">
              ✓ {t("acceptanceRecords.completion.confirm")} ·{" "}
              {t("acceptanceRecords.completion.confirmedBy", { name: data.confirmedByName ?? "—", at: formatInstant(data.confirmedAt, locale) })}
            </dd>
          </dl>
        ) : (
          <p className="mb-3 text-sm text-slate-500">{t("acceptanceRecords.completion.none")}</p>
        )}

        {editable ? (
          <>
            <p className="mb-3 text-sm text-slate-600">{t("acceptanceRecords.completion.intro")}</p>
            <FailureAlert failure={failure} />
            <Form method="post" action="?intent=completion" preventScrollReset noValidate className="space-y-4" key={data?.confirmedAt ?? "new"}>
              <TextField
                name="completedOn"
                type="date"
                required
                label={t("acceptanceRecords.completion.completedOn")}
                defaultValue={v.completedOn ?? data?.completedOn ?? ""}
                error={fieldError("completedOn")}
                className="sm:max-w-xs"
              />
              <TextAreaField
                name="note"
                rows={2}
                maxLength={1000}
                label={t("acceptanceRecords.completion.note")}
                placeholder={t("acceptanceRecords.completion.notePlaceholder")}
                defaultValue={v.note ?? data?.note ?? ""}
                error={fieldError("note")}
              />
              <div>
                <label className="flex items-start gap-3 rounded-md border border-slate-200 p-3 text-sm text-slate-800">
                  <input
                    type="checkbox"
                    name="confirm"
                    value="on"
                    defaultChecked={v.confirm ?? false}
                    className="mt-0.5 h-5 w-5 shrink-0 rounded border-slate-300"
                    aria-invalid={fieldError("confirm") ? true : undefined}
                    aria-describedby={fieldError("confirm") ? "f-confirm-error" : undefined}
                  />
                  <span>
                    {t("acceptanceRecords.completion.confirm")}
                    <span className="ml-0.5 text-red-600" aria-hidden>*</span>
                  </span>
                </label>
                <InlineError id="f-confirm-error">{fieldError("confirm")}</InlineError>
              </div>
              <UnderReviewWarning underReview={underReview} />
              <button type="submit" className="btn-primary w-full sm:w-auto" disabled={busy}>
                {t("acceptanceRecords.completion.save")}
              </button>
            </Form>
          </>
        ) : null}
      </Card>
    </div>
  );
}
