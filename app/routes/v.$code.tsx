import type { ShouldRevalidateFunction } from "@remix-run/react";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { getDb } from "#db/client";
import { RouteErrorBoundary } from "~/components/route-error-boundary";
import { Alert, Badge } from "~/components/ui/layout";
import { useT } from "~/i18n/use-t";
import { requestInfo } from "~/lib/request-info.server";
import { readMultipartForm, UploadTooLargeError } from "~/lib/uploads.server";
import { formatInstant } from "~/services/admin/format-time.server";
import { listDocumentSigners, type DocumentSigner } from "~/services/documents/document-signers.server";
import { findPublicDocument } from "~/services/documents/find-document.server";

/**
 * /v/<code>: the public page the QR code in every issued PDF opens. Anyone holding the paper or
 * the file can see whether it is genuine and current, and compare a PDF's SHA-256 with the
 * archived one. A signed document also lists who signed the content it was drawn from (void
 * signatures marked), and the forms addressed to the parties can be opened as issued
 * (/v/<code>/pdf); internal documents (prices) never show their content. Rate-limited per IP
 * like every public page that takes a code, and an unknown code gets the same 404 as a
 * malformed one.
 */
export const meta: MetaFunction = () => [{ title: "文件真伪验证 · 工程安装售后管理" }, { name: "robots", content: "noindex" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const db = getDb();
  const s = await findPublicDocument(db, requestInfo(request, context).ip, params.code);
  const { document: d } = s;
  const signers: DocumentSigner[] = await listDocumentSigners(db, d);
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
    pdfUrl: s.publicPdf ? `/v/${d.shortCode}/pdf` : null,
    signedContentSha256: d.signedContentSha256,
    signers,
  };
}

/** A comparison does not change the document: do not reload it (and spend a rate-limit hit). */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formMethod, defaultShouldRevalidate }) => (formMethod ? false : defaultShouldRevalidate);

type CheckResult =
  | { error: string }
  | { result: "match" | "mismatch"; sha256: string; other?: undefined }
  | { result: "otherVersion"; sha256: string; other: { number: string; version: number; shortCode: string; current: boolean } };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const s = await findPublicDocument(getDb(), requestInfo(request, context).ip, params.code);
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

const PARTY_KEYS: Record<DocumentSigner["party"], string> = {
  supervisor: "acceptanceDocs.verify.party.supervisor",
  client: "acceptanceDocs.verify.party.client",
  designer: "acceptanceDocs.verify.party.designer",
  vendor: "acceptanceDocs.verify.party.vendor",
  pm: "acceptanceDocs.verify.party.pm",
};

/** Who signed the content this document was drawn from; a voided signature is kept, marked void. */
function Signers({ signers, contentSha256 }: { signers: DocumentSigner[]; contentSha256: string }) {
  const t = useT();
  return (
    <section className="card space-y-3 p-4">
      <h2 className="text-base font-semibold text-slate-800">{t("acceptanceDocs.verify.signersTitle")}</h2>
      <p className="text-sm text-slate-600">{t("acceptanceDocs.verify.signersHelp")}</p>
      <dl>
        <Row label={t("acceptanceDocs.verify.signedContentSha256")}>
          <span className="break-all font-mono text-xs">{contentSha256}</span>
        </Row>
      </dl>
      {signers.length === 0 ? (
        <p className="text-sm text-slate-500">{t("acceptanceDocs.verify.noSigners")}</p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-md border border-slate-200">
          {signers.map((s, i) => (
            <li key={i} className={`space-y-1 px-3 py-2.5 text-sm ${s.voided ? "bg-slate-50 text-slate-500" : "text-slate-900"}`}>
              <div className="flex flex-wrap items-center gap-2">
                <span className="font-medium">{t(PARTY_KEYS[s.party] ?? s.party)}</span>
                <span className="min-w-0 break-words">{s.organisation}</span>
                {s.voided ? <Badge tone="red">{t("acceptanceDocs.verify.voided")}</Badge> : null}
              </div>
              <div className={s.voided ? "line-through" : ""}>
                {s.signerName}
                {s.signerRole ? `（${s.signerRole}）` : ""} · {t(s.decision === "approved" ? "acceptanceDocs.verify.approved" : "acceptanceDocs.verify.rejected")}
              </div>
              <div className="text-xs text-slate-500">{t("acceptanceDocs.verify.signedAt", { at: s.signedAt })}</div>
            </li>
          ))}
        </ul>
      )}
    </section>
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
          <p>{t(d.current ? "acceptanceDocs.verify.isCurrent" : "acceptanceDocs.verify.isSuperseded", { number: d.number, version: d.version })}</p>
          {d.currentVersion ? (
            <p className="mt-1">
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
          {d.pdfUrl ? (
            <div className="border-t border-slate-100 py-3">
              {/* A resource route: a plain link, opened by the browser's PDF viewer. */}
              <a className="btn-secondary" href={d.pdfUrl} target="_blank" rel="noopener noreferrer">
                {t(d.current ? "acceptanceDocs.verify.viewPdf" : "acceptanceDocs.verify.viewSupersededPdf")}
              </a>
            </div>
          ) : null}
        </section>
        {d.signedContentSha256 ? <Signers signers={d.signers} contentSha256={d.signedContentSha256} /> : null}
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
