import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { getDb } from "#db/client";
import { ROLES } from "#db/vocabulary";
import { RouteErrorBoundary } from "~/components/route-error-boundary";
import { SelectField, TextField } from "~/components/ui/field";
import { Alert, Badge, Card, PageHeader } from "~/components/ui/layout";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { notFound } from "~/lib/http.server";
import { useT } from "~/i18n/use-t";
import { getUserForAdmin } from "~/services/admin/get-user.server";
import { listCompanyOptions } from "~/services/admin/list-company-options.server";
import { requireAdmin } from "~/services/admin/require-admin.server";
import { resetUserPassword } from "~/services/admin/reset-user-password.server";
import { setUserDisabled } from "~/services/admin/set-user-disabled.server";
import { updateUser } from "~/services/admin/update-user.server";
import { editUserSchema, keptValues, parseUserForm, passwordSchema } from "~/services/admin/user-form.server";

const DONE_MESSAGES: Record<string, string> = {
  created: "admin.user.created",
  saved: "admin.user.saved",
  disabled: "admin.user.disabledDone",
  enabled: "admin.user.enabledDone",
  password: "admin.user.passwordReset",
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  const db = getDb();
  const user = await getUserForAdmin(db, params.userId ?? "");
  if (!user) notFound();
  return { user, companies: await listCompanyOptions(db), isSelf: user.id === admin.id };
}

type Failure = { intent: string; errors: FieldErrors; values: Record<string, string>; roles: string[]; formError?: string };

function fail(intent: string, formData: FormData, errors: FieldErrors, formError?: string, roles: string[] = []) {
  const body: Failure = { intent, errors, values: keptValues(formData), roles, formError };
  return data(body, { status: 400 });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const db = getDb();
  const user = await getUserForAdmin(db, params.userId ?? "");
  if (!user) notFound();
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const back = (done: string) => redirect(`/admin/users/${user.id}?done=${done}`);

  switch (intent) {
    case "save": {
      const parsed = parseUserForm(editUserSchema, formData);
      if (!parsed.ok) return fail(intent, formData, parsed.failure.errors, parsed.failure.formError, parsed.failure.roles);
      const result = await updateUser(db, admin, user.id, parsed.data);
      if (!result.ok) return fail(intent, formData, result.errors, result.formError ?? "form.fixErrors", parsed.data.roles);
      return back("saved");
    }
    case "disable":
    case "enable": {
      const result = await setUserDisabled(db, admin, user.id, intent === "disable");
      if (!result.ok) return fail(intent, formData, result.errors, result.formError);
      return back(intent === "disable" ? "disabled" : "enabled");
    }
    case "resetPassword": {
      const parsed = parseForm(passwordSchema, formData);
      if (!parsed.ok) return fail(intent, formData, parsed.errors);
      if (!(await resetUserPassword(db, admin, user.id, parsed.data.password))) notFound();
      return back("password");
    }
    default:
      throw data({ messageKey: "error.generic" }, { status: 400 });
  }
}

export default function EditUser() {
  const t = useT();
  const { user, companies, isSelf } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const done = failure ? undefined : DONE_MESSAGES[params.get("done") ?? ""];
  const editFailure = failure?.intent === "save" ? failure : undefined;
  const values = editFailure?.values ?? { name: user.name, phone: user.phone, companyId: user.companyId ?? "" };
  const errors = editFailure?.errors ?? {};
  const checked = new Set<string>(editFailure ? editFailure.roles : user.roles);
  const accountFailure = failure && failure.intent !== "save" ? failure : undefined;

  return (
    <div className="max-w-3xl space-y-5">
      <PageHeader
        title={
          <span className="flex items-center gap-2">
            {user.name}
            {user.disabledAt ? <Badge tone="red">{t("admin.user.disabled")}</Badge> : <Badge tone="green">{t("admin.user.active")}</Badge>}
          </span>
        }
        subtitle={`${user.email} · ${t("admin.user.createdAt", { at: user.createdAt })}`}
        actions={<Link to="/admin/users" className="btn-secondary">{t("common.back")}</Link>}
      />
      {done ? <Alert tone="green">{t(done)}</Alert> : null}

      <Card title={t("admin.user.editTitle")}>
        <Form method="post" noValidate className="space-y-4">
          <input type="hidden" name="intent" value="save" />
          {editFailure?.formError ? <Alert>{t(editFailure.formError)}</Alert> : null}
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField name="name" label={t("admin.user.name")} required defaultValue={values.name} error={errors.name} />
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
          <fieldset aria-describedby={errors.roles ? "roles-error" : undefined}>
            <legend className="mb-1 text-sm font-medium text-slate-700">{t("admin.user.roles")}</legend>
            <div className="grid grid-cols-2 gap-x-4 gap-y-1 sm:grid-cols-3">
              {ROLES.map((role) => (
                <label key={role} className="flex min-h-[36px] items-center gap-2 text-sm">
                  <input type="checkbox" name="roles" value={role} defaultChecked={checked.has(role)} className="h-4 w-4 rounded border-slate-300" />
                  {t(`role.${role}`)}
                </label>
              ))}
            </div>
            {errors.roles ? (
              <p id="roles-error" className="mt-1 text-sm text-red-600" role="alert">{t(errors.roles)}</p>
            ) : (
              <p className="mt-1 text-xs text-slate-500">{t("admin.user.rolesHint")}</p>
            )}
          </fieldset>
          <button type="submit" className="btn-primary" disabled={busy}>{t("form.save")}</button>
        </Form>
      </Card>

      <Card title={t("admin.user.accountSection")}>
        {accountFailure?.formError ? <div className="mb-4"><Alert>{t(accountFailure.formError)}</Alert></div> : null}
        <div className="grid gap-6 sm:grid-cols-2">
          <Form method="post" className="space-y-2">
            {user.disabledAt ? (
              <>
                <p className="text-sm text-slate-600">{t("admin.user.disabledSince", { at: user.disabledAt })}</p>
                <button type="submit" name="intent" value="enable" className="btn-secondary" disabled={busy}>{t("admin.user.enable")}</button>
              </>
            ) : (
              <>
                <p className="text-sm text-slate-600">{t("admin.user.disableHint")}</p>
                <button type="submit" name="intent" value="disable" className="btn-danger" disabled={busy || isSelf}>{t("admin.user.disable")}</button>
                {isSelf ? <p className="text-xs text-slate-500">{t("admin.user.cannotDisableSelf")}</p> : null}
              </>
            )}
          </Form>
          <Form method="post" noValidate className="space-y-2">
            <input type="hidden" name="intent" value="resetPassword" />
            <TextField
              name="password"
              id="reset-password"
              type="password"
              label={t("admin.user.newPassword")}
              autoComplete="new-password"
              required
              error={accountFailure?.intent === "resetPassword" ? accountFailure.errors.password : undefined}
              hint={isSelf ? t("admin.user.passwordHint") : t("admin.user.resetHint")}
            />
            <button type="submit" className="btn-secondary" disabled={busy}>{t("admin.user.resetPassword")}</button>
          </Form>
        </div>
      </Card>
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}
