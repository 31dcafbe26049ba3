// The external reviewer's task page, reached from the e-mailed link without an account: the
// supervisor or client reads the document, decides and signs. Every request is counted against
// the per-IP limit first; any unusable token gets the same generic refusal (404).
import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useParams, useSearchParams, type ShouldRevalidateFunction } from "@remix-run/react";
import type { ReactNode } from "react";
import { getDb } from "#db/client";
import { CommencementView, EarlierOpinions } from "~/components/review/commencement-view";
import { MaterialView, VerificationView } from "~/components/review/other-views";
import { AcceptanceSigners, AcceptanceView } from "~/components/acceptance/acceptance-view";
import { SignForm } from "~/components/review/sign-form";
import { RouteErrorBoundary } from "~/components/route-error-boundary";
import { Alert, Card } from "~/components/ui/layout";
import { useT } from "~/i18n/use-t";
import { isValidDate } from "~/lib/calendar";
import { recordFailedAttempt, tooManyFailedAttempts } from "~/lib/public-links.server";
import { requestInfo } from "~/lib/request-info.server";
import { readMultipartForm, UploadTooLargeError } from "~/lib/uploads.server";
import { decideTask, type NoticeInput } from "~/services/review/decide-task.server";
import { markTaskOpened, resolveReviewTask } from "~/services/review/review-tasks.server";
import { readSignatureForm } from "~/services/review/signature-input.server";
import { loadTaskView } from "~/services/review/task-view.server";
import { savedSealFor } from "~/services/review/saved-seal.server";

export const meta: MetaFunction = () => [{ title: "审批任务 · Review task" }, { name: "robots", content: "noindex" }];
// The token is in the URL: never send it on as a Referer, never cache the page.
export const headers: HeadersFunction = () => ({ "Referrer-Policy": "no-referrer", "Cache-Control": "no-store", "X-Robots-Tag": "noindex" });

