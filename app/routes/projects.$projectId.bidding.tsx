import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { getDb } from "#db/client";
import { InvitationList, InviteForm } from "~/components/bidding/invitations";
import { PmQuoteActions, type WithdrawFailure } from "~/components/bidding/quote-actions";
import { QuoteForm, type RowErrorView } from "~/components/bidding/quote-form";
import { QuoteHistory } from "~/components/bidding/quote-history";
import { ProjectSections } from "~/components/project/project-sections";
import { projectSections } from "~/services/projects/project-sections.server";
import { RouteErrorBoundary } from "~/components/route-error-boundary";
import { Alert, Card, PageHeader } from "~/components/ui/layout";
import { useT } from "~/i18n/use-t";
import { shanghaiDate } from "~/lib/calendar";
import { forbidden } from "~/lib/http.server";
import { requestInfo } from "~/lib/request-info.server";
import { requireUser } from "~/lib/session.server";
import { readMultipartForm, UploadTooLargeError, type ParsedUpload } from "~/lib/uploads.server";
import { importQuoteLines } from "~/services/bidding/import-quote-lines.server";
import { inviteVendors, readInviteForm } from "~/services/bidding/invite-vendors.server";
import { listInstallers, listInvitations, listVendorQuotes, requireBiddingProject } from "~/services/bidding/list-bidding.server";
import { LINE_FIELDS, quoteToValues } from "~/services/bidding/quote-fields";
import { readQuoteForm } from "~/services/bidding/quote-input";
import { revokeInvitation } from "~/services/bidding/revoke-invitation.server";
import { submitQuote } from "~/services/bidding/submit-quote.server";
import { withdrawQuote } from "~/services/bidding/withdraw-quote.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `招标报价 · ${data.project.code} · 工程安装售后管理` : "招标报价" }];

type Mode = "paper" | "import" | "revise";
const MODES: Mode[] = ["paper", "import", "revise"];
const DONE = ["invited", "revoked", "resent", "saved", "withdrawn"];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = getDb();
  const { project, access } = await requireBiddingProject(db, user, params.projectId ?? "");
  const now = new Date();
  const today = shanghaiDate(now.toISOString());
  const canWrite = access === "edit" && project.stage === "bidding";
  const [invitations, quotes, installers] = await Promise.all([
    listInvitations(db, project.id, now),
    listVendorQuotes(db, project.id, today),
    canWrite ? listInstallers(db) : Promise.resolve([]),
  ]);
  const url = new URL(request.url);
  const mode = MODES.find((m) => m === url.searchParams.get("quote")) ?? null;
  const reviseOf = mode === "revise" ? quotes.find((g) => g.vendorId === url.searchParams.get("vendor")) ?? null : null;
  const latest = reviseOf?.revisions[0];
  return {
    project: { id: project.id, code: project.code, name: project.name, stage: project.stage },
    sections: projectSections(user, project),
    access,
    canWrite,
    today,
    invitations,
    quotes,
    installers,
    mode: mode === "revise" && !reviseOf ? null : mode,
    revise: reviseOf ? { vendorId: reviseOf.vendorId, vendorName: reviseOf.vendorName, values: latest ? { ...quoteToValues(latest), validUntil: latest.validUntil >= today ? latest.validUntil : "" } : {} } : null,
  };
}

