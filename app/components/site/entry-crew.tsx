// 施工人员名册: members with their credentials. ID numbers arrive masked from the server; editing a
// member leaves the ID field empty (blank keeps the stored number).
import { Form } from "@remix-run/react";
import { TextField } from "~/components/ui/field";
import { useT } from "~/i18n/use-t";
import type { CrewMemberView } from "~/services/site/entry-load.server";
import { ActionButton, ExpiryText, failureFor, FileInput, ScanLink, type EntryFailure } from "./entry-common";

function CredentialFields({ prefix = "", f, initial, fileName, idp }: { prefix?: string; f: EntryFailure | null; initial?: { type: string; number: string; expiresOn: string | null }; fileName: string; idp: string }) {
  const t = useT();
  const v = (k: string, d = "") => (f ? f.values[prefix + k] ?? "" : d);
  const e = (k: string) => f?.errors[prefix + k];
  return (
    <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
      <TextField id={`${idp}-type`} name={`${prefix}type`} label={t("site.entry.credentialType")} list="credential-types" defaultValue={v("type", initial?.type)} error={e("type")} />
      <TextField id={`${idp}-number`} name={`${prefix}number`} label={t("site.entry.credentialNumber")} defaultValue={v("number", initial?.number)} error={e("number")} />
      <TextField id={`${idp}-expiresOn`} name={`${prefix}expiresOn`} type="date" label={t("site.entry.expiresOn")} defaultValue={v("expiresOn", initial?.expiresOn ?? "")} error={e("expiresOn")} />
      <FileInput id={`${idp}-file`} name={fileName} label={t("site.entry.scan")} error={f?.errors[fileName]} />
    </div>
  );
}

export function AddMemberForm({ failure }: { failure: EntryFailure | null }) {
  const t = useT();
  const f = failureFor(failure, "addMember");
  const v = (k: string) => f?.values[k] ?? "";
  return (
    <Form method="post" encType="multipart/form-data" className="space-y-3" key={f ? "failed" : "fresh"}>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
        <TextField name="name" label={t("site.entry.memberName")} defaultValue={v("name")} error={f?.errors.name} required />
        <TextField name="position" label={t("site.entry.position")} list="positions" defaultValue={v("position")} error={f?.errors.position} required />
        <TextField name="idNumber" label={t("site.entry.idNumber")} defaultValue={v("idNumber")} error={f?.errors.idNumber} maxLength={18} autoComplete="off" inputMode="text" required />
      </div>
      <fieldset className="rounded-md border border-slate-200 p-3">
        <legend className="px-1 text-sm text-slate-600">{t("site.entry.firstCredential")}</legend>
        <CredentialFields prefix="credential." f={f} fileName="credentialFile" idp="member-new-cred" />
      </fieldset>
      {f?.message ? <p className="text-sm text-red-600" role="alert">{f.message}</p> : null}
      <button type="submit" name="intent" value="addMember" className="btn-primary min-h-11">{t("site.entry.addMember")}</button>
    </Form>
  );
}

export function CrewList({ crew, canEdit, failure }: { crew: CrewMemberView[]; canEdit: boolean; failure: EntryFailure | null }) {
  const t = useT();
  if (crew.length === 0) return <p className="text-sm text-slate-500">{t("site.entry.noCrew")}</p>;
  return (
    <ul className="space-y-4">
      {crew.map((m) => {
        const editF = failureFor(failure, `updateMember:${m.id}`);
        const addF = failureFor(failure, `addCredential:${m.id}`);
        return (
          <li key={m.id} className="rounded-md border border-slate-200 p-3">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <p className="text-base font-semibold">
                {m.name} <span className="text-sm font-normal text-slate-600">{m.position}</span>
              </p>
              <p className="font-mono text-sm text-slate-600">{m.idNumberMasked}</p>
            </div>
            {m.credentials.length === 0 ? (
              <p className="mt-2 text-sm text-amber-700">{t("site.entry.noCredentials")}</p>
            ) : (
              <ul className="mt-2 divide-y divide-slate-100 text-sm">
                {m.credentials.map((c) => {
                  const credF = failureFor(failure, `updateCredential:${c.id}`);
                  return (
                    <li key={c.id} className="py-2">
                      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                        <span className="font-medium">{c.type}</span>
                        <span className="font-mono">{c.number}</span>
                        <ExpiryText expiresOn={c.expiresOn} expired={c.expired} />
                        <ScanLink scan={c.scan} />
                        {canEdit ? <ActionButton intent={`removeCredential:${c.id}`} label={t("site.entry.remove")} confirm={t("site.entry.confirmRemove")} /> : null}
                      </div>
                      {canEdit ? (
                        <details className="mt-1" open={!!credF}>
                          <summary className="btn-link cursor-pointer text-sm">{t("site.entry.renew")}</summary>
                          <Form method="post" encType="multipart/form-data" className="mt-2 space-y-2">
                            <input type="hidden" name="memberId" value={m.id} />
                            <CredentialFields f={credF} initial={c} fileName="file" idp={`cred-${c.id}`} />
                            {credF?.message ? <p className="text-sm text-red-600" role="alert">{credF.message}</p> : null}
                            <button type="submit" name="intent" value={`updateCredential:${c.id}`} className="btn-secondary min-h-11">{t("site.entry.save")}</button>
                          </Form>
                        </details>
                      ) : null}
                    </li>
                  );
                })}
              </ul>
            )}
            {canEdit ? (
              <div className="mt-2 flex flex-wrap gap-4">
                <details open={!!addF} className="w-full">
                  <summary className="btn-link cursor-pointer text-sm">+ {t("site.entry.addCredential")}</summary>
                  <Form method="post" encType="multipart/form-data" className="mt-2 space-y-2">
                    <CredentialFields f={addF} fileName="file" idp={`cred-new-${m.id}`} />
                    {addF?.message ? <p className="text-sm text-red-600" role="alert">{addF.message}</p> : null}
                    <button type="submit" name="intent" value={`addCredential:${m.id}`} className="btn-secondary min-h-11">{t("site.entry.addCredential")}</button>
                  </Form>
                </details>
                <details open={!!editF} className="w-full">
                  <summary className="btn-link cursor-pointer text-sm">{t("site.entry.editMember")}</summary>
                  <Form method="post" encType="multipart/form-data" className="mt-2 grid grid-cols-1 gap-3 sm:grid-cols-3">
                    <TextField id={`member-${m.id}-name`} name="name" label={t("site.entry.memberName")} defaultValue={editF?.values.name ?? m.name} error={editF?.errors.name} />
                    <TextField id={`member-${m.id}-position`} name="position" label={t("site.entry.position")} list="positions" defaultValue={editF?.values.position ?? m.position} error={editF?.errors.position} />
                    <TextField id={`member-${m.id}-idNumber`} name="idNumber" label={t("site.entry.idNumber")} placeholder={m.idNumberMasked} hint={t("site.entry.idNumberKeep")} defaultValue={editF?.values.idNumber ?? ""} error={editF?.errors.idNumber} maxLength={18} autoComplete="off" />
                    <div className="sm:col-span-3">
                      <button type="submit" name="intent" value={`updateMember:${m.id}`} className="btn-secondary min-h-11">{t("site.entry.save")}</button>
                    </div>
                  </Form>
                </details>
                <ActionButton intent={`removeMember:${m.id}`} label={t("site.entry.removeMember")} confirm={t("site.entry.confirmRemove")} />
              </div>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
