// Bar charts of the service reports: inline SVG (no chart library) scaled through its viewBox, as
// the progress chart. Bars per month, stacked (shares of a total) or grouped (side by side); a
// title and a one-line summary for screen readers, a legend, and the figures as a table below.
import { useId } from "react";
import { useT } from "~/i18n/use-t";

export interface Series {
  key: string;
  label: string;
  color: string;
}

export interface BarRow {
  month: string;
  counts: Record<string, number>;
}

const W = 640;
const H = 260;
const M = { left: 40, right: 12, top: 16, bottom: 34 };
const PW = W - M.left - M.right;
const PH = H - M.top - M.bottom;

export const PALETTE = ["#2563eb", "#f59e0b", "#10b981", "#ef4444", "#8b5cf6", "#0ea5e9", "#f97316", "#14b8a6", "#a855f7", "#94a3b8", "#64748b"];

/** The y axis top: four ticks of a round step (1, 2 or 5 × 10ⁿ, at least 1). */
function niceMax(max: number): number {
  const raw = Math.max(1, max) / 4;
  const p = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((f) => f * p).find((v) => v >= raw) ?? 10 * p;
  return Math.max(1, step) * 4;
}

export function BarChart({ title, rows, series, mode = "stacked", testId }: { title: string; rows: BarRow[]; series: Series[]; mode?: "stacked" | "grouped"; testId?: string }) {
  const t = useT();
  const id = useId();
  const visible = series.filter((s) => rows.some((r) => (r.counts[s.key] ?? 0) > 0));
  const shown = visible.length ? visible : series.slice(0, 1);
  const totals = rows.map((r) => shown.reduce((sum, s) => sum + (r.counts[s.key] ?? 0), 0));
  const total = totals.reduce((a, b) => a + b, 0);
  const peak = mode === "stacked" ? Math.max(0, ...totals) : Math.max(0, ...rows.flatMap((r) => shown.map((s) => r.counts[s.key] ?? 0)));
  const top = niceMax(peak);
  const y = (v: number) => M.top + (1 - v / top) * PH;
  const band = PW / Math.max(1, rows.length);
  const barW = Math.min(36, band * 0.7);
  const everyOther = rows.length > 14;
  const summary = total === 0 ? t("serviceSurvey.reports.none") : t("serviceSurvey.reports.chartSummary", { from: rows[0]?.month ?? "", to: rows[rows.length - 1]?.month ?? "", total });
  return (
    <figure className="space-y-2" data-testid={testId}>
      <div className="overflow-x-auto">
        <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full min-w-[460px] max-w-3xl" role="img" aria-labelledby={`${id}-t ${id}-d`}>
          <title id={`${id}-t`}>{title}</title>
          <desc id={`${id}-d`}>{summary}</desc>
          {[0, 1, 2, 3, 4].map((i) => {
            const v = (top / 4) * i;
            return (
              <g key={i}>
                <line x1={M.left} x2={W - M.right} y1={y(v)} y2={y(v)} stroke="#e2e8f0" />
                <text x={M.left - 6} y={y(v) + 4} textAnchor="end" fontSize="12" fill="#64748b">
                  {v}
                </text>
              </g>
            );
          })}
          <line x1={M.left} x2={W - M.right} y1={M.top + PH} y2={M.top + PH} stroke="#94a3b8" />
          {rows.map((r, i) => {
            const cx = M.left + band * i + band / 2;
            let stackedTop = 0;
            return (
              <g key={r.month}>
                {shown.map((s, j) => {
                  const v = r.counts[s.key] ?? 0;
                  if (v <= 0) return null;
                  let x: number, w: number, y0: number, y1: number;
                  if (mode === "stacked") {
                    x = cx - barW / 2;
                    w = barW;
                    y1 = y(stackedTop + v);
                    y0 = y(stackedTop);
                    stackedTop += v;
                  } else {
                    w = barW / shown.length;
                    x = cx - barW / 2 + j * w;
                    y1 = y(v);
                    y0 = y(0);
                  }
                  return (
                    <rect key={s.key} x={x} y={y1} width={Math.max(1, w - (mode === "grouped" ? 1 : 0))} height={Math.max(0, y0 - y1)} fill={s.color}>
                      <title>{`${r.month} ${s.label}：${v}`}</title>
                    </rect>
                  );
                })}
                {!everyOther || i % 2 === 0 ? (
                  <text x={cx} y={M.top + PH + 16} textAnchor="middle" fontSize="11" fill="#64748b">
                    {r.month.slice(2)}
                  </text>
                ) : null}
              </g>
            );
          })}
        </svg>
      </div>
      <figcaption className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-slate-600" aria-hidden>
        {shown.map((s) => (
          <span key={s.key} className="flex items-center gap-1">
            <span className="inline-block h-3 w-3 rounded-sm" style={{ background: s.color }} />
            {s.label}
          </span>
        ))}
      </figcaption>
      <p className="text-sm text-slate-700">{summary}</p>
      <details className="text-sm">
        <summary className="cursor-pointer text-brand-600">{t("serviceSurvey.reports.chartTable")}</summary>
        <div className="mt-2 overflow-x-auto">
          <table className="min-w-full text-xs">
            <caption className="sr-only">{title}</caption>
            <thead>
              <tr>
                <th scope="col" className="px-2 py-1 text-left">{t("serviceSurvey.reports.month")}</th>
                {series.map((s) => (
                  <th key={s.key} scope="col" className="px-2 py-1 text-right">{s.label}</th>
                ))}
                {mode === "stacked" ? <th scope="col" className="px-2 py-1 text-right">{t("serviceSurvey.reports.total")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.month} className="border-t border-slate-100">
                  <th scope="row" className="px-2 py-1 text-left font-mono font-normal">{r.month}</th>
                  {series.map((s) => (
                    <td key={s.key} className="px-2 py-1 text-right tabular-nums">{r.counts[s.key] ?? 0}</td>
                  ))}
                  {mode === "stacked" ? <td className="px-2 py-1 text-right font-medium tabular-nums">{series.reduce((sum, s) => sum + (r.counts[s.key] ?? 0), 0)}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
