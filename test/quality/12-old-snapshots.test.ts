// quality.md, faults and bad inputs: a stored machine snapshot from an older machine version.
// Every project row stores its statechart snapshot (jsonb) with `machineVersion` inside it and in
// its own column. The machine has been version 1 since its first commit (608641a); later commits
// (a9a4c20, e06d818, 666c86b) only added transitions, so a v1 snapshot written by the first
// machine still loads. The shapes crafted here are the ones a real database could hold: the
// first machine's snapshot, one from before snapshots carried a version, one whose state was
// renamed, one missing context fields, one from a future version, and corrupt JSON.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { auditEvents, projects, userRoles, users } from "#db/schema";
import { reach } from "#machines/fixtures";
import { decide, migrateSnapshot, PROJECT_MACHINE_VERSION } from "#machines/runtime";
import { INITIAL_CONTEXT } from "#machines/project";
import { createSession } from "~/lib/session.server";
import { issueApiToken } from "~/services/admin/issue-api-token.server";
import { tickProjects } from "~/services/projects/scheduler-jobs.server";
import * as home from "~/routes/_index";
import * as page from "~/routes/projects.$projectId._index";
import * as list from "~/routes/projects._index";
import * as pageEvents from "~/routes/projects.$projectId.events";
import * as acceptancePage from "~/routes/projects.$projectId.acceptance";
import * as warrantyPage from "~/routes/projects.$projectId.warranty";
import * as settlementPage from "~/routes/projects.$projectId.settlement";
import * as entryPage from "~/routes/projects.$projectId.entry";
import * as constructionPage from "~/routes/projects.$projectId.construction";
import * as biddingPage from "~/routes/projects.$projectId.bidding";
import * as apiList from "~/routes/api.v1.projects._index";
import * as apiOne from "~/routes/api.v1.projects.$projectId._index";
import * as apiEvents from "~/routes/api.v1.projects.$projectId.events";
import { makeProject, makeQuote } from "../support/factories";
import { payloadOf, statusOf } from "../support/route-results";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

type Args = Parameters<typeof page.loader>[0];
const context = { ip: "127.0.0.1" };
const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context }) as unknown as Args;

/** The snapshot the first machine (608641a) persisted for a project waiting on the supervisor's acceptance review. */
const FIRST_MACHINE_SNAPSHOT = {
  machineVersion: 1,
  status: "active",
  value: { acceptanceReview: "awaitingSupervisor" },
  context: { ...INITIAL_CONTEXT, awardedVendorId: "00000000-0000-4000-8000-0000000000a1", startedOn: "2025-03-01" },
  historyValue: {},
  children: {},
};

const BAD: Record<string, { snapshot: unknown; code: "SNAPSHOT_INVALID" | "SNAPSHOT_VERSION_UNSUPPORTED"; stage: string }> = {
  // Before snapshots carried a version (xstate's bare persisted snapshot).
  unversioned: { snapshot: { status: "active", value: "bidding", context: INITIAL_CONTEXT, children: {} }, code: "SNAPSHOT_INVALID", stage: "bidding" },
  versionZero: { snapshot: { ...FIRST_MACHINE_SNAPSHOT, machineVersion: 0 }, code: "SNAPSHOT_INVALID", stage: "acceptanceReview" },
  // A state that an older draft called "constructing" (now "construction"): not in the machine.
  renamedState: { snapshot: { ...FIRST_MACHINE_SNAPSHOT, value: "constructing" }, code: "SNAPSHOT_INVALID", stage: "construction" },
  renamedSubstate: { snapshot: { ...FIRST_MACHINE_SNAPSHOT, value: { acceptanceReview: "waitingSupervisor" } }, code: "SNAPSHOT_INVALID", stage: "acceptanceReview" },
  // Context from before retention and rejection were tracked.
  missingContext: {
    snapshot: { ...FIRST_MACHINE_SNAPSHOT, value: "construction", context: { awardedVendorId: "00000000-0000-4000-8000-0000000000a1", startedOn: "2025-03-01", acceptedOn: null, warrantyEndsOn: null } },
    code: "SNAPSHOT_INVALID", stage: "construction",
  },
  futureVersion: { snapshot: { ...FIRST_MACHINE_SNAPSHOT, machineVersion: PROJECT_MACHINE_VERSION + 98 }, code: "SNAPSHOT_VERSION_UNSUPPORTED", stage: "acceptanceReview" },
  // jsonb only holds valid JSON, so corruption arrives as a truncated text, null or the wrong type.
  corruptText: { snapshot: '{"machineVersion":1,"value":{"accept', code: "SNAPSHOT_INVALID", stage: "construction" },
  corruptNull: { snapshot: null, code: "SNAPSHOT_INVALID", stage: "construction" },
  corruptArray: { snapshot: [1, 2, 3], code: "SNAPSHOT_INVALID", stage: "handover" },
  // A snapshot in handover whose context is garbage: the scheduler's clock must pass over it.
  badHandover: { snapshot: { ...reach("settlement.retentionHeld"), context: { ...INITIAL_CONTEXT, warrantyEndsOn: 20260101 } }, code: "SNAPSHOT_INVALID", stage: "handover" },
};

