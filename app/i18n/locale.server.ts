import { createCookie } from "@remix-run/node";
import { DEFAULT_LOCALE, isLocale, type Locale } from "./index";

export const localeCookie = createCookie("lang", { path: "/", sameSite: "lax", httpOnly: true, maxAge: 365 * 24 * 3600 });

/** Chinese unless the user chose English (cookie) or, for API clients, asked for it. */
export async function getLocale(request: Request): Promise<Locale> {
  const fromCookie = await localeCookie.parse(request.headers.get("Cookie"));
  if (isLocale(fromCookie)) return fromCookie;
  const accept = request.headers.get("Accept-Language") ?? "";
  if (/^en\b/i.test(accept.trim())) return "en";
  return DEFAULT_LOCALE;
}
