import type { ShouldRevalidateFunction } from "@remix-run/react";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { getDb } from "#db/client";
import { RouteErrorBoundary } from "~/components/route-error-boundary";
import { Alert } from "~/components/ui/layout";
import { useT } from "~/i18n/use-t";
import { notFound } from "~/lib/http.server";
import { overRateLimit } from "~/lib/public-links.server";
import { requestInfo } from "~/lib/request-info.server";
import { readMultipartForm, UploadTooLargeError } from "~/lib/uploads.server";
import { formatInstant } from "~/services/admin/format-time.server";
import { findDocumentByShortCode, type DocumentStatus } from "~/services/documents/find-document.server";

/**
 * /v/<code>: the public page the QR code in every issued PDF opens. Anyone holding the paper or
 * the file can see whether it is genuine and current, and compare a PDF's SHA-256 with the
 * archived one; nothing of the document's content is shown. Rate-limited per IP like every
 * public page that takes a code, and an unknown code gets the same 404 as a malformed one.
 */
export const meta: MetaFunction = () => [{ title: "文件真伪验证 · 工程安装售后管理" }, { name: "robots", content: "noindex" }];

async function lookup(request: Request, context: unknown, code: string | undefined): Promise<DocumentStatus> {
  const db = getDb();
  if (await overRateLimit(db, "verify", requestInfo(request, context).ip)) throw data({ messageKey: "link.rateLimited" }, { status: 429 });
  const found = await findDocumentByShortCode(db, code);
  if (!found) notFound();
  return found;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const s = await lookup(request, context, params.code);
  const { document: d } = s;
  return {
    title: d.title,
    number: d.number,
    shortCode: d.shortCode,
    version: d.version,
    project: s.project ? `${s.project.code} ${s.project.name}` : "",
    issuedAt: formatInstant(d.createdAt),
    sha256: d.sha256,
    current: s.current,
    currentVersion: s.currentVersion ? { number: s.currentVersion.number, shortCode: s.currentVersion.shortCode } : null,
  };
}

/** A comparison does not change the document: do not reload it (and spend a rate-limit hit). */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formMethod, defaultShouldRevalidate }) => (formMethod ? false : defaultShouldRevalidate);

type CheckResult =
  | { error: string }
  | { result: "match" | "mismatch"; sha256: string; other?: undefined }
  | { result: "otherVersion"; sha256: string; other: { number: string; version: number; shortCode: string; current: boolean } };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const s = await lookup(request, context, params.code);
  let upload;
  try {
    upload = await readMultipartForm(request, { pdf: ["pdf"] });
  } catch (error) {
    if (error instanceof UploadTooLargeError) return data<CheckResult>({ error: "upload.tooLarge" }, { status: 413 });
    throw error;
  }
  const file = upload.files.pdf?.[0];
  if (!file) return data<CheckResult>({ error: upload.errors.pdf ?? "upload.empty" }, { status: 400 });
  if (file.sha256 === s.document.sha256) return data<CheckResult>({ result: "match", sha256: file.sha256 });
  const other = s.versions.find((v) => v.sha256 === file.sha256);
  if (other) {
    return data<CheckResult>({ result: "otherVersion", sha256: file.sha256, other: { number: other.number, version: other.version, shortCode: other.shortCode, current: other.supersededAt === null } });
  }
  return data<CheckResult>({ result: "mismatch", sha256: file.sha256 });
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid gap-0.5 border-b border-slate-100 py-2.5 last:border-0 sm:grid-cols-[10rem_1fr] sm:gap-3">
      <dt className="text-sm text-slate-500">{label}</dt>
      <dd className="min-w-0 text-sm text-slate-900">{children}</dd>
    </div>
  );
}

