import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asc, count, eq } from "drizzle-orm";
import { auditEvents, outbox, projects, users } from "#db/schema";
import { seedDemoData } from "#db/seed";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemoData(t.db);
}, 120_000);
afterAll(async () => t?.drop());

describe("demo seed", () => {
  it("creates one user per role and projects in several stages, all reached through the machine", async () => {
    const [{ n }] = await t.db.select({ n: count() }).from(users);
    expect(n).toBe(10);
    const rows = await t.db.select({ code: projects.code, stage: projects.stage, version: projects.version }).from(projects).orderBy(asc(projects.code));
    const stages = Object.fromEntries(rows.map((r) => [r.code, r.stage]));
    expect(stages).toMatchObject({
      "PRJ-2026-0001": "bidding",
      "PRJ-2026-0002": "awaitingDecision",
      "PRJ-2026-0003": "survey",
      "PRJ-2026-0004": "entryReview",
      "PRJ-2026-0005": "construction",
      "PRJ-2025-0012": "handover",
      "PRJ-2026-0007": "cancelled",
    });
    // Every version bump after creation is exactly one audit event (plus PROJECT_CREATED).
    for (const row of rows) {
      const [{ events }] = await t.db.select({ events: count() }).from(auditEvents).innerJoin(projects, eq(projects.id, auditEvents.projectId)).where(eq(projects.code, row.code));
      expect(events).toBe(row.version);
    }
    const [{ mails }] = await t.db.select({ mails: count() }).from(outbox);
    expect(mails).toBeGreaterThan(5);
  });
});
