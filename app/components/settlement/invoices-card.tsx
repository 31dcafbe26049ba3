// The invoices issued to the client (发票号, 开票日期, 金额) and, for finance once the settlement is
// approved, the form to add one. The total invoiced is shown against the approved final total.
import { Form, useNavigation } from "@remix-run/react";
import { FormFailure } from "~/components/acceptance/request-card";
import { TextField } from "~/components/ui/field";
import { Card, EmptyState } from "~/components/ui/layout";
import { useT } from "~/i18n/use-t";
import { shanghaiDate } from "~/lib/calendar";
import { formatFen } from "~/lib/money";
import type { IntentResult } from "~/services/acceptance/intent-result";

type Failure = Extract<IntentResult, { ok: false }>;

export interface InvoiceItem {
  id: string;
  number: string;
  issuedOn: string;
  amountFen: number;
  settlementVersion: number;
}

export function InvoicesCard({ invoices, approvedTotalFen, canAdd, projectVersion, result, today }: {
  invoices: InvoiceItem[];
  /** The approved version's final total; null before approval. */
  approvedTotalFen: number | null;
  /** Finance, with an approved settlement. */
  canAdd: boolean;
  projectVersion: number;
  /** The last refused intent; shown when it is `addInvoice`. */
  result?: IntentResult | null;
  today?: string;
}) {
  const t = useT();
  const day = today ?? shanghaiDate(new Date().toISOString());
  const busy = useNavigation().state === "submitting";
  const failure: Failure | null = result && !result.ok && result.intent === "addInvoice" ? result : null;
  const v = (failure?.values ?? {}) as Record<string, string>;
  const e = failure?.errors ?? {};
  const invoicedFen = invoices.reduce((sum, i) => sum + i.amountFen, 0);
  return (
    <Card title={t("finance.invoice.title")}>
      <div id="invoices" className="space-y-4">
        {approvedTotalFen !== null ? (
          <p className="text-sm text-slate-600">{t("finance.invoice.total", { invoiced: formatFen(invoicedFen), total: formatFen(approvedTotalFen) })}</p>
        ) : null}
        {invoices.length === 0 ? (
          <EmptyState>{t("finance.invoice.empty")}</EmptyState>
        ) : (
          <div className="-mx-4 overflow-x-auto">
            <table className="table-dense">
              <thead>
                <tr>
                  <th>{t("finance.invoice.number")}</th>
                  <th>{t("finance.invoice.issuedOn")}</th>
                  <th className="text-right">{t("finance.col.amount")}</th>
                  <th>{t("finance.col.version")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {invoices.map((i) => (
                  <tr key={i.id}>
                    <td className="font-mono text-xs">{i.number}</td>
                    <td className="whitespace-nowrap">{i.issuedOn}</td>
                    <td className="text-right tabular-nums">{formatFen(i.amountFen)}</td>
                    <td>{t("finance.version", { version: i.settlementVersion })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {canAdd ? (
          <Form key={invoices.length} method="post" action="?intent=addInvoice" preventScrollReset noValidate className="space-y-3 border-t border-slate-100 pt-4">
            <input type="hidden" name="version" value={projectVersion} />
            <FormFailure result={failure && !Object.keys(failure.errors).length ? failure : null} />
            <div className="grid gap-3 sm:grid-cols-3">
              <TextField name="number" label={t("finance.invoice.number")} defaultValue={v.number ?? ""} error={e.number} required maxLength={40} />
              <TextField name="issuedOn" type="date" max={day} label={t("finance.invoice.issuedOn")} defaultValue={v.issuedOn ?? day} error={e.issuedOn} required />
              <TextField name="amount" inputMode="decimal" label={t("finance.invoice.amount")} defaultValue={v.amount ?? ""} error={e.amount} required placeholder="0.00" />
            </div>
            <button type="submit" className="btn-primary" disabled={busy}>{t("finance.invoice.add")}</button>
          </Form>
        ) : null}
      </div>
    </Card>
  );
}
