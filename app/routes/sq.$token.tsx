// The customer's paid-work quote, reached from the e-mailed link without an account: the ticket,
// the fault, the items and the amount (figures and Chinese uppercase), valid until; the customer
// types their name and accepts or declines. Failed attempts are counted per IP; an unknown token
// gets the generic refusal, an expired or answered quote says so.
import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { getDb } from "#db/client";
import { RouteErrorBoundary } from "~/components/route-error-boundary";
import { TextField } from "~/components/ui/field";
import { Alert, Card } from "~/components/ui/layout";
import { useT } from "~/i18n/use-t";
import { formatFen } from "~/lib/money";
import { recordFailedAttempt, tooManyFailedAttempts } from "~/lib/public-links.server";
import { requestInfo } from "~/lib/request-info.server";
import { decideServiceQuote, resolveQuoteLink, type QuoteLinkView } from "~/services/service/service-quote.server";

export const meta: MetaFunction = () => [{ title: "维修报价确认 · Service quote" }, { name: "robots", content: "noindex" }];
// The token is in the URL: never send it on as a Referer, never cache the page.
export const headers: HeadersFunction = () => ({ "Referrer-Policy": "no-referrer", "Cache-Control": "no-store", "X-Robots-Tag": "noindex" });

const BUCKET = "service-quote-link";
type Refusal = { state: "invalid" | "rateLimited" };
const refusal = (state: Refusal["state"]) => data({ state } as Refusal, { status: state === "rateLimited" ? 429 : 404 });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const db = getDb();
  const ip = requestInfo(request, context).ip || "unknown";
  if (await tooManyFailedAttempts(db, BUCKET, ip)) return refusal("rateLimited");
  const view = await resolveQuoteLink(db, params.token);
  if (!view) {
    await recordFailedAttempt(db, BUCKET, ip);
    return refusal("invalid");
  }
  return { state: "ok" as const, view };
}

type ActionResult = Refusal | { state: "done"; view: QuoteLinkView } | { state: "failed"; view: QuoteLinkView | null; values: Record<string, string>; errors: Record<string, string>; formError: string | null };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const db = getDb();
  const info = requestInfo(request, context);
  const ip = info.ip || "unknown";
  if (await tooManyFailedAttempts(db, BUCKET, ip)) return refusal("rateLimited");
  const form = await request.formData();
  const values = { name: String(form.get("name") ?? "").slice(0, 60), decision: String(form.get("decision") ?? "") };
  const result = await decideServiceQuote(db, { token: params.token, decision: values.decision, name: values.name, info: { ip } });
  if (result.ok) return { state: "done", view: result.view } satisfies ActionResult;
  if (result.status === 404) {
    await recordFailedAttempt(db, BUCKET, ip);
    return refusal("invalid");
  }
  const view = await resolveQuoteLink(db, params.token);
  return data({ state: "failed", view, values, errors: result.errors, formError: result.formError } satisfies ActionResult, { status: result.status });
}

function Frame({ children }: { children: ReactNode }) {
  const t = useT();
  return (
    <div className="min-h-screen bg-slate-50">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto max-w-xl px-4 py-3 text-base font-semibold text-slate-900">{t("serviceFlow.quoteLink.title")}</div>
      </header>
      <main className="mx-auto max-w-xl space-y-4 px-3 py-4 sm:px-4">{children}</main>
    </div>
  );
}

function QuoteFacts({ view }: { view: QuoteLinkView }) {
  const t = useT();
  const rows: [string, ReactNode][] = [
    [t("serviceFlow.ticketNumber"), <span className="font-mono">{view.ticketNumber}</span>],
    [t("serviceFlow.project"), view.projectName],
    [t("serviceFlow.fault"), view.description],
    [t("serviceFlow.diagnosis"), view.diagnosis],
    [t("serviceFlow.quote.items"), view.items],
    [t("serviceFlow.quote.amount"), <span><span className="text-lg font-semibold">{formatFen(view.amountFen)}</span><br /><span className="text-sm">{t("serviceFlow.quote.inWords")}：{view.amountInWords}</span></span>],
    [t("serviceFlow.quote.validUntil"), view.validUntil],
  ];
  return (
    <dl className="space-y-2 text-sm" data-testid="quote-facts">
      {rows.filter(([, v]) => v !== "").map(([k, v]) => (
        <div key={k}>
          <dt className="text-slate-500">{k}</dt>
          <dd className="whitespace-pre-wrap break-words text-slate-900">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

export default function ServiceQuotePage() {
  const t = useT();
  const page = useLoaderData<typeof loader>() as { state: "ok"; view: QuoteLinkView } | Refusal;
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const busy = useNavigation().state !== "idle";
  if (result?.state === "done") {
    return (
      <Frame>
        <Alert tone="green">{t(result.view.decision === "accepted" ? "serviceFlow.quoteLink.accepted" : "serviceFlow.quoteLink.declined")}</Alert>
        <Card><QuoteFacts view={result.view} /></Card>
      </Frame>
    );
  }
  const refused = result && (result.state === "invalid" || result.state === "rateLimited") ? result : page.state !== "ok" ? page : null;
  if (refused || page.state !== "ok") return <Frame><Alert tone="amber">{t(refused?.state === "rateLimited" ? "link.rateLimited" : "link.invalid")}</Alert></Frame>;
  const failure = result?.state === "failed" ? result : undefined;
  const view = failure?.view ?? page.view;
  return (
    <Frame>
      {failure?.formError ? <Alert tone="red">{t(failure.formError)}</Alert> : null}
      <Card title={t("serviceFlow.quoteLink.heading", { number: view.ticketNumber })}>
        <QuoteFacts view={view} />
      </Card>
      {view.state === "expired" ? (
        <Alert tone="amber">{t("serviceFlow.quoteLink.expired")}</Alert>
      ) : view.state === "decided" ? (
        <Alert tone="blue">{t(view.decision === "accepted" ? "serviceFlow.quoteLink.wasAccepted" : "serviceFlow.quoteLink.wasDeclined", { name: view.decidedName })}</Alert>
      ) : (
        <Card>
          <Form method="post" className="space-y-4">
            <p className="text-sm text-slate-600">{t("serviceFlow.quoteLink.explain")}</p>
            <TextField name="name" label={t("serviceFlow.quoteLink.name")} required maxLength={60} autoComplete="name" defaultValue={failure?.values.name ?? ""} error={failure?.errors.name} />
            {failure?.errors.decision ? <p className="text-sm text-red-600" role="alert">{t(failure.errors.decision)}</p> : null}
            <div className="grid grid-cols-2 gap-3">
              <button type="submit" name="decision" value="accepted" className="btn-primary min-h-[48px]" disabled={busy}>{t("serviceFlow.quoteLink.accept")}</button>
              <button type="submit" name="decision" value="declined" className="btn-secondary min-h-[48px]" disabled={busy}>{t("serviceFlow.quoteLink.decline")}</button>
            </div>
          </Form>
        </Card>
      )}
    </Frame>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}
