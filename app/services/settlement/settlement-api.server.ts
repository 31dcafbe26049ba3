// The settlement draft's API answers: the same services and messages as the page, as JSON.
import { translate, type Locale } from "~/i18n";
import { apiError } from "~/lib/api.server";
import { messageText } from "~/services/acceptance/records-shared";
import type { SettlementSaveFailure } from "./settlement-save.server";

const CODES = { 400: "VALIDATION", 403: "FORBIDDEN", 404: "NOT_FOUND", 409: "CONFLICT" } as const;

/** A refused save: 400 with fieldErrors (keyed by the JSON field names), 403 not the pm, 409 locked / not yet / changed meanwhile. */
export function settlementApiError(result: SettlementSaveFailure, locale: Locale): Response {
  const t = (key: string, params?: Record<string, string | number>) => translate(locale, key, params);
  const fieldErrors = Object.fromEntries(Object.entries(result.errors).map(([k, v]) => [k, messageText(t, v)]));
  if (result.status === 400 && Object.keys(fieldErrors).length) return apiError(400, CODES[400], t("api.validation"), { fieldErrors });
  return apiError(result.status, CODES[result.status], messageText(t, result.formError ?? "error.generic"));
}
