import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { getLocale, localeCookie } from "~/i18n/locale.server";
import { safeRedirectPath } from "~/lib/redirect";

/** Switches between 中文 and English; a form post so it works without JavaScript. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const current = await getLocale(request);
  const next = form.get("locale") === "en" || form.get("locale") === "zh-CN" ? String(form.get("locale")) : current === "en" ? "zh-CN" : "en";
  return redirect(safeRedirectPath(form.get("redirectTo")), { headers: { "Set-Cookie": await localeCookie.serialize(next) } });
}

export function loader() {
  return redirect("/");
}
