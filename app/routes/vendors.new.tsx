import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { getDb } from "#db/client";
import { RouteErrorBoundary } from "~/components/route-error-boundary";
import { Alert, Card, PageHeader } from "~/components/ui/layout";
import { ContactFields, VendorFields } from "~/components/vendors/vendor-fields";
import { useT } from "~/i18n/use-t";
import { parseForm, type FormFailure } from "~/lib/forms";
import { createVendor } from "~/services/vendors/create-vendor.server";
import { assertVendorEditor, requireVendorViewer } from "~/services/vendors/vendor-access.server";
import { newVendorSchema } from "~/services/vendors/vendor-form.server";

export const meta: MetaFunction = () => [{ title: "新建安装公司 · 工程安装售后管理" }];

export async function loader({ request }: LoaderFunctionArgs) {
  assertVendorEditor(await requireVendorViewer(request));
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  assertVendorEditor(await requireVendorViewer(request));
  const formData = await request.formData();
  const parsed = parseForm(newVendorSchema, formData);
  if (!parsed.ok) return data({ ...parsed, formError: "form.fixErrors" } satisfies FormFailure, { status: 400 });
  const result = await createVendor(getDb(), parsed.data);
  if (!result.ok) {
    const values = Object.fromEntries([...formData.entries()].filter(([, v]) => typeof v === "string")) as Record<string, string>;
    return data({ ok: false, errors: result.errors, values, formError: "form.fixErrors" } satisfies FormFailure, { status: 400 });
  }
  return redirect(`/vendors/${result.id}?done=created`);
}

export default function NewVendor() {
  const t = useT();
  const failure = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const values = failure?.values ?? {};
  const errors = failure?.errors ?? {};
  const contactValues = { name: values["contact.name"], title: values["contact.title"], phone: values["contact.phone"], email: values["contact.email"] };
  return (
    <div className="max-w-4xl">
      <PageHeader title={t("vendors.new")} />
      <Form method="post" noValidate className="space-y-5">
        {failure?.formError ? <Alert>{t(failure.formError)}</Alert> : null}
        <Card title={t("vendors.details")}>
          <VendorFields values={values} errors={errors} />
        </Card>
        <Card title={t("vendors.firstContact")}>
          <p className="mb-3 text-sm text-slate-500">{t("vendors.firstContactHint")}</p>
          <ContactFields values={contactValues} errors={errors} prefix="contact." idPrefix="contact" />
        </Card>
        <div className="flex gap-2">
          <button type="submit" className="btn-primary" disabled={busy}>{t("form.create")}</button>
          <Link to="/vendors" className="btn-secondary">{t("form.cancel")}</Link>
        </div>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}
