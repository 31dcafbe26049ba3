// The pm records an A.0.3 notice the supervisor handed over on paper (issuedVia 'paper').
import { Form } from "@remix-run/react";
import { TextAreaField, TextField } from "~/components/ui/field";
import { useT } from "~/i18n/use-t";

export function RectificationPaperForm({ failure }: { failure: { formError: string; errors: Record<string, string>; values: Record<string, string> } | null }) {
  const t = useT();
  const v = failure?.values ?? {};
  const e = failure?.errors ?? {};
  return (
    <Form method="post" className="grid gap-3 sm:grid-cols-2" noValidate>
      {failure?.formError ? <p className="text-sm text-red-600 sm:col-span-2" role="alert">{t(failure.formError)}</p> : null}
      <TextField name="number" label={t("rectifications.field.number")} defaultValue={v.number ?? ""} error={e.number} maxLength={60} />
      <TextField name="subject" label={t("rectifications.field.subject")} defaultValue={v.subject ?? ""} error={e.subject} required maxLength={200} />
      <TextAreaField name="content" className="sm:col-span-2" label={t("rectifications.field.content")} defaultValue={v.content ?? ""} error={e.content} required maxLength={5000} />
      <TextField name="deadlineOn" type="date" label={t("rectifications.field.deadlineOn")} defaultValue={v.deadlineOn ?? ""} error={e.deadlineOn} required />
      <TextField name="issuedBy" label={t("rectifications.field.issuedBy")} defaultValue={v.issuedBy ?? ""} error={e.issuedBy} required maxLength={200} />
      <div className="sm:col-span-2">
        <button type="submit" name="intent" value="paper" className="btn-primary">{t("rectifications.save")}</button>
      </div>
    </Form>
  );
}
