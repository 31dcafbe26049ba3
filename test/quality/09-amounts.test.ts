// quality.md, faults and bad inputs: amounts. Negative, NaN, more than two decimals, 1e21,
// Infinity, empty → refused with a Chinese message next to the field and nothing written, through
// the page action and the API (as a string and as a JSON number); totals exact to the fen, checked
// against BigInt arithmetic on many generated cases (0.1-ish values, amounts near the maximum).
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import * as s from "#db/schema";
import { createSession } from "~/lib/session.server";
import { fenToInput, formatFen, parseAmountToFen, parseSignedAmountToFen } from "~/lib/money";
import { lineAmountFen, totalFen } from "~/lib/quote-math";
import { rmbInWords } from "~/lib/rmb-uppercase";
import { issueApiToken } from "~/services/admin/issue-api-token.server";
import { MAX_ABS_AMOUNT_FEN, settlementFigures } from "~/services/settlement/settlement-math";
import * as createPage from "~/routes/projects.new";
import * as apiProjects from "~/routes/api.v1.projects._index";
import * as apiQuotes from "~/routes/api.v1.projects.$projectId.quotes";
import * as apiContracts from "~/routes/api.v1.projects.$projectId.maintenance-contracts";
import { makeCompany, makeProject, makeUser } from "../support/factories";
import { payloadOf, statusOf } from "../support/route-results";
import { createTestDatabase, testDriver, type TestDatabase } from "../support/test-db";
import { acceptedProject } from "../integration/warranty-fixture";
import * as settlementPage from "~/routes/projects.$projectId.settlement";
import * as apiSettlement from "~/routes/api.v1.projects.$projectId.settlement._index";
import * as apiInvoices from "~/routes/api.v1.projects.$projectId.invoices";
import * as apiEvents from "~/routes/api.v1.projects.$projectId.events";
import * as ticketPage from "~/routes/service.tickets.$ticketId";
import * as apiServiceQuotes from "~/routes/api.v1.service.tickets.$ticketId.quotes";
import { translate } from "~/i18n";
import { addDays, shanghaiDate } from "~/lib/calendar";
import { messageText } from "~/services/acceptance/records-shared";
import { sendProjectEvent } from "~/services/projects/project-events.server";
import { requireSettlementAccess } from "~/services/settlement/settlement-access.server";
import { saveSettlementDraft } from "~/services/settlement/settlement-save.server";
import { applyTicketStep } from "~/services/service/ticket-steps.server";
import { acceptToday, constructionProject, meetPreconditions } from "../integration/acceptance-fixture";
import { caller, changedTables, fingerprint, type Caller } from "./support";

/** Each bad amount as a form would send it. */
const BAD_TEXT = ["-1", "-0.01", "NaN", "Infinity", "1.234", "0.001", "1e21", "1E3", "0x10", "", "   ", "1,000.001", "１２３", "12.3.4", "999999999999999999999"];
/** Each bad amount as a JSON body could carry it. */
const BAD_JSON: unknown[] = [-1, -0.01, 1e21, 1.234, 0.005, "NaN", "", null, "1e21", true, [], {}];
const CHINESE = /[\u4e00-\u9fff]/;

