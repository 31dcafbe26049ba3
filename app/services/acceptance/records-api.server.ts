// The acceptance records' API answers: the same services and messages as the page, as JSON.
import { getDb, type Db } from "#db/client";
import { translate, type Locale } from "~/i18n";
import { apiError, apiLocale, requireApiUser } from "~/lib/api.server";
import { requestInfo, type RequestInfo } from "~/lib/request-info.server";
import type { SessionUser } from "~/lib/session.server";
import { requireAcceptanceAccess, type AcceptanceAccess } from "./acceptance-access.server";
import { messageText } from "./records-shared";
import type { RecordsFailure } from "./records-write.server";

const CODES = { 400: "VALIDATION", 403: "FORBIDDEN", 404: "NOT_FOUND", 409: "CONFLICT", 422: "REFUSED" } as const;

/** A refused write: 400 with fieldErrors, 403 not the pm, 404, 409 not editable in this stage, 422 revision refused. */
export function recordsApiError(result: RecordsFailure, locale: Locale): Response {
  const t = (key: string, params?: Record<string, string | number>) => translate(locale, key, params);
  const fieldErrors = Object.fromEntries(Object.entries(result.errors).map(([k, v]) => [k, messageText(t, v)]));
  if (result.status === 400 && Object.keys(fieldErrors).length) return apiError(400, CODES[400], t("api.validation"), { fieldErrors });
  if (result.formErrorText?.length) return apiError(result.status, CODES[result.status], result.formErrorText.join("；"), { refusals: result.formErrorText });
  return apiError(result.status, CODES[result.status], messageText(t, result.formError ?? "error.generic"));
}

export interface RecordsApiContext {
  db: Db;
  user: SessionUser;
  access: AcceptanceAccess;
  info: RequestInfo;
  locale: Locale;
}

/** The token's user and their access to the project (a project they may not see is a 404, thrown). */
export async function recordsApiContext(request: Request, projectId: string, context: unknown): Promise<RecordsApiContext> {
  const user = await requireApiUser(request);
  const db = getDb();
  const access = await requireAcceptanceAccess(db, user, projectId);
  return { db, user, access, info: requestInfo(request, context), locale: apiLocale(request) };
}

export function methodNotAllowed(request: Request): Response {
  return apiError(405, "METHOD_NOT_ALLOWED", translate(apiLocale(request), "api.methodNotAllowed"));
}
