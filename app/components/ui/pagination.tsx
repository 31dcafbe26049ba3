import { Link, useLocation } from "@remix-run/react";
import { useT } from "~/i18n/use-t";

/** Links (not buttons) so paging works before JavaScript loads and can be bookmarked. */
export function Pagination({ page, pageSize, total }: { page: number; pageSize: number; total: number }) {
  const t = useT();
  const location = useLocation();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const hrefFor = (p: number) => {
    const params = new URLSearchParams(location.search);
    params.set("page", String(p));
    return `${location.pathname}?${params.toString()}`;
  };
  return (
    <nav className="flex items-center justify-between gap-3 px-1 py-3 text-sm text-slate-600" aria-label="pagination">
      <span>{t("table.pageOf", { page, pages, total })}</span>
      <span className="flex gap-2">
        {page > 1 ? <Link className="btn-secondary" to={hrefFor(page - 1)} rel="prev">{t("table.prev")}</Link> : <span className="btn-secondary opacity-50" aria-disabled>{t("table.prev")}</span>}
        {page < pages ? <Link className="btn-secondary" to={hrefFor(page + 1)} rel="next">{t("table.next")}</Link> : <span className="btn-secondary opacity-50" aria-disabled>{t("table.next")}</span>}
      </span>
    </nav>
  );
}
