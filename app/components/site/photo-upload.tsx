// Camera-first photo picker: on a phone `capture="environment"` opens the rear camera; several
// photos may be chosen at once. Plain inputs, so it works inside any <Form encType="multipart/form-data">.
import { useState } from "react";
import { useT } from "~/i18n/use-t";

export interface PhotoUploadProps {
  /** The file field's name (the action reads it with readMultipartForm({[name]: ['image']})). */
  name: string;
  label: string;
  /** Message key beside the field (upload.tooLarge / upload.badType). */
  error?: string;
  /** Shows a caption input named `${name}Caption`, applied to every photo of this batch. */
  withCaption?: boolean;
  captionValue?: string;
}

export function PhotoUpload({ name, label, error, withCaption = true, captionValue }: PhotoUploadProps) {
  const t = useT();
  const [count, setCount] = useState(0);
  const id = `f-${name}`;
  return (
    <div className="space-y-2">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <label
        htmlFor={id}
        className="flex min-h-12 cursor-pointer items-center justify-center rounded-md border-2 border-dashed border-slate-300 px-4 py-3 text-center text-base text-slate-600 hover:border-brand-400"
      >
        {count > 0 ? t("site.photo.chosen", { n: String(count) }) : t("site.photo.take")}
      </label>
      <input
        id={id}
        name={name}
        type="file"
        accept="image/*"
        capture="environment"
        multiple
        className="block w-full text-sm"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => setCount(e.currentTarget.files?.length ?? 0)}
      />
      {error ? (
        <p id={`${id}-error`} className="text-sm text-red-600" role="alert">
          {t(error)}
        </p>
      ) : (
        <p className="text-xs text-slate-500">{t("site.photo.hint")}</p>
      )}
      {withCaption ? (
        <input name={`${name}Caption`} defaultValue={captionValue} maxLength={200} placeholder={t("site.photo.captionPlaceholder")} aria-label={t("site.photo.caption")} className="input" />
      ) : null}
    </div>
  );
}
