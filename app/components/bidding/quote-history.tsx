// Quotes grouped by company: the latest revision on top, every earlier revision kept and shown
// (negotiation history), each with its lines. Used by the pm's page and by the vendor's link page.
import type { ReactNode } from "react";
import { Badge, EmptyState } from "~/components/ui/layout";
import { formatInstant } from "~/components/project/labels";
import { useLocale, useT } from "~/i18n/use-t";
import { formatFen } from "~/lib/money";
import { splitScope } from "~/services/bidding/quote-fields";
import type { RevisionView, VendorQuotes } from "~/services/bidding/list-bidding.server";

// The same shapes the service returns (a type import: no server code reaches the browser).
export type RevisionViewData = RevisionView;
export type VendorQuotesData = VendorQuotes;

const STATUS_TONE = { valid: "green", withdrawn: "red", expired: "amber" } as const;

export function QuoteHistory({ groups, actions, fileHref, showVendor = true }: { groups: VendorQuotesData[]; actions?: (g: VendorQuotesData) => ReactNode; fileHref?: (fileId: string) => string; showVendor?: boolean }) {
  const t = useT();
  if (groups.length === 0) return <EmptyState>{t("bidding.quote.none")}</EmptyState>;
  return (
    <div className="space-y-4">
      {groups.map((g) => {
        const [latest, ...earlier] = g.revisions;
        return (
          <article key={g.vendorId} className="rounded-md border border-slate-200" data-testid="vendor-quotes">
            <header className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-100 bg-slate-50 px-3 py-2">
              <h3 className="font-semibold text-slate-900">{showVendor ? g.vendorName : t("bidding.quote.revision", { n: latest.revision })}</h3>
              <div className="flex flex-wrap items-center gap-2">
                <strong className="text-lg">{formatFen(latest.totalFen)}</strong>
                <Badge tone={STATUS_TONE[latest.status]}>{t(`bidding.quote.status.${latest.status}`)}</Badge>
              </div>
            </header>
            <div className="p-3">
              <Revision r={latest} fileHref={fileHref} />
              {actions ? <div className="mt-3 flex flex-wrap items-start gap-3">{actions(g)}</div> : null}
              {earlier.length ? (
                <details className="mt-3">
                  <summary className="cursor-pointer text-sm text-brand-700">{t("bidding.quote.earlier", { n: earlier.length })}</summary>
                  <div className="mt-2 space-y-3">
                    {earlier.map((r) => (
                      <div key={r.id} className="rounded border border-slate-100 p-2">
                        <p className="mb-1 flex flex-wrap items-center gap-2 text-sm">
                          <span className="font-medium">{t("bidding.quote.revision", { n: r.revision })}</span>
                          <span>{formatFen(r.totalFen)}</span>
                          <Badge tone={STATUS_TONE[r.status]}>{t(`bidding.quote.status.${r.status}`)}</Badge>
                        </p>
                        <Revision r={r} fileHref={fileHref} />
                      </div>
                    ))}
                  </div>
                </details>
              ) : null}
            </div>
          </article>
        );
      })}
    </div>
  );
}

function Revision({ r, fileHref }: { r: RevisionViewData; fileHref?: (id: string) => string }) {
  const t = useT();
  const locale = useLocale();
  const { scope, drawingsConfirmed } = splitScope(r.scope);
  const terms: [string, string][] = [
    ["bidding.quote.contractingMethod", r.contractingMethod],
    ["bidding.quote.scope", scope + (drawingsConfirmed ? `（${t("bidding.quote.drawingsConfirmed")}）` : "")],
    ["bidding.quote.durationDays", r.durationDays === null ? "" : t("bidding.quote.days", { n: r.durationDays })],
    ["bidding.quote.requirements", r.requirements],
    ["bidding.quote.paymentTerms", r.paymentTerms],
    ["bidding.quote.maintenanceTerms", r.maintenanceTerms],
    ["bidding.quote.validUntil", r.validUntil],
  ];
  return (
    <div className="space-y-2 text-sm">
      <p className="text-xs text-slate-500">
        {t("bidding.quote.revision", { n: r.revision })} · {t(`bidding.quote.source.${r.source}`)} · {t("bidding.quote.submittedAt")} {formatInstant(r.submittedAt, locale)}
      </p>
      {r.withdrawReason !== null && r.withdrawnAt ? <p className="text-red-700">{t("bidding.quote.withdrawnBecause", { reason: r.withdrawReason })}</p> : null}
      <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-2">
        {terms
          .filter(([, value]) => value)
          .map(([label, value]) => (
            <div key={label} className="flex gap-2">
              <dt className="shrink-0 text-slate-500">{t(label)}：</dt>
              <dd className="whitespace-pre-wrap break-words">{value}</dd>
            </div>
          ))}
      </dl>
      <div className="-mx-3 overflow-x-auto">
        <table className="table-dense">
          <thead>
            <tr>
              <th>#</th>
              <th>{t("bidding.quote.line.item")}</th>
              <th>{t("bidding.quote.line.spec")}</th>
              <th>{t("bidding.quote.line.unit")}</th>
              <th className="text-right">{t("bidding.quote.line.quantity")}</th>
              <th className="text-right">{t("bidding.quote.line.unitPrice")}</th>
              <th className="text-right">{t("bidding.quote.line.amountShort")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {r.lines.map((l) => (
              <tr key={l.position}>
                <td>{l.position + 1}</td>
                <td>{l.item}</td>
                <td>{l.spec}</td>
                <td>{l.unit}</td>
                <td className="text-right tabular-nums">{l.quantity.includes(".") ? l.quantity.replace(/0+$/, "").replace(/\.$/, "") : l.quantity}</td>
                <td className="whitespace-nowrap text-right tabular-nums">{formatFen(l.unitPriceFen)}</td>
                <td className="whitespace-nowrap text-right tabular-nums">{formatFen(l.amountFen)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {r.attachments.length ? (
        <ul className="flex flex-wrap gap-3">
          {r.attachments.map((a) => (
            <li key={a.id}>{fileHref ? <a className="btn-link" href={fileHref(a.id)}>{a.name}</a> : a.name}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
