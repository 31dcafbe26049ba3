// The quote form, shared by the pm's bidding page and the vendor's link page. Works without
// JavaScript (add/remove row buttons post the form back and it is redrawn); with JavaScript rows
// are added and removed in the page and the total follows the typing. The server recomputes it.
import { Form, Link, useNavigation } from "@remix-run/react";
import { useRef, useState, type ReactNode } from "react";
import { SelectField, TextAreaField, TextField } from "~/components/ui/field";
import { Alert } from "~/components/ui/layout";
import { useT } from "~/i18n/use-t";
import { formatFen } from "~/lib/money";
import { checkLine, CONTRACTING_METHODS, LINE_FIELDS, lineRowCount, messageText, OTHER_METHOD, rowErrorText, type LineField } from "~/services/bidding/quote-fields";

export interface RowErrorView {
  row: number;
  field?: string;
  message: string;
}

export interface QuoteFormProps {
  values: Record<string, string>;
  errors: Record<string, string>;
  formError?: string | null;
  rowErrors?: RowErrorView[];
  /** Choose the company (paper/import), or a fixed one (revision, link page). */
  vendor: { kind: "select"; options: { value: string; label: string }[] } | { kind: "fixed"; id: string; name: string } | { kind: "none" };
  /** Ask for a spreadsheet whose lines replace the list (import). */
  withFile?: boolean;
  /** Extra hidden fields (source, mode …). */
  hidden?: Record<string, string>;
  today: string;
  cancelHref?: string;
  title?: ReactNode;
}

export function QuoteForm({ values, errors, formError, rowErrors, vendor, withFile, hidden = {}, today, cancelHref, title }: QuoteFormProps) {
  const t = useT();
  const busy = useNavigation().state === "submitting";
  const v = (name: string) => values[name] ?? "";
  const [method, setMethod] = useState(v("contractingMethod"));
  const [live, setLive] = useState<Record<string, string> | null>(null);
  const hasErrors = Object.keys(errors).length > 0 || (rowErrors?.length ?? 0) > 0;
  return (
    <Form
      method="post"
      encType="multipart/form-data"
      noValidate
      className="space-y-5"
      onInput={(e) => {
        const data = new FormData(e.currentTarget);
        const next: Record<string, string> = {};
        for (const [k, x] of data.entries()) if (typeof x === "string") next[k] = x;
        setLive(next);
      }}
    >
      {/* Enter in a text box submits the quote rather than pressing "add a line". */}
      <button type="submit" name="intent" value="quote.save" tabIndex={-1} aria-hidden className="absolute -left-[9999px]" />
      {title ? <h2 className="text-lg font-semibold text-slate-900">{title}</h2> : null}
      {Object.entries(hidden).map(([k, x]) => (
        <input key={k} type="hidden" name={k} value={x} />
      ))}
      <input type="hidden" name="basedOnRevision" value={v("basedOnRevision")} />
      {formError ? <Alert>{t(formError)}</Alert> : hasErrors ? <Alert>{t("form.fixErrors")}</Alert> : null}
      {rowErrors?.length ? (
        <Alert title={t("bidding.import.failed")}>
          <ul className="list-disc pl-5">
            {rowErrors.map((r, i) => (
              <li key={i}>{rowErrorText(t, r)}</li>
            ))}
          </ul>
        </Alert>
      ) : null}

      <fieldset className="card grid gap-4 p-4 sm:grid-cols-2">
        {vendor.kind === "select" ? (
          <SelectField name="vendorId" label={t("bidding.quote.vendor")} options={vendor.options} placeholder={t("bidding.quote.chooseVendor")} defaultValue={v("vendorId")} error={errors.vendorId} required />
        ) : vendor.kind === "fixed" ? (
          <div>
            <input type="hidden" name="vendorId" value={vendor.id} />
            <p className="mb-1 block text-sm font-medium text-slate-700">{t("bidding.quote.vendor")}</p>
            <p className="input bg-slate-50">{vendor.name}</p>
          </div>
        ) : null}
        <SelectField
          name="contractingMethod"
          label={t("bidding.quote.contractingMethod")}
          options={CONTRACTING_METHODS.map((m) => ({ value: m, label: m }))}
          placeholder="—"
          value={method}
          onChange={(e) => setMethod(e.currentTarget.value)}
          error={errors.contractingMethod}
          required
        />
        {method === OTHER_METHOD || v("contractingMethodOther") ? (
          <TextField name="contractingMethodOther" label={t("bidding.quote.contractingMethodOther")} defaultValue={v("contractingMethodOther")} error={errors.contractingMethodOther} />
        ) : null}
        <TextField name="durationDays" label={t("bidding.quote.durationDays")} inputMode="numeric" defaultValue={v("durationDays")} error={errors.durationDays} />
        <TextField name="validUntil" type="date" min={today} label={t("bidding.quote.validUntil")} defaultValue={v("validUntil")} error={errors.validUntil} required />
        <TextAreaField name="scope" label={t("bidding.quote.scope")} defaultValue={v("scope")} error={errors.scope} className="sm:col-span-2" />
        <label className="flex items-center gap-2 text-sm text-slate-700 sm:col-span-2">
          <input type="checkbox" name="drawingsConfirmed" defaultChecked={v("drawingsConfirmed") === "on"} className="h-4 w-4" />
          {t("bidding.quote.drawingsConfirmed")}
        </label>
        <TextAreaField name="requirements" label={t("bidding.quote.requirements")} defaultValue={v("requirements")} error={errors.requirements} />
        <TextAreaField name="paymentTerms" label={t("bidding.quote.paymentTerms")} defaultValue={v("paymentTerms")} error={errors.paymentTerms} />
        <TextAreaField name="maintenanceTerms" label={t("bidding.quote.maintenanceTerms")} defaultValue={v("maintenanceTerms")} error={errors.maintenanceTerms} className="sm:col-span-2" />
      </fieldset>

      {withFile ? (
        <fieldset className="card p-4">
          <TextField name="linesFile" type="file" accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv" label={t("bidding.quote.file")} hint={t("bidding.quote.fileHint")} error={errors.linesFile} />
        </fieldset>
      ) : null}

      <QuoteLines values={values} errors={errors} live={live} />

      <fieldset className="card p-4">
        <TextField name="attachments" type="file" multiple accept="application/pdf,image/jpeg,image/png,image/webp" label={t("bidding.quote.attachments")} error={errors.attachments} />
      </fieldset>

      <div className="flex flex-wrap gap-2">
        <button type="submit" name="intent" value="quote.save" className="btn-primary" disabled={busy}>
          {t("bidding.quote.save")}
        </button>
        {cancelHref ? (
          <Link to={cancelHref} className="btn-secondary">
            {t("form.cancel")}
          </Link>
        ) : null}
      </div>
    </Form>
  );
}

