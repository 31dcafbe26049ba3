import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { getDb } from "#db/client";
import { COMPANY_KINDS } from "#db/vocabulary";
import { ContactsCard } from "~/components/company/contacts-card";
import { RouteErrorBoundary } from "~/components/route-error-boundary";
import { SelectField, TextField } from "~/components/ui/field";
import { Alert, Badge, Card, PageHeader } from "~/components/ui/layout";
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

      <ContactsCard contacts={contacts} canEdit editId={editId} failure={failure} busy={busy} />
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}
