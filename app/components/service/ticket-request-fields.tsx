// The request fields shared by the customer's page (/s/<code>) and staff entry: large touch
// targets, phone keyboards for the number, values kept after a refusal.
import { FieldShell, SelectField, TextAreaField, TextField } from "~/components/ui/field";
import { useT } from "~/i18n/use-t";

export interface UnitOption {
  id: string;
  label: string;
}

export function TicketRequestFields({
  values,
  errors,
  units,
}: {
  values: Record<string, string>;
  errors: Record<string, string>;
  units: UnitOption[];
}) {
  const t = useT();
  const area = values.area ?? "city";
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <TextField name="reporterName" label={t("serviceTickets.field.reporterName")} defaultValue={values.reporterName ?? ""} error={errors.reporterName} required maxLength={50} autoComplete="name" />
      <TextField
        name="contactPhone"
        type="tel"
        inputMode="tel"
        autoComplete="tel"
        label={t("serviceTickets.field.contactPhone")}
        hint={t("serviceTickets.field.contactPhone.hint")}
        defaultValue={values.contactPhone ?? ""}
        error={errors.contactPhone}
        required
        maxLength={30}
      />
      <TextField name="contactEmail" type="email" autoComplete="email" label={t("serviceTickets.field.contactEmail")} defaultValue={values.contactEmail ?? ""} error={errors.contactEmail} maxLength={200} />
      <TextField name="siteAddress" label={t("serviceTickets.field.siteAddress")} defaultValue={values.siteAddress ?? ""} error={errors.siteAddress} required maxLength={200} autoComplete="street-address" />
      <FieldShell id="f-area" label={t("serviceTickets.field.area")} error={errors.area} hint={t("serviceTickets.field.area.hint")} required className="sm:col-span-2">
        <div id="f-area" role="radiogroup" className="flex gap-3">
          {(["city", "suburb"] as const).map((a) => (
            <label key={a} className="flex min-h-11 flex-1 cursor-pointer items-center gap-2 rounded-md border border-slate-300 px-3 py-2 text-sm has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50">
              <input type="radio" name="area" value={a} defaultChecked={area === a} className="h-5 w-5" />
              {t(`serviceTickets.area.${a}`)}
            </label>
          ))}
        </div>
      </FieldShell>
      {units.length ? (
        <SelectField
          name="unitId"
          label={t("serviceTickets.field.unitId")}
          defaultValue={values.unitId ?? ""}
          error={errors.unitId}
          placeholder={t("serviceTickets.field.unitId.none")}
          options={units.map((u) => ({ value: u.id, label: u.label }))}
        />
      ) : null}
      <TextField
        name="serialNumber"
        label={t("serviceTickets.field.serialNumber")}
        hint={t("serviceTickets.field.serialNumber.hint")}
        defaultValue={values.serialNumber ?? ""}
        error={errors.serialNumber}
        maxLength={64}
        autoCapitalize="characters"
        autoComplete="off"
      />
      <TextAreaField
        name="description"
        rows={5}
        label={t("serviceTickets.field.description")}
        hint={t("serviceTickets.field.description.hint")}
        defaultValue={values.description ?? ""}
        error={errors.description}
        required
        minLength={10}
        maxLength={2000}
        className="sm:col-span-2"
      />
    </div>
  );
}