interface Failure {
  intent: string;
  mode?: Mode;
  values: Record<string, string>;
  errors: Record<string, string>;
  formError?: string | null;
  rowErrors?: RowErrorView[];
  quoteId?: string;
  stamp: string;
}
const fail = (f: Omit<Failure, "stamp">, status = 400) => data({ ...f, stamp: crypto.randomUUID() } as Failure, { status });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const db = getDb();
  const { project, access } = await requireBiddingProject(db, user, params.projectId ?? "");
  if (access !== "edit") forbidden();
  const info = requestInfo(request, context);
  const back = (done: string, hash = "") => redirect(`/projects/${project.id}/bidding?done=${done}${hash}`);
  let upload: ParsedUpload | null = null;
  let form: FormData;
  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    try {
      upload = await readMultipartForm(request, { attachments: ["pdf", "image"], linesFile: ["spreadsheet"] });
    } catch (error) {
      if (error instanceof UploadTooLargeError) return fail({ intent: "quote", values: {}, errors: {}, formError: "upload.tooLarge" }, 413);
      throw error;
    }
    form = upload.form;
  } else form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const values = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string")) as Record<string, string>;

  if (intent === "invite") {
    const read = readInviteForm(form, new Date());
    if (!read.ok) return fail({ intent, values: read.values, errors: read.errors });
    const result = await inviteVendors(db, user, project.id, read.data, info);
    if (!result.ok) return fail({ intent, values: read.values, errors: result.errors, formError: result.formError }, result.formError === "bidding.closed" ? 409 : 400);
    return back("invited");
  }
  if (intent === "revoke" || intent === "resend") {
    const result = await revokeInvitation(db, user, project.id, values.invitationId ?? "", { resend: intent === "resend", info });
    if (!result.ok) return fail({ intent, values, errors: {}, formError: result.formError }, 409);
    return back(intent === "resend" ? "resent" : "revoked");
  }
  if (intent === "withdraw") {
    const result = await withdrawQuote(db, { kind: "user", user }, project.id, values.quoteId ?? "", values.reason ?? "", { info });
    if (!result.ok) return fail({ intent, values, errors: result.errors, formError: result.formError, quoteId: values.quoteId });
    return back("withdrawn", "#quotes");
  }
  if (!intent.startsWith("quote.")) throw data({ messageKey: "error.generic" }, { status: 400 });

  const mode = MODES.find((m) => m === values.mode) ?? "paper";
  const today = shanghaiDate(new Date().toISOString());
  const uploadErrors = upload?.errors ?? {};
  let quoteForm = form;
  const source: "paper" | "import" = mode === "import" ? "import" : "paper";
  const file = upload?.files.linesFile?.[0];
  if (intent === "quote.save" && mode === "import" && file) {
    const imported = await importQuoteLines(file.bytes, file.mime);
    if ("rowErrors" in imported) return fail({ intent: "quote", mode, values, errors: {}, rowErrors: imported.rowErrors });
    // The file's lines replace whatever rows the form had.
    quoteForm = new FormData();
    for (const [k, v] of form.entries()) if (typeof v === "string" && !k.startsWith("lines[")) quoteForm.append(k, v);
    imported.raw.forEach((row, i) => LINE_FIELDS.forEach((f) => quoteForm.append(`lines[${i}].${f}`, row[f])));
  } else if (intent === "quote.save" && mode === "import" && !uploadErrors.linesFile && !Object.keys(values).some((k) => k.startsWith("lines[") && values[k].trim())) {
    uploadErrors.linesFile = "bidding.import.fileRequired";
  }
  const read = readQuoteForm(quoteForm, today);
  if (read.kind === "redraw") return data({ intent: "quote", mode, values: read.values, errors: {}, formError: null, stamp: crypto.randomUUID() } as Failure);
  const errors = { ...(read.kind === "invalid" ? read.errors : {}), ...uploadErrors };
  if (read.kind === "invalid" || Object.keys(errors).length) return fail({ intent: "quote", mode, values: read.values, errors });
  const result = await submitQuote(db, { kind: "user", user }, project.id, read.values.vendorId ?? "", read.data, { source, attachments: upload?.files.attachments ?? [], info });
  if (!result.ok) return fail({ intent: "quote", mode, values: read.values, errors: result.errors, formError: result.formError }, result.formError === "bidding.closed" || result.formError === "bidding.quote.staleRevision" ? 409 : 400);
  return back("saved", "#quotes");
}

