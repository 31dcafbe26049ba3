import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { getDb } from "#db/client";
import { Alert } from "~/components/ui/layout";
import { TextField } from "~/components/ui/field";
import { useT } from "~/i18n/use-t";
import { parseForm, zEmail } from "~/lib/forms";
import { safeRedirectPath } from "~/lib/redirect";
import { requestInfo } from "~/lib/request-info.server";
import { getSessionUser } from "~/lib/session.server";
import { signIn } from "~/services/auth/sign-in.server";

export const meta: MetaFunction = () => [{ title: "登录 · 工程安装售后管理" }];

const schema = z.object({ email: zEmail(), password: z.string().min(1, "form.required").max(200, "form.tooLong") });

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getSessionUser(request)) throw redirect("/");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const redirectTo = safeRedirectPath(formData.get("redirectTo"));
  const parsed = parseForm(schema, formData);
  if (!parsed.ok) return data({ errors: parsed.errors, email: parsed.values.email ?? "", formError: null }, { status: 400 });
  const result = await signIn(getDb(), parsed.data.email, parsed.data.password, requestInfo(request, context));
  if (!result.ok) {
    const formError = result.reason === "rateLimited" ? "auth.rateLimited" : "auth.invalid";
    return data({ errors: {} as Record<string, string>, email: parsed.data.email, formError }, { status: result.reason === "rateLimited" ? 429 : 401 });
  }
  return redirect(redirectTo, { headers: { "Set-Cookie": result.setCookie } });
}

export default function Login() {
  const t = useT();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  return (
    <main className="grid min-h-screen place-items-center bg-gradient-to-b from-brand-50 to-slate-50 px-4">
      <div className="w-full max-w-sm">
        <div className="mb-6 text-center">
          <div className="mx-auto mb-3 grid h-12 w-12 place-items-center rounded-xl bg-brand-600 text-lg font-semibold text-white">安</div>
          <h1 className="text-xl font-semibold text-slate-900">{t("app.name")}</h1>
          <p className="mt-1 text-sm text-slate-500">{t("app.tagline")}</p>
        </div>
        <div className="card p-6">
          <h2 className="mb-4 text-lg font-medium">{t("auth.title")}</h2>
          <Form method="post" className="space-y-4" noValidate>
            <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/"} />
            {result?.formError ? <Alert>{t(result.formError)}</Alert> : null}
            <TextField name="email" type="email" label={t("auth.email")} autoComplete="username" required defaultValue={result?.email} error={result?.errors?.email} autoFocus />
            <TextField name="password" type="password" label={t("auth.password")} autoComplete="current-password" required error={result?.errors?.password} />
            <button type="submit" className="btn-primary w-full" disabled={busy}>
              {t("auth.submit")}
            </button>
          </Form>
        </div>
        <p className="mt-4 text-center text-xs text-slate-500">{t("auth.externalHint")}</p>
        <p className="mt-1 text-center text-xs text-slate-400">{t("auth.demoHint")}</p>
      </div>
    </main>
  );
}
