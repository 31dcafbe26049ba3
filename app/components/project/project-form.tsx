// The create/edit form. Works without JavaScript (add/remove row buttons post the form back);
// with JavaScript rows are added and removed in the page.
import { Form, Link, useNavigation } from "@remix-run/react";
import { useRef, useState, type ComponentProps } from "react";
import { Alert } from "~/components/ui/layout";
import { SelectField, TextField } from "~/components/ui/field";
import { useT } from "~/i18n/use-t";
import { equipmentRowCount } from "~/services/projects/project-form-fields";

export interface Option {
  value: string;
  label: string;
}

export interface ProjectFormProps {
  values: Record<string, string>;
  errors: Record<string, string>;
  formError?: string | null;
  options: { clients: Option[]; supervision: Option[]; design: Option[]; pms: Option[] };
  /** Only an admin chooses the pm; a pm sees their own name (or the current pm's). */
  pmChoice: { kind: "select" } | { kind: "fixed"; name: string };
  submitLabel: string;
  cancelHref: string;
}

export function ProjectForm({ values, errors, formError, options, pmChoice, submitLabel, cancelHref }: ProjectFormProps) {
  const t = useT();
  const busy = useNavigation().state === "submitting";
  const v = (name: string) => values[name] ?? "";
  const hasErrors = Object.keys(errors).length > 0;
  const field = (name: string, label: string, props: Partial<ComponentProps<typeof TextField>> = {}) => (
    <TextField name={name} label={label} defaultValue={v(name)} error={errors[name]} {...props} />
  );
  return (
    <Form method="post" noValidate className="space-y-6">
      {/* Enter in a text box saves, rather than pressing the first button (add line). */}
      <button type="submit" name="intent" value="save" tabIndex={-1} aria-hidden className="absolute -left-[9999px]" />
      {formError ? <Alert>{t(formError)}</Alert> : hasErrors ? <Alert>{t("form.fixErrors")}</Alert> : null}
      {values.loadedAt !== undefined ? <input type="hidden" name="loadedAt" value={v("loadedAt")} /> : null}

      <fieldset className="card grid gap-4 p-4 sm:grid-cols-2">
        <legend className="px-1 text-base font-semibold text-slate-800">{t("projects.form.basics")}</legend>
        {field("code", t("projects.field.code"), { required: true, hint: t("projects.form.codeHint"), autoComplete: "off" })}
        {field("name", t("projects.field.name"), { required: true })}
        <SelectField name="clientId" label={t("projects.field.client")} options={options.clients} placeholder={t("projects.form.choose")} defaultValue={v("clientId")} error={errors.clientId} required />
        {field("siteAddress", t("projects.field.siteAddress"), { required: true })}
      </fieldset>

      <fieldset className="card grid gap-4 p-4 sm:grid-cols-3">
        <legend className="px-1 text-base font-semibold text-slate-800">{t("projects.form.contract")}</legend>
        {field("clientContractNo", t("projects.field.contractNo"), { required: true })}
        {field("clientContractAmount", t("projects.field.contractAmountYuan"), { required: true, inputMode: "decimal", hint: t("projects.form.amountHint") })}
        {field("clientContractSignedOn", t("projects.field.contractSignedOn"), { required: true, type: "date" })}
      </fieldset>

      <fieldset className="card grid gap-4 p-4 sm:grid-cols-3">
        <legend className="px-1 text-base font-semibold text-slate-800">{t("projects.form.parties")}</legend>
        {pmChoice.kind === "select" ? (
          <SelectField name="pmId" label={t("projects.field.pm")} options={options.pms} placeholder={t("projects.form.choose")} defaultValue={v("pmId")} error={errors.pmId} required />
        ) : (
          <div>
            <p className="mb-1 block text-sm font-medium text-slate-700">{t("projects.field.pm")}</p>
            <p className="input bg-slate-50">{pmChoice.name}</p>
            {errors.pmId ? <p className="mt-1 text-sm text-red-600" role="alert">{t(errors.pmId)}</p> : null}
          </div>
        )}
        <SelectField name="supervisionCompanyId" label={t("projects.field.supervision")} options={options.supervision} placeholder={t("common.none")} defaultValue={v("supervisionCompanyId")} error={errors.supervisionCompanyId} />
        <SelectField name="designCompanyId" label={t("projects.field.design")} options={options.design} placeholder={t("common.none")} defaultValue={v("designCompanyId")} error={errors.designCompanyId} />
        {field("plannedStartOn", t("projects.field.plannedStart"), { type: "date" })}
        {field("plannedFinishOn", t("projects.field.plannedFinish"), { type: "date" })}
      </fieldset>

      <EquipmentLines values={values} errors={errors} />

      <div className="flex flex-wrap gap-2">
        <button type="submit" name="intent" value="save" className="btn-primary" disabled={busy}>
          {submitLabel}
        </button>
        <Link to={cancelHref} className="btn-secondary">
          {t("form.cancel")}
        </Link>
      </div>
    </Form>
  );
}

function EquipmentLines({ values, errors }: { values: Record<string, string>; errors: Record<string, string> }) {
  const t = useT();
  // Each row keeps a stable key (so typed text survives removing another row) and the index it had
  // when the server drew it (so the server's messages stay on the right row).
  const nextKey = useRef(0);
  const [rows, setRows] = useState(() =>
    Array.from({ length: Math.max(1, equipmentRowCount(values)) }, (_, i) => ({ key: nextKey.current++, from: i as number | null })),
  );
  const add = () => setRows((r) => [...r, { key: nextKey.current++, from: null }]);
  const remove = (key: number) => setRows((r) => r.filter((row) => row.key !== key));
  return (
    <fieldset className="card p-4">
      <legend className="px-1 text-base font-semibold text-slate-800">{t("projects.form.equipment")}</legend>
      {errors.equipment ? <Alert>{t(errors.equipment)}</Alert> : null}
      <ol className="space-y-3">
        {rows.map((row, i) => {
          const at = (f: string) => (row.from === null ? "" : values[`equipment[${row.from}].${f}`] ?? "");
          const err = (f: string) => (row.from === null ? undefined : errors[`equipment[${row.from}].${f}`]);
          return (
            <li key={row.key} className="grid gap-3 rounded-md border border-slate-200 p-3 sm:grid-cols-[2fr_1fr_2fr_auto] sm:items-start">
              <TextField name={`equipment[${i}].model`} id={`eq-${row.key}-model`} label={t("projects.equipment.model")} defaultValue={at("model")} error={err("model")} required />
              <TextField name={`equipment[${i}].quantity`} id={`eq-${row.key}-quantity`} label={t("projects.equipment.quantity")} defaultValue={at("quantity")} error={err("quantity")} inputMode="numeric" required />
              <TextField name={`equipment[${i}].location`} id={`eq-${row.key}-location`} label={t("projects.equipment.location")} defaultValue={at("location")} error={err("location")} required />
              {rows.length > 1 ? (
                <button
                  type="submit"
                  name="intent"
                  value={`removeLine:${i}`}
                  className="btn-secondary sm:mt-6"
                  onClick={(e) => {
                    e.preventDefault();
                    remove(row.key);
                  }}
                >
                  {t("common.remove")}
                </button>
              ) : null}
            </li>
          );
        })}
      </ol>
      <button
        type="submit"
        name="intent"
        value="addLine"
        className="btn-secondary mt-3"
        onClick={(e) => {
          e.preventDefault();
          add();
        }}
      >
        {t("projects.form.addLine")}
      </button>
    </fieldset>
  );
}