export default function BiddingPage() {
  const t = useT();
  const page = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as Failure | undefined;
  const [params] = useSearchParams();
  const done = !failure && DONE.includes(params.get("done") ?? "") ? params.get("done") : null;
  const quoteFailure = failure?.intent === "quote" ? failure : undefined;
  const mode = quoteFailure?.mode ?? page.mode;
  const revise = mode === "revise" ? page.revise ?? (quoteFailure ? { vendorId: quoteFailure.values.vendorId ?? "", vendorName: page.quotes.find((g) => g.vendorId === quoteFailure.values.vendorId)?.vendorName ?? "", values: {} } : null) : null;
  const inviteFailure = failure?.intent === "invite" ? failure : undefined;
  const withdrawFailure: WithdrawFailure | null = failure?.intent === "withdraw" ? { quoteId: failure.quoteId ?? "", errors: failure.errors, formError: failure.formError, values: failure.values } : null;
  const otherFailure = failure && ["revoke", "resend"].includes(failure.intent) ? failure : undefined;
  return (
    <div className="mx-auto max-w-6xl space-y-5">
      <ProjectSections projectId={page.project.id} sections={page.sections} />
      <PageHeader
        title={t("bidding.title")}
        subtitle={t("bidding.subtitle", { code: page.project.code, name: page.project.name })}
        actions={<Link to={`/projects/${page.project.id}`} className="btn-secondary">{t("bidding.backToProject")}</Link>}
      />
      {done ? <Alert tone="green">{t(`bidding.done.${done}`)}</Alert> : null}
      {page.project.stage !== "bidding" ? <Alert tone="amber">{t("bidding.closed")}</Alert> : page.access === "read" ? <Alert tone="blue">{t("bidding.readOnly")}</Alert> : null}
      {otherFailure?.formError ? <Alert>{t(otherFailure.formError)}</Alert> : null}

      <Card title={t("bidding.invite.title")}>
        <InvitationList rows={page.invitations} canEdit={page.canWrite} />
        {page.canWrite ? (
          <details className="mt-4 border-t border-slate-100 pt-4" open={Boolean(inviteFailure) || page.invitations.length === 0}>
            <summary className="cursor-pointer font-medium text-brand-700">{t("bidding.invite.formTitle")}</summary>
            <div className="mt-3">
              <InviteForm key={inviteFailure?.stamp ?? "invite"} installers={page.installers} values={inviteFailure?.values ?? {}} errors={inviteFailure?.errors ?? {}} formError={inviteFailure?.formError} />
            </div>
          </details>
        ) : null}
      </Card>

      <div id="quotes">
        <Card
          title={t("bidding.quote.title")}
          actions={
            page.canWrite ? (
              <div className="flex flex-wrap gap-2">
                <Link to="?quote=paper#quote-form" className="btn-secondary" preventScrollReset>{t("bidding.quote.enterPaper")}</Link>
                <Link to="?quote=import#quote-form" className="btn-secondary" preventScrollReset>{t("bidding.quote.import")}</Link>
              </div>
            ) : undefined
          }
        >
          <QuoteHistory
            groups={page.quotes}
            fileHref={(id) => `/projects/${page.project.id}/bidding/files/${id}`}
            actions={page.canWrite ? (g) => <PmQuoteActions group={g} failure={withdrawFailure} /> : undefined}
          />
        </Card>
      </div>

      {page.canWrite && mode ? (
        <div id="quote-form" className="scroll-mt-4">
          <QuoteForm
            key={quoteFailure?.stamp ?? `${mode}-${revise?.vendorId ?? ""}`}
            title={mode === "revise" ? `${t("bidding.quote.revise")} · ${revise?.vendorName ?? ""}` : t(mode === "import" ? "bidding.quote.import" : "bidding.quote.enterPaper")}
            values={quoteFailure?.values ?? revise?.values ?? {}}
            errors={quoteFailure?.errors ?? {}}
            formError={quoteFailure?.formError}
            rowErrors={quoteFailure?.rowErrors}
            vendor={mode === "revise" && revise ? { kind: "fixed", id: revise.vendorId, name: revise.vendorName } : { kind: "select", options: page.installers.map((c) => ({ value: c.id, label: c.name })) }}
            withFile={mode === "import"}
            hidden={{ mode }}
            today={page.today}
            cancelHref={`/projects/${page.project.id}/bidding`}
          />
        </div>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}
