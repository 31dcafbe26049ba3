// The customer's satisfaction survey, reached from the e-mail or the QR code on the technician's
// phone without an account. Phone first: big choices, one column. Failed attempts are counted per
// IP; a used, expired or unknown link — and a second submission — get the same generic page.
import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { getDb } from "#db/client";
import { RouteErrorBoundary } from "~/components/route-error-boundary";
import { Alert, Card } from "~/components/ui/layout";
import { useT } from "~/i18n/use-t";
import { requestInfo } from "~/lib/request-info.server";
import { answerSurvey, gateSurveyLink, surveyView, type SurveyView } from "~/services/service/survey-page.server";
import { SURVEY_ASPECTS, SURVEY_LEVELS } from "~/services/service/vocabulary";

export const meta: MetaFunction = () => [{ title: "服务满意度调查 · Service survey" }, { name: "robots", content: "noindex" }];
// The token is in the URL: never send it on as a Referer, never cache the page.
export const headers: HeadersFunction = () => ({ "Referrer-Policy": "no-referrer", "Cache-Control": "no-store", "X-Robots-Tag": "noindex" });

type Refusal = { state: "invalid" | "rateLimited" };
const refusal = (state: Refusal["state"]) => data({ state } as Refusal, { status: state === "rateLimited" ? 429 : 404 });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const gated = await gateSurveyLink(getDb(), params.token, requestInfo(request, context).ip);
  if (gated.status !== "ok") return refusal(gated.status);
  return { state: "ok" as const, view: surveyView(gated.survey) };
}

type Failure = { state: "errors"; view: SurveyView; values: Record<string, string>; errors: Record<string, string> };
type Done = { state: "done"; flagged: boolean };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const raw = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string"));
  const result = await answerSurvey(getDb(), params.token, raw, requestInfo(request, context));
  if (result.status === "invalid" || result.status === "rateLimited") return refusal(result.status);
  if (result.status === "errors") return data({ state: "errors", view: result.view, values: result.values, errors: result.errors } satisfies Failure, { status: 400 });
  return { state: "done", flagged: result.flagged } satisfies Done;
}

function Frame({ children }: { children: ReactNode }) {
  const t = useT();
  return (
    <div className="min-h-screen bg-slate-50">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto max-w-xl px-4 py-3 text-base font-semibold text-slate-900">{t("serviceSurvey.title")}</div>
      </header>
      <main className="mx-auto max-w-xl space-y-4 px-3 py-4 sm:px-4">{children}</main>
    </div>
  );
}

function AspectQuestion({ aspect, value, error }: { aspect: string; value: string; error?: string }) {
  const t = useT();
  const errorId = `${aspect}-error`;
  return (
    <fieldset className="space-y-2" aria-describedby={error ? errorId : undefined} aria-invalid={error ? true : undefined} data-testid={`aspect-${aspect}`}>
      <legend className="mb-1 text-base font-semibold text-slate-800">
        {t(`serviceSurvey.aspect.${aspect}`)}
        <span className="ml-0.5 text-red-600" aria-hidden>*</span>
      </legend>
      <div className="grid grid-cols-2 gap-2">
        {SURVEY_LEVELS.map((level) => (
          <label
            key={level.value}
            className={`flex min-h-[52px] cursor-pointer items-center gap-3 rounded-lg border px-3 py-3 text-base has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-500 ${error ? "border-red-400" : "border-slate-300"} ${level.value === 1 ? "has-[:checked]:border-red-600 has-[:checked]:bg-red-50" : ""}`}
          >
            <input type="radio" name={aspect} value={level.value} defaultChecked={value === String(level.value)} required className="h-5 w-5 shrink-0 accent-brand-600" />
            <span>{t(`serviceSurvey.level.${level.value}`)}</span>
          </label>
        ))}
      </div>
      {error ? (
        <p id={errorId} className="text-sm text-red-600" role="alert">
          {t(error)}
        </p>
      ) : null}
    </fieldset>
  );
}

