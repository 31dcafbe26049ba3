// Non-price terms side by side, and each company's revisions (totals by date) so the negotiation
// (议价) is visible. Same sticky first column as the matrix.
import { Instant } from "~/components/project/labels";
import { Card } from "~/components/ui/layout";
import { useT } from "~/i18n/use-t";
import { formatFen } from "~/lib/money";
import type { ComparisonCompany } from "~/services/bidding/comparison-types";

const STICKY = "sticky left-0 z-10 bg-white shadow-[1px_0_0_0_#e2e8f0]";

export function ComparisonTerms({ companies }: { companies: ComparisonCompany[] }) {
  const t = useT();
  if (companies.length === 0) return null;
  const rows: [string, (c: ComparisonCompany) => string][] = [
    ["bidding.comparison.term.status", (c) => (c.valid ? t("bidding.comparison.valid") : `${t("bidding.comparison.invalid")}：${c.invalidReasons.map((r) => t(r)).join("、")}`)],
    ["bidding.comparison.term.contractingMethod", (c) => c.terms.contractingMethod],
    ["bidding.comparison.term.scope", (c) => c.terms.scope],
    ["bidding.comparison.term.durationDays", (c) => (c.terms.durationDays === null ? "" : t("bidding.comparison.days", { n: c.terms.durationDays }))],
    ["bidding.comparison.term.requirements", (c) => c.terms.requirements],
    ["bidding.comparison.term.paymentTerms", (c) => c.terms.paymentTerms],
    ["bidding.comparison.term.maintenanceTerms", (c) => c.terms.maintenanceTerms],
    ["bidding.comparison.term.validUntil", (c) => c.terms.validUntil],
    ["bidding.comparison.term.source", (c) => t(`bidding.comparison.source.${c.source}`)],
  ];
  return (
    <Card title={t("bidding.comparison.terms")}>
      <div className="-m-4 overflow-x-auto">
        <table className="table-dense">
          <thead>
            <tr>
              <th className={`${STICKY} bg-slate-50`} />
              {companies.map((c) => (
                <th key={c.vendorId} className={`min-w-[12rem] whitespace-normal ${c.valid ? "" : "text-slate-400"}`}>
                  {c.vendorName}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map(([label, value]) => (
              <tr key={label}>
                <th scope="row" className={`${STICKY} text-left font-medium text-slate-600`}>
                  {t(label)}
                </th>
                {companies.map((c) => (
                  <td key={c.vendorId} className={`whitespace-pre-line ${c.valid ? "" : "text-slate-400"}`}>
                    {value(c) || "—"}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}

export function ComparisonHistory({ companies }: { companies: ComparisonCompany[] }) {
  const t = useT();
  if (companies.length === 0) return null;
  return (
    <Card title={t("bidding.comparison.history")}>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {companies.map((c) => {
          const revisions = [...c.history.map((h) => ({ ...h, latest: false })), { revision: c.revision, totalFen: c.totalFen, submittedAt: c.submittedAt, latest: true }];
          return (
            <div key={c.vendorId} className={`rounded-md border border-slate-200 p-3 ${c.valid ? "" : "bg-slate-50 text-slate-400"}`}>
              <p className="font-medium">{c.vendorName}</p>
              {revisions.length === 1 ? <p className="text-xs text-slate-500">{t("bidding.comparison.historyOnlyOne")}</p> : null}
              <ol className="mt-1 space-y-1 text-sm">
                {revisions.map((r, i) => {
                  const change = i > 0 ? r.totalFen - revisions[i - 1]!.totalFen : null;
                  return (
                    <li key={r.revision} className="flex flex-wrap items-baseline justify-between gap-x-2">
                      <span>
                        {t("bidding.comparison.revisionN", { n: r.revision })}
                        {r.latest ? <span className="ml-1 text-xs text-brand-700">{t("bidding.comparison.latest")}</span> : null}
                        <span className="ml-2 text-xs text-slate-500">
                          <Instant iso={r.submittedAt} />
                        </span>
                      </span>
                      <span className="tabular-nums">
                        {formatFen(r.totalFen)}
                        {change !== null && change !== 0 ? (
                          <span className={`ml-1 text-xs ${change < 0 ? "text-emerald-700" : "text-red-700"}`}>
                            ({change < 0 ? "−" : "+"}
                            {formatFen(Math.abs(change))})
                          </span>
                        ) : null}
                      </span>
                    </li>
                  );
                })}
              </ol>
            </div>
          );
        })}
      </div>
    </Card>
  );
}
