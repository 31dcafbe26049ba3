// The JSON error of a refused quality write (materials and rectifications API), same messages as the pages.
import type { Locale } from "~/i18n";
import { translate } from "~/i18n";
import { apiError, fieldMessages } from "~/lib/api.server";

export function qualityApiError(locale: Locale, r: { status: number; formError: string; errors: Record<string, string> }) {
  const code = r.status === 400 ? "INVALID_INPUT" : r.status === 403 ? "FORBIDDEN" : r.status === 404 ? "NOT_FOUND" : r.status === 409 ? "CONFLICT" : "REFUSED";
  return apiError(r.status, code, translate(locale, r.formError), Object.keys(r.errors).length ? { fieldErrors: fieldMessages(r.errors, locale) } : {});
}
