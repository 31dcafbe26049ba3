import { getDb } from "#db/client";
import { translate, type Locale } from "~/i18n";
import { authenticateApiToken } from "~/services/admin/authenticate-api-token.server";
import type { FieldErrors } from "./forms";
import type { SessionUser } from "./session.server";

/** API clients choose English with Accept-Language: en; Chinese otherwise, as on the pages. */
export function apiLocale(request: Request): Locale {
  return /^\s*en\b/i.test(request.headers.get("Accept-Language") ?? "") ? "en" : "zh-CN";
}

export interface ApiErrorBody {
  error: { code: string; message: string; fieldErrors?: Record<string, string>; refusals?: unknown[] };
}

export function apiError(status: number, code: string, message: string, extra: Partial<ApiErrorBody["error"]> = {}): Response {
  return Response.json({ error: { code, message, ...extra } } satisfies ApiErrorBody, { status, headers: { "Cache-Control": "no-store" } });
}

export function apiOk(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
}

/** Field error keys → messages in the caller's language, keyed by the same field paths as the forms. */
export function fieldMessages(errors: FieldErrors, locale: Locale): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).map(([field, key]) => [field, translate(locale, key)]));
}

/** The user behind the bearer token, or a 401 response thrown. */
export async function requireApiUser(request: Request): Promise<SessionUser> {
  const user = await authenticateApiToken(getDb(), request.headers.get("Authorization"));
  if (!user) {
    throw apiError(401, "UNAUTHORIZED", translate(apiLocale(request), "api.unauthorized"));
  }
  return user;
}

const MAX_JSON_BYTES = 1_000_000;

/**
 * The request body as a JSON object. JSON numbers become strings so they pass through the same
 * validators as form fields (a 1e21 or 0.001 is then refused with the same message as on a page).
 */
export async function readJsonObject(request: Request): Promise<Record<string, unknown> | Response> {
  const locale = apiLocale(request);
  const length = Number(request.headers.get("Content-Length") ?? 0);
  if (length > MAX_JSON_BYTES) return apiError(413, "PAYLOAD_TOO_LARGE", translate(locale, "api.tooLarge"));
  const text = await request.text();
  if (text.length > MAX_JSON_BYTES) return apiError(413, "PAYLOAD_TOO_LARGE", translate(locale, "api.tooLarge"));
  let value: unknown;
  try {
    value = text ? JSON.parse(text) : {};
  } catch {
    return apiError(400, "INVALID_JSON", translate(locale, "api.invalidJson"));
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) return apiError(400, "INVALID_JSON", translate(locale, "api.invalidJson"));
  return numbersToStrings(value) as Record<string, unknown>;
}

function numbersToStrings(value: unknown): unknown {
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "NaN";
  if (Array.isArray(value)) return value.map(numbersToStrings);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, numbersToStrings(v)]));
  return value;
}

/**
 * Runs an API handler: thrown Responses pass through; the 404/403 that permission helpers throw
 * for pages (Remix `data()`) become JSON errors; anything else is a 500 without internals.
 */
export async function handleApi(request: Request, handler: () => Promise<Response>): Promise<Response> {
  const locale = apiLocale(request);
  try {
    return await handler();
  } catch (error) {
    if (error instanceof Response) return error;
    const init = (error as { init?: { status?: number } | null; data?: { messageKey?: string } }) ?? {};
    const status = init.init?.status;
    if (status === 404 || status === 403) {
      return apiError(status, status === 404 ? "NOT_FOUND" : "FORBIDDEN", translate(locale, init.data?.messageKey ?? (status === 404 ? "error.notFound" : "error.forbidden")));
    }
    console.warn("API error", error);
    return apiError(500, "INTERNAL", translate(locale, "error.generic"));
  }
}
