import { TextField } from "~/components/ui/field";
import type { FieldErrors } from "~/lib/forms";
import { useT } from "~/i18n/use-t";

export type VendorValues = Partial<Record<"name" | "creditCode" | "phone" | "address", string>>;

/** Name, credit code, phone and address: the same fields on the new and the edit form. */
export function VendorFields({ values, errors }: { values: VendorValues; errors: FieldErrors }) {
  const t = useT();
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <TextField name="name" label={t("admin.company.name")} required defaultValue={values.name} error={errors.name} maxLength={200} />
      <TextField
        name="creditCode"
        label={t("admin.company.creditCode")}
        required
        defaultValue={values.creditCode}
        error={errors.creditCode}
        hint={t("vendors.creditCodeHint")}
        maxLength={40}
        autoCapitalize="characters"
        spellCheck={false}
        className="font-mono"
      />
      <TextField name="phone" type="tel" label={t("admin.company.phone")} defaultValue={values.phone} error={errors.phone} maxLength={40} />
      <TextField name="address" label={t("admin.company.address")} defaultValue={values.address} error={errors.address} maxLength={300} />
    </div>
  );
}

export type ContactValues = Partial<Record<"name" | "title" | "phone" | "email", string>>;

/** A contact's four fields; `prefix` namespaces names (`contact.name`) and ids on a shared page. */
export function ContactFields({ values, errors, prefix = "", idPrefix }: { values: ContactValues; errors: FieldErrors; prefix?: string; idPrefix: string }) {
  const t = useT();
  const field = (name: keyof ContactValues) => ({ id: `${idPrefix}-${name}`, name: `${prefix}${name}`, defaultValue: values[name], error: errors[`${prefix}${name}`] });
  return (
    <div className="grid gap-3 sm:grid-cols-4">
      <TextField {...field("name")} label={t("admin.contact.name")} required={prefix === ""} maxLength={100} />
      <TextField {...field("title")} label={t("admin.contact.title")} maxLength={100} />
      <TextField {...field("phone")} type="tel" label={t("admin.contact.phone")} maxLength={40} />
      <TextField {...field("email")} type="email" label={t("admin.contact.email")} maxLength={200} />
    </div>
  );
}
