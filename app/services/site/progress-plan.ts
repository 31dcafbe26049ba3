// Planned against actual progress (进度计划与实际对比). Pure: civil 'YYYY-MM-DD' strings in, numbers
// out, no clock and no time zone, so the page, the API and the tests agree to the day.
import { isValidDate } from "~/lib/calendar";

/** Whole days from a to b (b − a), computed on UTC midnights so no host time zone shifts a day. */
export function daysBetween(a: string, b: string): number {
  const ms = (s: string) => Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10)));
  return Math.round((ms(b) - ms(a)) / 86_400_000);
}

/**
 * The percentage that should be complete on `date` if work advances evenly from `start` (0 %) to
 * `finish` (100 %): 0 before the start, 100 from the finish on. Unrounded, so a chart line stays
 * straight; round for display. A finish on or before the start means "due at once" (100 from the start).
 */
export function plannedPercent(start: string, finish: string, date: string): number {
  if (!isValidDate(start) || !isValidDate(finish) || !isValidDate(date)) throw new RangeError("plannedPercent: invalid date");
  const total = daysBetween(start, finish);
  const elapsed = daysBetween(start, date);
  if (elapsed < 0) return 0;
  if (total <= 0 || elapsed >= total) return 100;
  return (elapsed / total) * 100;
}

export interface ProgressPoint {
  date: string;
  percent: number;
}

export interface ProgressChart {
  /** Construction start (snapshot startedOn, else planned start) and planned finish; null when unknown. */
  start: string | null;
  finish: string | null;
  today: string;
  /** x axis: the earliest to the latest of start, finish, today and the logged dates. */
  from: string;
  to: string;
  /** The planned line's two ends (dashed); empty when start or finish is missing. */
  planned: ProgressPoint[];
  /** One point per logged date (the last entry of a day counts), oldest first. */
  actual: ProgressPoint[];
  /** Planned % today (rounded), the latest actual %, and actual − planned (negative = behind). */
  summary: { plannedToday: number | null; actualLatest: number | null; difference: number | null };
}

/** Everything the chart and its text summary need, from the project dates and the log. */
export function buildProgressChart(input: {
  start: string | null;
  finish: string | null;
  today: string;
  entries: { entryDate: string; percentComplete: number }[];
}): ProgressChart {
  const { start, finish, today } = input;
  const byDate = new Map<string, number>();
  for (const e of [...input.entries].sort((a, b) => (a.entryDate < b.entryDate ? -1 : a.entryDate > b.entryDate ? 1 : 0))) {
    byDate.set(e.entryDate, e.percentComplete);
  }
  const actual = [...byDate.entries()].map(([date, percent]) => ({ date, percent }));
  const dates = [start, finish, today, ...actual.map((p) => p.date)].filter((d): d is string => !!d).sort();
  const from = dates[0];
  let to = dates[dates.length - 1];
  if (to === from) to = addOneDay(from);
  const planned = start && finish ? [{ date: start, percent: 0 }, { date: finish < start ? start : finish, percent: 100 }] : [];
  const plannedToday = start && finish ? Math.round(plannedPercent(start, finish, today)) : null;
  const actualLatest = actual.length ? actual[actual.length - 1].percent : null;
  const difference = plannedToday !== null && actualLatest !== null ? actualLatest - plannedToday : null;
  return { start, finish, today, from, to, planned, actual, summary: { plannedToday, actualLatest, difference } };
}

function addOneDay(date: string): string {
  const d = new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)) + 1));
  return d.toISOString().slice(0, 10);
}

/** x position (0–1) of a date on the chart's axis. */
export function dateFraction(chart: Pick<ProgressChart, "from" | "to">, date: string): number {
  const span = daysBetween(chart.from, chart.to);
  return span <= 0 ? 0 : Math.min(1, Math.max(0, daysBetween(chart.from, date) / span));
}
