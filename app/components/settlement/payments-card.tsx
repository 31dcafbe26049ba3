// The payments received on the settlement (progress payments and the retention release) and
// what is still outstanding, retention excluded — for the pm and finance alike.
import { Card, EmptyState } from "~/components/ui/layout";
import { useT } from "~/i18n/use-t";
import { formatFen } from "~/lib/money";

export interface PaymentItem {
  id: string;
  receivedOn: string;
  amountFen: number;
  kind: "progress" | "retention";
  reference: string;
  settlementVersion: number;
}

export function PaymentsCard({ payments, paidBeforeFen, outstandingFen, retention }: {
  payments: PaymentItem[];
  /** Paid before the statement (advances outside the system), shown as the first line. */
  paidBeforeFen: number;
  /** final total − retention − paid; null before approval. */
  outstandingFen: number | null;
  retention?: { amountFen: number; dueOn: string | null } | null;
}) {
  const t = useT();
  return (
    <Card title={t("finance.payments.title")}>
      <div id="payments" className="space-y-3">
        {payments.length === 0 && paidBeforeFen === 0 ? (
          <EmptyState>{t("finance.payments.empty")}</EmptyState>
        ) : (
          <div className="-mx-4 overflow-x-auto">
            <table className="table-dense">
              <thead>
                <tr>
                  <th>{t("finance.payments.receivedOn")}</th>
                  <th>{t("finance.payments.kind")}</th>
                  <th className="text-right">{t("finance.col.amount")}</th>
                  <th>{t("finance.payments.reference")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {paidBeforeFen > 0 ? (
                  <tr>
                    <td>—</td>
                    <td>{t("finance.payments.paidBefore")}</td>
                    <td className="text-right tabular-nums">{formatFen(paidBeforeFen)}</td>
                    <td />
                  </tr>
                ) : null}
                {payments.map((p) => (
                  <tr key={p.id}>
                    <td className="whitespace-nowrap">{p.receivedOn}</td>
                    <td>{t(`finance.payments.kind.${p.kind}`)}</td>
                    <td className="text-right tabular-nums">{formatFen(p.amountFen)}</td>
                    <td className="font-mono text-xs">{p.reference || "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {outstandingFen !== null ? (
          <p className={`text-sm font-medium ${outstandingFen > 0 ? "text-slate-800" : "text-emerald-700"}`} data-testid="payments-outstanding">
            {t("finance.payments.outstandingAmount", { amount: formatFen(Math.max(0, outstandingFen)) })}
          </p>
        ) : null}
        {retention && retention.amountFen > 0 ? (
          <p className="text-sm text-slate-600">{t("finance.payments.retentionHeld", { amount: formatFen(retention.amountFen), dueOn: retention.dueOn ?? "—" })}</p>
        ) : null}
      </div>
    </Card>
  );
}
