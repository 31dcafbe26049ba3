import { Form, Link } from "@remix-run/react";
import { Alert, Card, EmptyState } from "~/components/ui/layout";
import { useT } from "~/i18n/use-t";
import type { FieldErrors } from "~/lib/forms";
import type { AdminContact } from "~/services/admin/get-company.server";
import { ContactFields, type ContactValues } from "~/components/vendors/vendor-fields";

export interface ContactFailure {
  intent: string;
  contactId: string;
  errors: FieldErrors;
  values: Record<string, string>;
  formError?: string;
}

/** A company's contacts with add / edit (?edit=<id>) / remove: the admin company page and the vendor page. */
export function ContactsCard({
  contacts,
  canEdit,
  editId,
  failure,
  busy,
}: {
  contacts: AdminContact[];
  canEdit: boolean;
  editId: string;
  failure?: ContactFailure;
  busy: boolean;
}) {
  const t = useT();
  const editing = canEdit ? contacts.find((c) => c.id === editId) : undefined;
  const editFailure = failure?.intent === "updateContact" ? failure : undefined;
  const addFailure = failure?.intent === "addContact" ? failure : undefined;
  const removeFailure = failure?.intent === "removeContact" ? failure : undefined;
  return (
    <Card title={t("admin.company.contacts")}>
      {removeFailure?.formError ? <div className="mb-3"><Alert>{t(removeFailure.formError)}</Alert></div> : null}
      {contacts.length === 0 ? (
        <EmptyState>{t("admin.contact.none")}</EmptyState>
      ) : (
        <div className="-mx-4 overflow-x-auto">
          <table className="table-dense">
            <thead>
              <tr>
                <th>{t("admin.contact.name")}</th>
                <th>{t("admin.contact.title")}</th>
                <th>{t("admin.contact.phone")}</th>
                <th>{t("admin.contact.email")}</th>
                {canEdit ? <th>{t("common.actions")}</th> : null}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {contacts.map((c) => (
                <tr key={c.id} className={c.id === editing?.id ? "bg-brand-50" : undefined}>
                  <td className="whitespace-nowrap font-medium">{c.name}</td>
                  <td>{c.title}</td>
                  <td className="whitespace-nowrap">{c.phone}</td>
                  <td className="whitespace-nowrap">{c.email ? <a href={`mailto:${c.email}`} className="btn-link">{c.email}</a> : null}</td>
                  {canEdit ? (
                    <td className="whitespace-nowrap">
                      <span className="flex items-center gap-3">
                        <Link to={`?edit=${c.id}#contact-edit`} className="btn-link" preventScrollReset>{t("common.edit")}</Link>
                        <Form
                          method="post"
                          preventScrollReset
                          onSubmit={(e) => {
                            if (!window.confirm(t("admin.contact.confirmRemove"))) e.preventDefault();
                          }}
                        >
                          <input type="hidden" name="contactId" value={c.id} />
                          <button type="submit" name="intent" value="removeContact" className="text-sm text-red-600 hover:underline" disabled={busy}>
                            {t("common.remove")}
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
      )}

      {editing ? (
        <div id="contact-edit" className="mt-5 border-t border-slate-100 pt-4">
          <h3 className="mb-3 text-sm font-semibold text-slate-800">{t("common.edit")} · {editing.name}</h3>
          <ContactForm key={`edit-${editing.id}`} intent="updateContact" contactId={editing.id} values={editFailure?.values ?? editing} errors={editFailure?.errors ?? {}} busy={busy} />
        </div>
      ) : null}

      {canEdit ? (
        <div className="mt-5 border-t border-slate-100 pt-4">
          <h3 className="mb-3 text-sm font-semibold text-slate-800">{t("admin.contact.add")}</h3>
          <ContactForm key={`add-${contacts.length}`} intent="addContact" values={addFailure?.values ?? {}} errors={addFailure?.errors ?? {}} busy={busy} />
        </div>
      ) : null}
    </Card>
  );
}

function ContactForm({ intent, contactId, values, errors, busy }: { intent: "addContact" | "updateContact"; contactId?: string; values: ContactValues; errors: FieldErrors; busy: boolean }) {
  const t = useT();
  return (
    <Form method="post" noValidate className="space-y-3" preventScrollReset>
      <input type="hidden" name="intent" value={intent} />
      {contactId ? <input type="hidden" name="contactId" value={contactId} /> : null}
      <ContactFields values={values} errors={errors} idPrefix={intent === "addContact" ? "add" : "edit"} />
      <div className="flex gap-2">
        <button type="submit" className={intent === "addContact" ? "btn-secondary" : "btn-primary"} disabled={busy}>
          {intent === "addContact" ? t("common.add") : t("form.save")}
        </button>
        {intent === "updateContact" ? <Link to="?" className="btn-secondary">{t("form.cancel")}</Link> : null}
      </div>
    </Form>
  );
}
