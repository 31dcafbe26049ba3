// The RECORD_CONTRACT form: number, amount, signed date, the signed file and the payment
// milestones. Rows are added/removed in the browser; without JavaScript the add/remove buttons
// post back and the server returns the rows changed (nothing written). The sum and each row's
// amount are previewed with the same arithmetic the server uses.
import { Form, useNavigation } from "@remix-run/react";
import { useEffect, useState } from "react";
import { TextField } from "~/components/ui/field";
import { Alert } from "~/components/ui/layout";
import { useT } from "~/i18n/use-t";
import { formatFen, parseAmountToFen } from "~/lib/money";
import { DEFAULT_MILESTONES, formatBasisPoints, MAX_MILESTONES, MILESTONE_TRIGGERS, parsePercentToBasisPoints, splitAmountFen, TRIGGER_LABEL_KEYS } from "~/services/bidding/milestone-rules";

export interface ContractFailure {
  intent: string;
  message: string;
  errors: Record<string, string>;
  values: Record<string, string>;
}

type Row = { trigger: string; label: string; percent: string };

/** Rows from `milestones[i].field` values, in index order; the defaults when there are none. */
export function rowsFromValues(values: Record<string, string> | undefined): Row[] {
  const rows: Row[] = [];
  for (const [key, value] of Object.entries(values ?? {})) {
    const m = /^milestones\[(\d+)\]\.(trigger|label|percent)$/.exec(key);
    if (!m) continue;
    const i = Number(m[1]);
    if (i >= MAX_MILESTONES * 2) continue;
    rows[i] ??= { trigger: "", label: "", percent: "" };
    rows[i]![m[2] as keyof Row] = value;
  }
  const compact = rows.filter(Boolean);
  return compact.length > 0 || values?.contractNo !== undefined ? compact : DEFAULT_MILESTONES.map((r) => ({ ...r }));
}

