// The settlement statement read-only: the figures with the final total and the amount payable in
// Chinese uppercase (from the same fen), the variation / site-instruction / deduction lines, the
// two PDFs, and every version with finance's decisions. The figures table is shared with the
// editor's live summary.
import type { ReactNode } from "react";
import { Badge, Card } from "~/components/ui/layout";
import { formatInstant } from "~/components/project/labels";
import { useLocale, useT } from "~/i18n/use-t";
import { formatFen } from "~/lib/money";
import { rmbInWords } from "~/lib/rmb-uppercase";
import type { SettlementFigures, SettlementLine } from "~/services/settlement/settlement-types";
import { basisPointsToRate, type SettlementVersionSummary, type SettlementView } from "~/services/settlement/settlement-values";

const signed = (fen: number) => (fen > 0 ? `+${formatFen(fen)}` : formatFen(fen));

/** 人民币… of a non-negative amount (the figures and the words come from the same fen). */
function Words({ fen }: { fen: number }) {
  const t = useT();
  if (fen < 0) return <span className="text-amber-700">{t("settlement.fig.refund", { amount: formatFen(-fen) })}</span>;
  return <span className="font-medium text-slate-800">{t("settlement.fig.words", { words: rmbInWords(fen) })}</span>;
}

const STATUS_TONES: Record<SettlementVersionSummary["status"], "gray" | "blue" | "green" | "amber" | "red"> = {
  draft: "gray",
  returned: "amber",
  submitted: "blue",
  approved: "green",
  superseded: "gray",
};

export function SettlementStatusBadge({ status }: { status: SettlementVersionSummary["status"] }) {
  const t = useT();
  return <Badge tone={STATUS_TONES[status]}>{t(`settlement.status.${status}`)}</Badge>;
}

/** Contract → final total (with uppercase) → retention → paid → payable now (with uppercase). */
export function SettlementFiguresTable({ figures, retentionMode, defectMonths, paymentDueOn, finalTotalError }: {
  figures: SettlementFigures;
  retentionMode: "rate" | "guarantee";
  defectMonths: number;
  paymentDueOn?: string | null;
  /** A message about the final total (not positive, too large), shown beside it. */
  finalTotalError?: string;
}) {
  const t = useT();
  const f = figures;
  const row = (label: string, amount: string, note?: ReactNode, strong = false, testId?: string) => (
    <tr className={strong ? "bg-slate-50" : undefined}>
      <th scope="row" className="whitespace-nowrap px-3 py-2 text-left font-medium text-slate-600">{label}</th>
      <td className={`whitespace-nowrap px-3 py-2 text-right tabular-nums ${strong ? "font-semibold text-slate-900" : ""}`} data-testid={testId}>{amount}</td>
      <td className="px-3 py-2 text-sm text-slate-600">{note}</td>
    </tr>
  );
  const retentionLabel = retentionMode === "guarantee" ? t("settlement.fig.retention") : t("settlement.fig.retentionRate", { rate: `${basisPointsToRate(f.retentionBasisPoints)}%` });
  const retentionNote = retentionMode === "guarantee"
    ? t("settlement.fig.retentionGuarantee")
    : f.retentionDueOn ? t("settlement.fig.retentionDue", { months: defectMonths, date: f.retentionDueOn }) : t("settlement.fig.retentionMonths", { months: defectMonths });
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 text-sm" aria-live="polite">
        <tbody className="divide-y divide-slate-100">
          {row(t("settlement.fig.contract"), formatFen(f.contractAmountFen))}
          {row(t("settlement.fig.variations"), signed(f.variationsFen))}
          {row(t("settlement.fig.deductions"), signed(f.deductionsFen))}
          {row(t("settlement.fig.finalTotal"), formatFen(f.finalTotalFen), (
            <>
              {f.finalTotalFen > 0 ? <Words fen={f.finalTotalFen} /> : null}
              {finalTotalError ? <p className="text-red-600" role="alert">{finalTotalError}</p> : null}
            </>
          ), true, "final-total")}
          {row(retentionLabel, formatFen(f.retentionFen), retentionNote, false, "retention")}
          {row(t("settlement.fig.paid"), formatFen(f.paidFen))}
          {row(t("settlement.fig.payableNow"), formatFen(f.payableNowFen), (
            <>
              <Words fen={f.payableNowFen} />
              {paymentDueOn ? <span className="block text-slate-500">{t("settlement.fig.paymentDueOn", { date: paymentDueOn })}</span> : null}
            </>
          ), true, "payable-now")}
        </tbody>
      </table>
    </div>
  );
}