describe("A stored machine snapshot from an older machine version → migrated or rejected with a clear message, never a crash.", () => {
  let database: TestDatabase;
  let db: Db;
  let cookie: string;
  let token: string;
  const ids: Record<string, string> = {};
  let goodId: string;
  let firstMachineId: string;

  const req = (path: string, init: RequestInit = {}) => new Request(`http://localhost${path}`, { ...init, headers: { Cookie: cookie, ...(init.headers ?? {}) } });
  const api = (path: string, init: RequestInit = {}) =>
    new Request(`http://localhost/api/v1${path}`, { ...init, headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", ...(init.headers ?? {}) } });

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.db;
    const [u] = await db.insert(users).values({ email: "snap-pm@example.test", name: "王晓东", passwordHash: "x" }).returning();
    await db.insert(userRoles).values({ userId: u.id, role: "pm" });
    cookie = (await createSession(db, u.id, { ip: "", userAgent: "" })).split(";")[0];
    token = (await issueApiToken(db, { userId: u.id, name: "snap" })).token;
    const good = await makeProject(db, u, { name: "正常项目" });
    goodId = good.id;
    // Three valid quotes so SUBMIT_FOR_DECISION's refusal is about the snapshot, not the facts.
    for (let i = 0; i < 3; i++) await makeQuote(db, good.id);
    const first = await makeProject(db, u, { name: "首版流程项目", stage: "acceptanceReview", snapshot: FIRST_MACHINE_SNAPSHOT as never });
    firstMachineId = first.id;
    for (const [name, bad] of Object.entries(BAD)) {
      const row = await makeProject(db, u, { name: `旧快照-${name}`, stage: bad.stage as never });
      // Written as the raw jsonb a past version (or a broken disk) left behind.
      await db.execute(sql`update projects set snapshot = ${JSON.stringify(bad.snapshot)}::jsonb where id = ${row.id}`);
      ids[name] = row.id;
    }
  });
  afterAll(async () => database?.drop());

  it("the runtime refuses each bad shape with its code and never throws", () => {
    for (const [name, bad] of Object.entries(BAD)) {
      const d = decide(bad.snapshot, { type: "CANCEL", at: "2026-01-01T00:00:00Z", actor: { userId: "u", role: "management", party: null }, payload: { reason: "x" }, facts: {} } as never);
      expect(d.ok, name).toBe(false);
      if (!d.ok) expect([name, d.kind, d.refusals[0].code]).toEqual([name, "badSnapshot", bad.code]);
    }
  });

  it("a migration registered for an old version upgrades it before the machine reads it", () => {
    // No migration exists today (v1 is the only version); the path is exercised with a
    // hypothetical v1 → v2 that renames a state, as a future machine change would add it.
    const migrations = { 1: (s: Record<string, unknown>) => ({ ...s, value: s.value === "constructing" ? "construction" : s.value }) };
    const m = migrateSnapshot({ ...FIRST_MACHINE_SNAPSHOT, value: "constructing" }, migrations, 2);
    expect(m).toMatchObject({ ok: true, snapshot: { machineVersion: 2, value: "construction" } });
    const cancel = { type: "CANCEL", at: "2026-01-01T00:00:00Z", actor: { userId: "u", role: "management", party: null }, payload: { reason: "甲方取消" }, facts: {} } as never;
    const d = decide({ ...FIRST_MACHINE_SNAPSHOT, value: "constructing" }, cancel, { migrations, current: 2 });
    expect(d).toMatchObject({ ok: true, fromStage: "construction", toStage: "cancelled", snapshot: { machineVersion: 2 } });
    // A migration that throws is a clear refusal, not a crash.
    const broken = decide(FIRST_MACHINE_SNAPSHOT, cancel, { migrations: { 1: () => { throw new Error("boom"); } }, current: 2 });
    expect(broken).toMatchObject({ ok: false, kind: "badSnapshot", refusals: [{ code: "SNAPSHOT_INVALID", params: { reason: "migration from v1 failed" } }] });
  });

  it("the first machine's v1 snapshot still loads and takes events on the page and the API", async () => {
    const res = await page.loader(args(req(`/projects/${firstMachineId}`), { projectId: firstMachineId }));
    expect(statusOf(res)).toBe(200);
    const view = await apiEvents.loader(args(api(`/projects/${firstMachineId}/events`), { projectId: firstMachineId }) as never);
    expect(view.status).toBe(200);
    const body = await view.json();
    expect(JSON.stringify(body)).not.toMatch(/SNAPSHOT_/);
  });

  it("the project list, the home page and the API list render every project, bad ones included", async () => {
    const l = payloadOf<{ list: { rows: { id: string }[]; total: number } }>(await list.loader(args(req("/projects?pageSize=100"))));
    const listed = new Set(l.list.rows.map((r) => r.id));
    expect(listed.has(goodId)).toBe(true);
    for (const id of Object.values(ids)) expect(listed.has(id)).toBe(true);
    expect(statusOf(await home.loader(args(req("/"))))).toBe(200);
    const a = await apiList.loader(args(api("/projects?pageSize=100")) as never);
    expect(a.status).toBe(200);
    const items = (await a.json()).items;
    expect(items.map((i: { id: string }) => i.id)).toEqual(expect.arrayContaining([goodId, ...Object.values(ids)]));
  });

  it("each bad project's page and API answer without a 500, and say in Chinese what is wrong", async () => {
    for (const [name, id] of Object.entries(ids)) {
      const res = await page.loader(args(req(`/projects/${id}`), { projectId: id }));
      expect([name, statusOf(res)]).toEqual([name, 200]);
      const data = payloadOf<{ events: { allowed: unknown[] } }>(res);
      // Nothing can be sent to a snapshot the machine cannot read: no button would work.
      expect([name, data.events.allowed]).toEqual([name, []]);

      const one = await apiOne.loader(args(api(`/projects/${id}`), { projectId: id }) as never);
      expect([name, one.status]).toEqual([name, 200]);
      const ev = await apiEvents.loader(args(api(`/projects/${id}/events`), { projectId: id }) as never);
      expect([name, ev.status]).toEqual([name, 200]);

      // The stage pages read the snapshot too: an answer (or a thrown Response), never a TypeError.
      for (const [pageName, mod] of Object.entries({ acceptancePage, warrantyPage, settlementPage, entryPage, constructionPage, biddingPage })) {
        let result: unknown;
        try {
          result = await mod.loader(args(req(`/projects/${id}`), { projectId: id }) as never);
        } catch (e) {
          result = e;
        }
        expect([name, pageName, result instanceof Error ? String(result) : "answered"]).toEqual([name, pageName, "answered"]);
        expect(statusOf(result)).toBeLessThan(500);
      }
    }
  });

  it("an event on a bad snapshot is refused 422 with the Chinese message, through the API and the page, and nothing is written", async () => {
    for (const [name, id] of Object.entries(ids)) {
      const [before] = await db.select().from(projects).where(eq(projects.id, id));
      const res = await apiEvents.action(args(api(`/projects/${id}/events`, { method: "POST", body: JSON.stringify({ type: "SUBMIT_FOR_DECISION", expectedVersion: before.version }) }), { projectId: id }) as never);
      expect([name, res.status]).toEqual([name, 422]);
      const body = await res.json();
      expect(body.error.code).toBe("REFUSED");
      expect(body.error.refusals[0].code).toBe(BAD[name].code);
      expect(body.error.message).toMatch(BAD[name].code === "SNAPSHOT_INVALID" ? /项目流程数据已损坏，无法读取.*请联系系统管理员/ : /项目流程数据版本 v\d+ 无法升级到当前版本 v1/);

      const fd = new FormData();
      fd.set("type", "SUBMIT_FOR_DECISION");
      fd.set("version", String(before.version));
      const pageRes = await pageEvents.action(args(req(`/projects/${id}/events`, { method: "POST", body: fd }), { projectId: id }) as never);
      expect([name, statusOf(pageRes)]).toEqual([name, 422]);
      expect(payloadOf<{ message: string }>(pageRes).message).toMatch(/项目流程数据/);

      const [after] = await db.select().from(projects).where(eq(projects.id, id));
      expect(after.version).toBe(before.version);
      expect(after.snapshot).toEqual(before.snapshot);
      expect(await db.select().from(auditEvents).where(eq(auditEvents.projectId, id))).toEqual([]);
    }
  });

  it("the scheduler's clock passes over bad snapshots and keeps going", async () => {
    const r = await tickProjects(db, new Date("2027-06-01T00:00:00Z"));
    expect(r.checked).toBeGreaterThanOrEqual(2);
    expect(await db.select().from(auditEvents).where(eq(auditEvents.projectId, ids.badHandover))).toEqual([]);
  });

  it("the good project next to them still takes events", async () => {
    const [boss] = await db.insert(users).values({ email: "snap-boss@example.test", name: "陈国强", passwordHash: "x" }).returning();
    await db.insert(userRoles).values({ userId: boss.id, role: "management" });
    const bossToken = (await issueApiToken(db, { userId: boss.id, name: "snap" })).token;
    const [p] = await db.select().from(projects).where(eq(projects.id, goodId));
    const res = await apiEvents.action(args(new Request(`http://localhost/api/v1/projects/${goodId}/events`, {
      method: "POST", headers: { Authorization: `Bearer ${bossToken}`, "Content-Type": "application/json" },
      body: JSON.stringify({ type: "CANCEL", payload: { reason: "测试取消" }, expectedVersion: p.version }),
    }), { projectId: goodId }) as never);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, stage: "cancelled" });
  });
});
