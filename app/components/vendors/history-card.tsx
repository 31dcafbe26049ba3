import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { formatInstant, StageBadge } from "~/components/project/labels";
import { Badge, Card } from "~/components/ui/layout";
import { useLocale, useT } from "~/i18n/use-t";
import { formatFen } from "~/lib/money";
import type { VendorHistory } from "~/services/vendors/vendor-history.server";

const QUOTE_TONES = { valid: "green", withdrawn: "gray", expired: "amber" } as const;

/** Past quotes, awards and contracted projects; `totals` are all projects' counts (rows may be hidden). */
export function HistoryCard({ history, totals }: { history: VendorHistory; totals: { quotes: number; awards: number; contracts: number } }) {
  const t = useT();
  const locale = useLocale();
  const project = (r: { projectId: string; projectCode: string; projectName: string }) => (
    <Link to={`/projects/${r.projectId}`} className="btn-link">
      <span className="font-mono text-xs">{r.projectCode}</span> {r.projectName}
    </Link>
  );
  return (
    <Card title={t("vendors.history")}>
      <div className="space-y-6">
        <Section title={t("vendors.history.quotes")} shown={history.quotes.length} total={totals.quotes}
          headers={[t("vendors.history.project"), t("vendors.history.revisions"), t("vendors.history.latestTotal"), t("common.status"), t("vendors.history.submittedAt")]}>
          {history.quotes.map((q) => (
            <tr key={q.projectId}>
              <td className="min-w-[14rem]">{project(q)}</td>
              <td className="text-right tabular-nums">{q.revisions}</td>
              <td className="whitespace-nowrap text-right tabular-nums">{formatFen(q.latestTotalFen)}</td>
              <td><Badge tone={QUOTE_TONES[q.status]}>{t(`vendors.quoteStatus.${q.status}`)}</Badge></td>
              <td className="whitespace-nowrap">{formatInstant(q.submittedAt, locale)}</td>
            </tr>
          ))}
        </Section>
        <Section title={t("vendors.history.awards")} shown={history.awards.length} total={totals.awards}
          headers={[t("vendors.history.project"), t("vendors.history.decidedAt"), t("vendors.history.decidedBy")]}>
          {history.awards.map((a) => (
            <tr key={`${a.projectId}-${a.decidedAt}`}>
              <td className="min-w-[14rem]">{project(a)}</td>
              <td className="whitespace-nowrap">{formatInstant(a.decidedAt, locale)}</td>
              <td>{a.decidedBy ?? "—"}</td>
            </tr>
          ))}
        </Section>
        <Section title={t("vendors.history.contracts")} shown={history.contracts.length} total={totals.contracts}
          headers={[t("vendors.history.project"), t("vendors.history.contractNo"), t("vendors.history.amount"), t("vendors.history.signedOn"), t("vendors.history.stage")]}>
          {history.contracts.map((c) => (
            <tr key={c.projectId}>
              <td className="min-w-[14rem]">{project(c)}</td>
              <td className="whitespace-nowrap font-mono text-xs">{c.contractNo}</td>
              <td className="whitespace-nowrap text-right tabular-nums">{formatFen(c.amountFen)}</td>
              <td className="whitespace-nowrap">{c.signedOn}</td>
              <td><StageBadge stage={c.stage} /></td>
            </tr>
          ))}
        </Section>
      </div>
    </Card>
  );
}

function Section({ title, shown, total, headers, children }: { title: string; shown: number; total: number; headers: string[]; children: ReactNode }) {
  const t = useT();
  const hidden = Math.max(0, total - shown);
  return (
    <section>
      <h3 className="mb-2 text-sm font-semibold text-slate-800">{title}（{total}）</h3>
      {shown === 0 ? (
        <p className="text-sm text-slate-500">{t("vendors.history.none")}</p>
      ) : (
        <div className="-mx-4 overflow-x-auto">
          <table className="table-dense">
            <thead><tr>{headers.map((h) => <th key={h}>{h}</th>)}</tr></thead>
            <tbody className="divide-y divide-slate-100">{children}</tbody>
          </table>
        </div>
      )}
      {hidden > 0 ? <p className="mt-2 text-xs text-slate-500">{t("vendors.history.hidden", { count: hidden })}</p> : null}
    </section>
  );
}
