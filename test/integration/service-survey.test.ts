// The customer's satisfaction survey by link and the service reports (issue 7 §6, §7): the link is
// created and e-mailed, the page shows the ticket, missing answers are refused beside the fields
// with the values kept, a good survey moves the ticket to surveyed, a second submission (or the
// loser of two at once, or an expired link) is refused with the generic page and writes nothing, a
// poor rating or a complaint is flagged to management; the reports over fixed data across two
// months (counts by cause and coverage, SLA breaches, ratings, warranties expiring), the .xlsx,
// the API, and who may see them.
import ExcelJS from "exceljs";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import * as s from "#db/schema";
import { createSession, type SessionUser } from "~/lib/session.server";
import { sha256Hex } from "~/lib/tokens.server";
import * as surveyPage from "~/routes/sv.$token";
import * as surveyApi from "~/routes/api.v1.survey-links.$token";
import * as reportsPage from "~/routes/service.reports";
import * as reportsXlsxPage from "~/routes/service.reports[.]xlsx";
import * as reportsApi from "~/routes/api.v1.service.reports";
import * as reportsXlsxApi from "~/routes/api.v1.service.reports[.]xlsx";
import { issueApiToken } from "~/services/admin/issue-api-token.server";
import { createSurveyLink } from "~/services/service/survey-link.server";
import { loadServiceReports } from "~/services/service/service-reports.server";
import { exportServiceReportsXlsx, SERVICE_REPORT_SHEETS } from "~/services/service/service-reports-xlsx.server";
import { constructionProject } from "./acceptance-fixture";
import { makeProject, makeUser } from "../support/factories";
import { payloadOf, statusOf, thrown } from "../support/route-results";
import { createTestDatabase, testDriver, type TestDatabase } from "../support/test-db";

type Fixture = Awaited<ReturnType<typeof constructionProject>>;

