import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, count, eq, sql } from "drizzle-orm";
import { auditEvents, bidRecommendations, outbox, projects } from "#db/schema";
import type { Actor } from "#machines/types";
import { applyEvent } from "~/services/projects/apply-event.server";
import { createTestDatabase, testDriver, type TestDatabase } from "../support/test-db";
import { makeProject, makeQuote, makeUser } from "../support/factories";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.drop());

const info = { ip: "203.0.113.7", userAgent: "vitest" };

async function projectReadyForDecision() {
  const pm = await makeUser(t.db, ["pm"]);
  await makeUser(t.db, ["management"]);
  const project = await makeProject(t.db, pm);
  const quotes = await Promise.all([1, 2, 3].map(() => makeQuote(t.db, project.id)));
  await t.db.insert(bidRecommendations).values({ projectId: project.id, vendorId: quotes[0].vendorId, reason: "最低价", createdBy: pm.id });
  const actor: Actor = { userId: pm.id, role: "pm", party: null, label: pm.name };
  return { pm, project, quotes, actor };
}

async function auditCount(projectId: string) {
  const [{ n }] = await t.db.select({ n: count() }).from(auditEvents).where(eq(auditEvents.projectId, projectId));
  return n;
}

describe(`applyEvent on ${testDriver()}`, () => {
  it("writes snapshot, stage, version, one audit event and the outbox rows in one go", async () => {
    const { project, actor } = await projectReadyForDecision();
    const result = await applyEvent(t.db, { projectId: project.id, type: "SUBMIT_FOR_DECISION", payload: {}, actor, info });
    expect(result).toMatchObject({ ok: true, fromStage: "bidding", toStage: "awaitingDecision", version: 2 });
    const [row] = await t.db.select().from(projects).where(eq(projects.id, project.id));
    expect(row.stage).toBe("awaitingDecision");
    expect((row.snapshot as { value: unknown }).value).toBe("awaitingDecision");
    const [audit] = await t.db.select().from(auditEvents).where(eq(auditEvents.projectId, project.id));
    expect(audit).toMatchObject({ event: "SUBMIT_FOR_DECISION", fromStage: "bidding", toStage: "awaitingDecision", role: "pm", ip: info.ip, userAgent: "vitest", actorUserId: actor.userId });
    const mails = await t.db.select().from(outbox).where(eq(outbox.projectId, project.id));
    expect(mails.map((m) => m.template)).toEqual(["decisionRequested"]);
  });

  it("refuses with the missing condition named, from database facts, and writes nothing", async () => {
    const pm = await makeUser(t.db, ["pm"]);
    const project = await makeProject(t.db, pm);
    await makeQuote(t.db, project.id);
    await makeQuote(t.db, project.id, { withdrawnAt: new Date() });
    await makeQuote(t.db, project.id, { validUntil: "2020-01-01" });
    const actor: Actor = { userId: pm.id, role: "pm", party: null };
    // A forged "facts" field in the payload is ignored: the guard sees only what the database holds.
    const forged = { facts: { validQuotes: [{ vendorId: "a" }, { vendorId: "b" }, { vendorId: "c" }] } };
    const result = await applyEvent(t.db, { projectId: project.id, type: "SUBMIT_FOR_DECISION", payload: forged, actor, info });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.kind).toBe("refused");
    expect(result.refusals.map((r) => r.code)).toEqual(expect.arrayContaining(["QUOTES_FEWER_THAN_THREE", "RECOMMENDATION_MISSING"]));
    expect(result.refusals.find((r) => r.code === "QUOTES_FEWER_THAN_THREE")?.params).toEqual({ count: 1 });
    const [row] = await t.db.select().from(projects).where(eq(projects.id, project.id));
    expect(row.version).toBe(1);
    expect(await auditCount(project.id)).toBe(0);
  });

  it("refuses an event not allowed in the current stage, sent directly", async () => {
    const { project, actor } = await projectReadyForDecision();
    const result = await applyEvent(t.db, { projectId: project.id, type: "REQUEST_ACCEPTANCE", payload: {}, actor, info });
    expect(result).toMatchObject({ ok: false, kind: "refused", refusals: [{ code: "EVENT_NOT_ALLOWED_IN_STAGE" }] });
    expect(await auditCount(project.id)).toBe(0);
  });

  it("answers a stale version with a conflict and changes nothing", async () => {
    const { project, actor } = await projectReadyForDecision();
    const result = await applyEvent(t.db, { projectId: project.id, type: "SUBMIT_FOR_DECISION", payload: {}, actor, info, expectedVersion: 7 });
    expect(result).toMatchObject({ ok: false, kind: "conflict", refusals: [{ code: "STALE_VERSION" }] });
    expect(await auditCount(project.id)).toBe(0);
  });

  it("lets exactly one of two concurrent identical events win; the other gets a conflict", async () => {
    const { project, actor } = await projectReadyForDecision();
    const send = () => applyEvent(t.db, { projectId: project.id, type: "SUBMIT_FOR_DECISION", payload: {}, actor, info, expectedVersion: 1 });
    const results = await Promise.all([send(), send()]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([expect.objectContaining({ ok: false, kind: "conflict" })]);
    expect(await auditCount(project.id)).toBe(1);
    const mails = await t.db.select({ n: count() }).from(outbox).where(eq(outbox.projectId, project.id));
    expect(mails[0].n).toBe(1);
  });

  it("without an expected version, the second of two concurrent events is refused as no longer allowed", async () => {
    const { project, actor } = await projectReadyForDecision();
    const send = () => applyEvent(t.db, { projectId: project.id, type: "SUBMIT_FOR_DECISION", payload: {}, actor, info });
    const results = await Promise.all([send(), send()]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ kind: "refused", refusals: [{ code: "EVENT_NOT_ALLOWED_IN_STAGE" }] });
  });

  it("rolls everything back when a later write in the transaction fails", async () => {
    const { project, actor } = await projectReadyForDecision();
    await expect(
      applyEvent(t.db, {
        projectId: project.id, type: "SUBMIT_FOR_DECISION", payload: {}, actor, info,
        record: async () => { throw new Error("disk full"); },
      }),
    ).rejects.toThrow("disk full");
    const [row] = await t.db.select().from(projects).where(eq(projects.id, project.id));
    expect(row.stage).toBe("bidding");
    expect(await auditCount(project.id)).toBe(0);
    const [{ n }] = await t.db.select({ n: count() }).from(outbox).where(eq(outbox.projectId, project.id));
    expect(n).toBe(0);
  });

  it("refuses a stored snapshot from an unknown machine version clearly, without a crash", async () => {
    const { project, actor } = await projectReadyForDecision();
    await t.db.update(projects).set({ snapshot: { ...(project.snapshot as object), machineVersion: 99 } }).where(eq(projects.id, project.id));
    const result = await applyEvent(t.db, { projectId: project.id, type: "SUBMIT_FOR_DECISION", payload: {}, actor, info });
    expect(result).toMatchObject({ ok: false, kind: "badSnapshot", refusals: [{ code: "SNAPSHOT_VERSION_UNSUPPORTED", params: { version: 99, current: 1 } }] });
    await t.db.update(projects).set({ snapshot: { machineVersion: 1, value: "noSuchStage", context: {} } }).where(eq(projects.id, project.id));
    const garbage = await applyEvent(t.db, { projectId: project.id, type: "SUBMIT_FOR_DECISION", payload: {}, actor, info });
    expect(garbage).toMatchObject({ ok: false, kind: "badSnapshot", refusals: [{ code: "SNAPSHOT_INVALID" }] });
  });

  it("the database refuses to update, delete or truncate audit events", async () => {
    const { project, actor } = await projectReadyForDecision();
    await applyEvent(t.db, { projectId: project.id, type: "SUBMIT_FOR_DECISION", payload: {}, actor, info });
    await expect(t.db.update(auditEvents).set({ actorLabel: "forged" }).where(eq(auditEvents.projectId, project.id))).rejects.toThrow();
    await expect(t.db.delete(auditEvents).where(eq(auditEvents.projectId, project.id))).rejects.toThrow();
    await expect(t.db.execute(sql`truncate audit_events cascade`)).rejects.toThrow();
    const rows = await t.db.select().from(auditEvents).where(and(eq(auditEvents.projectId, project.id), eq(auditEvents.actorLabel, "forged")));
    expect(rows).toHaveLength(0);
  });
});
