// The soak's invariant checker (test/soak/invariants.ts) on a small database: it passes on projects
// driven through applyEvent, then reports each kind of corruption the soak exists to catch.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import * as s from "#db/schema";
import type { Actor, EventType } from "#machines/types";
import { messageIdFor } from "~/lib/mail/transport.server";
import { createProject } from "~/services/projects/create-project.server";
import { applyEvent } from "~/services/projects/apply-event.server";
import { contentSha256 } from "~/services/review/record-signature.server";
import { loadCommencementContent } from "~/services/site/commencement-content.server";
import { checkAuditTrail, checkDatabase, checkOutboxDelivery, checkServerErrors, checkSignedContent, checkSnapshots } from "../soak/invariants";
import { createTestDatabase, testDriver, type TestDatabase } from "../support/test-db";
import { makeCompany, makeQuote, makeUser } from "../support/factories";

let t: TestDatabase;
const projectIds: string[] = [];
const received = new Map<string, number>();
const INFO = { ip: "127.0.0.1", userAgent: "vitest" };

beforeAll(async () => {
  t = await createTestDatabase();
  const pm = await makeUser(t.db, ["pm"], { name: "王项目" });
  const boss = await makeUser(t.db, ["management"], { name: "陈总" });
  const client = await makeCompany(t.db, "client");
  for (const n of [1, 2]) {
    const created = await createProject(t.db, pm, {
      code: `SOAK-T-${n}-${Math.random().toString(36).slice(2, 6)}`, name: `巡检项目 ${n}`, clientId: client.id, siteAddress: "广州市", clientContractNo: `HT-${n}`,
      clientContractAmount: 100_000_00, clientContractSignedOn: "2026-01-01", pmId: null, supervisionCompanyId: null, designCompanyId: null,
      plannedStartOn: "2026-12-01", plannedFinishOn: null, equipment: [{ model: "XF-1", quantity: 1, location: "机房" }],
    } as never, INFO);
    if (!created.ok) throw new Error(JSON.stringify(created));
    const projectId = created.id;
    projectIds.push(projectId);
    const quotes = [await makeQuote(t.db, projectId), await makeQuote(t.db, projectId), await makeQuote(t.db, projectId)];
    await t.db.insert(s.bidRecommendations).values({ projectId, vendorId: quotes[0].vendorId, reason: "价格最低", createdBy: pm.id });
    const steps: { type: EventType; payload: Record<string, unknown>; actor: Actor }[] = [
      { type: "SUBMIT_FOR_DECISION", payload: {}, actor: { userId: pm.id, role: "pm", label: pm.name } },
      n === 1
        ? { type: "AWARD", payload: { vendorId: quotes[0].vendorId, reason: "" }, actor: { userId: boss.id, role: "management", label: boss.name } }
        : { type: "CANCEL", payload: { reason: "甲方暂停" }, actor: { userId: boss.id, role: "management", label: boss.name } },
    ];
    for (const step of steps) {
      const r = await applyEvent(t.db, { projectId, type: step.type, payload: step.payload, actor: step.actor, info: INFO });
      if (!r.ok) throw new Error(JSON.stringify(r));
    }
  }
  // The outbox delivered: every row sent once, as the worker records it, and received once.
  const rows = await t.db.select().from(s.outbox);
  for (const r of rows) {
    await t.db.update(s.outbox).set({ status: "sent", messageId: messageIdFor(r.idempotencyKey), sentAt: new Date() }).where(eq(s.outbox.id, r.id));
    received.set(messageIdFor(r.idempotencyKey), 1);
  }
  // A signature over project 1's commencement content, hashed as the signing page hashes it.
  const content = await loadCommencementContent(t.db, projectIds[0]);
  await t.db.insert(s.signatures).values({ projectId: projectIds[0], documentKind: "commencement", documentVersion: content!.round, party: "supervisor", signerName: "李总监", organisation: "监理", contentSha256: contentSha256(content), typedSignature: "李总监" });
});
afterAll(async () => t?.drop());

