// quality.md, "Faults and bad inputs", line 4. The same transition or signature sent twice at the
// same instant — a double click (two requests on one server), two tabs, two app servers (on
// PostgreSQL: two separate connection pools on the same database, each calling the same service
// code the routes call) — must take effect exactly once: one audit event, one snapshot version
// step, one signature row, one payment, one ticket event. The other request gets a clear refusal in
// Chinese: 409 "changed meanwhile / already done" (or, for a link, the used link's generic 404 when
// it arrives after the first one committed). On PGlite the single connection serialises the two,
// and the same assertions hold.
import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database, type Db } from "#db/client";
import * as s from "#db/schema";
import { ev, reach } from "#machines/fixtures";
import { decide, stageOf } from "#machines/runtime";
import { addDays, shanghaiDate } from "~/lib/calendar";
import * as apiEvents from "~/routes/api.v1.projects.$projectId.events";
import * as apiLinks from "~/routes/api.v1.links.$token";
import * as apiSteps from "~/routes/api.v1.service.tickets.$ticketId.steps";
import * as pageEvents from "~/routes/projects.$projectId.events";
import * as settlementPage from "~/routes/projects.$projectId.settlement";
import * as reviewPage from "~/routes/r.$token";
import { applyEvent } from "~/services/projects/apply-event.server";
import { sendProjectEvent } from "~/services/projects/project-events.server";
import { linkDecide } from "~/services/review/link-api.server";
import { applyTicketStep } from "~/services/service/ticket-steps.server";
import { requireSettlementAccess } from "~/services/settlement/settlement-access.server";
import { saveSettlementDraft } from "~/services/settlement/settlement-save.server";
import { acceptToday, constructionProject, meetPreconditions } from "../integration/acceptance-fixture";
import { dataUrl, enterReview, signForm, tokenFrom } from "../integration/review-fixture";
import { makeProject, makeUser } from "../support/factories";
import { createTestDatabase, testDriver, type TestDatabase } from "../support/test-db";
import { caller, outcome, requestAs, routeArgs, type Caller, type Outcome } from "./support";

const info = { ip: "127.0.0.1", userAgent: "vitest" };
const today = () => shanghaiDate(new Date().toISOString());
const CHINESE = /[\u4e00-\u9fff]/;

function form(fields: Record<string, string>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  return fd;
}

