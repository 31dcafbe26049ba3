import postgres from "postgres";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "#db/client";
import { clearJobs, listJobs, registerJob, runSchedulerTick, startScheduler } from "~/lib/scheduler/scheduler.server";
import { createTestDatabase, testDriver, type TestDatabase } from "../support/test-db";

describe(`scheduler (${testDriver()})`, () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    clearJobs();
    await database?.drop();
  });
  afterEach(() => {
    clearJobs();
    vi.restoreAllMocks();
  });

  it("runs every job once with the given time; a failing job stops no other", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const seen: { name: string; now: Date; db: Db }[] = [];
    registerJob({ name: "first", run: async (db, now) => void seen.push({ name: "first", now, db }) });
    registerJob({ name: "broken", run: async () => Promise.reject(new Error("boom")) });
    registerJob({ name: "last", run: async (db, now) => void seen.push({ name: "last", now, db }) });
    const now = new Date("2028-02-29T16:00:00Z");

    const result = await runSchedulerTick(database.db, now);
    expect(result).toEqual({ ran: ["first", "last"], skipped: [], failed: ["broken"] });
    expect(seen.map((s) => s.name)).toEqual(["first", "last"]);
    expect(seen.every((s) => s.now === now && s.db === database.db)).toBe(true);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("broken"), expect.any(Error));
  });

  it("a job can use the database it is given", async () => {
    let count = -1;
    registerJob({
      name: "count",
      run: async (db) => {
        count = (await db.query.projects.findMany()).length;
      },
    });
    await runSchedulerTick(database.db, new Date());
    expect(count).toBe(0);
  });

  it("registering the same name again replaces the job", () => {
    registerJob({ name: "a", run: async () => {} });
    registerJob({ name: "a", run: async () => {} });
    expect(listJobs()).toEqual(["a"]);
  });

  it(`runs each job on one server at a time (${testDriver()})`, async () => {
    if (testDriver() === "pglite") {
      // PGlite: one process owns the data directory (db/lock.ts, tested in db-lock.test.ts), so
      // there is no other server; every tick runs every job, with no lock to take.
      const runs: string[] = [];
      registerJob({ name: "tick-projects", run: async () => void runs.push("tick-projects") });
      expect(await runSchedulerTick(database.db, new Date())).toEqual({ ran: ["tick-projects"], skipped: [], failed: [] });
      expect(await runSchedulerTick(database.db, new Date())).toEqual({ ran: ["tick-projects"], skipped: [], failed: [] });
      expect(runs).toEqual(["tick-projects", "tick-projects"]);
      return;
    }
    // PostgreSQL: another server holding the job's advisory lock makes this one skip it.
    const runs: string[] = [];
    registerJob({ name: "tick-projects", run: async () => void runs.push("tick-projects") });
    registerJob({ name: "other", run: async () => void runs.push("other") });
    const other = postgres(database.url!, { max: 1, onnotice: () => {} });
    try {
      await other`select pg_advisory_lock(hashtext('install-tracker:job:tick-projects'))`;
      expect(await runSchedulerTick(database.db, new Date())).toEqual({ ran: ["other"], skipped: ["tick-projects"], failed: [] });
      await other`select pg_advisory_unlock_all()`;
      expect((await runSchedulerTick(database.db, new Date())).ran).toEqual(["tick-projects", "other"]);
      expect(runs).toEqual(["other", "tick-projects", "other"]);
      // The lock was released after the run: another session can take it at once.
      const [row] = await other<{ ok: boolean }[]>`select pg_try_advisory_lock(hashtext('install-tracker:job:tick-projects')) as ok`;
      expect(row.ok).toBe(true);
    } finally {
      await other.end();
    }
  });

  it("startScheduler ticks on its interval and never overlaps a slow tick", async () => {
    let active = 0;
    let maxActive = 0;
    let runs = 0;
    registerJob({
      name: "slow",
      run: async () => {
        active++;
        maxActive = Math.max(maxActive, active);
        await new Promise((r) => setTimeout(r, 120));
        active--;
        runs++;
      },
    });
    const stop = startScheduler({ intervalMs: 20 });
    await new Promise((r) => setTimeout(r, 500));
    await stop();
    expect(runs).toBeGreaterThanOrEqual(2);
    expect(maxActive).toBe(1);
  });
});