function QuoteLines({ values, errors, live }: { values: Record<string, string>; errors: Record<string, string>; live: Record<string, string> | null }) {
  const t = useT();
  const nextKey = useRef(0);
  const [rows, setRows] = useState(() => Array.from({ length: Math.max(1, lineRowCount(values)) }, (_, i) => ({ key: nextKey.current++, from: i as number | null })));
  const source = live ?? values;
  const count = live ? rows.length : Math.max(1, lineRowCount(values));
  let total = 0;
  for (let i = 0; i < count; i++) {
    // The typed amount is only checked by the server; the total is always quantity × unit price.
    const raw = Object.fromEntries(LINE_FIELDS.map((f) => [f, f === "amount" ? "" : source[`lines[${i}].${f}`] ?? ""])) as Record<LineField, string>;
    total += checkLine(raw).line?.amountFen ?? 0;
  }
  const widths: Record<LineField, string> = { item: "sm:col-span-3", spec: "sm:col-span-2", unit: "sm:col-span-1", quantity: "sm:col-span-2", unitPrice: "sm:col-span-2", amount: "sm:col-span-2" };
  return (
    <fieldset className="card p-4">
      <legend className="px-1 text-base font-semibold text-slate-800">{t("bidding.quote.lines")}</legend>
      {errors.lines ? <Alert>{t(errors.lines)}</Alert> : null}
      <ol className="space-y-3">
        {rows.map((row, i) => (
          <li key={row.key} className="grid grid-cols-2 gap-2 rounded-md border border-slate-200 p-3 sm:grid-cols-12">
            {LINE_FIELDS.map((f) => {
              const id = `ql-${row.key}-${f}`;
              const err = row.from === null ? undefined : errors[`lines[${row.from}].${f}`];
              return (
                <div key={f} className={`${f === "item" ? "col-span-2" : ""} ${widths[f]}`}>
                  <label htmlFor={id} className="mb-1 block text-xs font-medium text-slate-600">
                    {t(`bidding.quote.line.${f}`)}
                  </label>
                  <input
                    id={id}
                    name={`lines[${i}].${f}`}
                    defaultValue={row.from === null ? "" : values[`lines[${row.from}].${f}`] ?? ""}
                    inputMode={f === "quantity" || f === "unitPrice" || f === "amount" ? "decimal" : undefined}
                    aria-invalid={err ? true : undefined}
                    aria-describedby={err ? `${id}-error` : undefined}
                    className={`input ${err ? "input-error" : ""}`}
                  />
                  {err ? (
                    <p id={`${id}-error`} role="alert" className="mt-1 text-xs text-red-600">
                      {messageText(t, err)}
                    </p>
                  ) : null}
                </div>
              );
            })}
            {rows.length > 1 ? (
              <div className="col-span-2 sm:col-span-12">
                <button
                  type="submit"
                  name="intent"
                  value={`quote.removeLine:${i}`}
                  className="text-sm text-red-600 hover:underline"
                  onClick={(e) => {
                    e.preventDefault();
                    setRows((r) => r.filter((x) => x.key !== row.key));
                  }}
                >
                  {t("common.remove")}
                </button>
              </div>
            ) : null}
          </li>
        ))}
      </ol>
      <div className="mt-3 flex flex-wrap items-center justify-between gap-3">
        <button
          type="submit"
          name="intent"
          value="quote.addLine"
          className="btn-secondary"
          onClick={(e) => {
            e.preventDefault();
            setRows((r) => [...r, { key: nextKey.current++, from: null }]);
          }}
        >
          {t("bidding.quote.addLine")}
        </button>
        <p className="text-base">
          {t("bidding.quote.total")}：<strong data-testid="quote-total">{formatFen(total)}</strong>
        </p>
      </div>
      <p className="mt-1 text-xs text-slate-500">{t("bidding.quote.totalHint")}</p>
    </fieldset>
  );
}
