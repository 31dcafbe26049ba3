// The pm's settlement draft (工程结算书), phone first: one column on a small screen, decimal keypads
// for amounts, 变更/签证/扣款 rows added and removed in the browser, and a live summary — the final
// total, the retention and the amount payable, in figures and in Chinese uppercase — computed with
// the same settlementFigures / rmbInWords the server and the PDFs use (the server still decides).
import { Form, useNavigation } from "@remix-run/react";
import { useRef, useState } from "react";
import { FailureAlert, InlineError, ReadOnlyNote, useFieldError } from "~/components/acceptance/records-common";
import { formatInstant } from "~/components/project/labels";
import { SelectField, TextAreaField, TextField } from "~/components/ui/field";
import { Alert, Card } from "~/components/ui/layout";
import { useLocale, useT } from "~/i18n/use-t";
import { formatFen } from "~/lib/money";
import type { SettlementIntentResult } from "~/services/settlement/settlement-intent";
import {
  EMPTY_LINE, LINE_KINDS, liveFigures, SETTLEMENT_LIMITS,
  type SettlementLineValues, type SettlementValues, type SettlementView,
} from "~/services/settlement/settlement-values";
import { SettlementFiguresTable } from "./settlement-summary";

export type SettlementDraftFailure = Extract<SettlementIntentResult, { ok: false }>;

export interface SettlementEditorProps {
  view: SettlementView;
  /** The refused saveDraft submission, if that was the last one. */
  result?: SettlementDraftFailure | null;
  editable: boolean;
  /** Catalogue key saying why the draft cannot be changed now. */
  readOnlyReason?: string | null;
}

type Row = SettlementLineValues & { key: number };

/** Where the form starts: the refused submission (rows included), else the loader's values. */
function initialValues(view: SettlementView, failure: SettlementDraftFailure | null): SettlementValues {
  const refill = failure?.values as Partial<SettlementValues> | undefined;
  if (!refill || !Array.isArray(refill.lines)) return view.formValues;
  const text = (v: unknown) => (typeof v === "string" ? v : "");
  const fields = Object.fromEntries(Object.keys(view.formValues).filter((k) => k !== "lines").map((k) => [k, text(refill[k as keyof SettlementValues])]));
  return { ...(fields as Omit<SettlementValues, "lines">), lines: refill.lines.map((l) => ({ ...EMPTY_LINE, ...l })) };
}

const decimal = { inputMode: "decimal" as const, autoComplete: "off" };