describe("The same transition or signature submitted twice at once (double click, two tabs, two servers)", () => {
  let t: TestDatabase;
  let db: Db;
  /** The "second server": a separate connection pool on the same database (PostgreSQL); on PGlite the same one. */
  let servers: [Db, Db];
  const extra: Database[] = [];
  let management: Caller & { user: Awaited<ReturnType<typeof makeUser>> };
  let pmUser: Awaited<ReturnType<typeof makeUser>>;

  beforeAll(async () => {
    t = await createTestDatabase();
    db = t.db;
    if (t.url) {
      for (let i = 0; i < 2; i++) extra.push(await openDatabase({ url: t.url, poolSize: 3 }));
      servers = [extra[0].db, extra[1].db];
    } else servers = [db, db];
    const boss = await makeUser(db, ["management"], { name: "赵总" });
    management = { ...(await caller(db, boss)), user: boss };
    pmUser = await makeUser(db, ["pm"], { name: "王项目" });
  });
  afterAll(async () => {
    for (const d of extra) await d.close();
    await t?.drop();
  });

  async function surveyProject() {
    const snapshot = reach("survey");
    return makeProject(db, pmUser, { name: "双击测试项目", stage: stageOf(snapshot.value as never), snapshot });
  }
  const auditCount = async (projectId: string, event: string) =>
    Number((await db.select({ n: count() }).from(s.auditEvents).where(and(eq(s.auditEvents.projectId, projectId), eq(s.auditEvents.event, event))))[0].n);
  const versionOf = async (projectId: string) => (await db.select().from(s.projects).where(eq(s.projects.id, projectId)))[0].version;

  /** One winner, one clear "changed meanwhile" (409, in Chinese). */
  function expectOneWinner(results: Outcome[], won: (o: Outcome) => boolean, messageOf: (o: Outcome) => string | undefined) {
    const winners = results.filter(won);
    const losers = results.filter((o) => !won(o));
    expect(winners, results.map((o) => `${o.status} ${o.text.slice(0, 200)}`).join("\n")).toHaveLength(1);
    expect(losers).toHaveLength(1);
    return { winner: winners[0], loser: losers[0], message: messageOf(losers[0]) ?? "" };
  }

  it("a project transition twice through the API events endpoint: one audit event, one version step, the other 409 in Chinese", async () => {
    const p = await surveyProject();
    const send = () =>
      outcome(() => apiEvents.action(routeArgs(requestAs(management, "api.v1", `/api/v1/projects/${p.id}/events`, { json: { type: "CANCEL", payload: { reason: "客户取消" }, expectedVersion: p.version } }), { projectId: p.id })));
    const results = await Promise.all([send(), send()]);
    const { loser, message } = expectOneWinner(results, (o) => o.status === 200, (o) => (JSON.parse(o.text) as { error?: { message?: string } }).error?.message);
    expect(loser.status).toBe(409);
    expect(message).toMatch(CHINESE);
    expect(await auditCount(p.id, "CANCEL")).toBe(1);
    expect(await versionOf(p.id)).toBe(p.version + 1);
  });

  it("the same transition twice through the project page's event form (two tabs): one redirect, the other 409 with the message", async () => {
    const p = await surveyProject();
    const send = () =>
      outcome(() => pageEvents.action(routeArgs(requestAs(management, "projects", `/projects/${p.id}/events`, { form: form({ type: "CANCEL", version: String(p.version), reason: "客户取消" }) }), { projectId: p.id })));
    const results = await Promise.all([send(), send()]);
    const { loser, message } = expectOneWinner(results, (o) => o.status === 302, (o) => (JSON.parse(o.text) as { message?: string }).message);
    expect(loser.status).toBe(409);
    expect(message).toMatch(CHINESE);
    expect(await auditCount(p.id, "CANCEL")).toBe(1);
    expect(await versionOf(p.id)).toBe(p.version + 1);
  });

  it("the same transition on two app servers (two connection pools) at once: exactly one takes effect", async () => {
    const p = await surveyProject();
    for (const expectedVersion of [p.version, undefined]) {
      const q = expectedVersion === undefined ? await surveyProject() : p;
      const results = await Promise.all(
        servers.map((server) => sendProjectEvent(server, { projectId: q.id, user: management.user, type: "CANCEL", json: { reason: "两台服务器" }, expectedVersion, info, locale: "zh-CN" })),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      const loser = results.find((r) => !r.ok)!;
      // With the page's version: "changed meanwhile" (409); without one: the event is no longer allowed (422). Both say why, in Chinese.
      expect(!loser.ok && loser.status).toBe(expectedVersion === undefined ? 422 : 409);
      expect(!loser.ok && loser.message).toMatch(CHINESE);
      expect(await auditCount(q.id, "CANCEL")).toBe(1);
      expect(await versionOf(q.id)).toBe(q.version + 1);
    }
  });

  describe("a signature by link submitted twice", () => {
    const signatures = async (projectId: string) => db.select().from(s.signatures).where(eq(s.signatures.projectId, projectId));
    const mailToken = async (projectId: string, template: string) =>
      tokenFrom((await db.select().from(s.outbox).where(eq(s.outbox.projectId, projectId))).filter((m) => m.template === template && m.payload.to.includes("li@jianli.test")).sort((a, b) => b.id - a.id)[0].payload.text);
    const hashOf = async (token: string) => (JSON.parse((await outcome(() => apiLinks.loader(routeArgs(new Request(`http://localhost/api/v1/links/${token}`), { token }, "10.44.0.1")))).text) as { view: { contentHash: string } }).view.contentHash;

    /** The loser: 409 "already decided", or — when it arrived after the first committed — the used link's generic 404. */
    function expectSecondRefused(o: Outcome, messageOf: (o: Outcome) => string) {
      expect([404, 409], `${o.status} ${o.text.slice(0, 300)}`).toContain(o.status);
      if (o.status === 409) expect(messageOf(o)).toMatch(/已经处理|不能重复/);
    }

    it("commencement link, double click on the page (/r/:token): one signature, one SIGN audit event", async () => {
      const ctx = await enterReview(db);
      const token = await mailToken(ctx.project.id, "review.commencement");
      const contentHash = await hashOf(token);
      const version = await versionOf(ctx.project.id);
      const click = () => outcome(() => reviewPage.action(routeArgs(signForm(token, { contentHash, decision: "approved", signerName: "李总监", signerRole: "总监理工程师", typedSignature: "李总监" }), { token }, "10.44.0.2")));
      const results = await Promise.all([click(), click()]);
      const done = results.filter((o) => o.text === JSON.stringify({ done: "approved" }));
      expect(done, results.map((o) => `${o.status} ${o.text.slice(0, 200)}`).join("\n")).toHaveLength(1);
      const second = results.find((o) => o !== done[0])!;
      expectSecondRefused(second, (o) => {
        const key = (JSON.parse(o.text) as { formError?: string }).formError ?? "";
        return key === "review.alreadyDecided" ? "该任务已经处理，不能重复提交。" : key;
      });
      expect(await signatures(ctx.project.id)).toHaveLength(1);
      expect(await versionOf(ctx.project.id)).toBe(version + 1);
    });

    it("acceptance link signed on two app servers at once (/api/v1/links logic on two pools): one signature, one SIGN event, one version step", async () => {
      const ctx = await constructionProject(db);
      await meetPreconditions(db, ctx.project.id, ctx.pm.id);
      const r = await applyEvent(db, { projectId: ctx.project.id, type: "REQUEST_ACCEPTANCE", payload: { acceptanceDate: today(), startTime: "09:30", place: "会议室" }, actor: { userId: ctx.pm.id, role: "pm" }, info });
      expect(r.ok).toBe(true);
      const token = await mailToken(ctx.project.id, "review.acceptance");
      const body = { contentHash: await hashOf(token), decision: "approved", opinion: "验收合格", signerName: "李总监", signerRole: "总监理工程师", signaturePng: dataUrl };
      const version = await versionOf(ctx.project.id);
      const signsBefore = await auditCount(ctx.project.id, "SIGN");
      const results = await Promise.all(servers.map(async (server, i) => outcome(() => linkDecide(server, token, body, { ip: `10.44.1.${i}`, userAgent: "vitest" }, "zh-CN"))));
      const { loser } = expectOneWinner(results, (o) => o.status === 200, () => undefined);
      expectSecondRefused(loser, (o) => (JSON.parse(o.text) as { error: { message: string } }).error.message);
      expect(await signatures(ctx.project.id)).toHaveLength(1);
      expect(await auditCount(ctx.project.id, "SIGN")).toBe(signsBefore + 1);
      expect(await versionOf(ctx.project.id)).toBe(version + 1);
    });

    it("commencement link through the API twice at once (one server, two requests): one signature", async () => {
      const ctx = await enterReview(db);
      const token = await mailToken(ctx.project.id, "review.commencement");
      const body = { contentHash: await hashOf(token), decision: "approved", signerName: "李总监", signerRole: "总监理工程师", typedSignature: "李总监" };
      const post = () => outcome(() => apiLinks.action(routeArgs(new Request(`http://localhost/api/v1/links/${token}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) }), { token }, "10.44.2.1")));
      const results = await Promise.all([post(), post()]);
      const { loser } = expectOneWinner(results, (o) => o.status === 200, () => undefined);
      expectSecondRefused(loser, (o) => (JSON.parse(o.text) as { error: { message: string } }).error.message);
      expect(await signatures(ctx.project.id)).toHaveLength(1);
    });
  });

  describe("settlement", () => {
    let finance: Caller & { user: Awaited<ReturnType<typeof makeUser>> };
    let pm: Caller;

    /** A project in handover with a settlement submitted to finance. */
    async function submittedSettlement() {
      const f = await constructionProject(db);
      await meetPreconditions(db, f.project.id, f.pm.id);
      await acceptToday(db, f);
      const saved = await saveSettlementDraft(db, {
        access: await requireSettlementAccess(db, f.pm, f.project.id), user: f.pm,
        input: { contractAmount: "365000", retentionMode: "rate", retentionRate: "3", defectMonths: "12", paidBefore: "0", paymentDueOn: addDays(today(), 30), basis: "施工合同", payeeBank: "工商银行", payeeAccount: "3602000000001", lines: [] },
      });
      expect(saved.ok, JSON.stringify(saved)).toBe(true);
      const submitted = await sendProjectEvent(db, { projectId: f.project.id, user: f.pm, type: "SUBMIT_SETTLEMENT", json: {}, info, locale: "zh-CN" });
      expect(submitted.ok, JSON.stringify(submitted)).toBe(true);
      pm = await caller(db, f.pm);
      return f;
    }
    const intent = (who: Caller, projectId: string, name: string, fields: Record<string, string>) =>
      outcome(() => settlementPage.action(routeArgs(requestAs(who, "projects", `/projects/${projectId}/settlement?intent=${name}`, { form: form(fields) }), { projectId })));

    beforeAll(async () => {
      const u = await makeUser(db, ["finance"], { name: "孙财务" });
      finance = { ...(await caller(db, u)), user: u };
    });

    it("finance approves while the pm revises (same page version): one wins, the other is told it changed meanwhile", async () => {
      const f = await submittedSettlement();
      const version = String(await versionOf(f.project.id));
      const results = await Promise.all([intent(finance, f.project.id, "approve", { version }), intent(pm, f.project.id, "revise", { version, reason: "补充签证单" })]);
      const { loser } = expectOneWinner(results, (o) => o.status === 302, () => undefined);
      expect(loser.status).toBe(400);
      expect((JSON.parse(loser.text) as { formError: string }).formError).toBe("finance.changedMeanwhile");
      const events = (await db.select().from(s.auditEvents).where(eq(s.auditEvents.projectId, f.project.id))).filter((e) => e.event === "APPROVE_SETTLEMENT" || e.event === "REVISE_SETTLEMENT");
      expect(events).toHaveLength(1);
      expect(await versionOf(f.project.id)).toBe(Number(version) + 1);
    });

    it("approve on two app servers at once: one APPROVE_SETTLEMENT, the other 409 in Chinese", async () => {
      const f = await submittedSettlement();
      const version = await versionOf(f.project.id);
      const results = await Promise.all(servers.map((server) => sendProjectEvent(server, { projectId: f.project.id, user: finance.user, type: "APPROVE_SETTLEMENT", json: {}, expectedVersion: version, info, locale: "zh-CN" })));
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      const loser = results.find((r) => !r.ok)!;
      expect(!loser.ok && loser.status).toBe(409);
      expect(!loser.ok && loser.message).toMatch(CHINESE);
      expect(await auditCount(f.project.id, "APPROVE_SETTLEMENT")).toBe(1);
      expect(await db.select().from(s.settlements).where(and(eq(s.settlements.projectId, f.project.id), eq(s.settlements.status, "approved")))).toHaveLength(1);
    });

    it("a payment recorded twice with the same bank reference (double click on the form): one payment row", async () => {
      const f = await submittedSettlement();
      expect((await sendProjectEvent(db, { projectId: f.project.id, user: finance.user, type: "APPROVE_SETTLEMENT", json: {}, info, locale: "zh-CN" })).ok).toBe(true);
      const version = String(await versionOf(f.project.id));
      const pay = () => intent(finance, f.project.id, "recordPayment", { version, amount: "100000", receivedOn: today(), reference: "BANK-DUP-1" });
      const results = await Promise.all([pay(), pay()]);
      const { loser } = expectOneWinner(results, (o) => o.status === 302, () => undefined);
      expect((JSON.parse(loser.text) as { formError: string }).formError).toBe("finance.changedMeanwhile");
      const payments = await db.select().from(s.payments).where(eq(s.payments.projectId, f.project.id));
      expect(payments.map((p) => [p.amountFen, p.reference])).toEqual([[10_000_000, "BANK-DUP-1"]]);
      expect(await auditCount(f.project.id, "RECORD_PAYMENT")).toBe(1);
    });
  });

  describe("a service ticket step submitted twice", () => {
    let service: Caller & { user: Awaited<ReturnType<typeof makeUser>> };
    let seq = 0;
    async function assignedTicket() {
      const p = await makeProject(db, pmUser, { name: "保修项目" });
      const [row] = await db
        .insert(s.serviceTickets)
        .values({ number: `FW-Q4-${++seq}`, projectId: p.id, channel: "hotline", reporterName: "刘女士", contactPhone: "13800000000", description: "新风机异响", status: "assigned", assignedTo: service.id, assignedAt: new Date(), contactDueAt: new Date(Date.now() + 3600_000) })
        .returning();
      return row;
    }
    const events = async (ticketId: string) => db.select().from(s.ticketEvents).where(eq(s.ticketEvents.ticketId, ticketId));

    beforeAll(async () => {
      const u = await makeUser(db, ["service"], { name: "钱工" });
      service = { ...(await caller(db, u)), user: u };
    });

    it("through the API twice at once: one ticket event, one version step, the other 409 in Chinese", async () => {
      const ticket = await assignedTicket();
      const send = () =>
        outcome(() => apiSteps.action(routeArgs(requestAs(service, "api.v1", `/api/v1/service/tickets/${ticket.id}/steps`, { json: { step: "contact", expectedVersion: ticket.version, note: "已电话联系客户" } }), { ticketId: ticket.id })));
      const results = await Promise.all([send(), send()]);
      const { loser, message } = expectOneWinner(results, (o) => o.status === 200, (o) => (JSON.parse(o.text) as { error?: { message?: string } }).error?.message);
      expect(loser.status).toBe(409);
      expect(message).toBe("服务单已被他人更新，请刷新页面后重试。");
      expect((await events(ticket.id)).filter((e) => e.action === "contact")).toHaveLength(1);
      expect((await db.select().from(s.serviceTickets).where(eq(s.serviceTickets.id, ticket.id)))[0].version).toBe(ticket.version + 1);
    });

    it("on two app servers at once: one ticket event", async () => {
      const ticket = await assignedTicket();
      const results = await Promise.all(servers.map((server) => applyTicketStep(server, { ticketId: ticket.id, user: service.user, step: "contact", expectedVersion: ticket.version, input: { note: "已电话联系客户" }, info })));
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.find((r) => !r.ok)).toMatchObject({ ok: false, status: 409, formError: "serviceFlow.changedMeanwhile" });
      expect((await events(ticket.id)).filter((e) => e.action === "contact")).toHaveLength(1);
    });
  });

  it("the fixtures' machine accepts CANCEL in survey (so a refusal above is the race, not the stage)", () => {
    expect(decide(reach("survey"), ev("CANCEL")).ok).toBe(true);
  });

  it(`runs on ${testDriver()}${testDriver() === "postgres" ? " with two separate connection pools" : ""}`, () => {
    expect(servers[0] === servers[1]).toBe(testDriver() === "pglite");
  });
});
