// Invitations to quote: who was invited, until when, and what happened (sent/opened/quoted/
// revoked/expired); the pm's form to invite installation companies; revoke and resend.
import { Form, useNavigation } from "@remix-run/react";
import { TextAreaField, TextField } from "~/components/ui/field";
import { Alert, Badge, EmptyState } from "~/components/ui/layout";
import { formatInstant } from "~/components/project/labels";
import { useLocale, useT } from "~/i18n/use-t";

export interface InvitationRow {
  id: string;
  vendorName: string;
  contactName: string;
  email: string;
  deadline: string;
  status: "sent" | "opened" | "quoted" | "revoked" | "expired";
  lastOpenedAt: string | null;
}
export interface InstallerChoice {
  id: string;
  name: string;
  contacts: { id: string; name: string; email: string }[];
}

const TONES = { sent: "blue", opened: "amber", quoted: "green", revoked: "gray", expired: "red" } as const;

export function InvitationList({ rows, canEdit }: { rows: InvitationRow[]; canEdit: boolean }) {
  const t = useT();
  const locale = useLocale();
  const busy = useNavigation().state === "submitting";
  if (rows.length === 0) return <EmptyState>{t("bidding.invite.none")}</EmptyState>;
  return (
    <div className="-mx-4 overflow-x-auto">
      <table className="table-dense">
        <thead>
          <tr>
            <th>{t("bidding.invite.company")}</th>
            <th>{t("bidding.invite.contact")}</th>
            <th>{t("bidding.invite.email")}</th>
            <th>{t("bidding.invite.deadline")}</th>
            <th>{t("bidding.invite.status")}</th>
            {canEdit ? <th>{t("common.actions")}</th> : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r) => (
            <tr key={r.id} data-testid="invitation-row">
              <td className="font-medium">{r.vendorName}</td>
              <td>{r.contactName}</td>
              <td className="whitespace-nowrap">{r.email}</td>
              <td className="whitespace-nowrap">{formatInstant(r.deadline, locale)}</td>
              <td>
                <Badge tone={TONES[r.status]}>{t(`bidding.invite.status.${r.status}`)}</Badge>
              </td>
              {canEdit ? (
                <td className="whitespace-nowrap">
                  <span className="flex items-center gap-3">
                    {r.status !== "revoked" ? (
                      <Form
                        method="post"
                        onSubmit={(e) => {
                          if (!window.confirm(t("bidding.invite.confirmRevoke"))) e.preventDefault();
                        }}
                      >
                        <input type="hidden" name="invitationId" value={r.id} />
                        <button type="submit" name="intent" value="revoke" className="text-sm text-red-600 hover:underline" disabled={busy}>
                          {t("bidding.invite.revoke")}
                        </button>
                      </Form>
                    ) : null}
                    <Form method="post">
                      <input type="hidden" name="invitationId" value={r.id} />
                      <button type="submit" name="intent" value="resend" className="btn-link text-sm" disabled={busy}>
                        {t("bidding.invite.resend")}
                      </button>
                    </Form>
                  </span>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function InviteForm({ installers, values, errors, formError }: { installers: InstallerChoice[]; values: Record<string, string>; errors: Record<string, string>; formError?: string | null }) {
  const t = useT();
  const busy = useNavigation().state === "submitting";
  const v = (k: string) => values[k] ?? "";
  return (
    <Form method="post" noValidate className="space-y-4" id="invite">
      <input type="hidden" name="intent" value="invite" />
      {formError ? <Alert>{t(formError)}</Alert> : Object.keys(errors).length ? <Alert>{t("form.fixErrors")}</Alert> : null}
      <fieldset>
        <legend className="mb-2 text-sm font-medium text-slate-700">{t("bidding.invite.companies")}</legend>
        {errors.vendors ? <p className="mb-2 text-sm text-red-600" role="alert">{t(errors.vendors)}</p> : null}
        {installers.length === 0 ? <p className="text-sm text-slate-500">{t("bidding.invite.noInstallers")}</p> : null}
        <ul className="space-y-2">
          {installers.map((c) => {
            const err = errors[`contact[${c.id}]`];
            const only = c.contacts.length === 1 ? c.contacts[0].id : "";
            return (
              <li key={c.id} className="grid gap-2 rounded-md border border-slate-200 p-2 sm:grid-cols-[1fr_1fr] sm:items-center">
                <label className="flex items-center gap-2">
                  <input type="checkbox" name={`invite[${c.id}]`} defaultChecked={v(`invite[${c.id}]`) === "on"} disabled={c.contacts.length === 0} className="h-4 w-4" />
                  <span className="font-medium">{c.name}</span>
                </label>
                {c.contacts.length === 0 ? (
                  <span className="text-sm text-slate-500">{t("bidding.invite.noEmailContact")}</span>
                ) : (
                  <div>
                    <select name={`contact[${c.id}]`} aria-label={`${c.name} ${t("bidding.invite.contact")}`} defaultValue={v(`contact[${c.id}]`) || only} className={`input ${err ? "input-error" : ""}`}>
                      <option value="">{t("bidding.invite.chooseContact")}</option>
                      {c.contacts.map((p) => (
                        <option key={p.id} value={p.id}>
                          {p.name} · {p.email}
                        </option>
                      ))}
                    </select>
                    {err ? <p className="mt-1 text-sm text-red-600" role="alert">{t(err)}</p> : null}
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      </fieldset>
      <TextAreaField name="scope" label={t("bidding.invite.scope")} defaultValue={v("scope")} error={errors.scope} required />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextAreaField name="drawings" label={t("bidding.invite.drawings")} defaultValue={v("drawings")} error={errors.drawings} />
        <TextAreaField name="requirements" label={t("bidding.invite.requirements")} defaultValue={v("requirements")} error={errors.requirements} />
        <TextField name="deadlineDate" type="date" label={t("bidding.invite.deadlineDate")} defaultValue={v("deadlineDate")} error={errors.deadlineDate} required />
        <TextField name="deadlineTime" type="time" label={t("bidding.invite.deadlineTime")} defaultValue={v("deadlineTime") || "17:00"} required />
      </div>
      <button type="submit" className="btn-primary" disabled={busy}>
        {t("bidding.invite.submit")}
      </button>
    </Form>
  );
}
