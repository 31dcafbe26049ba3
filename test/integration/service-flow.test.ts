// The ticket workflow from assignment to closing: the free flow to the customer's signed
// confirmation (survey link for the QR), coverage decided by the server (a forged "warranty" on an
// expired warranty refused, exclusions, maintenance contracts), compare-and-set, roles, a paid
// ticket's quote accepted by link (expired and used links refused), and the service record PDF.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import * as s from "#db/schema";
import { translate } from "~/i18n";
import { addDays, shanghaiDate } from "~/lib/calendar";
import * as apiQuotes from "~/routes/api.v1.service.tickets.$ticketId.quotes";
import * as apiSteps from "~/routes/api.v1.service.tickets.$ticketId.steps";
import * as apiTicket from "~/routes/api.v1.service.tickets.$ticketId";
import * as sq from "~/routes/sq.$token";
import { issueApiToken } from "~/services/admin/issue-api-token.server";
import { issueServiceRecord } from "~/services/service/service-record.server";
import { applyTicketStep } from "~/services/service/ticket-steps.server";
import { addWorkingHours, workingHoursConfig } from "~/services/service/working-hours";
import type { SessionUser } from "~/lib/session.server";
import { makeUser } from "../support/factories";
import { pdfPageToPng, pdfText } from "../support/pdf";
import { payloadOf, statusOf } from "../support/route-results";
import { png } from "../support/png";
import { createTestDatabase, testDriver, type TestDatabase } from "../support/test-db";
import { acceptToday, constructionProject, meetPreconditions } from "./acceptance-fixture";
import { dataUrl } from "./review-fixture";

const strokePng = () => png(240, 80, (x, y) => (Math.abs(y - (40 + 22 * Math.sin(x / 18))) < 2.5 ? [20, 30, 120, 255] : [255, 255, 255, 0]));

const INFO = { ip: "10.7.0.1" };
const sqArgs = (token: string, body?: Record<string, string>, ip = "10.7.1.1") => {
  const init: RequestInit = body ? { method: "POST", body: new URLSearchParams(body) } : {};
  return { request: new Request(`http://localhost/sq/${token}`, init), params: { token }, context: { ip } } as never;
};

