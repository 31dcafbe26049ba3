// Every date rule the app applies, computed by the app's own code, as one JSON-able object. The
// dates test runs it under TZ=UTC and TZ=Asia/Shanghai (in-process and in a fresh process whose
// zone is set before anything is imported) and expects the same answers, which it also checks
// against the rules (Civil Code arts. 201–202, the Asia/Shanghai calendar).
import { actor, ev, reach } from "#machines/fixtures";
import { decide, type PersistedProjectSnapshot } from "#machines/runtime";
import type { ProjectMachineEvent } from "#machines/types";
import { addDays, addMonthsCivil, compareDates, shanghaiDate } from "~/lib/calendar";
import { formatInstant as adminTime } from "~/services/admin/format-time.server";
import { formatInstant } from "~/components/project/labels";
import { buildAcceptanceInvite } from "~/services/acceptance/calendar-invite";
import { warrantyClock } from "~/services/projects/warranty-clock";
import { settlementFigures } from "~/services/settlement/settlement-math";
import { addWorkingHours, DEFAULT_WORKING_HOURS, isOverdue } from "~/services/service/working-hours";
import { ticketNumberPrefix } from "~/services/service/ticket-create.server";
import { coverageDecision } from "~/services/service/ticket-flow";

type Outcome = { ok: true; value: unknown; context: Record<string, unknown> } | { ok: false; codes: string[] };
function run(snapshot: PersistedProjectSnapshot, event: ProjectMachineEvent): Outcome {
  const d = decide(snapshot, event);
  return d.ok ? { ok: true, value: d.snapshot.value, context: d.snapshot.context as never } : { ok: false, codes: d.refusals.map((r) => r.code) };
}
const snapOf = (snapshot: PersistedProjectSnapshot, event: ProjectMachineEvent) => {
  const d = decide(snapshot, event);
  if (!d.ok) throw new Error(JSON.stringify(d.refusals));
  return d.snapshot;
};