describe(`soak invariant checker on ${testDriver()}`, () => {
  it("passes on projects driven through applyEvent with their mail delivered once", async () => {
    const results = await checkDatabase(t.db, received);
    for (const r of results) expect(r.violations, r.name).toEqual([]);
    expect(results.map((r) => r.checked)).toEqual([2, 4, expect.any(Number), 1]);
    expect(results[2].checked).toBeGreaterThan(0);
  });

  it("reports a mail received twice, one never received, one still pending, and a stranger", async () => {
    const [first, second] = await t.db.select().from(s.outbox).orderBy(s.outbox.id).limit(2);
    const counts = new Map(received);
    counts.set(messageIdFor(first.idempotencyKey), 2);
    counts.set("<stranger@elsewhere>", 1);
    const doubled = await checkOutboxDelivery(t.db, counts);
    expect(doubled.violations.join("\n")).toMatch(new RegExp(`outbox ${first.id}: marked sent, received 2×`));
    expect(doubled.violations.join("\n")).toContain("no outbox row sent: <stranger@elsewhere>");
    const lost = new Map(received);
    lost.delete(messageIdFor(second.idempotencyKey));
    expect((await checkOutboxDelivery(t.db, lost)).violations).toEqual([expect.stringContaining(`outbox ${second.id}: marked sent, received 0×`)]);
    await t.db.update(s.outbox).set({ status: "pending" }).where(eq(s.outbox.id, second.id));
    expect((await checkOutboxDelivery(t.db, received)).violations).toEqual([expect.stringContaining(`outbox ${second.id}: still pending`)]);
    await t.db.update(s.outbox).set({ status: "sent" }).where(eq(s.outbox.id, second.id));
  });

  it("reports a changed signed content", async () => {
    const [cert] = await t.db.select().from(s.projects).where(eq(s.projects.id, projectIds[0]));
    await t.db.update(s.projects).set({ siteAddress: "广州市（改）" }).where(eq(s.projects.id, cert.id));
    const r = await checkSignedContent(t.db);
    expect(r.violations).toEqual([expect.stringMatching(/commencement round 1, supervisor\): signed [0-9a-f]{12}…, content now hashes to/)]);
    await t.db.update(s.projects).set({ siteAddress: cert.siteAddress }).where(eq(s.projects.id, cert.id));
    expect((await checkSignedContent(t.db)).violations).toEqual([]);
  });

  it("reports an impossible snapshot state and a stage column that disagrees", async () => {
    const [p] = await t.db.select().from(s.projects).where(eq(s.projects.id, projectIds[0]));
    const snapshot = p.snapshot as Record<string, unknown>;
    await t.db.update(s.projects).set({ snapshot: { ...snapshot, value: { handover: { settlement: "teleported" } } } }).where(eq(s.projects.id, p.id));
    expect((await checkSnapshots(t.db)).violations).toEqual([expect.stringContaining(`${p.code}: state {"handover":{"settlement":"teleported"}} is not a state of machine v1`)]);
    await t.db.update(s.projects).set({ snapshot: { ...snapshot, value: "survey" } }).where(eq(s.projects.id, p.id));
    expect((await checkSnapshots(t.db)).violations).toEqual([expect.stringContaining(`stage column "contracting" ≠ snapshot stage "survey"`)]);
    // The audit log no longer explains it either.
    expect((await checkAuditTrail(t.db)).violations).toEqual([expect.stringContaining(`${p.code}: stored snapshot "survey" differs from the replayed audit log "contracting"`)]);
    await t.db.update(s.projects).set({ snapshot }).where(eq(s.projects.id, p.id));
    expect((await checkSnapshots(t.db)).violations).toEqual([]);
  });

  it("reports a transition without its audit row, and one audited twice", async () => {
    const [p] = await t.db.select().from(s.projects).where(eq(s.projects.id, projectIds[1]));
    const [last] = await t.db.select().from(s.auditEvents).where(eq(s.auditEvents.projectId, p.id)).orderBy(sql`${s.auditEvents.id} desc`).limit(1);
    // The database refuses to change the audit log (append-only trigger): lift it for the corruption.
    await t.db.transaction(async (tx) => {
      await tx.execute(sql`alter table audit_events disable trigger audit_events_no_update_delete`);
      await tx.delete(s.auditEvents).where(eq(s.auditEvents.id, last.id));
      await tx.execute(sql`alter table audit_events enable trigger audit_events_no_update_delete`);
    });
    expect((await checkAuditTrail(t.db)).violations).toEqual([`${p.code}: version 3 but audit versions [2]; no audit for version 3`]);
    const { id: _gone, ...copy } = last;
    await t.db.insert(s.auditEvents).values(copy);
    expect((await checkAuditTrail(t.db)).violations).toEqual([]);
    await t.db.insert(s.auditEvents).values(copy);
    expect((await checkAuditTrail(t.db)).violations).toEqual([`${p.code}: version 3 but audit versions [2,3,3]; more than one audit for 3`]);
  });

  it("counts 5xx inside a fault window (plus grace) as fault-induced and any other as a violation", () => {
    const faults = [{ kind: "pgTerminate", start: 10_000, end: 10_000 }, { kind: "smtpDown", start: 20_000, end: 30_000 }];
    const requests = [
      { at: 9_500, end: 10_200, op: "POST events", status: 500 as const },
      { at: 11_500, end: 11_900, op: "GET page", status: 503 as const },
      { at: 25_000, end: 25_100, op: "PUT survey", status: 200 as const },
      { at: 50_000, end: 50_100, op: "POST quotes", status: 500 as const },
      { at: 50_000, end: 50_100, op: "POST events", status: 409 as const },
    ];
    const r = checkServerErrors(requests, faults, 2_000);
    expect(r.faultInduced).toBe(2);
    expect(r.violations).toEqual([expect.stringContaining("POST quotes → 500")]);
    // A window with its own (tight) grace: a failure must span that moment.
    const surfaced = [{ kind: "pgTerminate (surfaced)", start: 50_050, end: 50_050, graceMs: 0 }];
    expect(checkServerErrors(requests, surfaced, 2_000).violations.filter((v) => v.includes("POST quotes"))).toEqual([]);
    expect(checkServerErrors(requests, [{ ...surfaced[0], start: 50_200, end: 50_200 }], 2_000).violations.filter((v) => v.includes("POST quotes"))).toHaveLength(1);
  });
});
