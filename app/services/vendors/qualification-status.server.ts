import { isValidDate } from "~/lib/calendar";

export const QUALIFICATION_KINDS = ["businessLicence", "qualificationCertificate", "safetyProductionLicence"] as const;
export type QualificationKind = (typeof QUALIFICATION_KINDS)[number];

/** Expiring within this many days (inclusive) is flagged amber. */
export const EXPIRING_WITHIN_DAYS = 30;

export type ExpiryState = "valid" | "expiring" | "expired" | "noExpiry";

function dayNumber(date: string): number {
  const [y, m, d] = date.split("-").map(Number);
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

/**
 * How a qualification stands on `today` (a civil date in Asia/Shanghai): valid through its expiry
 * day, so expiring today is 0 days left and still usable; the day after it is expired.
 */
export function expiryState(expiresOn: string | null, today: string): { state: ExpiryState; daysLeft: number | null } {
  if (!expiresOn || !isValidDate(expiresOn)) return { state: "noExpiry", daysLeft: null };
  const daysLeft = dayNumber(expiresOn) - dayNumber(today);
  if (daysLeft < 0) return { state: "expired", daysLeft };
  return { state: daysLeft <= EXPIRING_WITHIN_DAYS ? "expiring" : "valid", daysLeft };
}

export interface QualificationSummary {
  /** ok: all three present and none expiring; otherwise the worst of missing > expired > expiring. */
  level: "ok" | "expiring" | "expired" | "missing";
  missing: QualificationKind[];
  expired: QualificationKind[];
  expiring: QualificationKind[];
}

/** The company's overall standing from its current qualification per kind. */
export function summariseQualifications(current: { kind: string; expiresOn: string | null }[], today: string): QualificationSummary {
  const byKind = new Map(current.map((q) => [q.kind, q]));
  const missing: QualificationKind[] = [];
  const expired: QualificationKind[] = [];
  const expiring: QualificationKind[] = [];
  for (const kind of QUALIFICATION_KINDS) {
    const q = byKind.get(kind);
    if (!q) {
      missing.push(kind);
      continue;
    }
    const { state } = expiryState(q.expiresOn, today);
    if (state === "expired") expired.push(kind);
    if (state === "expiring") expiring.push(kind);
  }
  const level = missing.length ? "missing" : expired.length ? "expired" : expiring.length ? "expiring" : "ok";
  return { level, missing, expired, expiring };
}
