import { Form, useNavigation } from "@remix-run/react";
import { TextAreaField, TextField } from "~/components/ui/field";
import { Alert } from "~/components/ui/layout";
import { useT } from "~/i18n/use-t";
import { SignaturePad } from "./signature-pad";

export interface SignFormProps {
  kind: string;
  party: string;
  organisation: string;
  hash: string;
  sealSaved: boolean;
  values: Record<string, string>;
  errors: Record<string, string>;
  formError?: string | null;
  formParams?: Record<string, string>;
}

/** Decision, opinion, signer, drawn/typed signature and seal: one multipart form, works without JS. */
export function SignForm({ kind, party, organisation, hash, sealSaved, values, errors, formError, formParams }: SignFormProps) {
  const t = useT();
  const busy = useNavigation().state === "submitting";
  const issuing = kind === "rectificationIssue";
  const verifying = kind === "rectificationVerification";
  const accepting = kind === "acceptance";
  const choices = verifying ? [["approved", "review.accept"], ["rejected", "review.sendBack"]]
    : accepting ? [["approved", "review.acceptance.approve"], ["rejected", "review.acceptance.reject"]]
    : [["approved", "review.approve"], ["rejected", "review.reject"]];
  const opinionLabel = verifying ? "review.opinion.verify"
    : accepting ? (party === "supervisor" ? "review.acceptance.opinion.supervisor" : "review.acceptance.opinion")
    : party === "client" ? "review.opinion.client" : "review.opinion";
  const roleDefault = accepting ? t(`review.acceptance.role.${party}`) : party === "client" ? t("review.signerRole.client") : t("review.signerRole.supervisor");
  return (
    <Form method="post" encType="multipart/form-data" className="space-y-4" noValidate>
      <input type="hidden" name="contentHash" value={hash} />
      {formError ? <Alert tone="red">{t(formError, formParams)}</Alert> : null}
      {issuing ? (
        <>
          <input type="hidden" name="decision" value="approved" />
          <TextField name="number" label={t("review.notice.number")} defaultValue={values.number} error={errors.number} maxLength={60} />
          <TextField name="subject" label={t("review.notice.subject")} defaultValue={values.subject} error={errors.subject} required maxLength={200} />
          <TextAreaField name="content" label={t("review.notice.content")} defaultValue={values.content} error={errors.content} required rows={5} maxLength={5000} />
          <TextField name="deadlineOn" type="date" label={t("review.notice.deadline")} defaultValue={values.deadlineOn} error={errors.deadlineOn} required />
        </>
      ) : (
        <fieldset>
          <legend className="mb-1 text-sm font-medium text-slate-700">{t("review.decision")}<span className="ml-0.5 text-red-600" aria-hidden>*</span></legend>
          <div className="flex flex-col gap-2 sm:flex-row sm:gap-6">
            {choices.map(([value, label]) => (
              <label key={value} className="flex items-center gap-2 text-sm">
                <input type="radio" name="decision" value={value} defaultChecked={values.decision === value} className="h-5 w-5" />
                {t(label)}
              </label>
            ))}
          </div>
          {errors.decision ? <p className="mt-1 text-sm text-red-600" role="alert">{t(errors.decision)}</p> : null}
        </fieldset>
      )}
      {issuing ? null : (
        <TextAreaField name="opinion" label={t(opinionLabel)} hint={t(accepting ? "review.acceptance.opinion.hint" : "review.opinion.hint")} defaultValue={values.opinion} error={errors.opinion} rows={4} maxLength={2000} />
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField name="signerName" label={t("review.signerName")} defaultValue={values.signerName} error={errors.signerName} required maxLength={60} autoComplete="name" />
        <TextField name="signerRole" label={t("review.signerRole")} defaultValue={values.signerRole ?? roleDefault} error={errors.signerRole} required maxLength={60} />
      </div>
      <p className="text-sm text-slate-600">{t("review.organisation")}：{organisation}</p>
      <SignaturePad error={errors.signature} typedDefault={values.typedSignature} />
      <div>
        <label htmlFor="f-seal" className="mb-1 block text-sm font-medium text-slate-700">{t("review.seal")}</label>
        <input id="f-seal" name="seal" type="file" accept="image/png,image/jpeg" className="block w-full text-sm" />
        <p className="mt-1 text-xs text-slate-500">{sealSaved ? t("review.seal.saved") : t("review.seal.hint")}</p>
        {errors.seal ? <p className="mt-1 text-sm text-red-600" role="alert">{t(errors.seal)}</p> : null}
      </div>
      <button type="submit" className="btn-primary w-full sm:w-auto" disabled={busy}>
        {issuing ? t("review.notice.issue") : t("review.submit")}
      </button>
    </Form>
  );
}
