// The project's maintenance contracts (维保合同) and, for the pm / service / management once the
// project is accepted, the form to add one: messages beside the fields, values kept on refusal.
import { Form, useNavigation } from "@remix-run/react";
import { TextAreaField, TextField } from "~/components/ui/field";
import { Alert, Badge, Card, EmptyState } from "~/components/ui/layout";
import { useT } from "~/i18n/use-t";
import { formatFen } from "~/lib/money";

export interface ContractItem {
  id: string;
  number: string;
  startsOn: string;
  endsOn: string;
  priceFen: number;
  scope: string;
}

export interface ContractFailure {
  errors: Record<string, string>;
  values: Record<string, string>;
  formError: string;
}

export function MaintenanceContractsCard({ contracts, coveringId, canAdd, failure, defaultStartsOn }: {
  contracts: ContractItem[];
  coveringId: string | null;
  canAdd: boolean;
  failure: ContractFailure | null;
  defaultStartsOn: string;
}) {
  const t = useT();
  const busy = useNavigation().state === "submitting";
  const v = failure?.values ?? {};
  const e = failure?.errors ?? {};
  return (
    <Card title={t("serviceWarranty.contract.title")}>
      <div id="contracts" className="space-y-4">
        {contracts.length === 0 ? (
          <EmptyState>{t("serviceWarranty.contract.empty")}</EmptyState>
        ) : (
          <div className="-mx-4 overflow-x-auto">
            <table className="table-dense">
              <thead>
                <tr>
                  <th>{t("serviceWarranty.contract.number")}</th>
                  <th>{t("serviceWarranty.contract.period")}</th>
                  <th className="text-right">{t("serviceWarranty.contract.price")}</th>
                  <th>{t("serviceWarranty.contract.scope")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {contracts.map((c) => (
                  <tr key={c.id}>
                    <td className="whitespace-nowrap font-mono text-xs">
                      {c.number} {c.id === coveringId ? <Badge tone="green">{t("serviceWarranty.contract.current")}</Badge> : null}
                    </td>
                    <td className="whitespace-nowrap">{c.startsOn} ~ {c.endsOn}</td>
                    <td className="text-right tabular-nums">{formatFen(c.priceFen)}</td>
                    <td className="whitespace-pre-line">{c.scope}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {canAdd ? (
          <Form key={contracts.length} method="post" action="?intent=addContract" preventScrollReset noValidate className="space-y-3 border-t border-slate-100 pt-4">
            <h3 className="text-sm font-semibold text-slate-800">{t("serviceWarranty.contract.add")}</h3>
            {failure && !Object.keys(failure.errors).length ? <Alert tone="red">{t(failure.formError)}</Alert> : null}
            <div className="grid gap-3 sm:grid-cols-4">
              <TextField name="number" label={t("serviceWarranty.contract.number")} defaultValue={v.number ?? ""} error={e.number} required maxLength={40} />
              <TextField name="startsOn" type="date" label={t("serviceWarranty.contract.startsOn")} defaultValue={v.startsOn ?? defaultStartsOn} error={e.startsOn} required />
              <TextField name="endsOn" type="date" label={t("serviceWarranty.contract.endsOn")} defaultValue={v.endsOn ?? ""} error={e.endsOn} required />
              <TextField name="price" inputMode="decimal" label={t("serviceWarranty.contract.price")} defaultValue={v.price ?? ""} error={e.price} required placeholder="0.00" />
            </div>
            <TextAreaField name="scope" label={t("serviceWarranty.contract.scope")} hint={t("serviceWarranty.contract.scopeHint")} defaultValue={v.scope ?? ""} error={e.scope} required maxLength={2000} />
            <button type="submit" className="btn-primary" disabled={busy}>
              {t("serviceWarranty.contract.add")}
            </button>
          </Form>
        ) : null}
      </div>
    </Card>
  );
}
