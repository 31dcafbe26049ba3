// The 12-month warranty as the project page shows it: accepted on, last day, days left, state.
// Pure; "today" is the caller's Asia/Shanghai date so the page and the tests agree on it.
import { addDays, addMonthsCivil, compareDates, isValidDate } from "~/lib/calendar";

export const WARRANTY_MONTHS = 12;
/** Same threshold as the machine's warrantyExpiring branch (machines/checks.ts): 30 days before the last day. */
export const WARRANTY_NOTICE_DAYS = 30;

export type WarrantyState = "active" | "expiring" | "expired";

export interface WarrantyClock {
  acceptedOn: string;
  /** The last day under warranty (Civil Code arts. 201–202, see addMonthsCivil). */
  endsOn: string;
  /** Days from today to the last day: 0 on the last day itself, negative once expired. */
  daysLeft: number;
  state: WarrantyState;
}

const dayMs = 86_400_000;
const utcDay = (date: string) => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));

/**
 * Null before acceptance. The end date is the one the machine stored at acceptance; it is
 * recomputed only for a snapshot that lacks it. The state follows the machine's TICK rules
 * (expiring from 30 days before the last day, expired the day after it), so the page is right
 * even before the daily tick has run.
 */
export function warrantyClock(context: { acceptedOn?: string | null; warrantyEndsOn?: string | null } | null | undefined, today: string): WarrantyClock | null {
  const acceptedOn = context?.acceptedOn;
  if (!acceptedOn || !isValidDate(acceptedOn) || !isValidDate(today)) return null;
  const endsOn = context.warrantyEndsOn && isValidDate(context.warrantyEndsOn) ? context.warrantyEndsOn : addMonthsCivil(acceptedOn, WARRANTY_MONTHS);
  const daysLeft = Math.round((utcDay(endsOn) - utcDay(today)) / dayMs);
  const state: WarrantyState =
    compareDates(today, endsOn) > 0 ? "expired" : compareDates(today, addDays(endsOn, -WARRANTY_NOTICE_DAYS)) >= 0 ? "expiring" : "active";
  return { acceptedOn, endsOn, daysLeft, state };
}
