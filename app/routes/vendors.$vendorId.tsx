import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { getDb } from "#db/client";
import { RouteErrorBoundary } from "~/components/route-error-boundary";
import { Alert, Card, PageHeader } from "~/components/ui/layout";
import { ContactsCard } from "~/components/company/contacts-card";
import { HistoryCard } from "~/components/vendors/history-card";
import { QualificationSummaryBadges } from "~/components/vendors/qualification-badges";
import { QualificationsCard } from "~/components/vendors/qualifications-card";
import { VendorFields } from "~/components/vendors/vendor-fields";
import { useT } from "~/i18n/use-t";
import { shanghaiDate } from "~/lib/calendar";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { notFound } from "~/lib/http.server";
import { addContact } from "~/services/admin/add-contact.server";
import { contactSchema } from "~/services/admin/company-form.server";
import { removeContact } from "~/services/admin/remove-contact.server";
import { updateContact } from "~/services/admin/update-contact.server";
import { findVendor, getVendor } from "~/services/vendors/get-vendor.server";
import { readVendorRequest } from "~/services/vendors/read-vendor-request.server";
import { removeQualification } from "~/services/vendors/remove-qualification.server";
import { submitQualification } from "~/services/vendors/submit-qualification.server";
import { updateVendor } from "~/services/vendors/update-vendor.server";
import { assertVendorEditor, canEditVendors, requireVendorViewer } from "~/services/vendors/vendor-access.server";
import { vendorSchema } from "~/services/vendors/vendor-form.server";
import { getVendorHistory } from "~/services/vendors/vendor-history.server";

const DONE: Record<string, string> = {
  created: "vendors.created",
  saved: "vendors.saved",
  contactAdded: "admin.contact.added",
  contactSaved: "admin.contact.saved",
  contactRemoved: "admin.contact.removed",
  qualificationSaved: "vendors.qual.saved",
  qualificationRemoved: "vendors.qual.removed",
};

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.vendor.company.name} · 安装公司` : "安装公司" }];

const today = () => shanghaiDate(new Date().toISOString());

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireVendorViewer(request);
  const db = getDb();
  const vendor = await getVendor(db, params.vendorId ?? "", today());
  if (!vendor) notFound();
  const history = await getVendorHistory(db, user, vendor.company.id, today());
  return { vendor, history, canEdit: canEditVendors(user) };
}

type Failure = { intent: string; kind: string; contactId: string; errors: FieldErrors; values: Record<string, string>; formError?: string };

function fail(intent: string, values: Record<string, string>, errors: FieldErrors, formError = "form.fixErrors") {
  const body: Failure = { intent, kind: values.kind ?? "", contactId: values.contactId ?? "", errors, values, formError };
  return data(body, { status: 400 });
}

function stringValues(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === "string" && k !== "intent") values[k] = v;
  return values;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireVendorViewer(request);
  assertVendorEditor(user);
  const db = getDb();
  const vendor = await findVendor(db, params.vendorId ?? "");
  if (!vendor) notFound();
  const body = await readVendorRequest(request);
  if (body.tooLarge) return fail("saveQualification", {}, body.uploadErrors, "upload.tooLarge");
  const formData = body.form;
  const intent = String(formData.get("intent") ?? "");
  const values = stringValues(formData);
  const back = (done: string, hash = "") => redirect(`/vendors/${vendor.id}?done=${done}${hash}`);

  switch (intent) {
    case "saveCompany": {
      const parsed = parseForm(vendorSchema, formData);
      if (!parsed.ok) return fail(intent, values, parsed.errors);
      const result = await updateVendor(db, vendor.id, parsed.data);
      if (!result.ok) return fail(intent, values, result.errors, result.formError);
      return back("saved");
    }
    case "saveQualification": {
      const result = await submitQualification(db, { vendorId: vendor.id, userId: user.id, body });
      if (!result.ok) return fail(intent, result.values, result.errors);
      return back("qualificationSaved", `#q-${values.kind}`);
    }
    case "removeQualification": {
      const result = await removeQualification(db, vendor.id, values.qualificationId ?? "");
      if (result === "notFound") notFound();
      return back("qualificationRemoved");
    }
    case "addContact": {
      const parsed = parseForm(contactSchema, formData);
      if (!parsed.ok) return fail(intent, values, parsed.errors);
      await addContact(db, vendor.id, parsed.data);
      return back("contactAdded");
    }
    case "updateContact": {
      const parsed = parseForm(contactSchema, formData);
      if (!parsed.ok) return fail(intent, values, parsed.errors);
      if (!(await updateContact(db, vendor.id, values.contactId ?? "", parsed.data))) notFound();
      return back("contactSaved");
    }
    case "removeContact": {
      const result = await removeContact(db, vendor.id, values.contactId ?? "");
      if (result === "notFound") notFound();
      if (result === "inUse") return fail(intent, values, {}, "admin.contact.inUse");
      return back("contactRemoved");
    }
    default:
      throw data({ messageKey: "error.generic" }, { status: 400 });
  }
}

export default function VendorPage() {
  const t = useT();
  const { vendor, history, canEdit } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const { company, summary } = vendor;
  const done = failure ? undefined : DONE[params.get("done") ?? ""];
  const companyFailure = failure?.intent === "saveCompany" ? failure : undefined;
  const qualificationFailure = failure?.intent === "saveQualification" ? failure : undefined;
  const contactFailure = failure && failure.intent.endsWith("Contact") ? failure : undefined;

  return (
    <div className="max-w-5xl space-y-5">
      <PageHeader
        title={company.name}
        subtitle={
          <span className="flex flex-wrap items-center gap-x-4 gap-y-1">
            <span className="font-mono">{company.creditCode ?? "—"}</span>
            {company.phone ? <span>{company.phone}</span> : null}
            {company.address ? <span>{company.address}</span> : null}
            <QualificationSummaryBadges summary={summary.qualifications} />
          </span>
        }
        actions={<Link to="/vendors" className="btn-secondary">{t("common.back")}</Link>}
      />
      {done ? <Alert tone="green">{t(done)}</Alert> : null}

      {canEdit ? (
        <Card>
          <details open={!!companyFailure}>
            <summary className="cursor-pointer text-sm font-medium text-brand-700">{t("vendors.editDetails")}</summary>
            <Form method="post" noValidate className="mt-4 space-y-4">
              <input type="hidden" name="intent" value="saveCompany" />
              {companyFailure?.formError ? <Alert>{t(companyFailure.formError)}</Alert> : null}
              <VendorFields
                values={companyFailure?.values ?? { name: company.name, creditCode: company.creditCode ?? "", phone: company.phone, address: company.address }}
                errors={companyFailure?.errors ?? {}}
              />
              <button type="submit" className="btn-primary" disabled={busy}>{t("form.save")}</button>
            </Form>
          </details>
        </Card>
      ) : null}

      <QualificationsCard slots={vendor.qualifications} canEdit={canEdit} failure={qualificationFailure} busy={busy} />
      <ContactsCard contacts={vendor.contacts} canEdit={canEdit} editId={failure?.intent === "updateContact" ? failure.contactId : params.get("edit") ?? ""} failure={contactFailure} busy={busy} />
      <HistoryCard history={history} totals={{ quotes: summary.quoteCount, awards: summary.awardCount, contracts: summary.projectCount }} />
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}
