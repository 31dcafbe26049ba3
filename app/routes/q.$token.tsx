// The vendor's quote page, reached from the invitation e-mail without an account. Every request is
// counted against the per-IP limit first; any unusable token gets the same generic refusal.
import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import { getDb } from "#db/client";
import { WithdrawForm } from "~/components/bidding/quote-actions";
import { QuoteForm } from "~/components/bidding/quote-form";
import { QuoteHistory } from "~/components/bidding/quote-history";
import { formatInstant } from "~/components/project/labels";
import { RouteErrorBoundary } from "~/components/route-error-boundary";
import { Alert, Card } from "~/components/ui/layout";
import { useLocale, useT } from "~/i18n/use-t";
import { shanghaiDate } from "~/lib/calendar";
import { recordFailedAttempt, tooManyFailedAttempts } from "~/lib/public-links.server";
import { requestInfo } from "~/lib/request-info.server";
import { readMultipartForm, UploadTooLargeError } from "~/lib/uploads.server";
import { listVendorQuotes } from "~/services/bidding/list-bidding.server";
import { quoteToValues } from "~/services/bidding/quote-fields";
import { readQuoteForm } from "~/services/bidding/quote-input";
import { markInvitationOpened, resolveInvitation, type ResolvedInvitation } from "~/services/bidding/resolve-invitation.server";
import { submitQuote } from "~/services/bidding/submit-quote.server";
import { withdrawQuote } from "~/services/bidding/withdraw-quote.server";

export const meta: MetaFunction = () => [{ title: "安装工程报价 · Installation quote" }, { name: "robots", content: "noindex" }];
// The token is in the URL: never send it on as a Referer, never cache the page.
export const headers: HeadersFunction = () => ({ "Referrer-Policy": "no-referrer", "Cache-Control": "no-store", "X-Robots-Tag": "noindex" });

type Refusal = { state: "invalid" | "closed" | "rateLimited" };

async function gate(request: Request, context: unknown, token: string | undefined): Promise<{ invitation: ResolvedInvitation } | ReturnType<typeof refusal>> {
  const db = getDb();
  const ip = requestInfo(request, context).ip || "unknown";
  if (await tooManyFailedAttempts(db, "quote-link", ip)) return refusal("rateLimited");
  const resolved = await resolveInvitation(db, token);
  if (resolved.status !== "ok") {
    await recordFailedAttempt(db, "quote-link", ip);
    return refusal(resolved.status);
  }
  return { invitation: resolved.invitation };
}
const refusal = (state: Refusal["state"]) => data({ state } as Refusal, { status: state === "rateLimited" ? 429 : 404 });

async function pageData(invitation: ResolvedInvitation) {
  const today = shanghaiDate(new Date().toISOString());
  const quotes = await listVendorQuotes(getDb(), invitation.projectId, today, invitation.vendorId);
  const latest = quotes[0]?.revisions[0];
  const values: Record<string, string> = latest ? { ...quoteToValues(latest), validUntil: latest.validUntil >= today ? latest.validUntil : "" } : { basedOnRevision: "0" };
  const { invitationId: _id, projectId: _p, ...shown } = invitation;
  return { state: "ok" as const, today, invitation: { ...shown, deadline: invitation.deadline.toISOString() }, quotes, values, latestId: latest && !latest.withdrawnAt ? latest.id : null };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const gated = await gate(request, context, params.token);
  if (!("invitation" in gated)) return gated;
  await markInvitationOpened(getDb(), gated.invitation.invitationId);
  return pageData(gated.invitation);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const gated = await gate(request, context, params.token);
  if (!("invitation" in gated)) return gated;
  const { invitation } = gated;
  const db = getDb();
  const info = requestInfo(request, context);
  const actor = { kind: "link" as const, invitationId: invitation.invitationId, vendorName: invitation.vendorName };
  let upload;
  try {
    upload = await readMultipartForm(request, { attachments: ["pdf", "image"] });
  } catch (error) {
    if (error instanceof UploadTooLargeError) return data({ intent: "quote", values: {} as Record<string, string>, errors: {} as Record<string, string>, formError: "upload.tooLarge", stamp: crypto.randomUUID() }, { status: 413 });
    throw error;
  }
  const intent = String(upload.form.get("intent") ?? "");
  const self = `/q/${params.token}`;
  if (intent === "withdraw") {
    const reason = String(upload.form.get("reason") ?? "");
    const quoteId = String(upload.form.get("quoteId") ?? "");
    const result = await withdrawQuote(db, actor, invitation.projectId, quoteId, reason, { info });
    if (!result.ok) return data({ intent, quoteId, values: { reason }, errors: result.errors, formError: result.formError ?? null, stamp: crypto.randomUUID() }, { status: 400 });
    return redirect(`${self}?done=withdrawn`);
  }
  const read = readQuoteForm(upload.form, shanghaiDate(new Date().toISOString()));
  if (read.kind === "redraw") return { intent: "quote", values: read.values, errors: {} as Record<string, string>, formError: null as string | null, stamp: crypto.randomUUID() };
  const errors = { ...(read.kind === "invalid" ? read.errors : {}), ...upload.errors };
  if (read.kind === "invalid" || Object.keys(errors).length) return data({ intent: "quote", values: read.values, errors, formError: null, stamp: crypto.randomUUID() }, { status: 400 });
  // The company is the invitation's, whatever the form says.
  const result = await submitQuote(db, actor, invitation.projectId, invitation.vendorId, read.data, { source: "link", attachments: upload.files.attachments ?? [], info });
  if (!result.ok) return data({ intent: "quote", values: read.values, errors: result.errors, formError: result.formError ?? null, stamp: crypto.randomUUID() }, { status: result.formError === "bidding.quote.staleRevision" ? 409 : 400 });
  return redirect(`${self}?done=saved&n=${result.revision}`);
}

