import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { getDb } from "#db/client";
import { COMPANY_KINDS } from "#db/vocabulary";
import { RouteErrorBoundary } from "~/components/route-error-boundary";
import { SelectField, TextField } from "~/components/ui/field";
import { Alert, Badge, Card, EmptyState, PageHeader } from "~/components/ui/layout";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { notFound } from "~/lib/http.server";
import { useT } from "~/i18n/use-t";
import { addContact } from "~/services/admin/add-contact.server";
import { companySchema, contactSchema } from "~/services/admin/company-form.server";
import { getCompanyWithContacts } from "~/services/admin/get-company.server";
import { removeContact } from "~/services/admin/remove-contact.server";
import { requireAdmin } from "~/services/admin/require-admin.server";
import { updateCompany } from "~/services/admin/update-company.server";
import { updateContact } from "~/services/admin/update-contact.server";

const DONE_MESSAGES: Record<string, string> = {
  created: "admin.company.created",
  saved: "admin.company.saved",
  contactAdded: "admin.contact.added",
  contactSaved: "admin.contact.saved",
  contactRemoved: "admin.contact.removed",
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const found = await getCompanyWithContacts(getDb(), params.companyId ?? "");
  if (!found) notFound();
  return found;
}

type Failure = { intent: string; contactId: string; errors: FieldErrors; values: Record<string, string>; formError?: string };

function fail(intent: string, formData: FormData, errors: FieldErrors, formError = "form.fixErrors") {
  const values: Record<string, string> = {};
  for (const [k, v] of formData.entries()) if (typeof v === "string" && k !== "intent") values[k] = v;
  const body: Failure = { intent, contactId: values.contactId ?? "", errors, values, formError };
  return data(body, { status: 400 });
}

export async function action({ request, params }: ActionFunctionArgs) {
  await requireAdmin(request);
  const db = getDb();
  const found = await getCompanyWithContacts(db, params.companyId ?? "");
  if (!found) notFound();
  const companyId = found.company.id;
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const contactId = String(formData.get("contactId") ?? "");
  const back = (done: string) => redirect(`/admin/companies/${companyId}?done=${done}`);

  switch (intent) {
    case "saveCompany": {
      const parsed = parseForm(companySchema, formData);
      if (!parsed.ok) return fail(intent, formData, parsed.errors);
      const result = await updateCompany(db, companyId, parsed.data);
      if (!result.ok) return fail(intent, formData, result.errors, result.formError);
      return back("saved");
    }
    case "addContact": {
      const parsed = parseForm(contactSchema, formData);
      if (!parsed.ok) return fail(intent, formData, parsed.errors);
      await addContact(db, companyId, parsed.data);
      return back("contactAdded");
    }
    case "updateContact": {
      const parsed = parseForm(contactSchema, formData);
      if (!parsed.ok) return fail(intent, formData, parsed.errors);
      if (!(await updateContact(db, companyId, contactId, parsed.data))) notFound();
      return back("contactSaved");
    }
    case "removeContact": {
      const result = await removeContact(db, companyId, contactId);
      if (result === "notFound") notFound();
      if (result === "inUse") return fail(intent, formData, {}, "admin.contact.inUse");
      return back("contactRemoved");
    }
    default:
      throw data({ messageKey: "error.generic" }, { status: 400 });
  }
}