export function ContractForm({ version, failure, amountHint }: { version: number; failure: ContractFailure | null; amountHint: string | null }) {
  const t = useT();
  const nav = useNavigation();
  const busy = nav.state !== "idle";
  const values = failure?.values ?? {};
  const errors = failure?.errors ?? {};
  const [rows, setRows] = useState<Row[]>(() => rowsFromValues(failure?.values));
  const [amount, setAmount] = useState(values.amount ?? "");
  const [seen, setSeen] = useState(failure);
  // Before hydration the row buttons post back (no JavaScript); after, they act in the browser.
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  if (failure !== seen) {
    // A new answer from the server (e.g. rows added without JavaScript): show its rows.
    setSeen(failure);
    setRows(rowsFromValues(failure?.values));
    setAmount(failure?.values.amount ?? "");
  }

  const bps = rows.map((r) => parsePercentToBasisPoints(r.percent));
  const sum = bps.reduce<number>((a, b) => a + (b ?? 0), 0);
  const fen = parseAmountToFen(amount);
  const amounts = fen.ok && bps.every((b) => b !== null) && sum === 10_000 ? splitAmountFen(fen.fen, bps as number[]) : null;
  const update = (i: number, field: keyof Row, value: string) => setRows((rs) => rs.map((r, k) => (k === i ? { ...r, [field]: value } : r)));

  return (
    <Form method="post" encType="multipart/form-data" className="space-y-4" noValidate>
      <input type="hidden" name="version" value={version} />
      {/* Enter in a field submits with the first submit button: make that one "record". */}
      <button type="submit" name="intent" value="record" className="sr-only" tabIndex={-1} aria-hidden="true" />
      {failure?.message ? <Alert>{failure.message}</Alert> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField name="contractNo" label={t("bidding.contract.contractNo")} required defaultValue={values.contractNo ?? ""} error={errors.contractNo} />
        <TextField
          name="amount"
          label={t("bidding.contract.amount")}
          required
          inputMode="decimal"
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
          error={errors.amount}
          hint={amountHint ?? undefined}
        />
        <TextField name="signedOn" type="date" label={t("bidding.contract.signedOn")} required defaultValue={values.signedOn ?? ""} error={errors.signedOn} />
        <TextField name="file" type="file" accept="application/pdf,image/jpeg,image/png,image/webp" label={t("bidding.contract.file")} required error={errors.file} />
      </div>

      <fieldset className="space-y-2" aria-describedby={errors.milestones ? "milestones-error" : undefined}>
        <legend className="text-sm font-medium text-slate-700">{t("bidding.contract.milestones")}</legend>
        {rows.map((row, i) => {
          const e = (f: string) => errors[`milestones[${i}].${f}`];
          return (
            <div key={i} className="grid grid-cols-2 gap-2 rounded-md border border-slate-200 p-2 sm:grid-cols-[10rem_1fr_7rem_8rem_auto] sm:items-start">
              <div>
                <label className="sr-only" htmlFor={`ms-${i}-trigger`}>{t("bidding.contract.trigger")}</label>
                <select id={`ms-${i}-trigger`} name={`milestones[${i}].trigger`} className={`input ${e("trigger") ? "input-error" : ""}`} value={row.trigger} onChange={(ev) => update(i, "trigger", ev.target.value)}>
                  <option value="">{t("bidding.contract.trigger")}</option>
                  {MILESTONE_TRIGGERS.map((k) => (
                    <option key={k} value={k}>
                      {t(TRIGGER_LABEL_KEYS[k])}
                    </option>
                  ))}
                </select>
                {e("trigger") ? <p className="mt-1 text-sm text-red-600">{t(e("trigger")!)}</p> : null}
              </div>
              <div>
                <label className="sr-only" htmlFor={`ms-${i}-label`}>{t("bidding.contract.label")}</label>
                <input id={`ms-${i}-label`} name={`milestones[${i}].label`} className={`input ${e("label") ? "input-error" : ""}`} placeholder={t("bidding.contract.label")} value={row.label} onChange={(ev) => update(i, "label", ev.target.value)} />
                {e("label") ? <p className="mt-1 text-sm text-red-600">{t(e("label")!)}</p> : null}
              </div>
              <div>
                <label className="sr-only" htmlFor={`ms-${i}-percent`}>{t("bidding.contract.percent")}</label>
                <div className="flex items-center gap-1">
                  <input id={`ms-${i}-percent`} name={`milestones[${i}].percent`} inputMode="decimal" className={`input text-right ${e("percent") ? "input-error" : ""}`} value={row.percent} onChange={(ev) => update(i, "percent", ev.target.value)} />
                  <span className="text-sm text-slate-500">%</span>
                </div>
                {e("percent") ? <p className="mt-1 text-sm text-red-600">{t(e("percent")!)}</p> : null}
              </div>
              <p className="self-center text-right text-sm tabular-nums text-slate-600">{amounts ? formatFen(amounts[i]!) : "—"}</p>
              <button
                type={hydrated ? "button" : "submit"}
                name="intent"
                value={`removeRow:${i}`}
                className="btn-link self-center text-sm"
                onClick={(ev) => {
                  ev.preventDefault();
                  setRows((rs) => rs.filter((_, k) => k !== i));
                }}
              >
                {t("bidding.contract.removeMilestone")}
              </button>
            </div>
          );
        })}
        <div className="flex flex-wrap items-center justify-between gap-2">
          {rows.length < MAX_MILESTONES ? (
            <button
              type={hydrated ? "button" : "submit"}
              name="intent"
              value="addRow"
              className="btn-secondary"
              onClick={(ev) => {
                ev.preventDefault();
                setRows((rs) => [...rs, { trigger: "", label: "", percent: "" }]);
              }}
            >
              {t("bidding.contract.addMilestone")}
            </button>
          ) : (
            <span />
          )}
          <span className={`text-sm font-medium tabular-nums ${sum === 10_000 ? "text-emerald-700" : "text-amber-700"}`} data-testid="percent-sum">
            {t("bidding.contract.sum", { sum: formatBasisPoints(sum) })}
          </span>
        </div>
        {errors.milestones ? (
          <p id="milestones-error" className="text-sm text-red-600" role="alert">
            {t(errors.milestones)}
          </p>
        ) : null}
        <p className="text-xs text-slate-500">{t("bidding.contract.amountsHint")}</p>
      </fieldset>

      <button type="submit" name="intent" value="record" className="btn-primary" disabled={busy}>
        {t("bidding.contract.submit")}
      </button>
    </Form>
  );
}
