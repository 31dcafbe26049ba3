import { Form } from "@remix-run/react";
import { TextField } from "~/components/ui/field";
import { Alert, Badge, Card } from "~/components/ui/layout";
import { useT } from "~/i18n/use-t";
import type { FieldErrors } from "~/lib/forms";
import type { VendorDetail, VendorQualification } from "~/services/vendors/get-vendor.server";
import { ExpiryBadge } from "./qualification-badges";

export interface QualificationFailure {
  kind: string;
  errors: FieldErrors;
  values: Record<string, string>;
  formError?: string;
}

const ROW_TONE: Record<VendorQualification["state"], string> = {
  expired: "border-red-200 bg-red-50",
  expiring: "border-amber-200 bg-amber-50",
  valid: "border-slate-200",
  noExpiry: "border-slate-200",
};

/** The three licences, each with its state, scan and (for editors) an upload/replace form. */
export function QualificationsCard({
  slots,
  canEdit,
  failure,
  busy,
}: {
  slots: VendorDetail["qualifications"];
  canEdit: boolean;
  failure?: QualificationFailure;
  busy: boolean;
}) {
  const t = useT();
  return (
    <Card title={t("vendors.qualifications")}>
      {failure?.formError && !failure.kind ? <div className="mb-3"><Alert>{t(failure.formError)}</Alert></div> : null}
      <ul className="space-y-3">
        {slots.map(({ kind, current }) => {
          const mine = failure?.kind === kind ? failure : undefined;
          return (
            <li key={kind} id={`q-${kind}`} className={`scroll-mt-20 rounded-md border p-3 ${current ? ROW_TONE[current.state] : "border-dashed border-slate-300"}`}>
              <div className="flex flex-wrap items-center justify-between gap-2">
                <div className="min-w-0">
                  <h3 className="font-medium text-slate-900">{t(`vendors.kind.${kind}`)}</h3>
                  {current ? (
                    <p className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-700">
                      <span>{t("vendors.qual.number")}：<span className="font-mono">{current.number}</span></span>
                      <span>{t("vendors.qual.expiresOn")}：{current.expiresOn ?? t("vendors.qual.noExpiry")}</span>
                      <ExpiryBadge q={current} />
                    </p>
                  ) : (
                    <p className="mt-1"><Badge tone="red">{t("vendors.qual.notUploaded")}</Badge></p>
                  )}
                </div>
                {current?.file ? (
                  <span className="flex items-center gap-3 text-sm">
                    <span className="max-w-[14rem] truncate text-slate-500" title={current.file.name}>{current.file.name}</span>
                    <a href={`/files/${current.file.id}`} target="_blank" rel="noreferrer" className="btn-link">{t("vendors.qual.view")}</a>
                    <a href={`/files/${current.file.id}?download=1`} className="btn-link">{t("vendors.qual.download")}</a>
                  </span>
                ) : null}
              </div>
              {canEdit ? <QualificationForm kind={kind} current={current} failure={mine} busy={busy} /> : null}
            </li>
          );
        })}
      </ul>
    </Card>
  );
}

function QualificationForm({ kind, current, failure, busy }: { kind: string; current: VendorQualification | null; failure?: QualificationFailure; busy: boolean }) {
  const t = useT();
  const values = failure?.values ?? { number: current?.number ?? "", expiresOn: current?.expiresOn ?? "" };
  const errors = failure?.errors ?? {};
  return (
    <div className="mt-2 flex flex-wrap items-start gap-3">
      <details open={!!failure} className="flex-1">
        <summary className="cursor-pointer text-sm text-brand-700">{current ? t("vendors.qual.replace") : t("vendors.qual.add")}</summary>
        <Form method="post" encType="multipart/form-data" noValidate className="mt-3 space-y-3" preventScrollReset>
          <input type="hidden" name="intent" value="saveQualification" />
          <input type="hidden" name="kind" value={kind} />
          {failure?.formError ? <Alert>{t(failure.formError)}</Alert> : null}
          <div className="grid gap-3 sm:grid-cols-3">
            <TextField id={`${kind}-number`} name="number" label={t("vendors.qual.number")} required defaultValue={values.number} error={errors.number ?? errors.kind} maxLength={100} />
            <TextField id={`${kind}-expiresOn`} name="expiresOn" type="date" label={t("vendors.qual.expiresOn")} defaultValue={values.expiresOn} error={errors.expiresOn} hint={t("vendors.qual.expiresHint")} />
            <TextField
              id={`${kind}-file`}
              name="file"
              type="file"
              accept="application/pdf,image/jpeg,image/png,image/webp"
              label={t("vendors.qual.file")}
              required={!current?.file}
              error={errors.file}
              hint={current?.file ? t("vendors.qual.fileKeepHint") : undefined}
            />
          </div>
          <button type="submit" className="btn-primary" disabled={busy}>{t("form.save")}</button>
        </Form>
      </details>
      {current ? (
        <Form
          method="post"
          preventScrollReset
          onSubmit={(e) => {
            if (!window.confirm(t("vendors.qual.confirmRemove"))) e.preventDefault();
          }}
        >
          <input type="hidden" name="qualificationId" value={current.id} />
          <button type="submit" name="intent" value="removeQualification" className="text-sm text-red-600 hover:underline" disabled={busy}>
            {t("vendors.qual.remove")}
          </button>
        </Form>
      ) : null}
    </div>
  );
}
