import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { getDb } from "#db/client";
import { ROLES, type Role } from "#db/vocabulary";
import { RouteErrorBoundary } from "~/components/route-error-boundary";
import { SelectField, TextField } from "~/components/ui/field";
import { Alert, Card, PageHeader } from "~/components/ui/layout";
import { useT } from "~/i18n/use-t";
import { createUser } from "~/services/admin/create-user.server";
import { listCompanyOptions } from "~/services/admin/list-company-options.server";
import { requireAdmin } from "~/services/admin/require-admin.server";
import { keptValues, newUserSchema, parseUserForm, type UserFormFailure } from "~/services/admin/user-form.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return { companies: await listCompanyOptions(getDb()) };
}

export async function action({ request }: ActionFunctionArgs) {
  await requireAdmin(request);
  const formData = await request.formData();
  const parsed = parseUserForm(newUserSchema, formData);
  if (!parsed.ok) return data(parsed.failure, { status: 400 });
  const result = await createUser(getDb(), parsed.data);
  if (!result.ok) {
    const failure: UserFormFailure = { ok: false, errors: result.errors, values: keptValues(formData), roles: parsed.data.roles, formError: result.formError ?? "form.fixErrors" };
    return data(failure, { status: 400 });
  }
  return redirect(`/admin/users/${result.id}?done=created`);
}

export default function NewUser() {
  const t = useT();
  const { companies } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const values = failure?.values ?? {};
  const errors = failure?.errors ?? {};
  const checked = new Set<string>(failure?.roles ?? []);
  return (
    <div className="max-w-3xl">
      <PageHeader title={t("admin.user.new")} />
      <Card>
        <Form method="post" noValidate className="space-y-4">
          {failure?.formError ? <Alert>{t(failure.formError)}</Alert> : null}
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField name="name" label={t("admin.user.name")} required defaultValue={values.name} error={errors.name} autoComplete="off" />
            <TextField name="email" type="email" label={t("admin.user.email")} required defaultValue={values.email} error={errors.email} hint={t("admin.user.emailHint")} autoComplete="off" />
            <TextField name="phone" type="tel" label={t("admin.user.phone")} defaultValue={values.phone} error={errors.phone} />
            <SelectField
              name="companyId"
              label={t("admin.user.company")}
              defaultValue={values.companyId ?? ""}
              error={errors.companyId}
              placeholder={t("admin.user.noCompany")}
              options={companies.map((c) => ({ value: c.id, label: `${c.name} · ${t(`companyKind.${c.kind}`)}` }))}
            />
          </div>
          <RoleCheckboxes checked={checked} error={errors.roles} />
          <TextField name="password" type="password" label={t("admin.user.password")} required error={errors.password} hint={t("admin.user.passwordHint")} autoComplete="new-password" className="sm:max-w-xs" />
          <div className="flex gap-2">
            <button type="submit" className="btn-primary" disabled={busy}>{t("form.create")}</button>
            <Link to="/admin/users" className="btn-secondary">{t("form.cancel")}</Link>
          </div>
        </Form>
      </Card>
    </div>
  );
}

function RoleCheckboxes({ checked, error }: { checked: Set<string>; error?: string }) {
  const t = useT();
  return (
    <fieldset aria-describedby={error ? "roles-error" : undefined}>
      <legend className="mb-1 text-sm font-medium text-slate-700">
        {t("admin.user.roles")}
        <span className="ml-0.5 text-red-600" aria-hidden>*</span>
      </legend>
      <div className="grid grid-cols-2 gap-x-4 gap-y-1 sm:grid-cols-3">
        {ROLES.map((role: Role) => (
          <label key={role} className="flex min-h-[36px] items-center gap-2 text-sm">
            <input type="checkbox" name="roles" value={role} defaultChecked={checked.has(role)} className="h-4 w-4 rounded border-slate-300" />
            {t(`role.${role}`)}
          </label>
        ))}
      </div>
      {error ? <p id="roles-error" className="mt-1 text-sm text-red-600" role="alert">{t(error)}</p> : <p className="mt-1 text-xs text-slate-500">{t("admin.user.rolesHint")}</p>}
    </fieldset>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}
