import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useT } from "~/i18n/use-t";

/**
 * A list page's GET search form: `?q=` with a search button, and a reset link (to `resetTo`)
 * while a search is active. `children` go first in the form: hidden inputs that carry
 * other filters along, or extra filter fields.
 */
export function SearchForm({ q, placeholder, resetTo, children }: { q: string; placeholder: string; resetTo: string; children?: ReactNode }) {
  const t = useT();
  return (
    <Form method="get" className="mb-4 flex flex-wrap gap-2" role="search">
      {children}
      <label htmlFor="q" className="sr-only">{t("form.search")}</label>
      <input id="q" name="q" type="search" defaultValue={q} placeholder={placeholder} className="input max-w-xs" />
      <button type="submit" className="btn-secondary">{t("form.search")}</button>
      {q ? <Link to={resetTo} className="btn-secondary">{t("form.reset")}</Link> : null}
    </Form>
  );
}