/**
 * After a decision the task is used up: reloading the page would only be refused — and recorded as
 * a failed link attempt against the signer's own address. Found by `npm run soak`: every signing
 * through the page also counted as a failed attempt, so an office signing many tasks in ten minutes
 * was locked out with 429. The confirmation comes from the action's result instead.
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionResult, defaultShouldRevalidate }) =>
  actionResult && typeof actionResult === "object" && "done" in actionResult ? false : defaultShouldRevalidate;

type Refusal = { state: "invalid" | "rateLimited" };
const refusal = (state: Refusal["state"]) => data({ state } as Refusal, { status: state === "rateLimited" ? 429 : 404 });

async function gate(request: Request, context: unknown, token: string | undefined) {
  const db = getDb();
  const ip = requestInfo(request, context).ip || "unknown";
  if (await tooManyFailedAttempts(db, "review-link", ip)) return { refused: refusal("rateLimited") };
  const resolved = await resolveReviewTask(db, token);
  const view = resolved.ok ? await loadTaskView(db, resolved.task, resolved.project) : null;
  if (!resolved.ok || !view) {
    await recordFailedAttempt(db, "review-link", ip);
    return { refused: refusal("invalid") };
  }
  return { ...resolved, view };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const gated = await gate(request, context, params.token);
  if ("refused" in gated) return gated.refused;
  const { task, project, view } = gated;
  await markTaskOpened(getDb(), task.id);
  return {
    state: "ok" as const,
    task: { kind: task.kind, party: task.party, recipientName: task.recipientName, organisation: task.organisation, expiresAt: task.expiresAt.toISOString() },
    project: { code: project.code, name: project.name },
    view: { kind: view.kind, content: view.content, opinions: view.opinions, hash: view.hash },
    sealSaved: await savedSealFor(getDb(), project, task),
  };
}

function readNotice(form: FormData): { notice: NoticeInput; errors: Record<string, string> } {
  const get = (k: string, max: number) => String(form.get(k) ?? "").replace(/\r\n/g, "\n").trim().slice(0, max);
  const notice = { number: get("number", 60), subject: get("subject", 200), content: get("content", 5000), deadlineOn: get("deadlineOn", 10) };
  const errors: Record<string, string> = {};
  if (!notice.subject) errors.subject = "form.required";
  if (!notice.content) errors.content = "form.required";
  if (!notice.deadlineOn) errors.deadlineOn = "form.required";
  else if (!isValidDate(notice.deadlineOn)) errors.deadlineOn = "form.invalidDate";
  return { notice, errors };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const gated = await gate(request, context, params.token);
  if ("refused" in gated) return gated.refused;
  const { task, project } = gated;
  let upload;
  try {
    upload = await readMultipartForm(request, { seal: ["image"] }, { maxFileBytes: 5 * 1024 * 1024 });
  } catch (error) {
    if (error instanceof UploadTooLargeError) return data({ values: {} as Record<string, string>, errors: { signature: "review.signature.tooLarge" } as Record<string, string>, formError: "upload.tooLarge" as string | null }, { status: 413 });
    throw error;
  }
  const issuing = task.kind === "rectificationIssue";
  const read = readSignatureForm(upload.form, upload.files, upload.errors, { opinionRequiredOnReject: true });
  const notice = issuing ? readNotice(upload.form) : null;
  const values = { ...read.values, ...(notice?.notice ?? {}) } as Record<string, string>;
  const errors = { ...(read.ok ? {} : read.errors), ...(notice?.errors ?? {}) };
  if (!read.ok || Object.keys(errors).length) return data({ values, errors, formError: null as string | null }, { status: 400 });
  const result = await decideTask(getDb(), {
    task, project, shownHash: String(upload.form.get("contentHash") ?? ""), signature: read.data, notice: notice?.notice, info: requestInfo(request, context),
  });
  if (!result.ok) {
    const status = result.formError === "review.alreadyDecided" ? 409 : result.formError === "link.invalid" ? 404 : 400;
    return data({ values, errors: result.errors ?? {}, formError: result.formError as string | null, formParams: "formParams" in result ? result.formParams : undefined }, { status });
  }
  if (result.outcome === "issued") return redirect(`/r/${params.token}?done=issued`);
  // The task is used up: the page cannot be loaded again, so the confirmation comes from here.
  return { done: result.outcome };
}

function Frame({ children }: { children: ReactNode }) {
  const t = useT();
  return (
    <div className="min-h-screen bg-slate-50">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto max-w-3xl px-4 py-3 text-base font-semibold text-slate-900">{t("review.title")}</div>
      </header>
      <main className="mx-auto max-w-3xl space-y-4 px-3 py-4 sm:px-4">{children}</main>
    </div>
  );
}

interface Page {
  state: "ok";
  task: { kind: string; party: string; recipientName: string; organisation: string; expiresAt: string };
  project: { code: string; name: string };
  view: { kind: string; content: unknown; opinions: unknown[]; hash: string };
  sealSaved: boolean;
}
type ActionResult = { values: Record<string, string>; errors: Record<string, string>; formError: string | null; formParams?: Record<string, string> } | { done: string } | Refusal;

export default function ReviewTaskPage() {
  const t = useT();
  const page = useLoaderData<typeof loader>() as unknown as Page | Refusal;
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const [params] = useSearchParams();
  const routeParams = useParams();
  if (result && "done" in result) {
    return <Frame><Alert tone="green">{t(`review.done.${result.done}`)}</Alert></Frame>;
  }
  const refused = result && "state" in result ? result : page.state !== "ok" ? page : null;
  if (refused || page.state !== "ok") {
    return <Frame><Alert tone="amber">{t(refused?.state === "rateLimited" ? "link.rateLimited" : "link.invalid")}</Alert></Frame>;
  }
  const failure = result && "values" in result ? result : undefined;
  const href = (fileId: string) => `/r/${routeParams.token}/files/${fileId}`;
  const { task, project, view } = page;
  const partyLabel = t(`review.party.${task.party}`);
  return (
    <Frame>
      {params.get("done") === "issued" && !failure ? <Alert tone="green">{t("review.done.issued")}</Alert> : null}
      <Card title={`${t(`review.kind.${task.kind}`)} · ${project.code} ${project.name}`}>
        <p className="mb-3 text-sm text-slate-600">{t("review.askedOf", { name: task.recipientName || task.organisation, organisation: task.organisation, party: partyLabel })}</p>
        {view.kind === "acceptance" ? (
          <>
            <p className="mb-3"><a className="btn-secondary" href={`/r/${routeParams.token}/pdf`} target="_blank" rel="noreferrer">{t(task.party === "supervisor" ? "review.acceptance.applicationPdf" : "review.acceptance.pdf")}</a></p>
            <AcceptanceView content={view.content as never} href={href} />
            <AcceptanceSigners signers={view.opinions as never} />
          </>
        ) : view.kind === "commencement" ? (
          <>
            <CommencementView content={view.content as never} href={href} />
            <EarlierOpinions opinions={view.opinions as never} />
          </>
        ) : view.kind === "materialInspection" ? (
          <MaterialView content={view.content as never} href={href} />
        ) : view.kind === "rectificationVerification" ? (
          <VerificationView content={view.content as never} />
        ) : (
          <p className="text-sm text-slate-700">{t("review.kind.rectificationIssue")}：{project.name}</p>
        )}
        <p className="mt-4 break-all text-xs text-slate-400">{t("review.contentHash")}：{view.hash}</p>
      </Card>
      <Card>
        <SignForm kind={task.kind} party={task.party} organisation={task.organisation} hash={view.hash} sealSaved={page.sealSaved} values={failure?.values ?? {}} errors={failure?.errors ?? {}} formError={failure?.formError} formParams={failure?.formParams} />
      </Card>
    </Frame>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}