export function SettlementEditor({ view, result, editable, readOnlyReason }: SettlementEditorProps) {
  const t = useT();
  const locale = useLocale();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && (navigation.formAction ?? "").includes("intent=saveDraft");
  const failure = result && !result.ok && result.intent === "saveDraft" ? result : null;
  const fieldError = useFieldError(failure);
  const start = initialValues(view, failure);
  const nextKey = useRef(start.lines.length);
  const [values, setValues] = useState<Omit<SettlementValues, "lines">>(() => {
    const { lines: _lines, ...fields } = start;
    return fields;
  });
  const [rows, setRows] = useState<Row[]>(() => start.lines.map((r, i) => ({ ...r, key: i })));

  const set = (name: keyof Omit<SettlementValues, "lines">) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [name]: e.target.value }));
  const setRow = (key: number, patch: Partial<Row>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const addRow = () => setRows((rs) => [...rs, { ...EMPTY_LINE, key: nextKey.current++ }]);

  const figures = liveFigures({ ...values, lines: rows }, { acceptedOn: view.project.acceptedOn, recordedPaidFen: view.recordedPaidFen });
  const latest = view.latest;
  const guarantee = values.retentionMode === "guarantee";
  const kindOptions = LINE_KINDS.map((k) => ({ value: k, label: t(`settlement.kind.${k}`) }));

  return (
    <Card title={latest ? t("settlement.editor.titleVersion", { version: latest.version }) : t("settlement.editor.title")}>
      <div className="space-y-4">
        <p className="text-sm text-slate-600">{t("settlement.editor.intro")}</p>
        {latest?.status === "returned" && latest.financeComment ? (
          <Alert tone="amber">
            {latest.decidedByName && latest.decidedAt
              ? t("settlement.editor.returned", { by: latest.decidedByName, at: formatInstant(latest.decidedAt, locale), comment: latest.financeComment })
              : t("settlement.editor.returnedNoName", { comment: latest.financeComment })}
          </Alert>
        ) : null}
        <ReadOnlyNote editable={editable} reason={readOnlyReason} />
        <FailureAlert failure={failure} />

        <Form method="post" action="?intent=saveDraft" preventScrollReset noValidate className="space-y-6">
          <input type="hidden" name="settlementUpdatedAt" value={latest?.updatedAt ?? ""} />
          <fieldset disabled={!editable} className="space-y-6">
            <TextField
              name="contractAmount"
              {...decimal}
              required
              label={t("settlement.contractAmount")}
              value={values.contractAmount}
              onChange={set("contractAmount")}
              error={fieldError("contractAmount")}
              hint={t("settlement.contractHint", { no: view.project.contractNo, amount: formatFen(view.project.contractAmountFen) })}
              className="sm:max-w-sm"
            />

            <fieldset className="space-y-3">
              <legend className="mb-1 text-sm font-semibold text-slate-800">{t("settlement.lines.title")}</legend>
              <p className="text-xs text-slate-500">{t("settlement.lines.intro")}</p>
              <InlineError>{fieldError("lines")}</InlineError>
              {rows.map((row, i) => (
                <div key={row.key} className="space-y-2 rounded-md border border-slate-200 p-3" data-testid="settlement-line">
                  <div className="flex items-center justify-between">
                    <span className="text-sm font-medium text-slate-700">{t("settlement.line.row", { n: i + 1 })}</span>
                    <button type="button" className="btn-secondary px-2" onClick={() => setRows((rs) => rs.filter((r) => r.key !== row.key))} aria-label={t("settlement.line.remove", { n: i + 1 })}>
                      ✕
                    </button>
                  </div>
                  <div className="grid gap-2 sm:grid-cols-[10rem_10rem_minmax(0,1fr)]">
                    <SelectField name={`lines.${i}.kind`} id={`f-lines-${row.key}-kind`} label={t("settlement.line.kind")} options={kindOptions} value={row.kind} onChange={(e) => setRow(row.key, { kind: e.target.value })} error={fieldError(`lines.${i}.kind`)} />
                    <TextField name={`lines.${i}.number`} id={`f-lines-${row.key}-number`} label={t("settlement.line.number")} maxLength={SETTLEMENT_LIMITS.number} value={row.number} onChange={(e) => setRow(row.key, { number: e.target.value })} error={fieldError(`lines.${i}.number`)} />
                    <TextField name={`lines.${i}.reason`} id={`f-lines-${row.key}-reason`} required label={t("settlement.line.reason")} maxLength={SETTLEMENT_LIMITS.reason} value={row.reason} onChange={(e) => setRow(row.key, { reason: e.target.value })} error={fieldError(`lines.${i}.reason`)} />
                  </div>
                  <div className="grid gap-2 sm:grid-cols-3">
                    <TextField name={`lines.${i}.amount`} id={`f-lines-${row.key}-amount`} {...decimal} required label={t("settlement.line.amount")} value={row.amount} onChange={(e) => setRow(row.key, { amount: e.target.value })} error={fieldError(`lines.${i}.amount`)} />
                    <TextField name={`lines.${i}.approvedBy`} id={`f-lines-${row.key}-approvedBy`} required={row.kind !== "deduction"} label={t("settlement.line.approvedBy")} maxLength={SETTLEMENT_LIMITS.approvedBy} value={row.approvedBy} onChange={(e) => setRow(row.key, { approvedBy: e.target.value })} error={fieldError(`lines.${i}.approvedBy`)} />
                    <TextField name={`lines.${i}.approvedOn`} id={`f-lines-${row.key}-approvedOn`} type="date" label={t("settlement.line.approvedOn")} value={row.approvedOn} onChange={(e) => setRow(row.key, { approvedOn: e.target.value })} error={fieldError(`lines.${i}.approvedOn`)} />
                  </div>
                </div>
              ))}
              {rows.length === 0 ? <p className="text-sm text-slate-500">{t("settlement.lines.none")}</p> : null}
              <button type="button" className="btn-secondary w-full sm:w-auto" disabled={rows.length >= SETTLEMENT_LIMITS.maxLines} onClick={addRow}>
                + {t("settlement.lines.add")}
              </button>
            </fieldset>

            <fieldset className="space-y-3">
              <legend className="mb-1 text-sm font-semibold text-slate-800">{t("settlement.retention.title")}</legend>
              <div className="flex flex-col gap-2 sm:flex-row" role="radiogroup" aria-label={t("settlement.retention.mode")}>
                {(["rate", "guarantee"] as const).map((mode) => (
                  <label key={mode} className="flex flex-1 cursor-pointer items-center gap-2 rounded-md border border-slate-300 px-3 py-2 text-sm has-[:checked]:border-brand-500 has-[:checked]:bg-brand-50">
                    <input type="radio" name="retentionMode" value={mode} checked={values.retentionMode === mode} onChange={set("retentionMode")} />
                    {t(`settlement.retention.mode.${mode}`)}
                  </label>
                ))}
              </div>
              <InlineError>{fieldError("retentionMode")}</InlineError>
              <div className="grid gap-3 sm:grid-cols-2">
                {/* Kept in the form while hidden, so switching back restores what was typed. */}
                <div className={guarantee ? "hidden" : undefined}>
                  <TextField name="retentionRate" {...decimal} label={t("settlement.retention.rate")} value={values.retentionRate} onChange={set("retentionRate")} error={fieldError("retentionRate")} hint={t("settlement.retention.rateHint")} />
                </div>
                <TextField name="defectMonths" inputMode="numeric" pattern="[0-9]*" required label={t("settlement.retention.defectMonths")} value={values.defectMonths} onChange={set("defectMonths")} error={fieldError("defectMonths")} hint={t("settlement.retention.defectMonthsHint")} />
              </div>
              <div className={guarantee ? undefined : "hidden"}>
                <TextAreaField name="guaranteeNote" rows={2} maxLength={SETTLEMENT_LIMITS.guaranteeNote} label={t("settlement.retention.guaranteeNote")} value={values.guaranteeNote} onChange={set("guaranteeNote")} error={fieldError("guaranteeNote")} hint={t("settlement.retention.guaranteeNoteHint")} />
              </div>
            </fieldset>

            <fieldset className="space-y-3">
              <legend className="mb-1 text-sm font-semibold text-slate-800">{t("settlement.payment.title")}</legend>
              <div className="grid gap-3 sm:grid-cols-2">
                <TextField name="paidBefore" {...decimal} label={t("settlement.paidBefore")} value={values.paidBefore} onChange={set("paidBefore")} error={fieldError("paidBefore")} hint={t("settlement.paidBeforeHint")} />
                <TextField name="paymentDueOn" type="date" required label={t("settlement.paymentDueOn")} value={values.paymentDueOn} onChange={set("paymentDueOn")} error={fieldError("paymentDueOn")} hint={t("settlement.paymentDueOnHint")} />
              </div>
              {view.recordedPaidFen > 0 ? <p className="text-sm text-slate-600">{t("settlement.recordedPaid", { amount: formatFen(view.recordedPaidFen) })}</p> : null}
            </fieldset>

            <fieldset className="space-y-3">
              <legend className="mb-1 text-sm font-semibold text-slate-800">{t("settlement.payee.title")}</legend>
              <div className="grid gap-3 sm:grid-cols-2">
                <TextField name="payeeBank" required maxLength={SETTLEMENT_LIMITS.payeeBank} label={t("settlement.payeeBank")} value={values.payeeBank} onChange={set("payeeBank")} error={fieldError("payeeBank")} />
                <TextField name="payeeAccount" required inputMode="numeric" autoComplete="off" maxLength={SETTLEMENT_LIMITS.payeeAccount} label={t("settlement.payeeAccount")} value={values.payeeAccount} onChange={set("payeeAccount")} error={fieldError("payeeAccount")} />
              </div>
              <TextAreaField name="basis" rows={3} maxLength={SETTLEMENT_LIMITS.basis} label={t("settlement.basis")} value={values.basis} onChange={set("basis")} error={fieldError("basis")} />
            </fieldset>
          </fieldset>

          <section className="rounded-md border border-slate-200 p-3" aria-labelledby="settlement-live-summary">
            <h3 id="settlement-live-summary" className="mb-1 text-sm font-semibold text-slate-800">{t("settlement.summary.title")}</h3>
            <p className="mb-2 text-xs text-slate-500">{t("settlement.summary.live")}</p>
            {figures ? (
              <SettlementFiguresTable
                figures={figures}
                retentionMode={guarantee ? "guarantee" : "rate"}
                defectMonths={Number(values.defectMonths)}
                paymentDueOn={values.paymentDueOn || null}
                finalTotalError={fieldError("finalTotal")}
              />
            ) : (
              <>
                <p className="text-sm text-slate-500">{t("settlement.summary.incomplete")}</p>
                <InlineError>{fieldError("finalTotal")}</InlineError>
              </>
            )}
          </section>

          {editable ? (
            <div className="flex justify-end">
              <button type="submit" className="btn-primary w-full sm:w-auto" disabled={busy}>
                {busy ? t("settlement.saving") : t("settlement.save")}
              </button>
            </div>
          ) : null}
        </Form>
      </div>
    </Card>
  );
}
