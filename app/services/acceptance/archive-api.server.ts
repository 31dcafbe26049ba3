// The archive checklist's API answers: the same service and messages as the page, as JSON.
import { translate, type Locale } from "~/i18n";
import { apiError } from "~/lib/api.server";
import type { ArchiveChecklistItem } from "./archive-checklist-load.server";
import type { ArchiveUploadResult } from "./archive-upload.server";

const CODES = { 400: "VALIDATION", 403: "FORBIDDEN", 409: "CONFLICT", 413: "PAYLOAD_TOO_LARGE", 422: "REFUSED" } as const;

export function archiveUploadApiError(result: Extract<ArchiveUploadResult, { ok: false }>, locale: Locale): Response {
  const t = (key: string) => translate(locale, key);
  const fieldErrors = Object.fromEntries(Object.entries(result.errors).map(([k, v]) => [k, t(v)]));
  const extra = Object.keys(fieldErrors).length ? { fieldErrors } : {};
  if (result.formErrorText.length) return apiError(result.status, CODES[result.status], result.formErrorText.join("；"), { refusals: result.formErrorText });
  if (result.formError) return apiError(result.status, CODES[result.status], t(result.formError), extra);
  const message = result.status === 413 ? t("acceptanceArchive.upload.tooLarge") : t("api.validation");
  return apiError(result.status, CODES[result.status], message, extra);
}

/** The checklist as JSON: each file with its download URL. */
export function checklistJson(items: ArchiveChecklistItem[], locale: Locale) {
  return items.map((item) => ({
    kind: item.kind,
    label: item.label[locale],
    present: item.present,
    files: item.files.map((f) => ({ ...f, url: `/files/${f.fileId}` })),
  }));
}
