// The self-inspection form, phone first: one column on a small screen, numeric keypads for the
// airflows, rows added and removed in the browser, and each airflow's deviation and verdict shown
// as it is typed (the same airflowLine the server uses — the server still decides on save).
import { Form, useNavigation } from "@remix-run/react";
import { useRef, useState } from "react";
import { SignaturePad } from "~/components/review/signature-pad";
import { TextAreaField, TextField } from "~/components/ui/field";
import { Badge } from "~/components/ui/layout";
import { useT } from "~/i18n/use-t";
import { airflowLine, evaluateCommissioning, OUTLET_TOLERANCE_PCT, SYSTEM_TOLERANCE_PCT } from "~/services/acceptance/commissioning";
import type { CommissioningLine } from "~/services/acceptance/content-types";
import { DEFAULT_INSPECTION_ITEMS, LIMITS, wholeNumber, type SelfInspectionRecord, type SelfInspectionValues } from "~/services/acceptance/records-shared";
import { FailureAlert, InlineError, UnderReviewWarning, useFieldError, YesNoChoice, type RecordsFailure } from "./records-common";

type ItemRow = SelfInspectionValues["items"][number] & { key: number };
type OutletRow = SelfInspectionValues["outlets"][number] & { key: number };

/** Where the form starts: the refused submission, else what is stored, else a fresh-air system's usual checks. */
function initialValues(data: SelfInspectionRecord | null, failure: RecordsFailure | null): SelfInspectionValues {
  const refill = failure?.values as Partial<SelfInspectionValues> | undefined;
  if (refill && Array.isArray(refill.items) && Array.isArray(refill.outlets)) return refill as SelfInspectionValues;
  if (data) {
    const n = (v: number | null) => (v === null ? "" : String(v));
    return {
      inspectedOn: data.inspectedOn ?? "",
      foremanName: data.foremanName,
      items: data.items.map((i) => ({ name: i.name, ok: i.ok ? "yes" : "no", note: i.note })),
      trialRunPassed: data.trialRunPassed ? "yes" : "no",
      trialRunHours: String(data.trialRunHours),
      trialRunNote: data.trialRunNote,
      systemDesignM3h: n(data.systemDesignM3h),
      systemMeasuredM3h: n(data.systemMeasuredM3h),
      outlets: data.outlets.map((o) => ({ location: o.location, designM3h: String(o.designM3h), measuredM3h: String(o.measuredM3h) })),
    };
  }
  return {
    inspectedOn: "", foremanName: "", trialRunPassed: "", trialRunHours: "", trialRunNote: "", systemDesignM3h: "", systemMeasuredM3h: "",
    items: DEFAULT_INSPECTION_ITEMS.map((name) => ({ name, ok: "", note: "" })),
    outlets: [{ location: "", designM3h: "", measuredM3h: "" }],
  };
}

function liveLine(design: string, measured: string, tolerancePct: number): CommissioningLine | null {
  const d = wholeNumber(design);
  const m = wholeNumber(measured);
  return d === null || m === null || d < 1 ? null : airflowLine(d, m, tolerancePct);
}

function Verdict({ line }: { line: CommissioningLine | null }) {
  const t = useT();
  if (!line) return <span className="text-xs text-slate-400">{t("acceptanceRecords.self.deviation")} —</span>;
  return (
    <span className="inline-flex items-center gap-2 text-sm" aria-live="polite">
      <span className="tabular-nums text-slate-600">{t("acceptanceRecords.self.deviation")} {line.deviationPct}%</span>
      <Badge tone={line.passed ? "green" : "red"}>{t(line.passed ? "acceptanceRecords.self.pass" : "acceptanceRecords.self.fail")}</Badge>
    </span>
  );
}

const numeric = { inputMode: "numeric" as const, pattern: "[0-9]*", autoComplete: "off" };

