// One service ticket for the service staff — phone first, a technician on site: status and SLA
// due times (overdue in red), the customer and unit, photos, history, and the form of the next
// step (other allowed steps folded below it). The project's pm reads only. After the customer's
// confirmation the survey link is shown as a QR code to scan right away.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState, type ReactNode } from "react";
import { getDb } from "#db/client";
import { formatInstant } from "~/components/project/labels";
import { SignaturePad } from "~/components/review/signature-pad";
import { RouteErrorBoundary } from "~/components/route-error-boundary";
import { FieldShell, SelectField, TextAreaField, TextField } from "~/components/ui/field";
import { Alert, Badge, Card, PageHeader } from "~/components/ui/layout";
import { useLocale, useT } from "~/i18n/use-t";
import { formatFen } from "~/lib/money";
import { requestInfo } from "~/lib/request-info.server";
import { requireUser } from "~/lib/session.server";
import { handleStepForm, type StepFormResult } from "~/services/service/ticket-step-form.server";
import { requireTicketAccess } from "~/services/service/ticket-step-access.server";
import { loadTicketView, serviceUsers, type TicketView } from "~/services/service/ticket-view.server";
import { CAUSE_CATEGORIES, EXCLUSIONS } from "~/services/service/vocabulary";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.view.ticket.number} · 售后服务单` : "售后服务单" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = getDb();
  const access = await requireTicketAccess(db, user, params.ticketId ?? "");
  const view = await loadTicketView(db, { ...access, user });
  return { view, canAct: access.canAct, technicians: access.canAct ? await serviceUsers(db) : [] };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const db = getDb();
  const { ticket } = await requireTicketAccess(db, user, params.ticketId ?? "");
  const result = await handleStepForm(db, { request, ticketId: ticket.id, user, info: requestInfo(request, context) });
  return result.ok ? result : data(result, { status: result.status });
}

/** The step whose form is shown first: the flow's next step; re-assigning and re-scheduling fold away. */
function primaryStep(steps: string[], status: string): string | null {
  const next = steps.find((s) => s !== "assign" && !(s === "schedule" && status === "scheduled"));
  return next ?? steps[0] ?? null;
}

function Due({ label, due, done, overdue }: { label: string; due: string | null; done: string | null; overdue: boolean }) {
  const t = useT();
  const locale = useLocale();
  if (!due) return null;
  return (
    <div className={`rounded-md px-3 py-2 text-sm ${overdue ? "bg-red-50 text-red-700 ring-1 ring-red-200" : "bg-slate-50 text-slate-700"}`} data-overdue={overdue ? "true" : undefined}>
      <div className="font-medium">{label}</div>
      <div>{t("serviceFlow.dueBy", { time: formatInstant(due, locale) })}{done ? ` · ${t("serviceFlow.doneAt", { time: formatInstant(done, locale) })}` : ""}</div>
      {overdue ? <div className="font-semibold">{t("serviceFlow.overdue")}</div> : null}
    </div>
  );
}

function Facts({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="grid grid-cols-1 gap-x-4 gap-y-2 text-sm sm:grid-cols-2">
      {rows.filter(([, v]) => v !== null && v !== "" && v !== undefined).map(([k, v]) => (
        <div key={k} className="min-w-0">
          <dt className="text-slate-500">{k}</dt>
          <dd className="whitespace-pre-wrap break-words text-slate-900">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

type Failure = Extract<StepFormResult, { ok: false }>;

function StepForm({ step, view, technicians, failure }: { step: string; view: TicketView; technicians: { id: string; name: string }[]; failure?: Failure }) {
  const t = useT();
  const busy = useNavigation().state === "submitting";
  const v = failure?.values ?? {};
  const e = failure?.errors ?? {};
  const [coverage, setCoverage] = useState(v.coverage ?? view.suggestion.coverage);
  const s = view.suggestion;
  let fields: ReactNode = null;
  switch (step) {
    case "assign":
      fields = <SelectField name="assignedTo" label={t("serviceFlow.assign.technician")} required options={technicians.map((u) => ({ value: u.id, label: u.name }))} placeholder={t("serviceFlow.choose")} defaultValue={v.assignedTo ?? view.assignee?.id ?? ""} error={e.assignedTo} />;
      break;
    case "contact":
      fields = <TextAreaField name="note" label={t("serviceFlow.contact.note")} required hint={t("serviceFlow.contact.hint")} defaultValue={v.note ?? ""} error={e.note} />;
      break;
    case "diagnose":
      fields = (
        <>
          <TextAreaField name="diagnosis" label={t("serviceFlow.diagnosis")} required defaultValue={v.diagnosis ?? ""} error={e.diagnosis} />
          <Alert tone="blue">{t(`serviceFlow.suggestion.${s.coverage}`, { endsOn: view.warranty?.endsOn ?? "—", contract: view.contract?.number ?? "" })}</Alert>
          <FieldShell id="f-coverage" label={t("serviceFlow.coverage")} required error={e.coverage}>
            <div id="f-coverage" className="grid grid-cols-1 gap-2 sm:grid-cols-3" role="radiogroup">
              {(["warranty", "contract", "paid"] as const).map((c) => (
                <label key={c} className="flex min-h-[44px] items-center gap-2 rounded-md border border-slate-300 px-3 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50">
                  <input type="radio" name="coverage" value={c} checked={coverage === c} onChange={() => setCoverage(c)} className="h-5 w-5" />
                  <span>{t(`serviceFlow.coverage.${c}`)}</span>
                </label>
              ))}
            </div>
          </FieldShell>
          {coverage === "paid" ? (
            <SelectField name="exclusion" label={t("serviceFlow.exclusion")} required={s.exclusionRequired} hint={t("serviceFlow.exclusion.hint")} placeholder={t("serviceFlow.exclusion.none")} options={EXCLUSIONS.filter((x) => x.code !== "expired").map((x) => ({ value: x.code, label: t(`serviceFlow.exclusion.${x.code}`) }))} defaultValue={v.exclusion ?? ""} error={e.exclusion} />
          ) : null}
        </>
      );
      break;
    case "quote":
      fields = (
        <>
          <TextAreaField name="items" label={t("serviceFlow.quote.items")} required hint={t("serviceFlow.quote.itemsHint")} defaultValue={v.items ?? ""} error={e.items} />
          <TextField name="amount" label={t("serviceFlow.quote.amountYuan")} required inputMode="decimal" defaultValue={v.amount ?? ""} error={e.amount} />
          <TextField name="validUntil" type="date" label={t("serviceFlow.quote.validUntil")} required hint={t("serviceFlow.quote.validHint")} min={view.today} defaultValue={v.validUntil ?? ""} error={e.validUntil} />
          <TextField name="email" type="email" label={t("serviceFlow.quote.email")} required={!view.ticket.contactEmail} defaultValue={v.email ?? view.ticket.contactEmail} error={e.email} />
        </>
      );
      break;
    case "schedule":
      fields = <TextField name="scheduledFor" type="datetime-local" label={t("serviceFlow.schedule.when")} required hint={t("serviceFlow.schedule.hint")} defaultValue={v.scheduledFor ?? ""} error={e.scheduledFor} />;
      break;
    case "arrive":
      fields = <p className="text-sm text-slate-600">{t("serviceFlow.arrive.explain")}</p>;
      break;
    case "resolve":
      fields = (
        <>
          <SelectField name="causeCategory" label={t("serviceFlow.cause")} required placeholder={t("serviceFlow.choose")} options={CAUSE_CATEGORIES.map((c) => ({ value: c.code, label: t(`serviceFlow.cause.${c.code}`) }))} defaultValue={v.causeCategory ?? ""} error={e.causeCategory} />
          <TextAreaField name="partsReplaced" label={t("serviceFlow.parts")} hint={t("serviceFlow.parts.hint")} defaultValue={v.partsReplaced ?? ""} error={e.partsReplaced} />
          <TextField name="minutesSpent" type="number" min={1} max={10000} inputMode="numeric" label={t("serviceFlow.minutes")} required defaultValue={v.minutesSpent ?? ""} error={e.minutesSpent} />
          <TextAreaField name="resolution" label={t("serviceFlow.resolution")} required defaultValue={v.resolution ?? ""} error={e.resolution} />
          <FieldShell id="f-photos" label={t("serviceFlow.photos")} hint={t("serviceFlow.photos.hint")} error={e.photos}>
            <input id="f-photos" name="photos" type="file" accept="image/jpeg,image/png,image/webp" capture="environment" multiple className="block w-full text-sm" />
          </FieldShell>
        </>
      );
      break;
    case "confirm":
      fields = (
        <>
          <p className="text-sm text-slate-600">{t("serviceFlow.confirm.explain")}</p>
          <TextField name="signerName" label={t("serviceFlow.confirm.signerName")} required autoComplete="off" defaultValue={v.signerName ?? view.ticket.reporterName} error={e.signerName} />
          <SignaturePad showTyped={false} label={t("serviceFlow.confirm.signature")} hint={t("serviceFlow.confirm.signatureHint")} error={e.signature} />
        </>
      );
      break;
    case "close":
      fields = <TextAreaField name="reason" label={t("serviceFlow.close.reason")} required={view.ticket.status !== "surveyed"} hint={t(view.ticket.status === "confirmed" ? "serviceFlow.close.noSurveyHint" : "serviceFlow.close.hint")} defaultValue={v.reason ?? ""} error={e.reason} />;
      break;
  }
  return (
    <Form method="post" encType="multipart/form-data" className="space-y-4" data-step={step}>
      <input type="hidden" name="step" value={step} />
      <input type="hidden" name="version" value={view.ticket.version} />
      {failure?.formError ? <Alert tone="red">{t(failure.formError)}</Alert> : null}
      {fields}
      <button type="submit" className="btn-primary min-h-[44px] w-full sm:w-auto" disabled={busy}>{t(`serviceFlow.step.${step}.submit`)}</button>
    </Form>
  );
}

export default function ServiceTicketPage() {
  const t = useT();
  const locale = useLocale();
  const { view, canAct, technicians } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as StepFormResult | undefined;
  const { ticket } = view;
  const failure = result && !result.ok ? result : undefined;
  const primary = canAct ? primaryStep(view.steps, ticket.status) : null;
  const others = canAct ? view.steps.filter((s) => s !== primary) : [];
  const when = (iso: string | null) => (iso ? formatInstant(iso, locale) : "—");
  const photo = (stage: string) => view.photos.filter((p) => p.stage === stage);
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <PageHeader
        title={<span className="flex flex-wrap items-center gap-2"><span className="font-mono">{ticket.number}</span><Badge tone={ticket.status === "closed" ? "gray" : "blue"}>{t(`serviceTickets.status.${ticket.status}`)}</Badge></span>}
        subtitle={`${view.project.code} ${view.project.name}`}
        actions={
          <>
            <a className="btn-secondary" href={`/service/tickets/${ticket.id}/record.pdf`} target="_blank" rel="noreferrer">{t("serviceFlow.recordPdf")}</a>
            <Link className="btn-secondary" to="/service/tickets">{t("common.back")}</Link>
          </>
        }
      />
      {result?.ok && result.surveyLink ? (
        <Card title={t("serviceFlow.survey.qrTitle")}>
          <div className="flex flex-col items-center gap-3 text-center" data-testid="survey-qr">
            {result.surveyQr ? <img src={result.surveyQr} alt={t("serviceFlow.survey.qrAlt")} width={240} height={240} /> : null}
            <p className="text-sm text-slate-600">{t("serviceFlow.survey.qrHint")}</p>
            <a className="break-all text-sm text-brand-700 underline" href={result.surveyLink}>{result.surveyLink}</a>
          </div>
        </Card>
      ) : result?.ok ? (
        <Alert tone="green">{t(`serviceFlow.step.${result.step}.done`)}</Alert>
      ) : null}
      {result?.ok && result.quoteLink ? <Alert tone="blue">{t("serviceFlow.quote.sent")} <span className="break-all">{result.quoteLink}</span></Alert> : null}

      <div className="grid grid-cols-1 gap-2 sm:grid-cols-2">
        <Due label={t("serviceFlow.sla.contact")} due={ticket.contactDueAt} done={ticket.contactedAt} overdue={view.sla.contactOverdue} />
        <Due label={t("serviceFlow.sla.arrival")} due={ticket.arrivalDueAt} done={ticket.onSiteAt} overdue={view.sla.arrivalOverdue} />
      </div>

      {primary ? (
        <Card title={t(`serviceFlow.step.${primary}`)}>
          <StepForm key={`${primary}-${ticket.version}`} step={primary} view={view} technicians={technicians} failure={failure?.step === primary ? failure : undefined} />
        </Card>
      ) : !canAct ? (
        <Alert tone="blue">{t("serviceFlow.readOnly")}</Alert>
      ) : null}
      {others.map((step) => (
        <details key={step} className="card p-4" open={failure?.step === step}>
          <summary className="cursor-pointer text-sm font-medium text-slate-700">{t(`serviceFlow.step.${step}`)}</summary>
          <div className="mt-3">
            <StepForm key={`${step}-${ticket.version}`} step={step} view={view} technicians={technicians} failure={failure?.step === step ? failure : undefined} />
          </div>
        </details>
      ))}

      <Card title={t("serviceFlow.customer")}>
        <Facts
          rows={[
            [t("serviceTickets.field.reporterName"), ticket.reporterName],
            [t("serviceTickets.field.contactPhone"), <a className="text-brand-700 underline" href={`tel:${ticket.contactPhone}`}>{ticket.contactPhone}</a>],
            [t("serviceTickets.field.contactEmail"), ticket.contactEmail],
            [t("serviceTickets.field.siteAddress"), ticket.siteAddress || view.project.siteAddress],
            [t("serviceTickets.field.area"), t(`serviceTickets.area.${ticket.area}`)],
            [t("serviceTickets.field.channel"), t(`serviceTickets.channel.${ticket.channel}`)],
            [t("serviceFlow.unit"), view.unit ? `${view.unit.name} ${view.unit.model}（${view.unit.location}）` : ""],
            [t("serviceTickets.field.serialNumber"), ticket.serialNumber],
            [t("serviceFlow.warrantyEndsOn"), view.warranty ? `${view.warranty.endsOn}（${t(`serviceFlow.warranty.${view.warranty.state}`)}）` : t("serviceFlow.warranty.none")],
            [t("serviceFlow.technician"), view.assignee?.name ?? t("serviceTickets.list.unassigned")],
            [t("serviceFlow.receivedAt"), when(ticket.receivedAt)],
            [t("serviceFlow.scheduledFor"), ticket.scheduledFor ? when(ticket.scheduledFor) : ""],
          ]}
        />
        <h3 className="mb-1 mt-4 text-sm font-medium text-slate-500">{t("serviceFlow.fault")}</h3>
        <p className="whitespace-pre-wrap break-words text-sm">{ticket.description}</p>
      </Card>

      {ticket.diagnosis || ticket.resolution ? (
        <Card title={t("serviceFlow.work")}>
          <Facts
            rows={[
              [t("serviceFlow.diagnosis"), ticket.diagnosis],
              [t("serviceFlow.coverage"), ticket.coverage ? `${t(`serviceFlow.coverage.${ticket.coverage}`)}${ticket.exclusion ? ` · ${t(`serviceFlow.exclusion.${ticket.exclusion}`)}` : ""}` : ""],
              [t("serviceFlow.cause"), ticket.causeCategory ? t(`serviceFlow.cause.${ticket.causeCategory}`) : ""],
              [t("serviceFlow.parts"), ticket.partsReplaced],
              [t("serviceFlow.minutes"), ticket.minutesSpent ? String(ticket.minutesSpent) : ""],
              [t("serviceFlow.resolution"), ticket.resolution],
              [t("serviceFlow.confirm.signerName"), ticket.customerSignerName ? `${ticket.customerSignerName} · ${when(ticket.confirmedAt)}` : ""],
            ]}
          />
          {ticket.customerSignatureFileId ? <img className="mt-3 h-16 rounded border border-slate-200 bg-white" src={`/files/${ticket.customerSignatureFileId}`} alt={t("serviceFlow.confirm.signature")} /> : null}
        </Card>
      ) : null}

      {view.quotes.length ? (
        <Card title={t("serviceFlow.quotes")}>
          <ul className="space-y-2 text-sm">
            {view.quotes.map((q) => (
              <li key={q.id} className="rounded-md border border-slate-200 p-3">
                <div className="font-medium">{formatFen(q.amountFen)} · {t("serviceFlow.quote.validUntil")} {q.validUntil}</div>
                <div className="whitespace-pre-wrap text-slate-600">{q.items}</div>
                <div className="mt-1">{q.decision ? t(`serviceFlow.quote.decision.${q.decision}`, { name: q.decidedName, time: when(q.decidedAt) }) : t("serviceFlow.quote.pending")}</div>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}

      {view.photos.length ? (
        <Card title={t("serviceFlow.photos")}>
          {(["request", "resolution"] as const).map((stage) => photo(stage).length ? (
            <div key={stage} className="mb-3">
              <h3 className="mb-1 text-sm text-slate-500">{t(`serviceFlow.photos.${stage}`)}</h3>
              <div className="grid grid-cols-3 gap-2">
                {photo(stage).map((p) => <a key={p.fileId} href={`/files/${p.fileId}`} target="_blank" rel="noreferrer"><img src={`/files/${p.fileId}`} alt="" className="aspect-square w-full rounded object-cover" loading="lazy" /></a>)}
              </div>
            </div>
          ) : null)}
        </Card>
      ) : null}

      <Card title={t("serviceFlow.history")}>
        <ol className="space-y-2 text-sm">
          {view.events.map((ev, i) => (
            <li key={i} className="border-l-2 border-slate-200 pl-3">
              <div className="text-slate-500">{when(ev.at)} · {ev.actorLabel}</div>
              <div className="font-medium">{t(`serviceFlow.event.${ev.action}`)} → {t(`serviceTickets.status.${ev.toStatus}`)}</div>
              {ev.note ? <div className="whitespace-pre-wrap break-words text-slate-700">{ev.note}</div> : null}
            </li>
          ))}
          {!view.events.length ? <li className="text-slate-500">{t("serviceFlow.history.none")}</li> : null}
        </ol>
      </Card>
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}