function Frame({ children }: { children: ReactNode }) {
  const t = useT();
  return (
    <div className="min-h-screen bg-slate-50">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto max-w-4xl px-4 py-3 text-base font-semibold text-slate-900">{t("bidding.link.title")}</div>
      </header>
      <main className="mx-auto max-w-4xl space-y-4 px-3 py-4 sm:px-4">{children}</main>
    </div>
  );
}

export default function QuoteLinkPage() {
  const t = useT();
  const locale = useLocale();
  const page = useLoaderData<typeof loader>() as Awaited<ReturnType<typeof pageData>> | Refusal;
  const result = useActionData<typeof action>() as { intent: string; quoteId?: string; values: Record<string, string>; errors: Record<string, string>; formError?: string | null; stamp: string } | Refusal | undefined;
  const [params] = useSearchParams();
  const refused = result && "state" in result ? result : page.state !== "ok" ? page : null;
  if (refused || page.state !== "ok") {
    const key = refused?.state === "rateLimited" ? "link.rateLimited" : refused?.state === "closed" ? "bidding.link.closed" : "link.invalid";
    return (
      <Frame>
        <Alert tone="amber">{t(key)}</Alert>
      </Frame>
    );
  }
  const failure = result && !("state" in result) ? result : undefined;
  const quoteFailure = failure?.intent === "quote" ? failure : undefined;
  const inv = page.invitation;
  const done = !failure ? params.get("done") : null;
  const facts: [string, string][] = [
    ["bidding.link.project", `${inv.project.name}（${inv.project.code}）`],
    ["bidding.link.site", inv.project.siteAddress],
    ["bidding.link.client", inv.project.clientName],
    ["bidding.invite.scope", inv.scope],
    ["bidding.invite.drawings", inv.drawings],
    ["bidding.invite.requirements", inv.requirements],
    ["bidding.invite.deadline", formatInstant(inv.deadline, locale)],
  ];
  return (
    <Frame>
      {done === "saved" ? <Alert tone="green">{t("bidding.link.saved", { n: params.get("n") ?? "" })}</Alert> : done === "withdrawn" ? <Alert tone="green">{t("bidding.link.withdrawn")}</Alert> : null}
      <Card title={t("bidding.link.forCompany", { name: inv.vendorName })}>
        <dl className="space-y-1 text-sm">
          {facts
            .filter(([, v]) => v)
            .map(([k, v]) => (
              <div key={k} className="flex gap-2">
                <dt className="shrink-0 text-slate-500">{t(k)}：</dt>
                <dd className="whitespace-pre-wrap break-words">{v}</dd>
              </div>
            ))}
        </dl>
        <p className="mt-3 text-xs text-slate-500">{t("bidding.link.note")}</p>
      </Card>
      {page.quotes.length ? (
        <Card title={t("bidding.link.yourQuotes")}>
          <QuoteHistory
            groups={page.quotes}
            showVendor={false}
            actions={page.latestId ? () => <WithdrawForm quoteId={page.latestId!} failure={failure?.intent === "withdraw" ? { quoteId: failure.quoteId ?? "", errors: failure.errors, formError: failure.formError, values: failure.values } : null} /> : undefined}
          />
        </Card>
      ) : null}
      <QuoteForm
        key={quoteFailure?.stamp ?? page.values.basedOnRevision}
        title={t(page.quotes.length ? "bidding.link.reviseQuote" : "bidding.link.newQuote")}
        values={quoteFailure?.values ?? page.values}
        errors={quoteFailure?.errors ?? {}}
        formError={quoteFailure?.formError}
        vendor={{ kind: "none" }}
        today={page.today}
      />
    </Frame>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}