export function SelfInspectionForm({ data, failure, underReview }: { data: SelfInspectionRecord | null; failure: RecordsFailure | null; underReview: boolean }) {
  const t = useT();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && (navigation.formAction ?? "").includes("intent=selfInspection");
  const fieldError = useFieldError(failure);
  const start = initialValues(data, failure);
  const nextKey = useRef(start.items.length + start.outlets.length);
  const [items, setItems] = useState<ItemRow[]>(() => start.items.map((r, i) => ({ ...r, key: i })));
  const [outlets, setOutlets] = useState<OutletRow[]>(() => start.outlets.map((r, i) => ({ ...r, key: start.items.length + i })));
  const [trialRunPassed, setTrialRunPassed] = useState(start.trialRunPassed);
  const [system, setSystem] = useState({ design: start.systemDesignM3h, measured: start.systemMeasuredM3h });

  const setItem = (key: number, patch: Partial<ItemRow>) => setItems((rows) => rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const setOutlet = (key: number, patch: Partial<OutletRow>) => setOutlets((rows) => rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  // The overall verdict as typed: a failure is shown as soon as it is certain, a pass only when complete.
  const systemLine = liveLine(system.design, system.measured, SYSTEM_TOLERANCE_PCT);
  const filledItems = items.filter((r) => r.name || r.note || r.ok);
  const filledOutlets = outlets.filter((r) => r.location || r.designM3h || r.measuredM3h);
  const outletLines = filledOutlets.map((r) => liveLine(r.designM3h, r.measuredM3h, OUTLET_TOLERANCE_PCT));
  const certainFail = filledItems.some((r) => r.ok === "no") || trialRunPassed === "no" || systemLine?.passed === false || outletLines.some((l) => l?.passed === false);
  const complete = filledItems.length > 0 && filledItems.every((r) => r.ok) && trialRunPassed !== "" && systemLine !== null && outletLines.length > 0 && outletLines.every(Boolean);
  const overall = certainFail ? false
    : complete ? evaluateCommissioning({
        items: filledItems.map((r) => ({ name: r.name, ok: r.ok === "yes", note: r.note })),
        trialRunPassed: trialRunPassed === "yes",
        systemDesignM3h: systemLine!.designM3h,
        systemMeasuredM3h: systemLine!.measuredM3h,
        outlets: outletLines.map((l, i) => ({ location: filledOutlets[i].location, designM3h: l!.designM3h, measuredM3h: l!.measuredM3h })),
      }).passed
    : null;

  return (
    <>
      <p className="mb-3 text-sm text-slate-600">{t("acceptanceRecords.self.intro")}</p>
      <FailureAlert failure={failure} />
      <Form method="post" action="?intent=selfInspection" preventScrollReset noValidate className="space-y-6">
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField name="inspectedOn" type="date" required label={t("acceptanceRecords.self.inspectedOn")} defaultValue={start.inspectedOn} error={fieldError("inspectedOn")} />
          <TextField name="foremanName" required maxLength={LIMITS.foremanName} autoComplete="off" label={t("acceptanceRecords.self.foremanName")} defaultValue={start.foremanName} error={fieldError("foremanName")} />
        </div>

        <fieldset className="space-y-3">
          <legend className="mb-2 text-sm font-semibold text-slate-800">{t("acceptanceRecords.self.items")}</legend>
          <InlineError>{fieldError("items")}</InlineError>
          {items.map((row, i) => (
            // One line per item on a wide screen, a card per item on a phone.
            <div key={row.key} className="grid gap-2 rounded-md border border-slate-200 p-3 sm:grid-cols-[minmax(0,2fr)_minmax(11rem,1fr)_minmax(0,1.5fr)_auto] sm:items-start sm:border-0 sm:p-0">
                <TextField
                  name={`items.${i}.name`}
                  label={`${t("acceptanceRecords.self.itemName")} ${i + 1}`}
                  value={row.name}
                  maxLength={LIMITS.itemName}
                  onChange={(e) => setItem(row.key, { name: e.target.value })}
                  error={fieldError(`items.${i}.name`)}
                  className="min-w-0"
                />
              {/* Aligned with the inputs beside it (they have a label above). */}
              <div className="sm:pt-6">
                <YesNoChoice
                  name={`items.${i}.ok`}
                  label={t("acceptanceRecords.self.itemResult")}
                  value={row.ok}
                  onChange={(ok) => setItem(row.key, { ok })}
                  yesLabel={t("acceptanceRecords.self.itemOk")}
                  noLabel={t("acceptanceRecords.self.itemNotOk")}
                  error={fieldError(`items.${i}.ok`)}
                />
              </div>
              <TextField
                name={`items.${i}.note`}
                label={t("acceptanceRecords.self.itemNote")}
                value={row.note}
                maxLength={LIMITS.itemNote}
                onChange={(e) => setItem(row.key, { note: e.target.value })}
                error={fieldError(`items.${i}.note`)}
              />
              <button type="button" className="btn-secondary shrink-0 justify-self-end px-2 sm:mt-6" onClick={() => setItems((rows) => rows.filter((r) => r.key !== row.key))} aria-label={`${t("acceptanceRecords.removeRow")} ${i + 1}`}>
                ✕
              </button>
            </div>
          ))}
          <button type="button" className="btn-secondary w-full sm:w-auto" disabled={items.length >= LIMITS.maxItems} onClick={() => setItems((rows) => [...rows, { key: nextKey.current++, name: "", ok: "", note: "" }])}>
            + {t("acceptanceRecords.self.addItem")}
          </button>
        </fieldset>

        <fieldset className="space-y-3">
          <legend className="mb-2 text-sm font-semibold text-slate-800">{t("acceptanceRecords.self.trialRun")}</legend>
          <YesNoChoice
            name="trialRunPassed"
            label={t("acceptanceRecords.self.trialRunPassed")}
            value={trialRunPassed}
            onChange={setTrialRunPassed}
            yesLabel={t("acceptanceRecords.self.trialRunOk")}
            noLabel={t("acceptanceRecords.self.trialRunNotOk")}
            error={fieldError("trialRunPassed")}
          />
          <TextField name="trialRunHours" {...numeric} required label={t("acceptanceRecords.self.trialRunHours")} defaultValue={start.trialRunHours} error={fieldError("trialRunHours")} className="sm:max-w-xs" />
          <TextAreaField name="trialRunNote" rows={2} maxLength={LIMITS.trialRunNote} label={t("acceptanceRecords.self.trialRunNote")} defaultValue={start.trialRunNote} error={fieldError("trialRunNote")} />
        </fieldset>

        <fieldset className="space-y-3">
          <legend className="mb-2 text-sm font-semibold text-slate-800">
            {t("acceptanceRecords.self.system")} <span className="font-normal text-slate-500">· {t("acceptanceRecords.self.systemTolerance")}</span>
          </legend>
          <div className="grid gap-3 sm:grid-cols-2">
            <TextField name="systemDesignM3h" {...numeric} required label={t("acceptanceRecords.self.design")} value={system.design} onChange={(e) => setSystem((s) => ({ ...s, design: e.target.value }))} error={fieldError("systemDesignM3h")} />
            <TextField name="systemMeasuredM3h" {...numeric} required label={t("acceptanceRecords.self.measured")} value={system.measured} onChange={(e) => setSystem((s) => ({ ...s, measured: e.target.value }))} error={fieldError("systemMeasuredM3h")} />
          </div>
          <Verdict line={systemLine} />
        </fieldset>

        <fieldset className="space-y-3">
          <legend className="mb-2 text-sm font-semibold text-slate-800">
            {t("acceptanceRecords.self.outlets")} <span className="font-normal text-slate-500">· {t("acceptanceRecords.self.outletTolerance")}</span>
          </legend>
          <InlineError>{fieldError("outlets")}</InlineError>
          {outlets.map((row, i) => (
            <div key={row.key} className="space-y-2 rounded-md border border-slate-200 p-3">
              <div className="flex items-start gap-2">
                <TextField
                  name={`outlets.${i}.location`}
                  label={`${t("acceptanceRecords.self.outletLocation")} ${i + 1}`}
                  value={row.location}
                  maxLength={LIMITS.outletLocation}
                  onChange={(e) => setOutlet(row.key, { location: e.target.value })}
                  error={fieldError(`outlets.${i}.location`)}
                  className="min-w-0 flex-1"
                />
                <button type="button" className="btn-secondary mt-6 shrink-0 px-2" onClick={() => setOutlets((rows) => rows.filter((r) => r.key !== row.key))} aria-label={`${t("acceptanceRecords.removeRow")} ${i + 1}`}>
                  ✕
                </button>
              </div>
              <div className="grid grid-cols-2 gap-2">
                <TextField name={`outlets.${i}.designM3h`} {...numeric} label={t("acceptanceRecords.self.design")} value={row.designM3h} onChange={(e) => setOutlet(row.key, { designM3h: e.target.value })} error={fieldError(`outlets.${i}.designM3h`)} />
                <TextField name={`outlets.${i}.measuredM3h`} {...numeric} label={t("acceptanceRecords.self.measured")} value={row.measuredM3h} onChange={(e) => setOutlet(row.key, { measuredM3h: e.target.value })} error={fieldError(`outlets.${i}.measuredM3h`)} />
              </div>
              <Verdict line={liveLine(row.designM3h, row.measuredM3h, OUTLET_TOLERANCE_PCT)} />
            </div>
          ))}
          <button type="button" className="btn-secondary w-full sm:w-auto" disabled={outlets.length >= LIMITS.maxOutlets} onClick={() => setOutlets((rows) => [...rows, { key: nextKey.current++, location: "", designM3h: "", measuredM3h: "" }])}>
            + {t("acceptanceRecords.self.addOutlet")}
          </button>
        </fieldset>

        <div className="flex flex-wrap items-center gap-2 rounded-md bg-slate-50 px-3 py-2 text-sm" aria-live="polite">
          <span className="font-medium text-slate-700">{t("acceptanceRecords.self.overall")}</span>
          {overall === null ? <Badge tone="gray">{t("acceptanceRecords.self.pending")}</Badge>
            : <Badge tone={overall ? "green" : "red"}>{t(overall ? "acceptanceRecords.self.overallPass" : "acceptanceRecords.self.overallFail")}</Badge>}
        </div>

        <div>
          {data?.foremanSignatureFileId ? (
            <img src={`/files/${data.foremanSignatureFileId}`} alt={t("acceptanceRecords.self.signatureOnFile")} className="mb-2 h-14 w-auto rounded border border-slate-200 bg-white" />
          ) : null}
          {/* Optional here, and the foreman's name is the field above: no typed-name alternative. */}
          <SignaturePad
            error={fieldError("signature")}
            optional
            showTyped={false}
            label={t("acceptanceRecords.self.signature")}
            hint={t(data?.hasForemanSignature ? "acceptanceRecords.self.signatureKept" : "acceptanceRecords.self.signatureHint")}
          />
        </div>

        <UnderReviewWarning underReview={underReview} />
        <button type="submit" className="btn-primary w-full sm:w-auto" disabled={busy}>
          {t("acceptanceRecords.self.save")}
        </button>
      </Form>
    </>
  );
}
