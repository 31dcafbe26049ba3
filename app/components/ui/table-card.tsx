import { Fragment, isValidElement, type ReactNode } from "react";
import { useT } from "~/i18n/use-t";
import { Card, EmptyState } from "./layout";

/**
 * A list page's table in a card: the "no rows" message when `empty`, else a dense, horizontally
 * scrollable table. A header that is already a `<th>` element (e.g. `<th className="text-right">`)
 * is used as is; anything else is wrapped in a plain `<th>`.
 */
export function TableCard({
  headers,
  empty,
  children,
  title,
  actions,
}: {
  headers: ReactNode[];
  empty: boolean;
  /** The `<tr>` rows. */
  children: ReactNode;
  title?: ReactNode;
  actions?: ReactNode;
}) {
  const t = useT();
  return (
    <Card title={title} actions={actions}>
      {empty ? (
        <EmptyState>{t("table.empty")}</EmptyState>
      ) : (
        <div className="-m-4 overflow-x-auto">
          <table className="table-dense">
            <thead>
              <tr>
                {headers.map((header, i) => (
                  <Fragment key={i}>{isValidElement(header) && header.type === "th" ? header : <th>{header}</th>}</Fragment>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">{children}</tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