describe(`service ticket flow (${testDriver()})`, () => {
  let t: TestDatabase;
  let db: Db;
  let svc: SessionUser;
  let boss: SessionUser;
  let f: Awaited<ReturnType<typeof constructionProject>>;
  let expired: Awaited<ReturnType<typeof constructionProject>>;
  let n = 0;

  async function newTicket(projectId: string, fields: Partial<typeof s.serviceTickets.$inferInsert> = {}) {
    const receivedAt = new Date();
    const [row] = await db
      .insert(s.serviceTickets)
      .values({ number: `SV-TEST-${String(++n).padStart(4, "0")}`, projectId, channel: "hotline", reporterName: "张先生", contactPhone: "13800000000", contactEmail: "zhang@customer.test", description: "主机异响，风量明显下降", serialNumber: "XF5-2026-0001", receivedAt, contactDueAt: new Date(receivedAt.getTime() + 4 * 3_600_000), ...fields })
      .returning();
    return row;
  }
  const ticketOf = async (id: string) => (await db.select().from(s.serviceTickets).where(eq(s.serviceTickets.id, id)))[0];
  async function step(ticketId: string, name: string, input: Record<string, unknown> = {}, o: { user?: SessionUser; version?: number; now?: Date } = {}) {
    const version = o.version ?? (await ticketOf(ticketId)).version;
    return applyTicketStep(db, { ticketId, user: o.user ?? svc, step: name, input, expectedVersion: version, info: INFO, now: o.now });
  }
  const inTwoDays = () => new Date(Date.now() + 2 * 86_400_000).toISOString();
  async function toContacted(projectId: string, fields: Partial<typeof s.serviceTickets.$inferInsert> = {}) {
    const ticket = await newTicket(projectId, fields);
    expect(await step(ticket.id, "assign", { assignedTo: svc.id })).toMatchObject({ ok: true, status: "assigned" });
    expect(await step(ticket.id, "contact", { note: "已电话联系客户，约定上门检查" })).toMatchObject({ ok: true, status: "contacted" });
    return ticket;
  }
  const mails = async (template: string) => (await db.select().from(s.outbox)).filter((m) => m.template === template);
  const tokenIn = (text: string, path: string) => new RegExp(`/${path}/([A-Za-z0-9_-]+)`).exec(text)![1];

  beforeAll(async () => {
    t = await createTestDatabase();
    db = t.db;
    svc = await makeUser(db, ["service"], { name: "刘技术" });
    boss = await makeUser(db, ["management"], { name: "高总" });
    f = await constructionProject(db);
    await meetPreconditions(db, f.project.id, f.pm.id);
    await acceptToday(db, f);
    expired = await constructionProject(db);
    await meetPreconditions(db, expired.project.id, expired.pm.id);
    await acceptToday(db, expired);
    // The second project's warranty ended long ago.
    const [p] = await db.select().from(s.projects).where(eq(s.projects.id, expired.project.id));
    const snap = p.snapshot as { context: Record<string, unknown> };
    await db.update(s.projects).set({ snapshot: { ...snap, context: { ...snap.context, acceptedOn: "2024-01-10", warrantyEndsOn: "2025-01-10" } } as never }).where(eq(s.projects.id, p.id));
  });
  afterAll(async () => t?.drop());

  it("the free flow: assigned, contacted, diagnosed free, scheduled, on site, resolved, confirmed with a drawn signature", async () => {
    const ticket = await toContacted(f.project.id);
    const before = Date.now();
    const diagnosed = await step(ticket.id, "diagnose", { diagnosis: "风机轴承磨损", coverage: "warranty" }, { user: boss });
    expect(diagnosed).toMatchObject({ ok: true, status: "diagnosed" });
    let row = await ticketOf(ticket.id);
    expect(row).toMatchObject({ coverage: "warranty", exclusion: null, diagnosis: "风机轴承磨损" });
    // Arrival due 6 working hours (city) from the diagnosis.
    const due = addWorkingHours(row.diagnosedAt!, 6, workingHoursConfig());
    expect(row.arrivalDueAt!.getTime()).toBe(due.getTime());
    expect(row.diagnosedAt!.getTime()).toBeGreaterThanOrEqual(before - 5);
    expect(await step(ticket.id, "schedule", { scheduledFor: inTwoDays() })).toMatchObject({ ok: true, status: "scheduled" });
    expect(await step(ticket.id, "arrive")).toMatchObject({ ok: true, status: "onSite" });
    const bad = await step(ticket.id, "resolve", { causeCategory: "bad", minutesSpent: "0", resolution: "" });
    expect(bad).toEqual({ ok: false, status: 400, formError: null, errors: { causeCategory: "form.invalidChoice", minutesSpent: "serviceFlow.resolve.minutesInvalid", resolution: "form.required" } });
    const photo = strokePng();
    const resolved = await applyTicketStep(db, {
      ticketId: ticket.id, user: svc, step: "resolve", expectedVersion: (await ticketOf(ticket.id)).version, info: INFO,
      input: { causeCategory: "componentDefect", partsReplaced: "风机轴承 2 套", minutesSpent: "95", resolution: "更换轴承，试运行 30 分钟正常" },
      photos: [{ field: "photos", name: "after.png", mime: "image/png", bytes: photo, size: photo.length, sha256: "" }],
    });
    expect(resolved).toMatchObject({ ok: true, status: "resolved" });
    expect(await db.select().from(s.ticketPhotos).where(and(eq(s.ticketPhotos.ticketId, ticket.id), eq(s.ticketPhotos.stage, "resolution")))).toHaveLength(1);
    // The signature is drawn on the phone: a typed name alone is not enough.
    expect(await step(ticket.id, "confirm", { signerName: "张先生", typedSignature: "张先生" })).toMatchObject({ ok: false, status: 400, errors: { signature: "serviceFlow.confirm.signatureRequired" } });
    expect(await step(ticket.id, "confirm", { signerName: "张先生", signature: "data:image/png;base64,AAAA" })).toMatchObject({ ok: false, errors: { signature: "review.signature.notPng" } });
    const confirmed = await step(ticket.id, "confirm", { signerName: "张先生", signature: `data:image/png;base64,${strokePng().toString("base64")}` });
    expect(confirmed).toMatchObject({ ok: true, status: "confirmed" });
    if (!confirmed.ok) throw new Error("not confirmed");
    expect(confirmed.surveyLink).toMatch(/\/sv\/[A-Za-z0-9_-]{20,}$/);
    row = await ticketOf(ticket.id);
    expect(row).toMatchObject({ status: "confirmed", customerSignerName: "张先生", causeCategory: "componentDefect", minutesSpent: 95 });
    const [sig] = await db.select().from(s.files).where(eq(s.files.id, row.customerSignatureFileId!));
    expect(sig.mime).toBe("image/png");
    // The customer also gets the survey by e-mail.
    expect((await mails("service.survey")).some((m) => m.payload.to.includes("zhang@customer.test") && m.payload.text.includes(tokenIn(confirmed.surveyLink!, "sv")))).toBe(true);
    const events = await db.select().from(s.ticketEvents).where(eq(s.ticketEvents.ticketId, ticket.id));
    expect(events.map((e) => e.action).sort()).toEqual(["arrive", "assign", "confirm", "contact", "diagnose", "resolve", "schedule"].sort());
    // Closing a confirmed ticket waits 7 days for the survey.
    expect(await step(ticket.id, "close", { reason: "客户未评价" })).toMatchObject({ ok: false, status: 409, formError: "serviceFlow.close.tooEarly" });
    expect(await step(ticket.id, "close", {}, { now: new Date(Date.now() + 8 * 86_400_000) })).toMatchObject({ ok: false, status: 400, errors: { reason: "serviceFlow.close.reasonRequired" } });

    // The service record: number, times, cause, parts and the signature image.
    const doc = await issueServiceRecord(db, { ticketId: ticket.id, userId: svc.id });
    expect(doc!.number).toBe(`WX-${ticket.number}-V1`);
    const again = await issueServiceRecord(db, { ticketId: ticket.id, userId: svc.id });
    expect(again!.id).toBe(doc!.id);
    const [file] = await db.select().from(s.files).where(eq(s.files.id, doc!.fileId));
    const text = (await pdfText(Buffer.from(file.bytes))).replace(/\s+/g, "");
    for (const expected of [ticket.number, "产品(设备)售后服务维修记录单", "元件质量缺陷", "风机轴承2套", "95分钟", "保修期内免费", "张先生", "刘技术", "达标"]) expect(text).toContain(expected);
    await pdfPageToPng(Buffer.from(file.bytes), "/tmp/service-record-free.png", { dpi: 70 });
  });

  it("a forged free coverage on an expired warranty is refused; paid records the implied 'expired'", async () => {
    const ticket = await toContacted(expired.project.id);
    const version = (await ticketOf(ticket.id)).version;
    const forged = await step(ticket.id, "diagnose", { diagnosis: "电控板故障", coverage: "warranty" });
    expect(forged).toEqual({ ok: false, status: 400, formError: null, errors: { coverage: "serviceFlow.coverage.expiredNotFree" } });
    expect(translate("zh-CN", "serviceFlow.coverage.expiredNotFree")).toMatch(/保修期/);
    const row = await ticketOf(ticket.id);
    expect(row).toMatchObject({ status: "contacted", version, coverage: null, diagnosedAt: null });
    expect(await step(ticket.id, "diagnose", { diagnosis: "电控板故障", coverage: "paid" })).toMatchObject({ ok: true });
    expect(await ticketOf(ticket.id)).toMatchObject({ coverage: "paid", exclusion: "expired" });
  });

  it("inside the warranty an exclusion makes it paid (recorded); free with an exclusion is refused", async () => {
    const ticket = await toContacted(f.project.id);
    expect(await step(ticket.id, "diagnose", { diagnosis: "滤网堵塞", coverage: "paid" })).toMatchObject({ ok: false, errors: { coverage: "serviceFlow.coverage.exclusionRequired" } });
    expect(await step(ticket.id, "diagnose", { diagnosis: "滤网堵塞", coverage: "warranty", exclusion: "consumables" })).toMatchObject({ ok: false, errors: { coverage: "serviceFlow.coverage.exclusionNotFree" } });
    expect(await step(ticket.id, "diagnose", { diagnosis: "滤网堵塞", coverage: "paid", exclusion: "consumables" })).toMatchObject({ ok: true, status: "diagnosed" });
    expect(await ticketOf(ticket.id)).toMatchObject({ coverage: "paid", exclusion: "consumables" });
    expect(await step(ticket.id, "schedule", { scheduledFor: inTwoDays() })).toMatchObject({ ok: false, status: 409, formError: "serviceFlow.refused.quoteFirst" });
  });

  it("a maintenance contract covering today makes it contract work", async () => {
    const today = shanghaiDate(new Date().toISOString());
    const [contract] = await db.insert(s.maintenanceContracts).values({ projectId: expired.project.id, number: "WB-2026-007", startsOn: addDays(today, -30), endsOn: addDays(today, 300), priceFen: 1_200_000, scope: "全年两次保养及故障维修" }).returning();
    const ticket = await toContacted(expired.project.id);
    expect(await step(ticket.id, "diagnose", { diagnosis: "控制面板失灵", coverage: "warranty" })).toMatchObject({ ok: false, errors: { coverage: "serviceFlow.coverage.expiredNotFree" } });
    expect(await step(ticket.id, "diagnose", { diagnosis: "控制面板失灵", coverage: "paid" })).toMatchObject({ ok: false, errors: { coverage: "serviceFlow.coverage.contractCovers" } });
    expect(await step(ticket.id, "diagnose", { diagnosis: "控制面板失灵", coverage: "contract" })).toMatchObject({ ok: true });
    expect(await ticketOf(ticket.id)).toMatchObject({ coverage: "contract", maintenanceContractId: contract.id, exclusion: null });
    expect(await step(ticket.id, "schedule", { scheduledFor: inTwoDays() })).toMatchObject({ ok: true, status: "scheduled" });
    // The contract lapses again for the later tests on this project.
    await db.update(s.maintenanceContracts).set({ startsOn: addDays(today, -400), endsOn: addDays(today, -31) }).where(eq(s.maintenanceContracts.id, contract.id));
  });

  it("a stale version is refused with 409 and nothing is written", async () => {
    const ticket = await newTicket(f.project.id);
    expect(await step(ticket.id, "assign", { assignedTo: svc.id }, { version: ticket.version + 1 })).toEqual({ ok: false, status: 409, errors: {}, formError: "serviceFlow.changedMeanwhile" });
    expect(await step(ticket.id, "assign", { assignedTo: svc.id }, { version: ticket.version })).toMatchObject({ ok: true });
    expect(await step(ticket.id, "contact", { note: "x" }, { version: ticket.version })).toMatchObject({ ok: false, status: 409, formError: "serviceFlow.changedMeanwhile" });
    expect(await db.select().from(s.ticketEvents).where(eq(s.ticketEvents.ticketId, ticket.id))).toHaveLength(1);
  });

  it("only service and management move tickets; the pm reads; others do not see them", async () => {
    const ticket = await newTicket(f.project.id);
    expect(await step(ticket.id, "assign", { assignedTo: svc.id }, { user: f.pm })).toMatchObject({ ok: false, status: 403, formError: "serviceFlow.refused.role" });
    const finance = await makeUser(db, ["finance"]);
    expect(await step(ticket.id, "assign", { assignedTo: svc.id }, { user: finance })).toMatchObject({ ok: false, status: 404 });
    expect(await step(ticket.id, "assign", { assignedTo: svc.id }, { user: expired.pm })).toMatchObject({ ok: false, status: 404 });
    // Assigning to someone who is not service staff is refused beside the field.
    expect(await step(ticket.id, "assign", { assignedTo: f.pm.id })).toMatchObject({ ok: false, status: 400, errors: { assignedTo: "serviceFlow.assign.notService" } });
    // The survey step belongs to the customer's page.
    expect(await step(ticket.id, "survey")).toMatchObject({ ok: false, status: 403, formError: "serviceFlow.refused.surveyByCustomer" });
    expect((await ticketOf(ticket.id)).status).toBe("received");
  });

  it("paid work: the quote is e-mailed as a link, the customer accepts it on the page, then it can be scheduled; twice is refused", async () => {
    const ticket = await toContacted(expired.project.id);
    expect(await step(ticket.id, "diagnose", { diagnosis: "电机烧毁（电压过高）", coverage: "paid", exclusion: "voltage" })).toMatchObject({ ok: true });
    const today = shanghaiDate(new Date().toISOString());
    expect(await step(ticket.id, "quote", { amount: "1280.5", items: "电机 1 台 ¥980\n人工 ¥300.50", validUntil: addDays(today, 61) })).toMatchObject({ ok: false, errors: { validUntil: "serviceFlow.quote.validUntilTooLate" } });
    const quoted = await step(ticket.id, "quote", { amount: "1,280.50", items: "电机 1 台 ¥980\n人工 ¥300.50", validUntil: addDays(today, 14) });
    expect(quoted).toMatchObject({ ok: true, status: "quoted" });
    const mail = (await mails("service.quote")).find((m) => m.payload.text.includes(ticket.number))!;
    expect(mail.payload.to).toEqual(["zhang@customer.test"]);
    expect(mail.payload.text).toContain("壹仟贰佰捌拾元零伍角");
    const token = tokenIn(mail.payload.text, "sq");
    expect(await step(ticket.id, "schedule", { scheduledFor: inTwoDays() })).toMatchObject({ ok: false, status: 409, formError: "serviceFlow.refused.quoteNotAccepted" });

    const page = payloadOf<{ state: string; view: { ticketNumber: string; amountInWords: string; state: string; description: string } }>(await sq.loader(sqArgs(token)));
    expect(page).toMatchObject({ state: "ok", view: { ticketNumber: ticket.number, amountInWords: "人民币壹仟贰佰捌拾元零伍角", state: "open", description: "主机异响，风量明显下降" } });
    const noName = await sq.action(sqArgs(token, { decision: "accepted", name: " " }));
    expect(statusOf(noName)).toBe(400);
    expect(payloadOf<{ errors: Record<string, string> }>(noName).errors).toEqual({ name: "form.required" });
    const accepted = await sq.action(sqArgs(token, { decision: "accepted", name: "张先生" }));
    expect(payloadOf(accepted)).toMatchObject({ state: "done", view: { decision: "accepted" } });
    const [quote] = await db.select().from(s.serviceQuotes).where(eq(s.serviceQuotes.ticketId, ticket.id));
    expect(quote).toMatchObject({ decision: "accepted", decidedName: "张先生", decidedIp: "10.7.1.1" });
    expect(quote.decidedAt).toBeInstanceOf(Date);
    const twice = await sq.action(sqArgs(token, { decision: "accepted", name: "张先生" }));
    expect(statusOf(twice)).toBe(409);
    expect(payloadOf<{ formError: string }>(twice).formError).toBe("serviceFlow.quoteLink.used");
    expect((await db.select().from(s.ticketEvents).where(and(eq(s.ticketEvents.ticketId, ticket.id), eq(s.ticketEvents.action, "quoteAccepted"))))).toHaveLength(1);
    expect(await step(ticket.id, "schedule", { scheduledFor: inTwoDays() })).toMatchObject({ ok: true, status: "scheduled" });
    await step(ticket.id, "arrive");
    await step(ticket.id, "resolve", { causeCategory: "clientCause", partsReplaced: "电机 YD-M500 1 台", minutesSpent: "120", resolution: "更换电机，建议加装稳压器" });
    await step(ticket.id, "confirm", { signerName: "张先生", signature: dataUrl });

    const doc = await issueServiceRecord(db, { ticketId: ticket.id, userId: svc.id });
    const [file] = await db.select().from(s.files).where(eq(s.files.id, doc!.fileId));
    const text = (await pdfText(Buffer.from(file.bytes))).replace(/\s+/g, "");
    for (const expected of [ticket.number, "甲方原因", "电机YD-M5001台", "¥1,280.50", "人民币壹仟贰佰捌拾元零伍角", "电压过高或过低", "有偿服务"]) expect(text).toContain(expected);
    await pdfPageToPng(Buffer.from(file.bytes), "/tmp/service-record-paid.png", { dpi: 70 });
  });

  it("a quote accepted after it expired is refused (此报价已过期); a new quote retires the old link", async () => {
    const ticket = await toContacted(expired.project.id);
    await step(ticket.id, "diagnose", { diagnosis: "外壳破损", coverage: "paid", exclusion: "humanOrForceMajeure" });
    const today = shanghaiDate(new Date().toISOString());
    await step(ticket.id, "quote", { amount: "300", items: "外壳 1 件", validUntil: today });
    const token = tokenIn((await mails("service.quote")).find((m) => m.payload.text.includes(ticket.number))!.payload.text, "sq");
    await db.update(s.serviceLinks).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(s.serviceLinks.ticketId, ticket.id));
    const page = payloadOf<{ view: { state: string } }>(await sq.loader(sqArgs(token)));
    expect(page.view.state).toBe("expired");
    const late = await sq.action(sqArgs(token, { decision: "accepted", name: "张先生" }));
    expect(statusOf(late)).toBe(410);
    expect(translate("zh-CN", payloadOf<{ formError: string }>(late).formError)).toBe("此报价已过期");
    expect((await db.select().from(s.serviceQuotes).where(eq(s.serviceQuotes.ticketId, ticket.id)))[0].decision).toBeNull();
    // Unknown tokens get the generic refusal and are counted.
    expect(statusOf(await sq.loader(sqArgs("x".repeat(32))))).toBe(404);
  });

  it("the API: the same steps and messages (GET with history, POST steps and quotes)", async () => {
    const token = (await issueApiToken(db, { userId: svc.id, name: "t" })).token;
    const pmToken = (await issueApiToken(db, { userId: expired.pm.id, name: "t" })).token;
    const call = async (mod: { loader?: unknown; action?: unknown }, ticketId: string, body?: Record<string, unknown>, auth = token) => {
      const request = new Request("http://localhost/api", { method: body ? "POST" : "GET", headers: { Authorization: `Bearer ${auth}`, "Content-Type": "application/json" }, body: body ? JSON.stringify(body) : undefined });
      const fn = (mod as Record<string, (a: unknown) => Promise<Response>>)[body ? "action" : "loader"];
      const r = await fn({ request, params: { ticketId }, context: { ip: "10.7.2.1" } });
      return { status: r.status, body: (await r.json()) as Record<string, any> };
    };
    const ticket = await toContacted(expired.project.id);
    const got = await call(apiTicket, ticket.id);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ ticket: { number: ticket.number, status: "contacted" }, steps: ["assign", "diagnose"], suggestion: { coverage: "paid", exclusion: "expired" } });
    expect(got.body.events.map((e: { action: string }) => e.action)).toEqual(["assign", "contact"]);
    const version = got.body.ticket.version;
    const forged = await call(apiSteps, ticket.id, { step: "diagnose", expectedVersion: version, diagnosis: "x", coverage: "warranty" });
    expect(forged).toMatchObject({ status: 400, body: { error: { code: "VALIDATION", fieldErrors: { coverage: translate("zh-CN", "serviceFlow.coverage.expiredNotFree") } } } });
    expect((await call(apiSteps, ticket.id, { step: "diagnose", expectedVersion: version - 1, diagnosis: "x", coverage: "paid" })).status).toBe(409);
    expect((await call(apiSteps, ticket.id, { step: "diagnose", expectedVersion: version, diagnosis: "x", coverage: "paid" }, pmToken)).status).toBe(403);
    // The project's pm reads the ticket but does not move it.
    expect((await call(apiTicket, ticket.id, undefined, pmToken)).body.steps).toEqual([]);
    const diagnosed = await call(apiSteps, ticket.id, { step: "diagnose", expectedVersion: version, diagnosis: "主板烧坏", coverage: "paid" });
    expect(diagnosed).toMatchObject({ status: 200, body: { ok: true, status: "diagnosed", version: version + 1 } });
    const quoted = await call(apiQuotes, ticket.id, { expectedVersion: version + 1, amount: 560, items: "主板 1 块", validUntil: addDays(shanghaiDate(new Date().toISOString()), 30) });
    expect(quoted.status).toBe(201);
    expect(quoted.body.quoteLink).toMatch(/\/sq\//);
    expect(quoted.body.ticket.quotes[0]).toMatchObject({ amountFen: 56000, decision: null });
  });
});
