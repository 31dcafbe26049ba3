// The month range of the service reports ('YYYY-MM' to 'YYYY-MM', Beijing months): read from the
// page's query string or the API's, checked once for both. Plain module.
import type { FieldErrors } from "~/lib/forms";

export interface MonthRange {
  from: string;
  to: string;
}

export const MAX_REPORT_MONTHS = 36;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split("-").map(Number);
  const i = y * 12 + (m - 1) + n;
  return `${String(Math.floor(i / 12)).padStart(4, "0")}-${String((i % 12) + 1).padStart(2, "0")}`;
}

/** Every month from `from` to `to`, inclusive. */
export function monthsOf(range: MonthRange): string[] {
  const out: string[] = [];
  for (let m = range.from; m <= range.to && out.length <= MAX_REPORT_MONTHS; m = addMonths(m, 1)) out.push(m);
  return out;
}

/** The last twelve months up to and including today's (today is 'YYYY-MM-DD', Beijing). */
export function defaultRange(today: string): MonthRange {
  const to = today.slice(0, 7);
  return { from: addMonths(to, -11), to };
}

/** Missing values take the default; bad ones are field errors (the default range is still given). */
export function readReportRange(raw: { from?: string | null; to?: string | null }, today: string): { ok: true; range: MonthRange } | { ok: false; errors: FieldErrors; range: MonthRange; values: Record<string, string> } {
  const fallback = defaultRange(today);
  const from = (raw.from ?? "").trim() || fallback.from;
  const to = (raw.to ?? "").trim() || fallback.to;
  const errors: FieldErrors = {};
  if (!MONTH.test(from)) errors.from = "serviceSurvey.reports.badMonth";
  if (!MONTH.test(to)) errors.to = "serviceSurvey.reports.badMonth";
  if (!errors.from && !errors.to) {
    if (from > to) errors.from = "serviceSurvey.reports.fromAfterTo";
    else if (monthsOf({ from, to }).length > MAX_REPORT_MONTHS) errors.from = "serviceSurvey.reports.tooLong";
  }
  if (Object.keys(errors).length) return { ok: false, errors, range: fallback, values: { from, to } };
  return { ok: true, range: { from, to } };
}
