// 设备辅料及设备合格证: equipment and auxiliary-material certificates.
import { Form } from "@remix-run/react";
import { SelectField, TextField } from "~/components/ui/field";
import { useT } from "~/i18n/use-t";
import type { CertificateView } from "~/services/site/entry-load.server";
import { ActionButton, ExpiryText, failureFor, FileInput, ScanLink, type EntryFailure } from "./entry-common";

function CertificateFields({ f, initial, idp }: { f: EntryFailure | null; initial?: CertificateView; idp: string }) {
  const t = useT();
  const v = (k: keyof CertificateView, d = "") => (f ? f.values[k] ?? "" : String(initial?.[k] ?? d));
  return (
    <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
      <TextField id={`${idp}-name`} name="name" label={t("site.entry.certificateName")} defaultValue={v("name")} error={f?.errors.name} required />
      <SelectField
        id={`${idp}-kind`}
        name="kind"
        label={t("site.entry.certificateKind")}
        defaultValue={v("kind", "equipment")}
        error={f?.errors.kind}
        options={[
          { value: "equipment", label: t("site.entry.kind.equipment") },
          { value: "material", label: t("site.entry.kind.material") },
        ]}
      />
      <TextField id={`${idp}-number`} name="number" label={t("site.entry.certificateNumber")} defaultValue={v("number")} error={f?.errors.number} />
      <TextField name="expiresOn" type="date" label={t("site.entry.expiresOnOptional")} defaultValue={v("expiresOn")} error={f?.errors.expiresOn} />
      <FileInput id={`${idp}-file`} name="file" label={t("site.entry.scan")} error={f?.errors.file} />
    </div>
  );
}

export function AddCertificateForm({ failure }: { failure: EntryFailure | null }) {
  const t = useT();
  const f = failureFor(failure, "addCertificate");
  return (
    <Form method="post" encType="multipart/form-data" className="space-y-3" key={f ? "failed" : "fresh"}>
      <CertificateFields f={f} idp="cert-new" />
      {f?.message ? <p className="text-sm text-red-600" role="alert">{f.message}</p> : null}
      <button type="submit" name="intent" value="addCertificate" className="btn-primary min-h-11">{t("site.entry.addCertificate")}</button>
    </Form>
  );
}

export function CertificateList({ certificates, canEdit, failure }: { certificates: CertificateView[]; canEdit: boolean; failure: EntryFailure | null }) {
  const t = useT();
  if (certificates.length === 0) return <p className="text-sm text-slate-500">{t("site.entry.noCertificates")}</p>;
  return (
    <ul className="divide-y divide-slate-100 text-sm">
      {certificates.map((c) => {
        const f = failureFor(failure, `updateCertificate:${c.id}`);
        return (
          <li key={c.id} className="py-2">
            <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
              <span className="font-medium">{c.name}</span>
              <span className="text-slate-500">{t(`site.entry.kind.${c.kind}`)}</span>
              {c.number ? <span className="font-mono">{c.number}</span> : null}
              <ExpiryText expiresOn={c.expiresOn} expired={c.expired} />
              <ScanLink scan={c.scan} />
              {canEdit ? <ActionButton intent={`removeCertificate:${c.id}`} label={t("site.entry.remove")} confirm={t("site.entry.confirmRemove")} /> : null}
            </div>
            {canEdit ? (
              <details className="mt-1" open={!!f}>
                <summary className="btn-link cursor-pointer text-sm">{t("site.entry.edit")}</summary>
                <Form method="post" encType="multipart/form-data" className="mt-2 space-y-2">
                  <CertificateFields f={f} initial={c} idp={`cert-${c.id}`} />
                  {f?.message ? <p className="text-sm text-red-600" role="alert">{f.message}</p> : null}
                  <button type="submit" name="intent" value={`updateCertificate:${c.id}`} className="btn-secondary min-h-11">{t("site.entry.save")}</button>
                </Form>
              </details>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
