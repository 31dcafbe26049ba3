// quality.md, faults and bad inputs: dates. Every date rule of the app (warranty end, retention
// release, acceptance date window, signing on the agreed day, payments not in the future, SLA
// deadlines across midnight, weekends and the year end, what pages, PDFs and calendar invites
// show) computed with the server's zone set to UTC and to Asia/Shanghai must give the same
// answers — the Asia/Shanghai calendar's — and those answers must follow the Civil Code rule.
// Public holidays are not modelled by the SLA clock (working-hours.ts says so): only the
// configured weekdays count, so a holiday on a working weekday counts as a working day.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { dateBattery } from "./support/date-battery";

const run = promisify(execFile);
const originalTz = process.env.TZ;
afterAll(() => {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

/** Node re-reads TZ when process.env.TZ is assigned; the offset proves the zone really changed. */
function inZone(tz: string) {
  process.env.TZ = tz;
  const offset = new Date("2026-01-15T00:00:00Z").getTimezoneOffset();
  expect(offset).toBe(tz === "UTC" ? 0 : -480);
  return dateBattery();
}

type Battery = ReturnType<typeof dateBattery>;
const withoutZone = ({ zone: _zone, ...rest }: Battery) => rest;

function expectRules(b: Battery) {
  // Civil Code arts. 201–202: the corresponding day of the final month, else its last day.
  expect(b.civil).toEqual({
    "2024-02-29+12": "2025-02-28", "2024-02-29+48": "2028-02-29", "2023-02-28+12": "2024-02-28",
    "2025-01-31+1": "2025-02-28", "2024-01-31+1": "2024-02-29", "2025-12-31+2": "2026-02-28",
    "2025-11-30+3": "2026-02-28", "2025-08-31+1": "2025-09-30", "2025-12-15+1": "2026-01-15",
  });
  expect(b.days).toEqual({ "2024-02-28+1": "2024-02-29", "2025-02-28+1": "2025-03-01", "2025-12-31+1": "2026-01-01", "2024-03-01-1": "2024-02-29", cmp: -1 });
  expect(b.shanghai).toEqual({ newYearUtcEve: "2026-01-01", beforeMidnight: "2025-12-31", leapDay: "2024-02-29", withOffset: "2026-01-01" });

  const a = b.acceptance;
  // Signing on 29 February counts from Shanghai's midnight (16:00 UTC the day before), not UTC's.
  expect(a.signTooEarly).toEqual({ ok: false, codes: ["ACCEPTANCE_DATE_NOT_REACHED"] });
  expect(a.signed).toMatchObject({ ok: true, value: { handover: { warranty: "active" } }, context: { acceptedOn: "2024-02-29", warrantyEndsOn: "2025-02-28" } });
  // Expiring from 30 days before the last day (29 January 2025), expired the day after it.
  expect(a.tickBeforeExpiring).toEqual({ ok: false, codes: ["NOTHING_DUE"] });
  expect(a.tickExpiring).toMatchObject({ ok: true, value: { handover: { warranty: "expiring" } } });
  expect(a.tickLastDay).toEqual({ ok: false, codes: ["NOTHING_DUE"] });
  expect(a.tickExpired).toMatchObject({ ok: true, value: { handover: { warranty: "expired" } } });
  // At 00:30 on 1 January in Shanghai (still 31 December in UTC), 31 December is in the past.
  expect(a.requestYesterday).toEqual({ ok: false, codes: ["ACCEPTANCE_DATE_INVALID"] });
  expect(a.requestToday).toMatchObject({ ok: true, value: { acceptanceReview: "awaitingSupervisor" } });

  expect(b.payments.paidToday).toMatchObject({ ok: true });
  expect(b.payments.paidTomorrow).toEqual({ ok: false, codes: ["PAYMENT_DATE_INVALID"] });

  expect(b.retention.due12).toBe("2025-02-28");
  expect(b.retention.due24).toBe("2026-02-28");
  expect(b.retention.releaseEve).toEqual({ ok: false, codes: ["RETENTION_NOT_DUE"] });
  expect(b.retention.releaseDay).toMatchObject({ ok: true, value: { handover: { settlement: "retentionReleased" } } });

  expect(b.warranty.lastDay).toEqual({ acceptedOn: "2024-02-29", endsOn: "2025-02-28", daysLeft: 0, state: "expiring" });
  expect(b.warranty.dayAfter).toMatchObject({ daysLeft: -1, state: "expired" });
  expect(b.warranty.firstExpiringDay).toMatchObject({ daysLeft: 30, state: "expiring" });
  // Free repair on the last day; paid from the day after.
  expect(b.warranty.coverageLastDay).toBe("warranty");
  expect(b.warranty.coverageDayAfter).toBe("paid");

  expect(b.sla).toEqual({
    saturdayEvening: "2026-01-05T06:00:00.000Z", // Sat 17:00 + 6 h: ½ h Sat, Sunday off, Mon 08:30 + 5½ h = 14:00
    newYearsEve: "2026-01-01T05:00:00.000Z", // Wed 16:00 + 6 h → Thu 1 Jan 13:00 (holidays not modelled)
    suburbOvernight: "2026-02-28T05:00:00.000Z", // Fri 15:00 + 7 h → Sat 13:00
    leapDayEvening: "2024-03-01T06:00:00.000Z", // Thu 29 Feb 17:00 + 6 h → Fri 1 Mar 14:00
    beforeOpening: "2026-01-05T06:30:00.000Z", // Mon 08:00: counts from 08:30 → 14:30
    overdueAtDue: false,
    overdueAfter: true,
    ticketPrefix: "SV-202601-", // a ticket received at 00:30 on 1 January is January's
  });
  expect(b.shown).toEqual({ pageZh: "2026/01/01 00:30", pageDate: "2024/02/29", admin: "2026-01-01 00:30" });
  expect(b.icsTimes).toEqual(expect.arrayContaining(["DTSTAMP:20251231T163000Z", "DTSTART;TZID=Asia/Shanghai:20240229T093000", "DTEND;TZID=Asia/Shanghai:20240229T123000"]));
}

describe("Dates: 29 February, end of month, across years, time zones (Asia/Shanghai vs UTC server).", () => {
  it("in this process with TZ=UTC and TZ=Asia/Shanghai: the same answers, and the rules' answers", () => {
    const utc = inZone("UTC");
    const shanghai = inZone("Asia/Shanghai");
    expect(utc.zone.localHourOfUtcMidnight).toBe(0);
    expect(shanghai.zone.localHourOfUtcMidnight).toBe(8);
    expect(withoutZone(shanghai)).toEqual(withoutZone(utc));
    expectRules(utc);
    expectRules(shanghai);
  });

  it("in a fresh process whose zone is set before anything is imported, for both zones", async () => {
    const script = path.join(__dirname, "support", "date-battery.ts");
    const tsx = path.resolve("node_modules/.bin/tsx");
    const results: Battery[] = [];
    for (const tz of ["UTC", "Asia/Shanghai"]) {
      const { stdout } = await run(tsx, ["--tsconfig", "tsconfig.json", script], { env: { ...process.env, TZ: tz }, maxBuffer: 8 << 20 });
      const b = JSON.parse(stdout.trim().split("\n").pop()!) as Battery;
      expect(b.zone).toMatchObject({ tz, offsetMinutes: tz === "UTC" ? 0 : -480 });
      expectRules(b);
      results.push(b);
    }
    expect(withoutZone(results[1])).toEqual(withoutZone(results[0]));
  }, 120_000);
});