function CheckOutcome({ outcome }: { outcome: CheckResult }) {
  const t = useT();
  if ("error" in outcome) return <Alert tone="red">{t(outcome.error)}</Alert>;
  const sha = (
    <p className="mt-1 break-all font-mono text-xs opacity-80">
      {t("documents.verify.uploadedSha")}：{outcome.sha256}
    </p>
  );
  if (outcome.result === "match") return <Alert tone="green" title={t("documents.verify.match")}>{sha}</Alert>;
  return (
    <Alert tone="red" title={t("documents.verify.mismatch")}>
      {outcome.other ? (
        <p>
          {t("documents.verify.otherVersion", { number: outcome.other.number, version: outcome.other.version, status: t(outcome.other.current ? "documents.verify.current" : "documents.verify.superseded") })}{" "}
          <Link className="underline" to={`/v/${outcome.other.shortCode}`}>
            {outcome.other.shortCode}
          </Link>
        </p>
      ) : null}
      {sha}
    </Alert>
  );
}

export default function VerifyDocument() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>() as CheckResult | undefined;
  const busy = useNavigation().state === "submitting";
  return (
    <div className="min-h-screen bg-slate-50">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto max-w-2xl px-4 py-3 text-sm font-medium text-slate-700">{t("documents.verify.brand")}</div>
      </header>
      <main className="mx-auto max-w-2xl space-y-4 px-4 py-5">
        <h1 className="text-xl font-semibold text-slate-900">{t("documents.verify.pageTitle")}</h1>
        <Alert tone={d.current ? "green" : "amber"} title={t(d.current ? "documents.verify.current" : "documents.verify.superseded")}>
          {d.currentVersion ? (
            <p>
              {t("documents.verify.currentIs", { number: d.currentVersion.number, code: d.currentVersion.shortCode })}{" "}
              <Link className="font-medium underline" to={`/v/${d.currentVersion.shortCode}`}>
                /v/{d.currentVersion.shortCode}
              </Link>
            </p>
          ) : null}
        </Alert>
        <section className="card px-4 py-1">
          <dl>
            <Row label={t("documents.verify.title")}>{d.title}</Row>
            <Row label={t("documents.verify.number")}>{d.number}</Row>
            <Row label={t("documents.verify.project")}>{d.project}</Row>
            <Row label={t("documents.verify.version")}>V{d.version}</Row>
            <Row label={t("documents.verify.issuedAt")}>{d.issuedAt}</Row>
            <Row label={t("documents.verify.code")}>
              <span className="font-mono">{d.shortCode}</span>
            </Row>
            <Row label={t("documents.verify.sha256")}>
              <span className="break-all font-mono text-xs">{d.sha256}</span>
            </Row>
            <Row label={t("documents.verify.status")}>{t(d.current ? "documents.verify.current" : "documents.verify.superseded")}</Row>
          </dl>
        </section>
        <section className="card space-y-3 p-4">
          <h2 className="text-base font-semibold text-slate-800">{t("documents.verify.checkTitle")}</h2>
          <p className="text-sm text-slate-600">{t("documents.verify.checkHelp")}</p>
          <Form method="post" encType="multipart/form-data" className="flex flex-col gap-3 sm:flex-row sm:items-center">
            <label className="sr-only" htmlFor="pdf">
              {t("documents.verify.file")}
            </label>
            <input id="pdf" name="pdf" type="file" accept="application/pdf,.pdf" required className="block w-full text-sm file:mr-3 file:rounded file:border-0 file:bg-slate-100 file:px-3 file:py-2" />
            <button type="submit" className="btn-primary shrink-0" disabled={busy}>
              {t("documents.verify.submit")}
            </button>
          </Form>
          {outcome ? <CheckOutcome outcome={outcome} /> : null}
        </section>
        <p className="text-xs text-slate-500">{t("documents.verify.note")}</p>
      </main>
    </div>
  );
}

export function ErrorBoundary() {
  return (
    <main className="mx-auto max-w-2xl px-4 py-5">
      <RouteErrorBoundary />
    </main>
  );
}
