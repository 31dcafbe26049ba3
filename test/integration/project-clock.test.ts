import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, count, eq } from "drizzle-orm";
import { auditEvents, outbox, projects } from "#db/schema";
import { seedDemoData } from "#db/seed";
import { clearJobs, runSchedulerTick } from "~/lib/scheduler/scheduler.server";
import { registerProjectJobs } from "~/services/projects/scheduler-jobs.server";
import { createTestDatabase, testDriver, type TestDatabase } from "../support/test-db";

let t: TestDatabase;
let projectId: string;
beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemoData(t.db);
  // Accepted 2025-12-20 in the demo data: the warranty's last day is 2026-12-20.
  const [row] = await t.db.select().from(projects).where(eq(projects.code, "PRJ-2025-0012"));
  projectId = row.id;
  clearJobs();
  registerProjectJobs();
}, 120_000);
afterAll(async () => {
  clearJobs();
  await t?.drop();
});

async function state() {
  const [row] = await t.db.select().from(projects).where(eq(projects.id, projectId));
  const [{ ticks }] = await t.db.select({ ticks: count() }).from(auditEvents).where(and(eq(auditEvents.projectId, projectId), eq(auditEvents.event, "TICK")));
  const [{ mails }] = await t.db.select({ mails: count() }).from(outbox).where(and(eq(outbox.projectId, projectId), eq(outbox.template, "warrantyExpiring")));
  const value = row.snapshot as { value: { handover: { warranty: string } }; context: { warrantyEndsOn: string } };
  return { warranty: value.value.handover.warranty, endsOn: value.context.warrantyEndsOn, ticks, mails };
}

describe(`the scheduler drives the warranty clock (${testDriver()})`, () => {
  it("does nothing before 30 days ahead, moves to expiring with one notice, then to expired", async () => {
    expect(await state()).toMatchObject({ warranty: "active", endsOn: "2026-12-20", ticks: 0 });
    // 2026-11-19 23:59 in Shanghai is still 31 days ahead: nothing due, nothing written.
    await runSchedulerTick(t.db, new Date("2026-11-19T15:59:00Z"));
    expect(await state()).toMatchObject({ warranty: "active", ticks: 0, mails: 0 });
    // One minute later it is 2026-11-20 in Shanghai (still the 19th in UTC).
    await runSchedulerTick(t.db, new Date("2026-11-19T16:00:00Z"));
    expect(await state()).toMatchObject({ warranty: "expiring", ticks: 1, mails: 1 });
    // Ticking again the same day changes nothing and sends nothing more.
    await runSchedulerTick(t.db, new Date("2026-11-25T02:00:00Z"));
    expect(await state()).toMatchObject({ warranty: "expiring", ticks: 1, mails: 1 });
    // The last day itself is still inside the warranty; the day after, it has expired.
    await runSchedulerTick(t.db, new Date("2026-12-20T15:00:00Z"));
    expect((await state()).warranty).toBe("expiring");
    await runSchedulerTick(t.db, new Date("2026-12-20T16:00:00Z"));
    expect(await state()).toMatchObject({ warranty: "expired", ticks: 2 });
  });
});
