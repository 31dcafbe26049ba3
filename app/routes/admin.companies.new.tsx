import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { getDb } from "#db/client";
import { COMPANY_KINDS } from "#db/vocabulary";
import { RouteErrorBoundary } from "~/components/route-error-boundary";
import { SelectField, TextField } from "~/components/ui/field";
import { Alert, Card, PageHeader } from "~/components/ui/layout";
import { parseForm, type FormFailure } from "~/lib/forms";
import { useT } from "~/i18n/use-t";
import { companySchema } from "~/services/admin/company-form.server";
import { createCompany } from "~/services/admin/create-company.server";
import { requireAdmin } from "~/services/admin/require-admin.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  await requireAdmin(request);
  const formData = await request.formData();
  const parsed = parseForm(companySchema, formData);
  if (!parsed.ok) return data({ ...parsed, formError: "form.fixErrors" } satisfies FormFailure, { status: 400 });
  const result = await createCompany(getDb(), parsed.data);
  if (!result.ok) {
    const values = Object.fromEntries([...formData.entries()].filter(([, v]) => typeof v === "string")) as Record<string, string>;
    return data({ ok: false, errors: result.errors, values, formError: "form.fixErrors" } satisfies FormFailure, { status: 400 });
  }
  return redirect(`/admin/companies/${result.id}?done=created`);
}

export default function NewCompany() {
  const t = useT();
  const failure = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const values = failure?.values ?? { kind: params.get("kind") ?? "" };
  const errors = failure?.errors ?? {};
  return (
    <div className="max-w-3xl">
      <PageHeader title={t("admin.company.new")} />
      <Card>
        <Form method="post" noValidate className="space-y-4">
          {failure?.formError ? <Alert>{t(failure.formError)}</Alert> : null}
          <div className="grid gap-4 sm:grid-cols-2">
            <SelectField
              name="kind"
              label={t("admin.company.kind")}
              required
              defaultValue={values.kind ?? ""}
              error={errors.kind}
              placeholder=""
              options={COMPANY_KINDS.map((k) => ({ value: k, label: t(`companyKind.${k}`) }))}
            />
            <TextField name="name" label={t("admin.company.name")} required defaultValue={values.name} error={errors.name} />
            <TextField
              name="creditCode"
              label={t("admin.company.creditCode")}
              defaultValue={values.creditCode}
              error={errors.creditCode}
              hint={t("admin.company.creditCodeHint")}
              maxLength={40}
              autoCapitalize="characters"
              spellCheck={false}
              className="font-mono"
            />
            <TextField name="phone" type="tel" label={t("admin.company.phone")} defaultValue={values.phone} error={errors.phone} />
            <TextField name="address" label={t("admin.company.address")} defaultValue={values.address} error={errors.address} className="sm:col-span-2" />
          </div>
          <div className="flex gap-2">
            <button type="submit" className="btn-primary" disabled={busy}>{t("form.create")}</button>
            <Link to="/admin/companies" className="btn-secondary">{t("form.cancel")}</Link>
          </div>
        </Form>
      </Card>
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}
