// The 比价 matrix: lines × companies, each cell the unit price (★ and green when the line's
// lowest among valid quotes), the amount and quantity; then totals and spread. The item column
// stays put while the companies scroll sideways, so it reads on a phone.
import { Badge, Card, EmptyState } from "~/components/ui/layout";
import { useT } from "~/i18n/use-t";
import { formatFen } from "~/lib/money";
import { formatQuantity } from "~/lib/quote-math";
import type { ComparisonData } from "~/services/bidding/comparison-types";

const STICKY = "sticky left-0 z-10 bg-white shadow-[1px_0_0_0_#e2e8f0]";

export function ComparisonMatrix({ data }: { data: ComparisonData }) {
  const t = useT();
  const { companies, lines } = data;
  if (companies.length === 0) {
    return (
      <Card title={t("bidding.comparison.matrix")}>
        <EmptyState>{t("bidding.comparison.empty")}</EmptyState>
      </Card>
    );
  }
  const grey = (valid: boolean) => (valid ? "" : "text-slate-400");
  return (
    <Card title={t("bidding.comparison.matrix")} actions={<span className="text-xs text-slate-500 sm:hidden">{t("bidding.comparison.scrollHint")}</span>}>
      <div className="-m-4 overflow-x-auto" data-testid="comparison-matrix">
        <table className="table-dense">
          <thead>
            <tr>
              <th className={`${STICKY} bg-slate-50 min-w-[9rem]`}>{t("bidding.comparison.item")}</th>
              {companies.map((c) => (
                <th key={c.vendorId} className={`min-w-[9rem] text-right align-bottom ${grey(c.valid)}`}>
                  <div className="whitespace-normal font-semibold text-slate-800">{c.vendorName}</div>
                  <div className="mt-0.5 flex flex-wrap justify-end gap-1 font-normal">
                    <span className="text-xs">{t("bidding.comparison.revisionN", { n: c.revision })}</span>
                    {c.valid ? (
                      <Badge tone="green">{t("bidding.comparison.valid")}</Badge>
                    ) : (
                      <Badge tone="gray">
                        {t("bidding.comparison.invalid")}：{c.invalidReasons.map((r) => t(r)).join("、")}
                      </Badge>
                    )}
                  </div>
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {lines.length === 0 ? (
              <tr>
                <td className={STICKY} colSpan={1}>
                  {t("bidding.comparison.noLines")}
                </td>
                {companies.map((c) => (
                  <td key={c.vendorId} />
                ))}
              </tr>
            ) : null}
            {lines.map((line, i) => (
              <tr key={i}>
                <th scope="row" className={`${STICKY} whitespace-normal text-left font-normal`}>
                  <div className="font-medium text-slate-800">{line.item}</div>
                  <div className="text-xs text-slate-500">
                    {[line.spec, line.unit].filter(Boolean).join(" · ")}
                  </div>
                </th>
                {companies.map((c) => {
                  const cell = line.cells[c.vendorId];
                  const lowest = line.lowestVendorIds.includes(c.vendorId);
                  if (!cell) {
                    return (
                      <td key={c.vendorId} className="text-right text-xs text-slate-400">
                        {t("bidding.comparison.notQuoted")}
                      </td>
                    );
                  }
                  return (
                    <td key={c.vendorId} className={`text-right tabular-nums ${lowest ? "bg-emerald-50" : ""} ${grey(c.valid)}`} data-lowest={lowest || undefined}>
                      <div className={lowest ? "font-semibold text-emerald-800" : ""}>
                        {lowest ? <span aria-label={t("bidding.comparison.lowestTotal")}>★ </span> : null}
                        {formatFen(cell.unitPriceFen)}
                      </div>
                      <div className="text-xs text-slate-500">
                        × {formatQuantity(cell.quantityMilli)} = {formatFen(cell.amountFen)}
                      </div>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
          <tfoot className="border-t-2 border-slate-200">
            <tr>
              <th scope="row" className={`${STICKY} text-left`}>
                {t("bidding.comparison.total")}
              </th>
              {companies.map((c) => (
                <td key={c.vendorId} className={`text-right font-semibold tabular-nums ${c.isLowest ? "bg-emerald-50 text-emerald-800" : ""} ${grey(c.valid)}`}>
                  {c.isLowest ? "★ " : ""}
                  {formatFen(c.totalFen)}
                </td>
              ))}
            </tr>
            <tr>
              <th scope="row" className={`${STICKY} text-left font-normal`}>
                {t("bidding.comparison.spread")}
              </th>
              {companies.map((c) => (
                <td key={c.vendorId} className={`text-right tabular-nums ${grey(c.valid)}`}>
                  {c.valid ? (c.isLowest ? t("bidding.comparison.lowestTotal") : `+${c.spreadPercent.toFixed(1)}%`) : "—"}
                </td>
              ))}
            </tr>
          </tfoot>
        </table>
      </div>
      <p className="mt-6 text-xs text-slate-500">{t("bidding.comparison.lowestLegend")}</p>
    </Card>
  );
}
