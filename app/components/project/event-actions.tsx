// "下一步还缺什么" and the actions this user may take now. Each action is a small form posting to
// /projects/:id/events with hidden `type` and `version`; dangerous ones sit behind a disclosure.
import { Link, useFetcher } from "@remix-run/react";
import { useEffect, useState } from "react";
import { Alert, Card } from "~/components/ui/layout";
import { SelectField, TextAreaField, TextField } from "~/components/ui/field";
import { useT } from "~/i18n/use-t";
import type { EventField } from "~/services/projects/event-payloads";

/** The inputs an event takes, as event-payloads.ts declares them (a type import: no server code shipped). */
export type EventFieldView = EventField;

export interface EventFailure {
  type: string;
  message: string;
  fieldErrors: Record<string, string>;
  values: Record<string, string>;
}

export interface EventsViewProps {
  projectId: string;
  version: number;
  allowed: { type: string; label: string; fields: EventFieldView[] }[];
  blocked: { type: string; label: string; missing: string[] }[];
  options: { vendors: { value: string; label: string }[]; files: { value: string; label: string }[] };
  /** An error brought back after a submission without JavaScript. */
  failure: EventFailure | null;
  /** Events done on a page of their own (e.g. RECORD_CONTRACT with its file and milestones). */
  eventPages?: Partial<Record<string, string>>;
}

/** Irreversible or backwards steps: asked inside a disclosure, with a red button. */
const DANGEROUS = new Set(["CANCEL", "REOPEN_BIDDING", "REJECT_COMMENCEMENT", "REJECT_ACCEPTANCE", "RETURN_SETTLEMENT"]);

export function NextSteps({ projectId, version, allowed, blocked, options, failure, eventPages = {} }: EventsViewProps) {
  const t = useT();
  const pageLink = (type: string) => {
    const section = eventPages[type];
    return section ? { to: `/projects/${projectId}/${section}`, label: t(`projects.sections.${section}`) } : null;
  };
  return (
    <Card title={t("projects.next.title")}>
      {allowed.length === 0 && blocked.length === 0 ? <p className="text-sm text-slate-500">{t("projects.next.nothing")}</p> : null}
      {blocked.length > 0 ? (
        <div className="mb-4 space-y-3">
          {blocked.map((b) => (
            <div key={b.type} className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm">
              <p className="font-medium text-amber-900">{t("projects.next.blocked", { action: b.label })}</p>
              <ul className="mt-1 list-disc pl-5 text-amber-900">
                {b.missing.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
              {pageLink(b.type) ? (
                <Link to={pageLink(b.type)!.to} className="btn-link mt-2 inline-block">
                  {t("projects.next.goTo", { page: pageLink(b.type)!.label })} →
                </Link>
              ) : null}
            </div>
          ))}
        </div>
      ) : null}
      {allowed.length > 0 ? (
        <div className="space-y-3">
          <p className="text-sm font-medium text-slate-700">{t("projects.next.youCan")}</p>
          {allowed.map((a) =>
            pageLink(a.type) && eventPages[a.type] === "contract" ? (
              <Link key={a.type} to={pageLink(a.type)!.to} className="btn-primary">
                {a.label} →
              </Link>
            ) : (
              <EventForm key={a.type} projectId={projectId} version={version} event={a} options={options} failure={failure?.type === a.type ? failure : null} />
            ),
          )}
        </div>
      ) : null}
    </Card>
  );
}

function EventForm({
  projectId,
  version,
  event,
  options,
  failure,
}: {
  projectId: string;
  version: number;
  event: EventsViewProps["allowed"][number];
  options: EventsViewProps["options"];
  failure: EventFailure | null;
}) {
  const t = useT();
  const fetcher = useFetcher<{ ok: false; type: string; message: string; fieldErrors?: Record<string, string>; values?: Record<string, string> }>();
  // Without JavaScript the form posts normally and the error comes back in the URL (`failure`).
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const result = fetcher.data && fetcher.data.type === event.type ? fetcher.data : failure;
  const errors = result?.fieldErrors ?? {};
  const values = result?.values ?? {};
  const busy = fetcher.state !== "idle";
  const danger = DANGEROUS.has(event.type);

  const form = (
    <fetcher.Form method="post" action={`/projects/${projectId}/events`} className="space-y-3" noValidate>
      <input type="hidden" name="type" value={event.type} />
      <input type="hidden" name="version" value={version} />
      {hydrated ? null : <input type="hidden" name="_nojs" value="1" />}
      {result?.message ? <Alert>{result.message}</Alert> : null}
      {event.fields.map((f) => (
        <EventInput key={f.name} field={f} value={values[f.name] ?? ""} error={errors[f.name]} options={options} formId={event.type} />
      ))}
      <button type="submit" className={danger ? "btn-danger" : "btn-primary"} disabled={busy}>
        {danger ? t("projects.next.confirm", { action: event.label }) : event.label}
      </button>
    </fetcher.Form>
  );

  if (danger || event.fields.length > 0) {
    return (
      <details className="rounded-md border border-slate-200 p-3" open={!!result}>
        <summary className={`cursor-pointer text-sm font-medium ${danger ? "text-red-700" : "text-brand-700"}`}>{event.label}</summary>
        <div className="mt-3">{form}</div>
      </details>
    );
  }
  return <div>{form}</div>;
}

function EventInput({
  field,
  value,
  error,
  options,
  formId,
}: {
  field: EventFieldView;
  value: string;
  error?: string;
  options: EventsViewProps["options"];
  formId: string;
}) {
  const t = useT();
  const common = { name: field.name, id: `ev-${formId}-${field.name}`, label: t(field.labelKey), required: field.required, error, defaultValue: value };
  switch (field.kind) {
    case "textarea":
      return <TextAreaField {...common} />;
    case "items":
      return <TextAreaField {...common} hint={t("projects.next.itemsHint")} rows={4} />;
    case "amount":
      return <TextField {...common} inputMode="decimal" hint={t("projects.form.amountHint")} />;
    case "date":
      return <TextField {...common} type="date" />;
    case "milestones":
      return null; // entered on the contract page, which the project page links to instead
    case "vendor":
      return <SelectField {...common} options={options.vendors} placeholder={t("projects.form.choose")} />;
    case "file":
      return <SelectField {...common} options={options.files} placeholder={t("projects.form.choose")} hint={options.files.length === 0 ? t("projects.next.noFiles") : undefined} />;
    default:
      return <TextField {...common} />;
  }
}