export function SettlementLinesTable({ lines }: { lines: SettlementLine[] }) {
  const t = useT();
  if (!lines.length) return <p className="text-sm text-slate-500">{t("settlement.lines.none")}</p>;
  const total = lines.reduce((sum, l) => sum + l.amountFen, 0);
  return (
    <div className="overflow-x-auto">
      <table className="table-dense">
        <thead>
          <tr>
            <th>#</th>
            <th>{t("settlement.line.kind")}</th>
            <th>{t("settlement.line.number")}</th>
            <th>{t("settlement.line.reason")}</th>
            <th className="text-right">{t("settlement.line.amount")}</th>
            <th>{t("settlement.line.approvedBy")}</th>
            <th>{t("settlement.line.approvedOn")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {lines.map((l, i) => (
            <tr key={i}>
              <td className="text-slate-500">{i + 1}</td>
              <td className="whitespace-nowrap">{t(`settlement.kind.${l.kind}`)}</td>
              <td className="whitespace-nowrap font-mono text-xs">{l.number || "—"}</td>
              <td className="min-w-[12rem]">{l.reason}</td>
              <td className={`whitespace-nowrap text-right tabular-nums ${l.amountFen < 0 ? "text-red-700" : ""}`}>{signed(l.amountFen)}</td>
              <td className="whitespace-nowrap">{l.approvedBy || "—"}</td>
              <td className="whitespace-nowrap">{l.approvedOn ?? "—"}</td>
            </tr>
          ))}
          <tr className="bg-slate-50 font-semibold">
            <td colSpan={4} className="text-center">{t("settlement.line.total")}</td>
            <td className="whitespace-nowrap text-right tabular-nums">{signed(total)}</td>
            <td colSpan={2} />
          </tr>
        </tbody>
      </table>
    </div>
  );
}

export function SettlementVersionsTable({ versions }: { versions: SettlementView["versions"] }) {
  const t = useT();
  const locale = useLocale();
  if (!versions.length) return null;
  return (
    <div className="overflow-x-auto">
      <table className="table-dense">
        <thead>
          <tr>
            <th>{t("settlement.versions.title")}</th>
            <th>{t("settlement.versions.status")}</th>
            <th className="text-right">{t("settlement.versions.total")}</th>
            <th>{t("settlement.versions.submittedAt")}</th>
            <th>{t("settlement.versions.decision")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {versions.map((v) => (
            <tr key={v.version}>
              <td className="whitespace-nowrap">{t("settlement.versions.version", { version: v.version })}</td>
              <td><SettlementStatusBadge status={v.status} /></td>
              <td className="whitespace-nowrap text-right tabular-nums">{formatFen(v.totalFen)}</td>
              <td className="whitespace-nowrap">{v.submittedAt ? formatInstant(v.submittedAt, locale) : "—"}</td>
              <td className="min-w-[12rem]">
                {v.decidedAt ? <span className="whitespace-nowrap">{t("settlement.versions.decided", { by: v.decidedByName ?? "—", at: formatInstant(v.decidedAt, locale) })}</span> : "—"}
                {v.financeComment ? <p className="mt-1 text-slate-700">{t("settlement.versions.comment", { comment: v.financeComment })}</p> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The two PDFs of the latest version (issued when opened) and the codes of those already issued. */
export function SettlementDocuments({ view }: { view: SettlementView }) {
  const t = useT();
  const { latest } = view;
  if (!latest) return null;
  const base = `/projects/${view.project.id}/settlement`;
  const issued = (kind: string) => view.documents.find((d) => d.kind === kind);
  const payable = latest.figures.payableNowFen > 0;
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        <a className="btn-secondary" href={`${base}/statement.pdf`} target="_blank" rel="noreferrer">{t("settlement.docs.statement")}</a>
        {payable ? <a className="btn-secondary" href={`${base}/payment-application.pdf`} target="_blank" rel="noreferrer">{t("settlement.docs.application")}</a> : null}
      </div>
      {!payable ? <p className="text-sm text-slate-500">{t("settlement.docs.nothingPayable")}</p> : null}
      {["settlementStatement", "paymentApplication"].map(issued).filter(Boolean).map((d) => (
        <p key={d!.shortCode} className="text-xs text-slate-500">
          <a className="btn-link" href={`/v/${d!.shortCode}`} target="_blank" rel="noreferrer">{t("settlement.docs.issued", { number: d!.number, code: d!.shortCode })}</a>
        </p>
      ))}
    </div>
  );
}

/** The latest version as it stands (or was submitted / approved), read-only. */
export function SettlementSummary({ view }: { view: SettlementView }) {
  const t = useT();
  const v = view.latest;
  if (!v) {
    return (
      <Card title={t("settlement.title")}>
        <p className="text-sm text-slate-500">{t("settlement.none")}</p>
      </Card>
    );
  }
  return (
    <div className="space-y-4">
      <Card title={<span className="flex flex-wrap items-center gap-2">{t("settlement.view.title", { version: v.version })}<SettlementStatusBadge status={v.status} /></span>}>
        <div className="space-y-4">
          <SettlementFiguresTable figures={v.figures} retentionMode={v.retentionMode} defectMonths={v.defectMonths} paymentDueOn={v.paymentDueOn} />
          {v.retentionMode === "guarantee" && v.guaranteeNote ? <p className="text-sm text-slate-600">{t("settlement.view.guarantee", { note: v.guaranteeNote })}</p> : null}
          <div>
            <h3 className="mb-2 text-sm font-semibold text-slate-800">{t("settlement.lines.title")}</h3>
            <SettlementLinesTable lines={v.lines} />
          </div>
          <dl className="grid gap-2 text-sm sm:grid-cols-2">
            <div><dt className="text-slate-500">{t("settlement.view.basis")}</dt><dd className="whitespace-pre-line">{v.basis || "—"}</dd></div>
            <div>
              <dt className="text-slate-500">{t("settlement.payee.title")}</dt>
              <dd>{v.payeeBank || "—"}<span className="ml-2 font-mono">{v.payeeAccount}</span></dd>
              {v.preparedByName ? <dd className="mt-1 text-slate-500">{t("settlement.view.preparedBy", { name: v.preparedByName })}</dd> : null}
            </div>
          </dl>
          <SettlementDocuments view={view} />
        </div>
      </Card>
      {view.versions.length ? (
        <Card title={t("settlement.versions.title")}>
          <SettlementVersionsTable versions={view.versions} />
        </Card>
      ) : null}
    </div>
  );
}
