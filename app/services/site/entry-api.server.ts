import { translate, type Locale } from "~/i18n";
import { apiError, apiOk, fieldMessages } from "~/lib/api.server";
import type { EntryResult } from "./entry-access.server";

const CODES: Record<number, string> = { 400: "VALIDATION", 403: "FORBIDDEN", 404: "NOT_FOUND", 409: "STAGE_CONFLICT" };

/** An entry/survey service result as the API answers it: same message keys as the pages. */
export function entryApiResponse(result: EntryResult | { ok: false; status: number; errors?: Record<string, string>; messageKey: string }, locale: Locale, created: { url: string } | null = null): Response {
  if (result.ok) return apiOk({ ok: true, id: "id" in result ? result.id : undefined, ...(created ?? {}) }, created ? 201 : 200);
  const errors = result.errors ?? {};
  const message = result.status === 400 && Object.keys(errors).length ? translate(locale, "api.validation") : translate(locale, result.messageKey);
  return apiError(result.status, CODES[result.status] ?? "ERROR", message, Object.keys(errors).length ? { fieldErrors: fieldMessages(errors, locale) } : {});
}
