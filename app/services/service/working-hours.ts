// Working hours for the arrival SLA (000 第十三条: 6 working hours in the city, 7 in the suburbs).
// Pure. Counted on the Asia/Shanghai wall clock (UTC+8 all year, no DST), one continuous window a
// day (no lunch break), on the configured weekdays; public holidays are not modelled.

export interface WorkingHoursConfig {
  /** ISO weekdays worked: 1 = Monday … 7 = Sunday. Never empty. */
  days: number[];
  /** Opening and closing, minutes after midnight (Shanghai); start < end. */
  startMinute: number;
  endMinute: number;
}

export const DEFAULT_WORKING_HOURS: WorkingHoursConfig = { days: [1, 2, 3, 4, 5, 6], startMinute: 8 * 60 + 30, endMinute: 17 * 60 + 30 };

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** "1-6", "1-5,7", "1,3,5" (0 is taken as Sunday too); null when anything is off. */
export function parseWorkDays(raw: string): number[] | null {
  const days = new Set<number>();
  for (const part of raw.split(",").map((p) => p.trim())) {
    const m = /^([0-7])(?:-([0-7]))?$/.exec(part);
    if (!m) return null;
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    if (to < from) return null;
    for (let d = from; d <= to; d++) days.add(d === 0 ? 7 : d);
  }
  return days.size ? [...days].sort((a, b) => a - b) : null;
}

/** "08:30-17:30" → minutes; null unless two valid times with opening before closing. */
export function parseWorkHours(raw: string): { startMinute: number; endMinute: number } | null {
  const m = /^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$/.exec(raw.trim());
  if (!m) return null;
  const [h1, m1, h2, m2] = m.slice(1).map(Number);
  if (m1 > 59 || m2 > 59 || h1 > 23 || h2 > 24 || (h2 === 24 && m2 !== 0)) return null;
  const startMinute = h1 * 60 + m1;
  const endMinute = h2 * 60 + m2;
  return startMinute < endMinute ? { startMinute, endMinute } : null;
}

/**
 * From SERVICE_WORK_DAYS ("1-6" = Mon–Sat) and SERVICE_WORK_HOURS ("08:30-17:30"). A setting that
 * does not parse falls back to its default rather than stopping the app: a typo must not make
 * every due time wrong or the server refuse to start.
 */
export function workingHoursConfig(env: Record<string, string | undefined> = process.env): WorkingHoursConfig {
  const days = env.SERVICE_WORK_DAYS ? parseWorkDays(env.SERVICE_WORK_DAYS) : null;
  const hours = env.SERVICE_WORK_HOURS ? parseWorkHours(env.SERVICE_WORK_HOURS) : null;
  return { days: days ?? DEFAULT_WORKING_HOURS.days, ...(hours ?? { startMinute: DEFAULT_WORKING_HOURS.startMinute, endMinute: DEFAULT_WORKING_HOURS.endMinute }) };
}

/** ISO weekday (1 = Monday) of a Shanghai day number (days since 1970-01-01 on the Shanghai clock). */
const isoWeekday = (day: number) => ((((day + 3) % 7) + 7) % 7) + 1; // 1970-01-01 was a Thursday

/**
 * `hours` working hours after `start`. A start outside the window counts from the next opening;
 * the result may be exactly a closing time (the last minute of the window is still on time).
 */
export function addWorkingHours(start: Date, hours: number, config: WorkingHoursConfig = workingHoursConfig()): Date {
  if (!Number.isFinite(hours) || hours < 0) throw new RangeError(`addWorkingHours: bad hours ${hours}`);
  if (!config.days.length || config.startMinute >= config.endMinute) throw new RangeError("addWorkingHours: empty working week");
  const open = config.startMinute * MINUTE_MS;
  const close = config.endMinute * MINUTE_MS;
  let remaining = Math.round(hours * 3_600_000);
  // Everything below is on the Shanghai wall clock expressed as milliseconds since its epoch.
  let cursor = start.getTime() + SHANGHAI_OFFSET_MS;
  for (;;) {
    const day = Math.floor(cursor / DAY_MS);
    const dayStart = day * DAY_MS;
    const nextOpening = (day + 1) * DAY_MS + open;
    if (!config.days.includes(isoWeekday(day)) || cursor >= dayStart + close) {
      cursor = nextOpening;
      continue;
    }
    if (cursor < dayStart + open) cursor = dayStart + open;
    const available = dayStart + close - cursor;
    if (remaining <= available) return new Date(cursor + remaining - SHANGHAI_OFFSET_MS);
    remaining -= available;
    cursor = nextOpening;
  }
}

/** A step is overdue once its due time has passed and it is still not done. */
export function isOverdue(due: Date | string | null | undefined, now: Date): boolean {
  if (!due) return false;
  const at = typeof due === "string" ? new Date(due) : due;
  return !Number.isNaN(at.getTime()) && now.getTime() > at.getTime();
}
