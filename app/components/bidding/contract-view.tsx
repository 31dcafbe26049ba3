// The recorded installation contract and its payment milestones, read-only.
import { formatInstant } from "~/components/project/labels";
import { Card } from "~/components/ui/layout";
import { useLocale, useT } from "~/i18n/use-t";
import { formatFen } from "~/lib/money";
import { formatBasisPoints, TRIGGER_LABEL_KEYS } from "~/services/bidding/milestone-rules";
import type { ContractView as ContractData } from "~/services/bidding/record-contract.server";

export function ContractView({ contract }: { contract: NonNullable<ContractData["contract"]> }) {
  const t = useT();
  const locale = useLocale();
  const total = contract.milestones.reduce((s, m) => s + m.amountFen, 0);
  return (
    <Card title={t("bidding.contract.recorded")} actions={<span className="text-xs text-slate-500">{t("bidding.contract.recordedAt", { at: formatInstant(contract.createdAt, locale) })}</span>}>
      <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2" data-testid="contract">
        <div>
          <dt className="text-slate-500">{t("bidding.contract.awarded")}</dt>
          <dd className="font-medium">{contract.vendorName}</dd>
        </div>
        <div>
          <dt className="text-slate-500">{t("bidding.contract.contractNo")}</dt>
          <dd className="font-medium">{contract.contractNo}</dd>
        </div>
        <div>
          <dt className="text-slate-500">{t("bidding.contract.amount")}</dt>
          <dd className="font-medium tabular-nums">{formatFen(contract.amountFen)}</dd>
        </div>
        <div>
          <dt className="text-slate-500">{t("bidding.contract.signedOn")}</dt>
          <dd className="font-medium">{contract.signedOn}</dd>
        </div>
        <div className="sm:col-span-2">
          <dt className="text-slate-500">{t("bidding.contract.file")}</dt>
          <dd>
            <a className="btn-link" href={`/files/${contract.fileId}`} target="_blank" rel="noreferrer">
              {contract.fileName}
            </a>
          </dd>
        </div>
      </dl>
      {contract.milestones.length > 0 ? (
        <div className="mt-4 overflow-x-auto">
          <table className="table-dense">
            <caption className="mb-1 text-left text-sm font-medium text-slate-700">{t("bidding.contract.milestones")}</caption>
            <thead>
              <tr>
                <th>{t("bidding.contract.trigger")}</th>
                <th>{t("bidding.contract.label")}</th>
                <th className="text-right">{t("bidding.contract.percent")}</th>
                <th className="text-right">{t("bidding.contract.milestoneAmount")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {contract.milestones.map((m, i) => (
                <tr key={i}>
                  <td>{t(TRIGGER_LABEL_KEYS[m.trigger])}</td>
                  <td>{m.label}</td>
                  <td className="text-right tabular-nums">{formatBasisPoints(m.basisPoints)}%</td>
                  <td className="text-right tabular-nums">{formatFen(m.amountFen)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr className="font-semibold">
                <td colSpan={2}>{t("bidding.comparison.total")}</td>
                <td className="text-right tabular-nums">{formatBasisPoints(contract.milestones.reduce((s, m) => s + m.basisPoints, 0))}%</td>
                <td className="text-right tabular-nums">{formatFen(total)}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      ) : null}
    </Card>
  );
}
