// B.0.6 entry request form: header fields and item rows, each with its certificate file.
// Works without JavaScript: "add row"/"remove row" post back and the action returns the rows.
import { Form } from "@remix-run/react";
import { TextAreaField, TextField } from "~/components/ui/field";
import { useT } from "~/i18n/use-t";

export interface MaterialFormFailure {
  intent: string;
  formError: string;
  errors: Record<string, string>;
  values: Record<string, string>;
}

const ITEM_FIELDS = ["name", "spec", "quantity", "placeOfUse"] as const;

/** Posted item indices (items[3].name …), in order; at least one row. */
export function itemIndices(values: Record<string, string>): number[] {
  const found = new Set<number>();
  for (const key of Object.keys(values)) {
    const m = /^items\[(\d+)\]\./.exec(key);
    if (m) found.add(Number(m[1]));
  }
  const list = [...found].sort((a, b) => a - b);
  return list.length ? list : [0];
}

export function MaterialForm({ failure, maxItems }: { failure: MaterialFormFailure | null; maxItems: number }) {
  const t = useT();
  const v = failure?.values ?? {};
  const e = failure?.errors ?? {};
  const rows = itemIndices(v);
  const next = Math.min(Math.max(...rows) + 1, maxItems - 1);
  return (
    <Form method="post" encType="multipart/form-data" className="space-y-4" noValidate>
      {failure?.formError ? <p className="text-sm text-red-600" role="alert">{t(failure.formError)}</p> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField name="title" label={t("materials.field.title")} defaultValue={v.title ?? ""} error={e.title} required maxLength={200} />
        <TextField name="enteredOn" type="date" label={t("materials.field.enteredOn")} defaultValue={v.enteredOn ?? ""} error={e.enteredOn} required />
        <TextField name="placeOfUse" label={t("materials.field.placeOfUse")} defaultValue={v.placeOfUse ?? ""} error={e.placeOfUse} required maxLength={200} />
        <TextAreaField name="selfCheck" label={t("materials.field.selfCheck")} defaultValue={v.selfCheck ?? t("materials.selfCheckDefault")} error={e.selfCheck} required maxLength={1000} />
      </div>
      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold">{t("materials.items")}</legend>
        {e.items ? <p className="text-sm text-red-600" role="alert">{t(e.items)}</p> : null}
        {rows.map((i) => (
          <div key={i} className="grid gap-2 rounded border border-slate-200 p-3 sm:grid-cols-5">
            {ITEM_FIELDS.map((f) => (
              <TextField
                key={f}
                name={`items[${i}].${f}`}
                label={t(`materials.item.${f}`)}
                defaultValue={v[`items[${i}].${f}`] ?? ""}
                error={e[`items[${i}].${f}`]}
                required={f === "name" || f === "quantity"}
                maxLength={200}
              />
            ))}
            <TextField
              name={`items[${i}].certificate`}
              type="file"
              accept="application/pdf,image/*"
              label={t("materials.item.certificate")}
              error={e[`items[${i}].certificate`]}
              required
            />
            {rows.length > 1 ? (
              <button type="submit" name="intent" value={`removeRow:${i}`} formNoValidate className="btn-link text-left text-sm sm:col-span-5">
                {t("materials.removeRow")}
              </button>
            ) : null}
          </div>
        ))}
        {rows.length < maxItems ? (
          <button type="submit" name="intent" value={`addRow:${next}`} formNoValidate className="btn-secondary">
            {t("materials.addRow")}
          </button>
        ) : null}
      </fieldset>
      <button type="submit" name="intent" value="create" className="btn-primary">
        {t("materials.submit")}
      </button>
    </Form>
  );
}
