// 计划与实际进度: an inline SVG (no chart library) that scales with its container through its
// viewBox. Planned is dashed, actual solid with a point per logged date; a text summary below
// says the same for screen readers and for anyone who cannot read a chart.
import { useId } from "react";
import { addDays } from "~/lib/calendar";
import { useT } from "~/i18n/use-t";
import {
  dateFraction,
  daysBetween,
  type ProgressChart as ChartData,
} from "~/services/site/progress-plan";

const W = 560;
const H = 280;
const M = { left: 56, right: 20, top: 22, bottom: 50 };
const PW = W - M.left - M.right;
const PH = H - M.top - M.bottom;

const x = (chart: ChartData, date: string) =>
  M.left + dateFraction(chart, date) * PW;
const y = (percent: number) => M.top + (1 - percent / 100) * PH;

/** About five evenly spaced dates along the axis, always including both ends. */
function xTicks(chart: ChartData): string[] {
  const span = daysBetween(chart.from, chart.to);
  const step = Math.max(1, Math.ceil(span / 4));
  const ticks: string[] = [];
  for (let d = 0; d < span; d += step) ticks.push(addDays(chart.from, d));
  if (
    span - daysBetween(chart.from, ticks[ticks.length - 1]) < step / 2 &&
    ticks.length > 1
  )
    ticks.pop();
  ticks.push(chart.to);
  return ticks;
}

export function progressSummaryText(
  t: ReturnType<typeof useT>,
  chart: ChartData
): string {
  const {
    plannedToday: planned,
    actualLatest: actual,
    difference,
  } = chart.summary;
  if (planned === null) return t("construction.chart.noPlan");
  if (actual === null || difference === null)
    return t("construction.chart.plannedOnly", { planned });
  if (difference < 0)
    return t("construction.chart.behind", {
      planned,
      actual,
      diff: -difference,
    });
  if (difference > 0)
    return t("construction.chart.ahead", { planned, actual, diff: difference });
  return t("construction.chart.onPlan", { planned, actual });
}

export function ProgressChart({ chart }: { chart: ChartData }) {
  const t = useT();
  const id = useId();
  const summary = progressSummaryText(t, chart);
  const actualPath = chart.actual
    .map((p) => `${x(chart, p.date).toFixed(1)},${y(p.percent).toFixed(1)}`)
    .join(" ");
  const todayX = x(chart, chart.today);
  return (
    <figure className="space-y-2">
      {/* Scrolls sideways below ~420 px rather than shrinking its labels past reading on a phone. */}
      <div className="overflow-x-auto">
        <svg
          viewBox={`0 0 ${W} ${H}`}
          className="h-auto w-full min-w-[420px] max-w-2xl"
          role="img"
          aria-labelledby={`${id}-t ${id}-d`}
        >
          <title id={`${id}-t`}>{t("construction.chart.title")}</title>
          <desc id={`${id}-d`}>{summary}</desc>
          {[0, 25, 50, 75, 100].map((p) => (
            <g key={p}>
              <line
                x1={M.left}
                x2={W - M.right}
                y1={y(p)}
                y2={y(p)}
                stroke="#e2e8f0"
              />
              <text
                x={M.left - 6}
                y={y(p) + 4}
                textAnchor="end"
                fontSize="13"
                fill="#64748b"
              >{`${p}%`}</text>
            </g>
          ))}
          {xTicks(chart).map((d) => (
            <g key={d}>
              <line
                x1={x(chart, d)}
                x2={x(chart, d)}
                y1={M.top + PH}
                y2={M.top + PH + 4}
                stroke="#94a3b8"
              />
              <text
                x={x(chart, d)}
                y={M.top + PH + 16}
                textAnchor="middle"
                fontSize="13"
                fill="#64748b"
              >
                {d.slice(5)}
              </text>
            </g>
          ))}
          <line
            x1={M.left}
            x2={W - M.right}
            y1={M.top + PH}
            y2={M.top + PH}
            stroke="#94a3b8"
          />
          <line
            x1={M.left}
            x2={M.left}
            y1={M.top}
            y2={M.top + PH}
            stroke="#94a3b8"
          />
          <text
            x={M.left + PW / 2}
            y={H - 8}
            textAnchor="middle"
            fontSize="14"
            fill="#334155"
          >{`${t("construction.chart.xAxis")}（${chart.from.slice(
            0,
            4
          )}）`}</text>
          <text
            transform={`translate(16 ${M.top + PH / 2}) rotate(-90)`}
            textAnchor="middle"
            fontSize="14"
            fill="#334155"
          >
            {t("construction.chart.yAxis")}
          </text>
          <line
            x1={todayX}
            x2={todayX}
            y1={M.top}
            y2={M.top + PH}
            stroke="#f59e0b"
            strokeWidth="1.5"
          />
          <text
            x={todayX}
            y={M.top - 6}
            textAnchor="middle"
            fontSize="13"
            fill="#b45309"
          >
            {t("construction.chart.today")}
          </text>
          {chart.planned.length === 2 ? (
            <line
              x1={x(chart, chart.planned[0].date)}
              y1={y(0)}
              x2={x(chart, chart.planned[1].date)}
              y2={y(100)}
              stroke="#64748b"
              strokeWidth="2"
              strokeDasharray="6 4"
              data-testid="planned-line"
            />
          ) : null}
          {chart.planned.length === 2 && chart.planned[1].date < chart.to ? (
            <line
              x1={x(chart, chart.planned[1].date)}
              y1={y(100)}
              x2={W - M.right}
              y2={y(100)}
              stroke="#64748b"
              strokeWidth="2"
              strokeDasharray="6 4"
            />
          ) : null}
          {chart.actual.length > 1 ? (
            <polyline
              points={actualPath}
              fill="none"
              stroke="#2563eb"
              strokeWidth="2.5"
              data-testid="actual-line"
            />
          ) : null}
          {chart.actual.map((p) => (
            <circle
              key={p.date}
              cx={x(chart, p.date)}
              cy={y(p.percent)}
              r="4"
              fill="#2563eb"
            >
              <title>{`${p.date}：${p.percent}%`}</title>
            </circle>
          ))}
        </svg>
      </div>
      <figcaption
        className="flex flex-wrap items-center gap-4 text-xs text-slate-600"
        aria-hidden
      >
        <span className="flex items-center gap-1">
          <svg width="28" height="8">
            <line
              x1="0"
              y1="4"
              x2="28"
              y2="4"
              stroke="#64748b"
              strokeWidth="2"
              strokeDasharray="6 4"
            />
          </svg>
          {t("construction.chart.planned")}
        </span>
        <span className="flex items-center gap-1">
          <svg width="28" height="8">
            <line
              x1="0"
              y1="4"
              x2="28"
              y2="4"
              stroke="#2563eb"
              strokeWidth="2.5"
            />
            <circle cx="14" cy="4" r="3" fill="#2563eb" />
          </svg>
          {t("construction.chart.actual")}
        </span>
        <span className="flex items-center gap-1">
          <svg width="10" height="12">
            <line
              x1="5"
              y1="0"
              x2="5"
              y2="12"
              stroke="#f59e0b"
              strokeWidth="1.5"
            />
          </svg>
          {t("construction.chart.today")}
        </span>
      </figcaption>
      <p
        className="text-sm font-medium text-slate-800"
        data-testid="progress-summary"
      >
        {summary}
      </p>
    </figure>
  );
}