export default function EditCompany() {
  const t = useT();
  const { company, contacts } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const done = failure ? undefined : DONE_MESSAGES[params.get("done") ?? ""];

  const companyFailure = failure?.intent === "saveCompany" ? failure : undefined;
  const cv = companyFailure?.values ?? { kind: company.kind, name: company.name, creditCode: company.creditCode ?? "", address: company.address, phone: company.phone };
  const ce = companyFailure?.errors ?? {};

  // The contact being edited: after a refused edit, the one that was submitted; else ?edit=<id>.
  const editId = failure?.intent === "updateContact" ? failure.contactId : params.get("edit") ?? "";
  const editing = contacts.find((c) => c.id === editId);
  const editFailure = failure?.intent === "updateContact" ? failure : undefined;
  const addFailure = failure?.intent === "addContact" ? failure : undefined;
  const removeFailure = failure?.intent === "removeContact" ? failure : undefined;

  return (
    <div className="max-w-4xl space-y-5">
      <PageHeader
        title={
          <span className="flex items-center gap-2">
            {company.name}
            <Badge>{t(`companyKind.${company.kind}`)}</Badge>
          </span>
        }
        actions={<Link to="/admin/companies" className="btn-secondary">{t("common.back")}</Link>}
      />
      {done ? <Alert tone="green">{t(done)}</Alert> : null}

      <Card title={t("admin.company.editTitle")}>
        <Form method="post" noValidate className="space-y-4">
          <input type="hidden" name="intent" value="saveCompany" />
          {companyFailure?.formError ? <Alert>{t(companyFailure.formError)}</Alert> : null}
          <div className="grid gap-4 sm:grid-cols-2">
            <SelectField
              name="kind"
              label={t("admin.company.kind")}
              required
              defaultValue={cv.kind}
              error={ce.kind}
              options={COMPANY_KINDS.map((k) => ({ value: k, label: t(`companyKind.${k}`) }))}
            />
            <TextField name="name" label={t("admin.company.name")} required defaultValue={cv.name} error={ce.name} />
            <TextField
              name="creditCode"
              label={t("admin.company.creditCode")}
              defaultValue={cv.creditCode}
              error={ce.creditCode}
              hint={t("admin.company.creditCodeHint")}
              maxLength={40}
              autoCapitalize="characters"
              spellCheck={false}
            />
            <TextField name="phone" type="tel" label={t("admin.company.phone")} defaultValue={cv.phone} error={ce.phone} />
            <TextField name="address" label={t("admin.company.address")} defaultValue={cv.address} error={ce.address} className="sm:col-span-2" />
          </div>
          <button type="submit" className="btn-primary" disabled={busy}>{t("form.save")}</button>
        </Form>
      </Card>

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
                  <th>{t("common.actions")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {contacts.map((c) => (
                  <tr key={c.id} className={c.id === editing?.id ? "bg-brand-50" : undefined}>
                    <td className="whitespace-nowrap font-medium">{c.name}</td>
                    <td>{c.title}</td>
                    <td className="whitespace-nowrap">{c.phone}</td>
                    <td className="whitespace-nowrap">{c.email}</td>
                    <td className="whitespace-nowrap">
                      <span className="flex items-center gap-3">
                        <Link to={`?edit=${c.id}#contact-edit`} className="btn-link" preventScrollReset>{t("common.edit")}</Link>
                        <Form
                          method="post"
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
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}

        {editing ? (
          <div id="contact-edit" className="mt-5 border-t border-slate-100 pt-4">
            <h3 className="mb-3 text-sm font-semibold text-slate-800">
              {t("common.edit")} · {editing.name}
            </h3>
            <ContactForm
              key={`edit-${editing.id}`}
              intent="updateContact"
              contactId={editing.id}
              values={editFailure?.values ?? editing}
              errors={editFailure?.errors ?? {}}
              submitLabel={t("form.save")}
              busy={busy}
              cancelTo="?"
            />
          </div>
        ) : null}

        <div className="mt-5 border-t border-slate-100 pt-4">
          <h3 className="mb-3 text-sm font-semibold text-slate-800">{t("admin.contact.add")}</h3>
          <ContactForm
            key={`add-${contacts.length}`}
            intent="addContact"
            values={addFailure?.values ?? {}}
            errors={addFailure?.errors ?? {}}
            submitLabel={t("common.add")}
            busy={busy}
          />
        </div>
      </Card>
    </div>
  );
}

function ContactForm({
  intent,
  contactId,
  values,
  errors,
  submitLabel,
  busy,
  cancelTo,
}: {
  intent: "addContact" | "updateContact";
  contactId?: string;
  values: Partial<Record<"name" | "title" | "phone" | "email", string>>;
  errors: FieldErrors;
  submitLabel: string;
  busy: boolean;
  cancelTo?: string;
}) {
  const t = useT();
  const prefix = intent === "addContact" ? "add" : "edit";
  return (
    <Form method="post" noValidate className="space-y-3" preventScrollReset>
      <input type="hidden" name="intent" value={intent} />
      {contactId ? <input type="hidden" name="contactId" value={contactId} /> : null}
      <div className="grid gap-3 sm:grid-cols-4">
        <TextField id={`${prefix}-name`} name="name" label={t("admin.contact.name")} required defaultValue={values.name} error={errors.name} />
        <TextField id={`${prefix}-title`} name="title" label={t("admin.contact.title")} defaultValue={values.title} error={errors.title} />
        <TextField id={`${prefix}-phone`} name="phone" type="tel" label={t("admin.contact.phone")} defaultValue={values.phone} error={errors.phone} />
        <TextField id={`${prefix}-email`} name="email" type="email" label={t("admin.contact.email")} defaultValue={values.email} error={errors.email} />
      </div>
      <div className="flex gap-2">
        <button type="submit" className={intent === "addContact" ? "btn-secondary" : "btn-primary"} disabled={busy}>{submitLabel}</button>
        {cancelTo ? <Link to={cancelTo} className="btn-secondary">{t("form.cancel")}</Link> : null}
      </div>
    </Form>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}
