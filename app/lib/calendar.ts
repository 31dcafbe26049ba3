// Pure civil-date helpers on 'YYYY-MM-DD' strings.
// All arithmetic is done on y/m/d integers so no host time zone can shift a date.

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

interface Ymd { y: number; m: number; d: number }

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeap(y) ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

function parse(date: string): Ymd | null {
  const match = typeof date === 'string' ? DATE_RE.exec(date) : null;
  if (!match) return null;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return { y, m, d };
}

function mustParse(date: string): Ymd {
  const p = parse(date);
  if (!p) throw new RangeError(`Invalid civil date: ${String(date)}`);
  return p;
}

function format({ y, m, d }: Ymd): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function isValidDate(s: unknown): s is string {
  return typeof s === 'string' && parse(s) !== null;
}

/**
 * Civil Code arts. 201–202: a period of N months starting on D ends on the day
 * of the final month that corresponds to D; if that month has no such day, on
 * its last day (2024-02-29 + 12 → 2025-02-28, 2025-01-31 + 1 → 2025-02-28).
 */
export function addMonthsCivil(date: string, months: number): string {
  if (!Number.isInteger(months)) throw new RangeError(`months must be an integer: ${months}`);
  const { y, m, d } = mustParse(date);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  return format({ y: ny, m: nm, d: Math.min(d, daysInMonth(ny, nm)) });
}

// Days since 0000-03-01 style epoch (proleptic Gregorian), integer only.
function toDayNumber({ y, m, d }: Ymd): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = (m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe;
}

function fromDayNumber(n: number): Ymd {
  const era = Math.floor(n / 146097);
  const doe = n - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

export function addDays(date: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`days must be an integer: ${n}`);
  return format(fromDayNumber(toDayNumber(mustParse(date)) + n));
}

/** -1, 0 or 1. Valid 'YYYY-MM-DD' strings sort lexically, but validate anyway. */
export function compareDates(a: string, b: string): -1 | 0 | 1 {
  const da = toDayNumber(mustParse(a));
  const db = toDayNumber(mustParse(b));
  return da < db ? -1 : da > db ? 1 : 0;
}

const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000; // Asia/Shanghai: UTC+8, no DST since 1991

/** Calendar date in Asia/Shanghai of an ISO instant (2025-12-31T16:30:00Z → 2026-01-01). */
export function shanghaiDate(instantIso: string): string {
  const ms = typeof instantIso === 'string' ? Date.parse(instantIso) : NaN;
  if (Number.isNaN(ms)) throw new RangeError(`Invalid instant: ${String(instantIso)}`);
  const t = new Date(ms + SHANGHAI_OFFSET_MS);
  return format({ y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() });
}

/** True when the string is an ISO-8601 instant with an explicit zone (Z or ±hh:mm). */
export function isValidInstant(s: unknown): s is string {
  return typeof s === 'string'
    && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(s)
    && !Number.isNaN(Date.parse(s));
}