describe("Amounts: negative, NaN, more than two decimals, 1e21, empty → refused; totals exact to the fen.", () => {
  it("the amount parsers refuse every bad value, with a message key the form shows next to the field", () => {
    for (const bad of BAD_TEXT) expect([bad, parseAmountToFen(bad).ok]).toEqual([bad, false]);
    for (const bad of BAD_TEXT.filter((b) => !b.startsWith("-"))) expect([bad, parseSignedAmountToFen(bad).ok]).toEqual([bad, false]);
    expect(parseSignedAmountToFen("-0.01")).toEqual({ ok: true, fen: -1 }); // a deduction may be negative
    expect(parseSignedAmountToFen("-1e3").ok).toBe(false);
    expect(parseAmountToFen("1,234.5")).toEqual({ ok: true, fen: 123_450 });
    expect(parseAmountToFen("¥999,999,999,999.99")).toEqual({ ok: true, fen: 99_999_999_999_999 });
    expect(parseAmountToFen("1000000000000")).toEqual({ ok: false, error: "form.amountTooLarge" });
  });

  it("totals are exact to the fen: sums of many 0.1-ish lines and amounts near the maximum, against BigInt", () => {
    let seed = 20260229;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 200; round++) {
      const lines = Array.from({ length: 1 + Math.floor(rand() * 200) }, () => {
        const quantityMilli = 1 + Math.floor(rand() * 10_000); // 0.001 … 10
        const unitPriceFen = [10, 1, 30, 70, 333][Math.floor(rand() * 5)] + Math.floor(rand() * 100); // 0.1-ish yuan
        return { quantityMilli, unitPriceFen, amountFen: lineAmountFen(quantityMilli, unitPriceFen) };
      });
      for (const l of lines) {
        // quantity × price in thousandths of a fen, half-up to the fen, in integers.
        const exact = (BigInt(l.quantityMilli) * BigInt(l.unitPriceFen) + 500n) / 1000n;
        expect(l.amountFen).toBe(Number(exact));
      }
      const expected = lines.reduce((sum, l) => sum + BigInt(l.amountFen), 0n);
      expect(totalFen(lines)).toBe(Number(expected));
      // The float way (0.1 + 0.2 …) would drift; the figure shown is the integer one.
      expect(formatFen(totalFen(lines))).toBe(`¥${(expected / 100n).toLocaleString("en-US")}.${String(expected % 100n).padStart(2, "0")}`);
    }
    // 0.1 yuan ten thousand times is exactly ¥1,000.00 — a float sum is not.
    const tenths = Array.from({ length: 10_000 }, () => ({ amountFen: 10 }));
    expect(totalFen(tenths)).toBe(100_000);
    expect(Array.from({ length: 10_000 }, () => 0.1).reduce((a, b) => a + b, 0)).not.toBe(1000);

    // Settlement near the maximum: contract ¥99,999,999,999.99, variations and deductions, 3 % retention.
    for (let round = 0; round < 100; round++) {
      const contract = MAX_ABS_AMOUNT_FEN - 1 - Math.floor(rand() * 1_000_000);
      const lines = Array.from({ length: 50 }, (_, i) => ({ kind: i % 3 === 0 ? "deduction" : "variation", amountFen: (i % 3 === 0 ? -1 : 1) * (1 + Math.floor(rand() * 99_999)), reason: "r", approvedBy: "a" }));
      const f = settlementFigures({ contractAmountFen: contract, paidFen: 12_345, lines, acceptedOn: "2024-02-29", retention: { mode: "retention", basisPoints: 300, defectMonths: 12 } } as never);
      const total = BigInt(contract) + lines.reduce((a, l) => a + BigInt(l.amountFen), 0n);
      const retention = (total * 300n + 5_000n) / 10_000n;
      expect(f.finalTotalFen).toBe(Number(total));
      expect(f.retentionFen).toBe(Number(retention));
      expect(f.payableNowFen).toBe(Number(total - retention - 12_345n));
      expect(f.finalTotalFen - f.retentionFen - f.paidFen).toBe(f.payableNowFen);
      // Figures and uppercase come from the same integer: the uppercase reads back the fen.
      expect(rmbInWords(f.payableNowFen)).toMatch(/^人民币.*(整|分|角)$/);
      expect(fenToInput(f.payableNowFen)).toBe(`${(BigInt(f.payableNowFen) / 100n).toString()}.${String(BigInt(f.payableNowFen) % 100n).padStart(2, "0")}`);
    }
  });

  describe(`through the pages and the API (${testDriver()})`, () => {
    let database: TestDatabase;
    let db: Db;
    let cookie: string;
    let pmToken: string;
    let clientId: string;
    let vendorId: string;
    let biddingProjectId: string;
    let acceptedProjectId: string;
    const context = { ip: "127.0.0.1" };

    beforeAll(async () => {
      database = await createTestDatabase();
      db = database.db;
      const pm = await makeUser(db, ["pm"]);
      cookie = (await createSession(db, pm.id, { ip: "", userAgent: "" })).split(";")[0];
      pmToken = (await issueApiToken(db, { userId: pm.id, name: "amounts" })).token;
      clientId = (await makeCompany(db, "client")).id;
      vendorId = (await makeCompany(db, "installer")).id;
      biddingProjectId = (await makeProject(db, pm)).id;
      const accepted = await acceptedProject(db, "2026-02-28");
      acceptedProjectId = accepted.project.id;
      await db.update(s.projects).set({ pmId: pm.id }).where(eq(s.projects.id, acceptedProjectId));
    });
    afterAll(async () => database?.drop());

    const countOf = async (table: typeof s.projects | typeof s.quotes | typeof s.maintenanceContracts) => Number((await db.select({ n: count() }).from(table))[0].n);
    const api = (path: string, body: unknown) =>
      new Request(`http://localhost/api/v1${path}`, { method: "POST", headers: { Authorization: `Bearer ${pmToken}`, "Content-Type": "application/json" }, body: JSON.stringify(body) });

    const projectForm = (amount: string) => ({
      code: `A-${Math.random().toString(36).slice(2, 8)}`, name: "金额测试", clientId, siteAddress: "广州市", clientContractNo: "HT-1",
      clientContractAmount: amount, clientContractSignedOn: "2026-01-10", supervisionCompanyId: "", designCompanyId: "", plannedStartOn: "", plannedFinishOn: "",
      "equipment[0].model": "XF-1", "equipment[0].quantity": "1", "equipment[0].location": "机房",
    });

    it("the project form (contract amount): each bad value comes back 400 with the Chinese message on the field and what was typed; nothing written", async () => {
      const before = await countOf(s.projects);
      for (const bad of BAD_TEXT) {
        const fd = new FormData();
        for (const [k, v] of Object.entries(projectForm(bad))) fd.append(k, v);
        const res = await createPage.action({ request: new Request("http://localhost/projects/new", { method: "POST", body: fd, headers: { Cookie: cookie } }), params: {}, context } as never);
        expect([bad, statusOf(res)]).toEqual([bad, 400]);
        const data = payloadOf<{ errors?: Record<string, string>; fieldErrors?: Record<string, string>; values?: Record<string, string> }>(res);
        const errors = data.errors ?? data.fieldErrors ?? {};
        const message = errors.clientContractAmount ?? "";
        expect([bad, CHINESE.test(message) || /^form\./.test(message)]).toEqual([bad, true]);
        expect(data.values?.name).toBe("金额测试");
      }
      expect(await countOf(s.projects)).toBe(before);
    });

    it("the project API (contract amount): strings and JSON numbers refused 400 with a Chinese field message; nothing written", async () => {
      const before = await countOf(s.projects);
      for (const bad of [...BAD_TEXT, ...BAD_JSON]) {
        const body = { ...projectForm("0"), clientContractAmount: bad, equipment: [{ model: "XF-1", quantity: 1, location: "机房" }] };
        const res = await apiProjects.action({ request: api("/projects", body), params: {}, context } as never);
        expect([bad, res.status]).toEqual([bad, 400]);
        const err = (await res.json()).error;
        expect([bad, CHINESE.test(err.fieldErrors?.clientContractAmount ?? "")]).toEqual([bad, true]);
      }
      expect(await countOf(s.projects)).toBe(before);
    });

    it("the quote API (unit price, line amount): refused 400 with a Chinese message keyed by the line; no quote written", async () => {
      const before = await countOf(s.quotes);
      const quote = (unitPrice: unknown, amount?: unknown) => ({
        vendorId, contractingMethod: "包工包料", validUntil: "2099-12-31",
        lines: [{ item: "新风主机", unit: "台", quantity: "2", unitPrice, ...(amount === undefined ? {} : { amount }) }],
      });
      for (const bad of [...BAD_TEXT, ...BAD_JSON]) {
        const res = await apiQuotes.action({ request: api(`/projects/${biddingProjectId}/quotes`, quote(bad)), params: { projectId: biddingProjectId }, context } as never);
        expect([bad, res.status]).toEqual([bad, 400]);
        const err = (await res.json()).error;
        expect([bad, CHINESE.test(err.fieldErrors?.["lines[0].unitPrice"] ?? "")]).toEqual([bad, true]);
      }
      // A stated line amount that is not quantity × unit price is refused too.
      const wrong = await apiQuotes.action({ request: api(`/projects/${biddingProjectId}/quotes`, quote("100.10", "200.19")), params: { projectId: biddingProjectId }, context } as never);
      expect(wrong.status).toBe(400);
      expect(await countOf(s.quotes)).toBe(before);
      const ok = await apiQuotes.action({ request: api(`/projects/${biddingProjectId}/quotes`, quote("100.10", "200.20")), params: { projectId: biddingProjectId }, context } as never);
      expect(ok.status).toBe(201);
      expect((await ok.json()).totalFen).toBe(20_020);
    });

    it("the maintenance contract API (price): refused 400 with a Chinese field message; nothing written", async () => {
      const before = await countOf(s.maintenanceContracts);
      for (const bad of [...BAD_TEXT, ...BAD_JSON, "0", 0]) {
        const body = { number: `WB-${Math.random().toString(36).slice(2, 7)}`, startsOn: "2027-03-01", endsOn: "2028-02-29", price: bad, scope: "每季度保养一次" };
        const res = await apiContracts.action({ request: api(`/projects/${acceptedProjectId}/maintenance-contracts`, body), params: { projectId: acceptedProjectId }, context } as never);
        expect([bad, res.status]).toEqual([bad, 400]);
        const err = (await res.json()).error;
        expect([bad, CHINESE.test(err.fieldErrors?.price ?? "")]).toEqual([bad, true]);
      }
      expect(await countOf(s.maintenanceContracts)).toBe(before);
    });
  });

  describe(`settlement lines and deductions, payments, invoices, service quotes — page and API (${testDriver()})`, () => {
    let database: TestDatabase;
    let db: Db;
    let f: Awaited<ReturnType<typeof constructionProject>>;
    let pm: Caller;
    let fin: Caller;
    let svc: Caller;
    let financeUser: Awaited<ReturnType<typeof makeUser>>;
    let svcUser: Awaited<ReturnType<typeof makeUser>>;
    let ticketId: string;
    const info = { ip: "127.0.0.1", userAgent: "vitest" };
    const today = () => shanghaiDate(new Date().toISOString());
    const zh = (encoded: string | undefined) => messageText((k, p) => translate("zh-CN", k, p), encoded ?? "");
    /** Bad amounts for a signed line (a negative one is allowed there: a deduction, a cancelled item). */
    const BAD_SIGNED = ["NaN", "Infinity", "1.234", "-1.234", "0.001", "1e21", "-1e21", "1E3", "", "12.3.4", "999999999999999999999"];
    /** Bad amounts where only a positive one makes sense (payments, invoices, quotes). */
    const BAD_POSITIVE = ["-1", "-0.01", "NaN", "Infinity", "1.234", "0.001", "1e21", "1E3", "", "12.3.4", "999999999999999999999"];
    /** The same as JSON values: numbers with decimals, negative, 1e21, and non-numbers. */
    const BAD_JSON_POSITIVE: unknown[] = [-1, -0.01, 1.234, 0.005, 1e21, "NaN", "", null, "1e21", true, [], {}];
    const BAD_JSON_SIGNED: unknown[] = [1.234, -0.005, 1e21, -1e21, "NaN", "", null, "1e21", true, [], {}];

    const pageRequest = (who: Caller, url: string, fields: Record<string, string>) => {
      const fd = new FormData();
      for (const [k, v] of Object.entries(fields)) fd.append(k, v);
      return new Request(`http://localhost${url}`, { method: "POST", body: fd, headers: { Cookie: who.cookie } });
    };
    const apiRequest = (who: Caller, method: string, url: string, json: unknown) =>
      new Request(`http://localhost/api/v1${url}`, { method, headers: { Authorization: `Bearer ${who.token}`, "Content-Type": "application/json", "Accept-Language": "zh-CN" }, body: JSON.stringify(json) });
    const projectArgs = (request: Request) => ({ request, params: { projectId: f.project.id }, context: { ip: "127.0.0.1" } }) as never;
    const ticketArgs = (request: Request) => ({ request, params: { ticketId }, context: { ip: "127.0.0.1" } }) as never;
    const projectVersion = async () => (await db.select({ v: s.projects.version }).from(s.projects).where(eq(s.projects.id, f.project.id)))[0].v;
    const ticketVersion = async () => (await db.select({ v: s.serviceTickets.version }).from(s.serviceTickets).where(eq(s.serviceTickets.id, ticketId)))[0].v;
    const settlementStamp = async () => (await db.select({ u: s.settlements.updatedAt }).from(s.settlements).where(eq(s.settlements.projectId, f.project.id)))[0].u.toISOString();

    /** A refused page answer: 4xx, the Chinese message on the field, what was typed kept. */
    function expectPageRefusal(bad: unknown, res: unknown, field: string, typed: (values: Record<string, unknown>) => unknown) {
      const status = statusOf(res) ?? 0;
      expect([bad, status >= 400 && status < 500]).toEqual([bad, true]);
      const d = payloadOf<{ errors?: Record<string, string>; values?: Record<string, unknown> }>(res);
      expect([bad, CHINESE.test(zh(d.errors?.[field]))]).toEqual([bad, true]);
      expect([bad, typed(d.values ?? {})]).toEqual([bad, bad]);
    }
    /** A refused API answer: 4xx, the Chinese message on the field. */
    async function expectApiRefusal(bad: unknown, res: Response, field: string) {
      expect([bad, res.status >= 400 && res.status < 500]).toEqual([bad, true]);
      const body = (await res.json()) as { error?: { fieldErrors?: Record<string, string> } };
      expect([bad, field, CHINESE.test(body.error?.fieldErrors?.[field] ?? "")]).toEqual([bad, field, true]);
    }

    const draftForm = (over: Record<string, string>): Record<string, string> => ({
      contractAmount: "365000", retentionMode: "rate", retentionRate: "3", defectMonths: "12", guaranteeNote: "", paidBefore: "0",
      paymentDueOn: addDays(today(), 30), basis: "施工合同及签证单", payeeBank: "工商银行天河支行", payeeAccount: "3602000000001",
      "lines.0.kind": "variation", "lines.0.number": "BG-001", "lines.0.reason": "增设新风末端", "lines.0.amount": "12800", "lines.0.approvedBy": "陈代表", "lines.0.approvedOn": "",
      "lines.1.kind": "deduction", "lines.1.number": "KK-001", "lines.1.reason": "逾期违约金", "lines.1.amount": "-1200", "lines.1.approvedBy": "陈代表", "lines.1.approvedOn": "",
      ...over,
    });
    const draftBody = (variation: unknown, deduction: unknown, expectedUpdatedAt: string) => ({
      contractAmount: "365000", retentionMode: "rate", retentionRate: "3", defectMonths: "12", paidBefore: "0",
      paymentDueOn: addDays(today(), 30), basis: "施工合同及签证单", payeeBank: "工商银行天河支行", payeeAccount: "3602000000001", expectedUpdatedAt,
      lines: [
        { kind: "variation", number: "BG-001", reason: "增设新风末端", amount: variation, approvedBy: "陈代表", approvedOn: null },
        { kind: "deduction", number: "KK-001", reason: "逾期违约金", amount: deduction, approvedBy: "陈代表", approvedOn: null },
      ],
    });

    beforeAll(async () => {
      database = await createTestDatabase();
      db = database.db;
      financeUser = await makeUser(db, ["finance"], { name: "孙财务" });
      svcUser = await makeUser(db, ["service"], { name: "刘技术" });
      f = await constructionProject(db);
      await meetPreconditions(db, f.project.id, f.pm.id);
      await acceptToday(db, f);
      pm = await caller(db, f.pm);
      fin = await caller(db, financeUser);
      svc = await caller(db, svcUser);
      const saved = await saveSettlementDraft(db, {
        access: await requireSettlementAccess(db, f.pm, f.project.id), user: f.pm,
        input: { ...draftForm({}), lines: [
          { kind: "variation", number: "BG-001", reason: "增设新风末端", amount: "12800", approvedBy: "陈代表", approvedOn: "" },
          { kind: "deduction", number: "KK-001", reason: "逾期违约金", amount: "-1200", approvedBy: "陈代表", approvedOn: "" },
        ] },
      });
      expect(saved.ok, JSON.stringify(saved)).toBe(true);
      // A paid-work ticket on the project, diagnosed and waiting for its quote.
      const receivedAt = new Date();
      const [ticket] = await db.insert(s.serviceTickets).values({
        number: "SV-AMT-0001", projectId: f.project.id, channel: "hotline", reporterName: "张先生", contactPhone: "13800000000", contactEmail: "zhang@customer.test",
        description: "主机异响，风量明显下降", serialNumber: "XF5-2026-0001", receivedAt, contactDueAt: new Date(receivedAt.getTime() + 4 * 3_600_000),
      }).returning();
      ticketId = ticket.id;
      for (const [step, input] of [["assign", { assignedTo: svcUser.id }], ["contact", { note: "已电话联系客户，约定上门检查" }], ["diagnose", { diagnosis: "电机烧毁（电压过高）", coverage: "paid", exclusion: "voltage" }]] as const) {
        const r = await applyTicketStep(db, { ticketId, user: svcUser, step, input, expectedVersion: await ticketVersion(), info });
        expect(r.ok, JSON.stringify(r)).toBe(true);
      }
    }, 60_000);
    afterAll(async () => database?.drop());

    it("settlement lines and deductions, through the page (saveDraft) and PUT /settlement: refused on the line's amount, the values as typed, nothing written", async () => {
      const before = await fingerprint(db);
      for (const bad of BAD_SIGNED) {
        for (const at of [0, 1]) {
          const res = await settlementPage.action(projectArgs(pageRequest(pm, `/projects/${f.project.id}/settlement?intent=saveDraft`, draftForm({ [`lines.${at}.amount`]: bad, settlementUpdatedAt: await settlementStamp() }))));
          expectPageRefusal(bad, res, `lines.${at}.amount`, (v) => (v.lines as { amount: string }[] | undefined)?.[at]?.amount);
        }
      }
      // A deduction is money taken off: a positive one is refused too.
      const positive = await settlementPage.action(projectArgs(pageRequest(pm, `/projects/${f.project.id}/settlement?intent=saveDraft`, draftForm({ "lines.1.amount": "1200", settlementUpdatedAt: await settlementStamp() }))));
      expectPageRefusal("1200", positive, "lines.1.amount", (v) => (v.lines as { amount: string }[] | undefined)?.[1]?.amount);
      for (const bad of [...BAD_SIGNED, ...BAD_JSON_SIGNED]) {
        await expectApiRefusal(bad, await apiSettlement.action(projectArgs(apiRequest(pm, "PUT", `/projects/${f.project.id}/settlement`, draftBody(bad, -1200, await settlementStamp())))), "lines.0.amount");
        await expectApiRefusal(bad, await apiSettlement.action(projectArgs(apiRequest(pm, "PUT", `/projects/${f.project.id}/settlement`, draftBody(12800, bad, await settlementStamp())))), "lines.1.amount");
      }
      await expectApiRefusal(1200, await apiSettlement.action(projectArgs(apiRequest(pm, "PUT", `/projects/${f.project.id}/settlement`, draftBody(12800, 1200, await settlementStamp())))), "lines.1.amount");
      expect(changedTables(before, await fingerprint(db))).toEqual([]);
      // The good draft still saves through the API (JSON numbers with two decimals are fine).
      const ok = await apiSettlement.action(projectArgs(apiRequest(pm, "PUT", `/projects/${f.project.id}/settlement`, draftBody(12800.05, -1200.1, await settlementStamp()))));
      expect(ok.status).toBe(200);
      const lines = await db.select().from(s.settlementLines).orderBy(s.settlementLines.position);
      expect(lines.map((l) => l.amountFen)).toEqual([1_280_005, -120_010]);
    });

    it("a payment (RECORD_PAYMENT), through the page intent and POST /events: refused on the amount, the values as typed, nothing written", async () => {
      const send = (who: typeof f.pm, type: string) => sendProjectEvent(db, { projectId: f.project.id, user: who, type, json: {}, info, locale: "zh-CN" });
      expect((await send(f.pm, "SUBMIT_SETTLEMENT")).ok).toBe(true);
      expect((await send(financeUser, "APPROVE_SETTLEMENT")).ok).toBe(true);
      const before = await fingerprint(db);
      for (const bad of BAD_POSITIVE) {
        const res = await settlementPage.action(projectArgs(pageRequest(fin, `/projects/${f.project.id}/settlement?intent=recordPayment`, { amount: bad, receivedOn: today(), reference: "BANK-1", version: String(await projectVersion()) })));
        expectPageRefusal(bad, res, "amount", (v) => v.amount);
      }
      for (const bad of [...BAD_POSITIVE, ...BAD_JSON_POSITIVE]) {
        const res = await apiEvents.action(projectArgs(apiRequest(fin, "POST", `/projects/${f.project.id}/events`, { type: "RECORD_PAYMENT", expectedVersion: await projectVersion(), payload: { amount: bad, receivedOn: today() } })));
        await expectApiRefusal(bad, res, "amount");
      }
      // amountFen is what the machine stores, not a field a client sets: without `amount` it is refused.
      for (const fen of [100, -100, 1.5, 1e21]) {
        const res = await apiEvents.action(projectArgs(apiRequest(fin, "POST", `/projects/${f.project.id}/events`, { type: "RECORD_PAYMENT", expectedVersion: await projectVersion(), payload: { amountFen: fen, receivedOn: today() } })));
        await expectApiRefusal(fen, res, "amount");
      }
      expect(changedTables(before, await fingerprint(db))).toEqual([]);
      const ok = await apiEvents.action(projectArgs(apiRequest(fin, "POST", `/projects/${f.project.id}/events`, { type: "RECORD_PAYMENT", expectedVersion: await projectVersion(), payload: { amount: "1000.01", receivedOn: today() } })));
      expect(ok.status).toBe(200);
      expect((await db.select().from(s.payments).where(eq(s.payments.projectId, f.project.id))).map((p) => p.amountFen)).toEqual([100_001]);
    });

    it("an invoice, through the page intent (addInvoice) and POST /invoices: refused on the amount, the values as typed, nothing written", async () => {
      const before = await fingerprint(db);
      let n = 0;
      for (const bad of BAD_POSITIVE) {
        const res = await settlementPage.action(projectArgs(pageRequest(fin, `/projects/${f.project.id}/settlement?intent=addInvoice`, { number: `FP-${++n}`, issuedOn: today(), amount: bad })));
        expectPageRefusal(bad, res, "amount", (v) => v.amount);
      }
      for (const bad of [...BAD_POSITIVE, ...BAD_JSON_POSITIVE]) {
        const res = await apiInvoices.action(projectArgs(apiRequest(fin, "POST", `/projects/${f.project.id}/invoices`, { number: `FP-${++n}`, issuedOn: today(), amount: bad })));
        await expectApiRefusal(bad, res, "amount");
      }
      expect(changedTables(before, await fingerprint(db))).toEqual([]);
      const ok = await apiInvoices.action(projectArgs(apiRequest(fin, "POST", `/projects/${f.project.id}/invoices`, { number: "FP-OK", issuedOn: today(), amount: "1000.01" })));
      expect(ok.status).toBe(201);
      expect((await ok.json()).invoice.amountFen).toBe(100_001);
    });

    it("a service quote, through the ticket page (step quote) and POST /quotes: refused on the amount, the values as typed, nothing written", async () => {
      const before = await fingerprint(db);
      const quote = <T,>(amount: T) => ({ amount, items: "电机 1 台 ¥980\n人工 ¥300.50", validUntil: addDays(today(), 14), email: "zhang@customer.test" });
      for (const bad of [...BAD_POSITIVE, "0"]) {
        const res = await ticketPage.action(ticketArgs(pageRequest(svc, `/service/tickets/${ticketId}`, { step: "quote", version: String(await ticketVersion()), ...quote(bad) })));
        expectPageRefusal(bad, res, "amount", (v) => v.amount);
      }
      for (const bad of [...BAD_POSITIVE, ...BAD_JSON_POSITIVE, 0]) {
        const res = await apiServiceQuotes.action(ticketArgs(apiRequest(svc, "POST", `/service/tickets/${ticketId}/quotes`, { expectedVersion: await ticketVersion(), ...quote(bad) })));
        await expectApiRefusal(bad, res, "amount");
      }
      expect(changedTables(before, await fingerprint(db))).toEqual([]);
      const ok = await apiServiceQuotes.action(ticketArgs(apiRequest(svc, "POST", `/service/tickets/${ticketId}/quotes`, { expectedVersion: await ticketVersion(), ...quote("1,280.50") })));
      expect(ok.status).toBe(201);
      expect((await db.select().from(s.serviceQuotes).where(eq(s.serviceQuotes.ticketId, ticketId))).map((q) => q.amountFen)).toEqual([128_050]);
    });
  });
});
