import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import { getDb } from "#db/client";
import { RouteErrorBoundary } from "~/components/route-error-boundary";
import { Alert, Badge, Card, PageHeader } from "~/components/ui/layout";
import { notFound } from "~/lib/http.server";
import { getOutboxMessage, readEmlFile, retryOutboxMessage } from "~/lib/mail/worker.server";
import { useT } from "~/i18n/use-t";
import { formatInstant } from "~/services/admin/format-time.server";
import { requireAdmin } from "~/services/admin/require-admin.server";

const STATUS_TONE = { pending: "amber", sending: "blue", sent: "green", failed: "red" } as const;
/** Big attachments make big .eml files: the page shows the start, the download has it all. */
const RAW_PREVIEW_CHARS = 200_000;

function parseId(raw: string | undefined): number {
  if (!raw || !/^\d{1,15}$/.test(raw)) notFound();
  return Number(raw);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const id = parseId(params.id);
  const row = await getOutboxMessage(getDb(), id);
  if (!row) notFound();
  const raw = await readEmlFile(id);
  return {
    message: {
      id: row.id,
      template: row.template,
      projectId: row.projectId,
      status: row.status,
      attempts: row.attempts,
      lastError: row.lastError ?? "",
      messageId: row.messageId ?? "",
      idempotencyKey: row.idempotencyKey,
      to: (row.payload.to ?? []).join(", "),
      cc: (row.payload.cc ?? []).join(", "),
      subject: row.payload.subject ?? "",
      text: row.payload.text ?? "",
      attachments: (row.payload.attachments ?? []).map((a) => `${a.filename} (${a.contentType})`),
      createdAt: formatInstant(row.createdAt),
      sentAt: formatInstant(row.sentAt),
      nextAttemptAt: row.status === "pending" ? formatInstant(row.nextAttemptAt) : "",
    },
    raw: raw === null ? null : raw.slice(0, RAW_PREVIEW_CHARS),
    rawTruncated: raw !== null && raw.length > RAW_PREVIEW_CHARS,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  await requireAdmin(request);
  const id = parseId(params.id);
  const formData = await request.formData();
  if (formData.get("intent") !== "retry") throw data({ messageKey: "error.generic" }, { status: 400 });
  const db = getDb();
  if (!(await getOutboxMessage(db, id))) notFound();
  if (!(await retryOutboxMessage(db, id))) return data({ formError: "admin.mail.notFailed" }, { status: 409 });
  return redirect(`/admin/mail/${id}?done=retried`);
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid gap-1 py-1.5 sm:grid-cols-[9rem_1fr] sm:gap-3">
      <dt className="text-sm text-slate-500">{label}</dt>
      <dd className="min-w-0 break-words text-sm">{children}</dd>
    </div>
  );
}

export default function MailDetail() {
  const t = useT();
  const { message: m, raw, rawTruncated } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="max-w-4xl space-y-5">
      <PageHeader
        title={t("admin.mail.detailTitle", { id: m.id })}
        subtitle={m.subject}
        actions={
          <>
            {m.status === "failed" ? (
              <Form method="post">
                <button type="submit" name="intent" value="retry" className="btn-primary" disabled={busy}>{t("admin.mail.retry")}</button>
              </Form>
            ) : null}
            <Link to="/admin/mail" className="btn-secondary">{t("common.back")}</Link>
          </>
        }
      />
      {result?.formError ? <Alert tone="amber">{t(result.formError)}</Alert> : null}
      {!result && params.get("done") === "retried" ? <Alert tone="green">{t("admin.mail.retried")}</Alert> : null}

      <Card title={t("admin.mail.headers")}>
        <dl className="divide-y divide-slate-100">
          <Row label={t("admin.mail.status")}>
            <span className="flex flex-wrap items-center gap-2">
              <Badge tone={STATUS_TONE[m.status]}>{t(`admin.mail.status.${m.status}`)}</Badge>
              <span className="text-slate-500">{t("admin.mail.attempts", { n: m.attempts })}</span>
            </span>
          </Row>
          {m.lastError ? (
            <Row label={t("admin.mail.lastError")}>
              <span className="font-mono text-xs text-red-700">{m.lastError}</span>
            </Row>
          ) : null}
          {m.nextAttemptAt ? <Row label={t("admin.mail.nextAttempt")}>{m.nextAttemptAt}</Row> : null}
          <Row label={t("admin.mail.to")}>{m.to}</Row>
          {m.cc ? <Row label={t("admin.mail.cc")}>{m.cc}</Row> : null}
          <Row label={t("admin.mail.subject")}>{m.subject}</Row>
          <Row label={t("admin.mail.template")}><span className="font-mono text-xs">{m.template}</span></Row>
          {m.projectId ? (
            <Row label={t("admin.mail.project")}>
              <Link to={`/projects/${m.projectId}`} className="btn-link">{m.projectId}</Link>
            </Row>
          ) : null}
          <Row label={t("admin.mail.created")}>{m.createdAt}</Row>
          {m.sentAt ? <Row label={t("admin.mail.sentAt")}>{m.sentAt}</Row> : null}
          <Row label={t("admin.mail.messageId")}><span className="font-mono text-xs">{m.messageId || m.idempotencyKey}</span></Row>
          {m.attachments.length > 0 ? (
            <Row label={t("admin.mail.attachments")}>
              <ul className="list-inside list-disc">
                {m.attachments.map((a, i) => (
                  <li key={i}>{a}</li>
                ))}
              </ul>
            </Row>
          ) : null}
        </dl>
      </Card>

      <Card title={t("admin.mail.textBody")}>
        <pre className="max-h-[32rem] overflow-auto whitespace-pre-wrap break-words text-sm">{m.text}</pre>
      </Card>

      <Card
        title={t("admin.mail.raw")}
        actions={
          raw !== null ? (
            <a href={`/admin/mail/${m.id}/eml`} download={`message-${m.id}.eml`} className="btn-secondary">
              {t("admin.mail.download")}
            </a>
          ) : null
        }
      >
        {raw === null ? (
          <p className="text-sm text-slate-500">{t("admin.mail.noRaw")}</p>
        ) : (
          <pre className="max-h-[32rem] overflow-auto whitespace-pre text-xs">
            {raw}
            {rawTruncated ? "\n…" : ""}
          </pre>
        )}
      </Card>
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}