describe(`service survey and reports (${testDriver()})`, () => {
  let t: TestDatabase;
  let db: Db;
  let f: Fixture;
  let technician: SessionUser;
  let technician2: SessionUser;
  let management: SessionUser;
  let clientUser: SessionUser;
  let seq = 0;
  let ipSeq = 0;
  const nextIp = () => `10.0.0.${++ipSeq}`;

  beforeAll(async () => {
    t = await createTestDatabase();
    db = t.db;
    f = await constructionProject(db);
    technician = await makeUser(db, ["service"], { name: "张师傅", email: "zhang@service.test" });
    technician2 = await makeUser(db, ["service"], { name: "李师傅", email: "li@service.test" });
    management = await makeUser(db, ["management"], { name: "高总", email: "boss@mgmt.test" });
    clientUser = await makeUser(db, ["client"], { name: "陈代表" });
  });
  afterAll(async () => t?.drop());

  /** A ticket the customer has just confirmed (resolved, signed), assigned to the technician. */
  async function confirmedTicket(fields: Partial<typeof s.serviceTickets.$inferInsert> = {}) {
    const now = Date.now();
    const [row] = await db
      .insert(s.serviceTickets)
      .values({
        number: `FW-TEST-${String(++seq).padStart(4, "0")}`,
        projectId: f.project.id,
        channel: "hotline",
        reporterName: "刘女士",
        contactPhone: "13800000000",
        contactEmail: "liu@customer.test",
        description: "新风机异响",
        status: "confirmed",
        assignedTo: technician.id,
        coverage: "warranty",
        causeCategory: "componentDefect",
        resolution: "更换风机电容，试运行正常",
        receivedAt: new Date(now - 2 * 86_400_000),
        contactDueAt: new Date(now - 2 * 86_400_000 + 4 * 3600_000),
        resolvedAt: new Date(now - 3600_000),
        confirmedAt: new Date(now - 1800_000),
        ...fields,
      })
      .returning();
    return row;
  }

  async function linkFor(ticket: typeof s.serviceTickets.$inferSelect) {
    const created = await db.transaction((tx) => createSurveyLink(tx, ticket));
    expect(created).not.toBeNull();
    return { link: created!.link, token: /\/sv\/([A-Za-z0-9_-]+)$/.exec(created!.link)![1] };
  }

  const args = (request: Request, params: Record<string, string>, ip: string) => ({ request, params, context: { ip } }) as never;
  const load = (token: string, ip = nextIp()) => surveyPage.loader(args(new Request(`http://localhost/sv/${token}`), { token }, ip));
  const submit = (token: string, fields: Record<string, string>, ip = nextIp()) => {
    const fd = new FormData();
    for (const [k, v] of Object.entries(fields)) fd.set(k, v);
    return surveyPage.action(args(new Request(`http://localhost/sv/${token}`, { method: "POST", body: fd }), { token }, ip));
  };
  const good = { attitude: "4", skill: "4", arrivalTime: "3", promisesKept: "4", comment: "师傅很专业" };

  const ticketRow = async (id: string) => (await db.select().from(s.serviceTickets).where(eq(s.serviceTickets.id, id)))[0];
  const surveysOf = (id: string) => db.select().from(s.satisfactionSurveys).where(eq(s.satisfactionSurveys.ticketId, id));
  const eventsOf = (id: string) => db.select().from(s.ticketEvents).where(eq(s.ticketEvents.ticketId, id));
  const mails = (template: string) => db.select().from(s.outbox).where(eq(s.outbox.template, template));

  describe("the survey link", () => {
    it("is created for 30 days (hash stored) and e-mailed to the customer in Chinese first", async () => {
      const ticket = await confirmedTicket();
      const before = Date.now();
      const { link, token } = await linkFor(ticket);
      expect(link).toMatch(/^https?:\/\/[^/]+\/sv\/[A-Za-z0-9_-]{20,}$/);
      const [row] = await db.select().from(s.serviceLinks).where(eq(s.serviceLinks.ticketId, ticket.id));
      expect(row.kind).toBe("survey");
      expect(row.tokenHash).toBe(sha256Hex(token));
      expect(row.usedAt).toBeNull();
      const days = (row.expiresAt.getTime() - before) / 86_400_000;
      expect(days).toBeGreaterThan(29.99);
      expect(days).toBeLessThan(30.01);
      const sent = (await mails("service.survey")).filter((m) => m.payload.subject.includes(ticket.number));
      expect(sent).toHaveLength(1);
      expect(sent[0].payload.to).toEqual(["liu@customer.test"]);
      expect(sent[0].payload.subject).toMatch(/^【FW-TEST-\d+】服务满意度调查/);
      expect(sent[0].payload.text).toContain(link);
      expect(sent[0].payload.text.indexOf("您好")).toBeLessThan(sent[0].payload.text.indexOf("Thank you"));
    });

    it("without an e-mail address it only returns the link; a new link replaces the old one", async () => {
      const ticket = await confirmedTicket({ contactEmail: "" });
      const first = await linkFor(ticket);
      expect((await mails("service.survey")).some((m) => m.payload.subject.includes(ticket.number))).toBe(false);
      const second = await linkFor(ticket);
      expect(statusOf(await load(first.token))).toBe(404);
      expect(payloadOf<{ state: string }>(await load(second.token)).state).toBe("ok");
    });

    it("the page shows the ticket number, project, technician and what was done", async () => {
      const ticket = await confirmedTicket();
      const { token } = await linkFor(ticket);
      const page = await load(token);
      expect(statusOf(page)).toBe(200);
      const { view } = payloadOf<{ state: string; view: Record<string, string> }>(page);
      expect(view).toMatchObject({ ticketNumber: ticket.number, projectName: "天河写字楼新风系统", technicianName: "张师傅", resolution: "更换风机电容，试运行正常" });
      expect(view.resolvedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      // Nothing internal leaks to the customer.
      expect(JSON.stringify(view)).not.toMatch(/liu@customer|13800000000|[0-9a-f]{8}-[0-9a-f]{4}-/);
    });

    it("missing answers: an error beside each, values kept, nothing written", async () => {
      const ticket = await confirmedTicket();
      const { token } = await linkFor(ticket);
      const result = await submit(token, { attitude: "4", comment: "还行", complaint: "on" });
      expect(statusOf(result)).toBe(400);
      const body = payloadOf<{ state: string; errors: Record<string, string>; values: Record<string, string> }>(result);
      expect(body.state).toBe("errors");
      expect(body.errors).toEqual({ skill: "serviceSurvey.chooseLevel", arrivalTime: "serviceSurvey.chooseLevel", promisesKept: "serviceSurvey.chooseLevel" });
      expect(body.values).toMatchObject({ attitude: "4", comment: "还行", complaint: "on" });
      const bad = payloadOf<{ errors: Record<string, string> }>(await submit(token, { ...good, skill: "5" }));
      expect(bad.errors).toEqual({ skill: "form.invalidChoice" });
      expect(await surveysOf(ticket.id)).toHaveLength(0);
      expect((await ticketRow(ticket.id)).status).toBe("confirmed");
      const [link] = await db.select().from(s.serviceLinks).where(eq(s.serviceLinks.ticketId, ticket.id));
      expect(link.usedAt).toBeNull();
    });

    it("a good survey moves the ticket to surveyed and stores the ratings; a second submission is refused and writes nothing", async () => {
      const ticket = await confirmedTicket();
      const { token } = await linkFor(ticket);
      const done = await submit(token, good);
      expect(payloadOf(done)).toEqual({ state: "done", flagged: false });
      const after = await ticketRow(ticket.id);
      expect(after.status).toBe("surveyed");
      expect(after.version).toBe(ticket.version + 1);
      expect(after.surveyedAt).not.toBeNull();
      const [survey] = await surveysOf(ticket.id);
      expect(survey).toMatchObject({ attitude: 4, skill: 4, arrivalTime: 3, promisesKept: 4, comment: "师傅很专业", complaint: false, flagged: false, technicianId: technician.id });
      const events = await eventsOf(ticket.id);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ action: "survey", fromStatus: "confirmed", toStatus: "surveyed" });
      expect(events[0].note).toContain("服务态度：非常满意");
      expect((await mails("service.surveyFlagged")).some((m) => m.payload.subject.includes(ticket.number))).toBe(false);

      const again = await submit(token, { ...good, attitude: "1" });
      expect(statusOf(again)).toBe(404);
      expect(payloadOf(again)).toEqual({ state: "invalid" });
      expect(statusOf(await load(token))).toBe(404);
      expect(await surveysOf(ticket.id)).toHaveLength(1);
      expect((await surveysOf(ticket.id))[0].attitude).toBe(4);
      expect(await eventsOf(ticket.id)).toHaveLength(1);
      expect((await ticketRow(ticket.id)).version).toBe(ticket.version + 1);
    });

    it("two submissions at once: exactly one wins", async () => {
      const ticket = await confirmedTicket();
      const { token } = await linkFor(ticket);
      const results = await Promise.all([submit(token, good), submit(token, { ...good, skill: "2" })]);
      const states = results.map((r) => payloadOf<{ state: string }>(r).state).sort();
      expect(states).toEqual(["done", "invalid"]);
      expect(await surveysOf(ticket.id)).toHaveLength(1);
      expect(await eventsOf(ticket.id)).toHaveLength(1);
      expect((await ticketRow(ticket.id)).version).toBe(ticket.version + 1);
    });

    it("a poor rating is flagged and e-mailed to management and service", async () => {
      const ticket = await confirmedTicket();
      const { token } = await linkFor(ticket);
      const done = await submit(token, { ...good, arrivalTime: "1", comment: "迟到两个小时" });
      expect(payloadOf(done)).toEqual({ state: "done", flagged: true });
      expect((await surveysOf(ticket.id))[0].flagged).toBe(true);
      const [alert] = (await mails("service.surveyFlagged")).filter((m) => m.payload.subject.includes(ticket.number));
      expect(alert.payload.subject).toContain("客户满意度预警/投诉");
      expect(alert.payload.to).toEqual(expect.arrayContaining(["boss@mgmt.test", "zhang@service.test", "li@service.test"]));
      expect(alert.payload.to).not.toContain(clientUser.email);
      expect(alert.payload.text).toContain("到达时间：不满意");
      expect(alert.payload.text).toContain("迟到两个小时");
      expect(alert.payload.text).toContain(`/service/tickets/${ticket.id}`);
    });

    it("a complaint with good ratings is flagged too", async () => {
      const ticket = await confirmedTicket();
      const { token } = await linkFor(ticket);
      expect(payloadOf(await submit(token, { ...good, complaint: "on" }))).toEqual({ state: "done", flagged: true });
      const [survey] = await surveysOf(ticket.id);
      expect(survey).toMatchObject({ complaint: true, flagged: true });
      const [alert] = (await mails("service.surveyFlagged")).filter((m) => m.payload.subject.includes(ticket.number));
      expect(alert.payload.text).toContain("投诉");
    });

    it("an expired link, an unknown token or a ticket not awaiting the survey get the generic refusal", async () => {
      const ticket = await confirmedTicket();
      const { token } = await linkFor(ticket);
      await db.update(s.serviceLinks).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(s.serviceLinks.ticketId, ticket.id));
      expect(payloadOf(await load(token))).toEqual({ state: "invalid" });
      const refused = await submit(token, good);
      expect(statusOf(refused)).toBe(404);
      expect(await surveysOf(ticket.id)).toHaveLength(0);
      expect((await ticketRow(ticket.id)).status).toBe("confirmed");
      expect(statusOf(await load("x".repeat(32)))).toBe(404);
      expect(statusOf(await load("short"))).toBe(404);
      const resolved = await confirmedTicket({ status: "resolved", confirmedAt: null });
      const early = await linkFor(resolved);
      expect(statusOf(await load(early.token))).toBe(404);
    });

    it("too many failed attempts from one address: 429 even with a good token", async () => {
      const ticket = await confirmedTicket();
      const { token } = await linkFor(ticket);
      const ip = "203.0.113.9";
      for (let i = 0; i < 30; i++) expect(statusOf(await load(`bad${i}`.padEnd(24, "z"), ip))).toBe(404);
      expect(statusOf(await load(token, ip))).toBe(429);
      expect(statusOf(await submit(token, good, ip))).toBe(429);
      expect(await surveysOf(ticket.id)).toHaveLength(0);
      expect(payloadOf<{ state: string }>(await load(token)).state).toBe("ok");
    });

    it("the API: the same view, the same checks and messages, once", async () => {
      const ticket = await confirmedTicket();
      const { token } = await linkFor(ticket);
      const call = (init?: RequestInit & { json?: unknown }) => {
        const request = new Request(`http://localhost/api/v1/survey-links/${token}`, init?.json !== undefined ? { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(init.json) } : init);
        return (request.method === "GET" ? surveyApi.loader : surveyApi.action)(args(request, { token }, nextIp())) as Promise<Response>;
      };
      const got = await call();
      expect(got.status).toBe(200);
      const view = (await got.json()) as { survey: { ticketNumber: string }; questions: { aspect: string; label: string }[]; levels: { value: number; label: string }[] };
      expect(view.survey.ticketNumber).toBe(ticket.number);
      expect(view.questions.map((q) => q.label)).toEqual(["服务态度", "技术水平", "到达时间", "承诺兑现"]);
      expect(view.levels.map((l) => l.label)).toEqual(["非常满意", "满意", "基本满意", "不满意"]);
      const invalid = await call({ json: { attitude: 4 } });
      expect(invalid.status).toBe(422);
      expect(((await invalid.json()) as { error: { fieldErrors: Record<string, string> } }).error.fieldErrors).toEqual({ skill: "请选择一项", arrivalTime: "请选择一项", promisesKept: "请选择一项" });
      const ok = await call({ json: { attitude: 4, skill: 3, arrivalTime: 2, promisesKept: 1, comment: "承诺的配件没送来", complaint: false } });
      expect(ok.status).toBe(200);
      expect(await ok.json()).toEqual({ ok: true, flagged: true });
      expect((await ticketRow(ticket.id)).status).toBe("surveyed");
      const twice = await call({ json: { attitude: 4, skill: 4, arrivalTime: 4, promisesKept: 4 } });
      expect(twice.status).toBe(404);
      expect(((await twice.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: "LINK_INVALID", message: expect.stringContaining("链接已失效") });
      expect(await surveysOf(ticket.id)).toHaveLength(1);
    });
  });

  describe("reports over two months", () => {
    const range = { from: "2025-01", to: "2025-02" };
    const at = (iso: string) => new Date(iso);
    const hours = (d: Date, h: number) => new Date(d.getTime() + h * 3600_000);
    let service: SessionUser;

    beforeAll(async () => {
      service = technician;
      const ticket = (n: string, received: string, fields: Partial<typeof s.serviceTickets.$inferInsert>) =>
        confirmedTicket({ number: `FW-R-${n}`, receivedAt: at(received), contactDueAt: hours(at(received), 4), resolvedAt: null, confirmedAt: null, status: "closed", ...fields });
      // January (Beijing): on time; contact and arrival late; never contacted, still open.
      const t1 = await ticket("1", "2025-01-10T02:00:00Z", { causeCategory: "installationError", coverage: "warranty", contactedAt: hours(at("2025-01-10T02:00:00Z"), 2), arrivalDueAt: hours(at("2025-01-10T02:00:00Z"), 8), onSiteAt: hours(at("2025-01-10T02:00:00Z"), 6) });
      const t2 = await ticket("2", "2025-01-20T02:00:00Z", { causeCategory: "componentDefect", coverage: "paid", contactedAt: hours(at("2025-01-20T02:00:00Z"), 5), arrivalDueAt: hours(at("2025-01-20T02:00:00Z"), 24), onSiteAt: hours(at("2025-01-20T02:00:00Z"), 30) });
      await ticket("3", "2025-01-31T15:00:00Z", { causeCategory: null, coverage: null, status: "assigned", contactedAt: null });
      // 2025-01-31 17:00 UTC is 1 February in Beijing.
      const t4 = await ticket("4", "2025-01-31T17:00:00Z", { causeCategory: "installationError", coverage: "contract", contactedAt: hours(at("2025-01-31T17:00:00Z"), 1) });
      // Closed without a contact or a visit: not counted as late.
      const t5 = await ticket("5", "2025-02-15T02:00:00Z", { causeCategory: "installationError", coverage: "warranty", contactedAt: null, arrivalDueAt: hours(at("2025-02-15T02:00:00Z"), 8), onSiteAt: null });
      // Outside the range.
      await ticket("6", "2025-03-01T02:00:00Z", { causeCategory: "other", coverage: "paid", contactedAt: null, status: "assigned" });

      await db.insert(s.satisfactionSurveys).values([
        { ticketId: t1.id, attitude: 4, skill: 4, arrivalTime: 3, promisesKept: 4, technicianId: technician.id, submittedAt: at("2025-01-12T02:00:00Z") },
        { ticketId: t2.id, attitude: 2, skill: 3, arrivalTime: 1, promisesKept: 4, technicianId: technician.id, flagged: true, submittedAt: at("2025-02-03T02:00:00Z") },
        { ticketId: t4.id, attitude: 3, skill: 3, arrivalTime: 3, promisesKept: 3, technicianId: technician2.id, submittedAt: at("2025-02-05T02:00:00Z") },
        { ticketId: t5.id, attitude: 1, skill: 1, arrivalTime: 1, promisesKept: 1, technicianId: technician2.id, flagged: true, submittedAt: at("2025-03-05T02:00:00Z") },
      ]);

      // Warranties: the last day in January, at the end of February (not a leap year), and in March.
      for (const [code, ends] of [["W-1", "2025-01-31"], ["W-2", "2025-02-28"], ["W-3", "2025-02-01"], ["W-4", "2025-03-01"]] as const) {
        const p = await makeProject(db, f.pm, { code, name: `保修项目${code}`, stage: "handover" });
        await db.execute(sql`update projects set snapshot = jsonb_set(snapshot, '{context,warrantyEndsOn}', to_jsonb(${ends}::text)) where id = ${p.id}`);
      }
    });

    it("counts tickets by cause and by coverage per Beijing month", async () => {
      const r = await loadServiceReports(db, service, range, at("2025-06-01T00:00:00Z"));
      expect(r.months).toEqual(["2025-01", "2025-02"]);
      const [jan, feb] = r.byCause;
      expect(jan).toMatchObject({ month: "2025-01", total: 3 });
      expect(jan.counts).toMatchObject({ installationError: 1, componentDefect: 1, pending: 1, other: 0 });
      expect(feb).toMatchObject({ month: "2025-02", total: 2 });
      expect(feb.counts).toMatchObject({ installationError: 2, componentDefect: 0, pending: 0 });
      expect(r.byCoverage[0].counts).toMatchObject({ warranty: 1, paid: 1, contract: 0, undecided: 1 });
      expect(r.byCoverage[1].counts).toMatchObject({ warranty: 1, contract: 1, paid: 0, undecided: 0 });
    });

    it("counts SLA breaches: late, or still not done after the deadline (closed tickets excepted)", async () => {
      const r = await loadServiceReports(db, service, range, at("2025-06-01T00:00:00Z"));
      expect(r.sla).toEqual([
        { month: "2025-01", tickets: 3, contactLate: 2, arrivalLate: 1 },
        { month: "2025-02", tickets: 2, contactLate: 0, arrivalLate: 0 },
      ]);
    });

    it("averages each technician's ratings over the surveys submitted in the range", async () => {
      const r = await loadServiceReports(db, service, range);
      expect(r.ratings).toEqual([
        { technicianId: technician2.id, name: "李师傅", count: 1, attitude: 3, skill: 3, arrivalTime: 3, promisesKept: 3, average: 3, flagged: 0 },
        { technicianId: technician.id, name: "张师傅", count: 2, attitude: 3, skill: 3.5, arrivalTime: 2, promisesKept: 4, average: 3.13, flagged: 1 },
      ]);
    });

    it("lists warranties ending per month from the project's acceptance context", async () => {
      const r = await loadServiceReports(db, service, range);
      expect(r.warranties.map((m) => [m.month, m.count, m.projects.map((p) => p.code)])).toEqual([
        ["2025-01", 1, ["W-1"]],
        ["2025-02", 2, ["W-3", "W-2"]],
      ]);
    });

    it("the .xlsx has one sheet per report with the same figures", async () => {
      const bytes = await exportServiceReportsXlsx(db, management, range, at("2025-06-01T00:00:00Z"));
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(bytes as unknown as ArrayBuffer);
      expect(wb.worksheets.map((w) => w.name)).toEqual([...SERVICE_REPORT_SHEETS]);
      const cause = wb.getWorksheet("按故障原因")!;
      expect(cause.getRow(1).getCell(1).value).toBe("月份");
      expect(cause.getRow(1).values).toContain("安装错误");
      expect(cause.getRow(2).getCell(1).value).toBe("2025-01");
      expect(cause.getRow(3).getCell(cause.getRow(3).cellCount).value).toBe(2);
      const sla = wb.getWorksheet("超时统计")!;
      expect(sla.getRow(2).values).toEqual([undefined, "2025-01", 3, 2, 1]);
      const ratings = wb.getWorksheet("技术员评价")!;
      expect(ratings.getRow(3).values).toEqual([undefined, "张师傅", 2, 3, 3.5, 2, 4, 3.13, 1]);
      const warranties = wb.getWorksheet("保修到期")!;
      expect(warranties.rowCount).toBe(4);
      expect(warranties.getRow(2).values).toEqual([undefined, "2025-01", "W-1", "保修项目W-1", "2025-01-31"]);
    });

    it("a formula typed into a name is neutralised in the .xlsx", async () => {
      const p = await makeProject(db, f.pm, { code: "W-5", name: "=HYPERLINK(\"http://evil\")", stage: "handover" });
      await db.execute(sql`update projects set snapshot = jsonb_set(snapshot, '{context,warrantyEndsOn}', '"2025-02-10"') where id = ${p.id}`);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await exportServiceReportsXlsx(db, service, range)) as unknown as ArrayBuffer);
      const names = wb.getWorksheet("保修到期")!.getColumn(3).values.filter((v): v is string => typeof v === "string");
      expect(names.some((n) => n.startsWith("'="))).toBe(true);
      expect(names.some((n) => n.startsWith("="))).toBe(false);
      await db.execute(sql`update projects set snapshot = snapshot #- '{context,warrantyEndsOn}' where id = ${p.id}`);
    });

    it("the page, the download and the API for service and management; 404 for a client or a pm", async () => {
      const cookie = async (u: SessionUser) => (await createSession(db, u.id, { ip: "", userAgent: "" })).split(";")[0];
      const page = (c: string, path: string) => ({ request: new Request(`http://localhost${path}`, { headers: { Cookie: c } }), params: {}, context: {} }) as never;
      const serviceCookie = await cookie(service);
      const loaded = payloadOf<{ reports: { months: string[]; sla: unknown[] }; errors: Record<string, string> }>(await reportsPage.loader(page(serviceCookie, "/service/reports?from=2025-01&to=2025-02")));
      expect(loaded.reports.months).toEqual(["2025-01", "2025-02"]);
      expect(loaded.errors).toEqual({});
      const bad = payloadOf<{ reports: { months: string[] }; errors: Record<string, string>; values: Record<string, string> }>(await reportsPage.loader(page(serviceCookie, "/service/reports?from=2025-13&to=2025-02")));
      expect(bad.errors).toEqual({ from: "serviceSurvey.reports.badMonth" });
      expect(bad.values.from).toBe("2025-13");
      expect(bad.reports.months).toHaveLength(12);
      const swapped = payloadOf<{ errors: Record<string, string> }>(await reportsPage.loader(page(serviceCookie, "/service/reports?from=2025-03&to=2025-02")));
      expect(swapped.errors).toEqual({ from: "serviceSurvey.reports.fromAfterTo" });
      const file = (await reportsXlsxPage.loader(page(await cookie(management), "/service/reports.xlsx?from=2025-01&to=2025-02"))) as Response;
      expect(file.headers.get("Content-Type")).toContain("spreadsheetml");
      expect(file.headers.get("Content-Disposition")).toContain("service-reports-2025-01_2025-02.xlsx");
      for (const who of [clientUser, f.pm]) {
        const c = await cookie(who);
        expect(statusOf(await thrown(reportsPage.loader(page(c, "/service/reports"))))).toBe(404);
        expect(statusOf(await thrown(reportsXlsxPage.loader(page(c, "/service/reports.xlsx"))))).toBe(404);
        await expect(loadServiceReports(db, who, range)).rejects.toBeDefined();
      }

      const token = async (u: SessionUser) => (await issueApiToken(db, { userId: u.id, name: "t" })).token;
      const api = (tk: string, path: string) => ({ request: new Request(`http://localhost/api/v1${path}`, { headers: { Authorization: `Bearer ${tk}` } }), params: {}, context: {} }) as never;
      const mgmt = await token(management);
      const json = (await reportsApi.loader(api(mgmt, "/service/reports?from=2025-01&to=2025-02"))) as Response;
      expect(json.status).toBe(200);
      const body = (await json.json()) as { reports: { byCause: { total: number }[]; ratings: unknown[] } };
      expect(body.reports.byCause.map((m) => m.total)).toEqual([3, 2]);
      const badApi = (await reportsApi.loader(api(mgmt, "/service/reports?from=2025-1"))) as Response;
      expect(badApi.status).toBe(400);
      expect(((await badApi.json()) as { error: { fieldErrors: Record<string, string> } }).error.fieldErrors.from).toContain("有效的月份");
      const xlsx = (await reportsXlsxApi.loader(api(mgmt, "/service/reports.xlsx?from=2025-01&to=2025-02"))) as Response;
      expect(xlsx.status).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(await xlsx.arrayBuffer());
      expect(wb.worksheets).toHaveLength(5);
      const clientToken = await token(clientUser);
      expect(((await reportsApi.loader(api(clientToken, "/service/reports"))) as Response).status).toBe(404);
      expect(((await reportsXlsxApi.loader(api(clientToken, "/service/reports.xlsx"))) as Response).status).toBe(404);
    });
  });

  it("no survey is left on a ticket still waiting for one", async () => {
    const orphans = await db
      .select({ id: s.satisfactionSurveys.id })
      .from(s.satisfactionSurveys)
      .innerJoin(s.serviceTickets, eq(s.serviceTickets.id, s.satisfactionSurveys.ticketId))
      .where(and(eq(s.serviceTickets.status, "confirmed")));
    expect(orphans).toHaveLength(0);
  });
});
