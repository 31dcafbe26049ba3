import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { getDb } from "#db/client";
import { RouteErrorBoundary } from "~/components/route-error-boundary";
import { SelectField, TextField } from "~/components/ui/field";
import { Alert, Badge, Card, PageHeader } from "~/components/ui/layout";
import { TableCard } from "~/components/ui/table-card";
import { parseForm, zText, zUuid, type FieldErrors } from "~/lib/forms";
import { useT } from "~/i18n/use-t";
import { issueApiToken, UnknownUserError } from "~/services/admin/issue-api-token.server";
import { listApiTokens } from "~/services/admin/list-api-tokens.server";
import { listUserOptions } from "~/services/admin/list-user-options.server";
import { requireAdmin } from "~/services/admin/require-admin.server";
import { revokeApiToken } from "~/services/admin/revoke-api-token.server";

// A freshly issued token is in the page body: no cache (browser, proxy) may keep this page.
export const headers = () => ({ "Cache-Control": "no-store" });

const issueSchema = z.object({ userId: zUuid(), name: zText(100) });

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const db = getDb();
  const [tokens, users] = await Promise.all([listApiTokens(db), listUserOptions(db)]);
  return { tokens, users };
}

type ActionResult =
  | { intent: "issue"; ok: true; token: string; name: string }
  | { intent: "issue" | "revoke"; ok: false; errors: FieldErrors; values: Record<string, string>; formError?: string };

export async function action({ request }: ActionFunctionArgs) {
  await requireAdmin(request);
  const db = getDb();
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "issue") {
    const parsed = parseForm(issueSchema, formData);
    if (!parsed.ok) return data<ActionResult>({ intent, ok: false, errors: parsed.errors, values: parsed.values, formError: "form.fixErrors" }, { status: 400 });
    try {
      const { token } = await issueApiToken(db, parsed.data);
      // The plaintext exists only in this response: keep it out of every cache.
      return data<ActionResult>({ intent, ok: true, token, name: parsed.data.name }, { headers: { "Cache-Control": "no-store" } });
    } catch (error) {
      if (!(error instanceof UnknownUserError)) throw error;
      return data<ActionResult>({ intent, ok: false, errors: { userId: "form.invalidChoice" }, values: parsed.data }, { status: 400 });
    }
  }
  if (intent === "revoke") {
    if (!(await revokeApiToken(db, String(formData.get("tokenId") ?? "")))) {
      return data<ActionResult>({ intent, ok: false, errors: {}, values: {}, formError: "admin.token.alreadyRevoked" }, { status: 409 });
    }
    return redirect("/admin/tokens?done=revoked");
  }
  throw data({ messageKey: "error.generic" }, { status: 400 });
}

export default function AdminTokens() {
  const t = useT();
  const { tokens, users } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const issueFailure = result && !result.ok && result.intent === "issue" ? result : undefined;
  const values = issueFailure?.values ?? {};
  const errors = issueFailure?.errors ?? {};
  return (
    <div className="space-y-5">
      <PageHeader title={t("admin.token.title")} subtitle={t("admin.token.subtitle")} />
      {result?.ok ? (
        <Alert tone="green" title={t("admin.token.issued")}>
          <p className="mb-1 text-xs">{result.name}</p>
          <code className="block select-all break-all rounded bg-white px-2 py-1.5 font-mono text-sm text-slate-900 ring-1 ring-emerald-200" data-testid="issued-token">
            {result.token}
          </code>
        </Alert>
      ) : null}
      {result && !result.ok && result.intent === "revoke" && result.formError ? <Alert tone="amber">{t(result.formError)}</Alert> : null}
      {!result && params.get("done") === "revoked" ? <Alert tone="green">{t("admin.token.revokedDone")}</Alert> : null}

      <Card title={t("admin.token.issue")}>
        <Form method="post" noValidate className="grid items-start gap-4 sm:grid-cols-[1fr_1fr_auto]" key={result?.ok ? result.token : "issue"}>
          <input type="hidden" name="intent" value="issue" />
          <SelectField
            name="userId"
            label={t("admin.token.user")}
            required
            defaultValue={values.userId ?? ""}
            error={errors.userId}
            placeholder={t("admin.token.choose")}
            options={users.map((u) => ({ value: u.id, label: `${u.name} <${u.email}>` }))}
          />
          <TextField name="name" label={t("admin.token.name")} required defaultValue={values.name} error={errors.name} maxLength={100} />
          <button type="submit" className="btn-primary sm:mt-6" disabled={busy}>{t("admin.token.issue")}</button>
        </Form>
      </Card>

      <TableCard
        empty={tokens.length === 0}
        headers={[
          t("admin.token.prefix"),
          t("admin.token.name"),
          t("admin.token.user"),
          t("admin.token.created"),
          t("admin.token.lastUsed"),
          t("common.status"),
          t("common.actions"),
        ]}
      >
        {tokens.map((tok) => (
          <tr key={tok.id} className={tok.revokedAt ? "text-slate-400" : undefined}>
            <td className="whitespace-nowrap font-mono text-xs">{tok.prefix}…</td>
            <td>{tok.name}</td>
            <td className="whitespace-nowrap">
              {tok.userName} <span className="text-xs text-slate-500">{tok.userEmail}</span>
            </td>
            <td className="whitespace-nowrap tabular-nums">{tok.createdAt}</td>
            <td className="whitespace-nowrap tabular-nums">{tok.lastUsedAt || t("admin.token.never")}</td>
            <td className="whitespace-nowrap">
              {tok.revokedAt ? (
                <Badge tone="red">
                  {t("admin.token.revoked")} {tok.revokedAt}
                </Badge>
              ) : (
                <Badge tone="green">{t("admin.token.active")}</Badge>
              )}
            </td>
            <td>
              {tok.revokedAt ? null : (
                <Form
                  method="post"
                  onSubmit={(e) => {
                    if (!window.confirm(t("admin.token.confirmRevoke"))) e.preventDefault();
                  }}
                >
                  <input type="hidden" name="tokenId" value={tok.id} />
                  <button type="submit" name="intent" value="revoke" className="text-sm text-red-600 hover:underline" disabled={busy}>
                    {t("admin.token.revoke")}
                  </button>
                </Form>
              )}
            </td>
          </tr>
        ))}
      </TableCard>
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}