export function dateBattery() {
  const zone = { tz: process.env.TZ ?? null, offsetMinutes: new Date("2026-01-15T00:00:00Z").getTimezoneOffset(), localHourOfUtcMidnight: new Date("2026-01-15T00:00:00Z").getHours() };

  const civil = Object.fromEntries(
    ([
      ["2024-02-29", 12], ["2024-02-29", 48], ["2023-02-28", 12], ["2025-01-31", 1], ["2024-01-31", 1],
      ["2025-12-31", 2], ["2025-11-30", 3], ["2025-08-31", 1], ["2025-12-15", 1],
    ] as const).map(([d, n]) => [`${d}+${n}`, addMonthsCivil(d, n)]),
  );
  const days = { "2024-02-28+1": addDays("2024-02-28", 1), "2025-02-28+1": addDays("2025-02-28", 1), "2025-12-31+1": addDays("2025-12-31", 1), "2024-03-01-1": addDays("2024-03-01", -1), cmp: compareDates("2025-12-31", "2026-01-01") };
  const shanghai = {
    newYearUtcEve: shanghaiDate("2025-12-31T16:30:00Z"),
    beforeMidnight: shanghaiDate("2025-12-31T15:59:59Z"),
    leapDay: shanghaiDate("2024-02-28T16:00:00Z"),
    withOffset: shanghaiDate("2026-01-01T00:30:00+08:00"),
  };

  // Acceptance: the last party signs on the agreed date (29 February), by the Shanghai calendar.
  const parties = reach("acceptanceReview.awaitingParties+client");
  const sign = (at: string) => ev("SIGN", { actor: actor("designer", "designer"), at, facts: { agreedDate: "2024-02-29", signedParties: ["supervisor", "client"] } });
  const signTooEarly = run(parties, sign("2024-02-28T15:59:59Z"));
  const signed = run(parties, sign("2024-02-28T16:00:00Z"));
  const handover = snapOf(parties, sign("2024-02-28T16:00:00Z"));
  const tick = (at: string) => ev("TICK", { at });
  const tickBeforeExpiring = run(handover, tick("2025-01-28T15:59:59Z"));
  const tickExpiring = run(handover, tick("2025-01-28T16:00:00Z"));
  const expiring = snapOf(handover, tick("2025-01-28T16:00:00Z"));
  const tickLastDay = run(expiring, tick("2025-02-28T15:59:59Z"));
  const tickExpired = run(expiring, tick("2025-02-28T16:00:00Z"));

  // The acceptance date window: not before today (Shanghai), at 00:30 on 1 January in Shanghai.
  const construction = reach("construction");
  const newYear = "2025-12-31T16:30:00Z";
  const requestYesterday = run(construction, ev("REQUEST_ACCEPTANCE", { at: newYear, payload: { acceptanceDate: "2025-12-31" } }));
  const requestToday = run(construction, ev("REQUEST_ACCEPTANCE", { at: newYear, payload: { acceptanceDate: "2026-01-01" } }));

  // Money is recorded on the day it arrived: "today" is Shanghai's, so 1 January is not in the future.
  const awaiting = reach("settlement.awaitingPayment");
  const pay = (receivedOn: string) => run(awaiting, ev("RECORD_PAYMENT", { at: newYear, payload: { amountFen: 1000, receivedOn } as never }));
  const paidToday = pay("2026-01-01");
  const paidTomorrow = pay("2026-01-02");

  // Retention release date from a 29 February acceptance, 12 and 24 months of defect liability.
  const figures = (defectMonths: number) =>
    settlementFigures({ contractAmountFen: 1_000_000_00, paidFen: 0, lines: [], acceptedOn: "2024-02-29", retention: { mode: "retention", basisPoints: 300, defectMonths } } as never).retentionDueOn;
  const retentionHeld = reach("settlement.retentionHeld");
  const release = (at: string) => run(retentionHeld, ev("RELEASE_RETENTION", { at }));

  // Warranty clock as the pages show it.
  const clock = (today: string) => warrantyClock({ acceptedOn: "2024-02-29", warrantyEndsOn: null }, today);
  const coverage = (today: string) => coverageDecision({ warrantyEndsOn: "2025-02-28", today, exclusion: null, contract: null } as never).coverage;

  // SLA: 4 h contact (plain hours), 6/7 working hours to arrive (Mon–Sat 08:30–17:30 Shanghai).
  const sla = {
    saturdayEvening: addWorkingHours(new Date("2026-01-03T09:00:00Z"), 6, DEFAULT_WORKING_HOURS).toISOString(), // Sat 17:00 → Mon 14:00
    newYearsEve: addWorkingHours(new Date("2025-12-31T08:00:00Z"), 6, DEFAULT_WORKING_HOURS).toISOString(), // Wed 16:00 → Thu 13:00
    suburbOvernight: addWorkingHours(new Date("2026-02-27T07:00:00Z"), 7, DEFAULT_WORKING_HOURS).toISOString(), // Fri 15:00 → Sat 13:00 (2.5 h + 4.5 h)
    leapDayEvening: addWorkingHours(new Date("2024-02-29T09:00:00Z"), 6, DEFAULT_WORKING_HOURS).toISOString(), // Thu 17:00 (29 Feb) → Fri 14:00
    beforeOpening: addWorkingHours(new Date("2026-01-05T00:00:00Z"), 6, DEFAULT_WORKING_HOURS).toISOString(), // Mon 08:00 → 14:30
    overdueAtDue: isOverdue("2026-01-05T06:00:00Z", new Date("2026-01-05T06:00:00Z")),
    overdueAfter: isOverdue("2026-01-05T06:00:00Z", new Date("2026-01-05T06:00:00.001Z")),
    ticketPrefix: ticketNumberPrefix(new Date(newYear)),
  };

  const shown = {
    pageZh: formatInstant("2025-12-31T16:30:00Z", "zh-CN"),
    pageDate: formatInstant("2024-02-28T16:00:00Z", "zh-CN", false),
    admin: adminTime("2025-12-31T16:30:00Z"),
  };
  const ics = buildAcceptanceInvite({
    uid: "u1@test", sequence: 0, projectCode: "P-1", projectName: "项目", siteAddress: "广州", date: "2024-02-29", startTime: "09:30",
    place: "会议室", organizer: { name: "王", email: "pm@example.test" }, attendees: [{ name: "李", email: "li@example.test" }], description: "验收", now: new Date(newYear),
  });
  const icsTimes = ics.split("\r\n").filter((l) => /^(DTSTART|DTEND|DTSTAMP)/.test(l));

  return {
    zone, civil, days, shanghai,
    acceptance: { signTooEarly, signed, tickBeforeExpiring, tickExpiring, tickLastDay, tickExpired, requestYesterday, requestToday },
    payments: { paidToday, paidTomorrow },
    retention: { due12: figures(12), due24: figures(24), releaseEve: release("2026-06-09T15:59:59Z"), releaseDay: release("2026-06-09T16:00:00Z") },
    warranty: { lastDay: clock("2025-02-28"), dayAfter: clock("2025-03-01"), firstExpiringDay: clock("2025-01-29"), coverageLastDay: coverage("2025-02-28"), coverageDayAfter: coverage("2025-03-01") },
    sla, shown, icsTimes,
  };
}

// Run as a script (`tsx date-battery.ts`): print the battery for the parent test to compare.
if (process.argv[1]?.endsWith("date-battery.ts")) console.log(JSON.stringify(dateBattery()));