export default function SurveyPage() {
  const t = useT();
  const page = useLoaderData<typeof loader>() as { state: "ok"; view: SurveyView } | Refusal;
  const result = useActionData<typeof action>() as Failure | Done | Refusal | undefined;
  const busy = useNavigation().state === "submitting";
  if (result?.state === "done") {
    return (
      <Frame>
        <Alert tone="green" title={t("serviceSurvey.thanks")}>
          {result.flagged ? t("serviceSurvey.thanksFlagged") : null}
        </Alert>
      </Frame>
    );
  }
  const refused = result && (result.state === "invalid" || result.state === "rateLimited") ? result : page.state !== "ok" ? page : null;
  if (refused || page.state !== "ok") {
    return (
      <Frame>
        <Alert tone="amber">{t(refused?.state === "rateLimited" ? "link.rateLimited" : "serviceSurvey.linkInvalid")}</Alert>
      </Frame>
    );
  }
  const failure = result?.state === "errors" ? result : undefined;
  const view = failure?.view ?? page.view;
  const values = failure?.values ?? {};
  const errors = failure?.errors ?? {};
  const facts: [string, string][] = [
    ["serviceSurvey.ticket", view.ticketNumber],
    ["serviceSurvey.project", view.projectName],
    ["serviceSurvey.technician", view.technicianName ?? ""],
    ["serviceSurvey.resolvedOn", view.resolvedOn ?? ""],
    ["serviceSurvey.resolution", view.resolution],
  ];
  return (
    <Frame>
      <p className="text-sm text-slate-600">{t("serviceSurvey.intro")}</p>
      <Card>
        <dl className="space-y-1 text-sm">
          {facts
            .filter(([, v]) => v)
            .map(([k, v]) => (
              <div key={k} className="flex gap-2">
                <dt className="shrink-0 text-slate-500">{t(k)}：</dt>
                <dd className="whitespace-pre-wrap break-words" data-testid={k}>
                  {v}
                </dd>
              </div>
            ))}
        </dl>
      </Card>
      {failure ? <Alert tone="red">{t("serviceSurvey.fixErrors")}</Alert> : null}
      <Form method="post" className="space-y-5" noValidate key={failure ? JSON.stringify(values) : "fresh"}>
        <Card>
          <div className="space-y-5">
            {SURVEY_ASPECTS.map((aspect) => (
              <AspectQuestion key={aspect} aspect={aspect} value={values[aspect] ?? ""} error={errors[aspect]} />
            ))}
            <div>
              <label htmlFor="sv-comment" className="mb-1 block text-base font-semibold text-slate-800">
                {t("serviceSurvey.comment")}
              </label>
              <textarea
                id="sv-comment"
                name="comment"
                rows={4}
                maxLength={2000}
                defaultValue={values.comment ?? ""}
                aria-invalid={errors.comment ? true : undefined}
                aria-describedby={errors.comment ? "sv-comment-error" : "sv-comment-hint"}
                className={`input text-base ${errors.comment ? "input-error" : ""}`}
              />
              {errors.comment ? (
                <p id="sv-comment-error" className="mt-1 text-sm text-red-600" role="alert">
                  {t(errors.comment)}
                </p>
              ) : (
                <p id="sv-comment-hint" className="mt-1 text-xs text-slate-500">
                  {t("serviceSurvey.commentHint")}
                </p>
              )}
            </div>
            <label className="flex min-h-[52px] cursor-pointer items-start gap-3 rounded-lg border border-slate-300 px-3 py-3 has-[:checked]:border-red-600 has-[:checked]:bg-red-50">
              <input type="checkbox" name="complaint" value="on" defaultChecked={values.complaint === "on"} className="mt-0.5 h-5 w-5 shrink-0 accent-red-600" />
              <span>
                <span className="block text-base font-semibold text-slate-800">{t("serviceSurvey.complaint")}</span>
                <span className="block text-xs text-slate-500">{t("serviceSurvey.complaintHint")}</span>
              </span>
            </label>
          </div>
        </Card>
        <button type="submit" className="btn-primary w-full py-3 text-base" disabled={busy}>
          {t("serviceSurvey.submit")}
        </button>
        <p className="text-center text-xs text-slate-500">{t("serviceSurvey.onceOnly")}</p>
      </Form>
    </Frame>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}
