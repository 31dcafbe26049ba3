// The finance side of the settlement, through the page intents, the services and the API: submit,
// return with comments, submit again, approve (a stale version is refused and changes nothing),
// invoices and their bad input, partial payments then the rest (retention held), a payment over
// what is due and a retention release before its date refused by the machine, the installers'
// payment requests, the inbox (overdue flagged), the .xlsx export (formulas neutralised), and who
// may do what.
import ExcelJS from "exceljs";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import * as s from "#db/schema";
import type { Party } from "#machines/types";
import { addDays, addMonthsCivil, shanghaiDate } from "~/lib/calendar";
import type { SessionUser } from "~/lib/session.server";
import { createSession } from "~/lib/session.server";
import * as inboxPage from "~/routes/finance._index";
import * as exportPage from "~/routes/finance.export[.]xlsx";
import * as inboxApi from "~/routes/api.v1.finance.inbox";
import * as exportApi from "~/routes/api.v1.finance.export[.]xlsx";
import * as vendorPaymentsApi from "~/routes/api.v1.finance.vendor-payments";
import * as payApi from "~/routes/api.v1.finance.vendor-payments.$requestId.pay";
import * as invoicesApi from "~/routes/api.v1.projects.$projectId.invoices";
import { issueApiToken } from "~/services/admin/issue-api-token.server";
import { applyEvent } from "~/services/projects/apply-event.server";
import { sendProjectEvent } from "~/services/projects/project-events.server";
import { handleFinanceIntent } from "~/services/settlement/finance-actions.server";
import { exportFinanceXlsx } from "~/services/settlement/finance-export.server";
import { loadFinanceInbox } from "~/services/settlement/finance-inbox.server";
import { addInvoice, listInvoices, listPayments } from "~/services/settlement/invoices.server";
import { requireSettlementAccess } from "~/services/settlement/settlement-access.server";
import { createDueVendorPayments, listVendorPayments, markVendorPaymentPaid } from "~/services/settlement/vendor-payments.server";
import { constructionProject, meetPreconditions } from "./acceptance-fixture";
import { payloadOf, statusOf, thrown } from "../support/route-results";
import { makeCompany, makeUser } from "../support/factories";
import { createTestDatabase, testDriver, type TestDatabase } from "../support/test-db";

const info = { ip: "127.0.0.1", userAgent: "vitest" };
const today = () => shanghaiDate(new Date().toISOString());
type Fixture = Awaited<ReturnType<typeof constructionProject>>;

describe(`finance (${testDriver()})`, () => {
  let t: TestDatabase;
  let db: Db;
  let finance: SessionUser;
  let management: SessionUser;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestDatabase();
    db = t.db;
    await makeCompany(db, "own", "粤达环境科技有限公司");
    finance = await makeUser(db, ["finance"], { name: "钱会计" });
    management = await makeUser(db, ["management"], { name: "高总" });
    tokens.finance = (await issueApiToken(db, { userId: finance.id, name: "test" })).token;
    tokens.management = (await issueApiToken(db, { userId: management.id, name: "test" })).token;
  });
  afterAll(async () => t?.drop());

  const projectRow = async (id: string) => (await db.select().from(s.projects).where(eq(s.projects.id, id)))[0];
  const substate = async (id: string) => ((await projectRow(id)).snapshot as { value: { handover?: { settlement?: string } } }).value.handover?.settlement;
  const versions = async (id: string) =>
    (await db.select({ version: s.settlements.version, status: s.settlements.status, comment: s.settlements.financeComment }).from(s.settlements).where(eq(s.settlements.projectId, id))).sort((a, b) => a.version - b.version);

  /** A party's approval as the signing link records it: the signature row, then SIGN. */
  async function sign(projectId: string, party: Party, name: string) {
    const [plan] = await db.select().from(s.acceptancePlans).where(eq(s.acceptancePlans.projectId, projectId));
    const result = await applyEvent(db, {
      projectId, type: "SIGN", payload: { opinion: "合格" }, actor: { userId: null, role: party, party, label: name }, info,
      record: async (tx) => {
        await tx.insert(s.signatures).values({ projectId, documentKind: "completion", documentVersion: plan.round, party, signerName: name, organisation: name, opinion: "合格", contentSha256: "0".repeat(64), signerRole: "代表", typedSignature: name });
      },
    });
    expect(result.ok, JSON.stringify(result)).toBe(true);
  }

  /** A project accepted today (handover) with a settlement draft v1 of ¥100,000.00, 3% retention. */
  async function handoverProject(name?: string): Promise<Fixture> {
    const f = await constructionProject(db);
    if (name) await db.update(s.projects).set({ name }).where(eq(s.projects.id, f.project.id));
    await meetPreconditions(db, f.project.id, f.pm.id);
    const requested = await applyEvent(db, { projectId: f.project.id, type: "REQUEST_ACCEPTANCE", payload: { acceptanceDate: today(), startTime: "09:30", place: "项目部会议室" }, actor: { userId: f.pm.id, role: "pm", label: f.pm.name }, info });
    expect(requested.ok, JSON.stringify(requested)).toBe(true);
    await sign(f.project.id, "supervisor", "李总监");
    await sign(f.project.id, "client", "陈代表");
    await sign(f.project.id, "designer", "周设计");
    expect((await projectRow(f.project.id)).stage).toBe("handover");
    await db.insert(s.settlements).values({
      projectId: f.project.id, version: 1, status: "draft", contractAmountFen: 10_000_000, totalFen: 10_000_000,
      retentionMode: "rate", retentionBasisPoints: 300, defectMonths: 12, retentionFen: 300_000, retentionDueOn: addMonthsCivil(today(), 12),
      paidBeforeFen: 0, paymentDueOn: addDays(today(), 30), payeeBank: "工商银行天河支行", payeeAccount: "3602000000000000001", preparedBy: f.pm.id,
    });
    return f;
  }

  /** A page intent as the settlement page's action runs it, with the project version the form showed. */
  async function act(intent: string, user: SessionUser, projectId: string, fields: Record<string, string> = {}, version?: number) {
    const fd = new FormData();
    fd.set("version", String(version ?? (await projectRow(projectId)).version));
    for (const [k, v] of Object.entries(fields)) fd.set(k, v);
    const request = new Request(`http://localhost/projects/${projectId}/settlement?intent=${intent}`, { method: "POST", body: fd });
    const access = await requireSettlementAccess(db, user, projectId);
    return handleFinanceIntent(intent, { request, db, user, access, info, locale: "zh-CN" });
  }

  const api = (path: string, token: string, init: RequestInit & { json?: unknown } = {}) => {
    const headers = new Headers(init.headers);
    headers.set("Authorization", `Bearer ${token}`);
    if (init.json !== undefined) headers.set("Content-Type", "application/json");
    return new Request(`http://localhost/api/v1${path}`, { ...init, headers, body: init.json !== undefined ? JSON.stringify(init.json) : init.body });
  };
  const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} }) as never;

  describe("a settlement from submission to retention held", () => {
    let f: Fixture;
    beforeAll(async () => {
      f = await handoverProject();
    });

    it("the pm submits; an invoice before approval is refused", async () => {
      expect(await act("submit", f.pm, f.project.id)).toEqual({ intent: "submit", ok: true, notice: "finance.notice.submitted" });
      expect(await substate(f.project.id)).toBe("submitted");
      expect((await versions(f.project.id))[0].status).toBe("submitted");
      const early = await act("addInvoice", finance, f.project.id, { number: "FP-0001", issuedOn: today(), amount: "100" });
      expect(early).toMatchObject({ ok: false, formError: "finance.invoice.notApproved" });
      expect(await listInvoices(db, f.project.id)).toEqual([]);
    });

    it("finance returns with comments (required), the pm submits again", async () => {
      const empty = await act("return", finance, f.project.id, { comment: "  " });
      expect(empty).toMatchObject({ ok: false, errors: { comment: "form.required" }, formError: "form.fixErrors", values: { comment: "  " } });
      expect(await substate(f.project.id)).toBe("submitted");

      expect(await act("return", finance, f.project.id, { comment: "变更单 BG-002 缺少甲方签字" })).toMatchObject({ ok: true, notice: "finance.notice.returned" });
      expect(await substate(f.project.id)).toBe("draft");
      expect(await versions(f.project.id)).toEqual([{ version: 1, status: "returned", comment: "变更单 BG-002 缺少甲方签字" }]);

      expect(await act("submit", f.pm, f.project.id)).toMatchObject({ ok: true });
      expect(await substate(f.project.id)).toBe("submitted");
    });

    it("the pm may not approve: refused for the role (403), nothing changes", async () => {
      const before = await projectRow(f.project.id);
      const viaPage = await act("approve", f.pm, f.project.id);
      expect(viaPage).toMatchObject({ ok: false, formError: null });
      expect(viaPage && !viaPage.ok && viaPage.formErrorText?.join("")).toContain("无权");
      const direct = await sendProjectEvent(db, { projectId: f.project.id, user: f.pm, type: "APPROVE_SETTLEMENT", json: {}, info, locale: "zh-CN" });
      expect(direct).toMatchObject({ ok: false, status: 403, refusals: [{ code: "ROLE_NOT_ALLOWED" }] });
      expect((await projectRow(f.project.id)).version).toBe(before.version);
    });

    it("finance approving while the pm withdraws it: the pm wins, finance is told it changed meanwhile, nothing else changes", async () => {
      const shown = (await projectRow(f.project.id)).version; // both pages drawn at this version
      expect(await act("revise", f.pm, f.project.id, { reason: "补充签证单 QZ-005" }, shown)).toMatchObject({ ok: true, notice: "finance.notice.revised" });
      const afterRevise = await projectRow(f.project.id);
      const stale = await act("approve", finance, f.project.id, {}, shown);
      expect(stale).toMatchObject({ ok: false, errors: {}, formError: "finance.changedMeanwhile" });
      expect(stale && !stale.ok && stale.formErrorText).toBeUndefined();
      expect((await projectRow(f.project.id)).version).toBe(afterRevise.version);
      expect(await substate(f.project.id)).toBe("draft");
      expect((await versions(f.project.id)).map((v) => `${v.version}:${v.status}`)).toEqual(["1:superseded", "2:draft"]);

      expect(await act("submit", f.pm, f.project.id)).toMatchObject({ ok: true });
      expect(await act("approve", finance, f.project.id)).toEqual({ intent: "approve", ok: true, notice: "finance.notice.approved" });
      expect(await substate(f.project.id)).toBe("awaitingPayment");
      expect((await versions(f.project.id)).map((v) => `${v.version}:${v.status}`)).toEqual(["1:superseded", "2:approved"]);
    });

    it("invoices: required fields, 3 decimals, future date, duplicate number, total over the approved amount; pm refused", async () => {
      const bad = await act("addInvoice", finance, f.project.id, { number: "", issuedOn: addDays(today(), 1), amount: "100.005" });
      expect(bad).toMatchObject({ ok: false, errors: { number: "form.required", issuedOn: "finance.date.future", amount: "form.invalidAmount" }, values: { amount: "100.005" } });
      const tooLong = await act("addInvoice", finance, f.project.id, { number: "X".repeat(41), issuedOn: "2026-02-30", amount: "-5" });
      expect(tooLong).toMatchObject({ ok: false, errors: { number: "form.tooLong", issuedOn: "form.invalidDate", amount: "form.invalidAmount" } });

      expect(await act("addInvoice", finance, f.project.id, { number: "FP-0001", issuedOn: today(), amount: "60,000.00" })).toMatchObject({ ok: true, notice: "finance.notice.invoiceAdded" });
      expect(await act("addInvoice", finance, f.project.id, { number: "FP-0001", issuedOn: today(), amount: "1" })).toMatchObject({ ok: false, errors: { number: "finance.invoice.duplicate" } });
      expect(await act("addInvoice", finance, f.project.id, { number: "FP-0002", issuedOn: today(), amount: "40000.01" })).toMatchObject({ ok: false, errors: { amount: "finance.invoice.exceedsTotal" } });
      expect(await act("addInvoice", finance, f.project.id, { number: "FP-0002", issuedOn: today(), amount: "40000.00" })).toMatchObject({ ok: true });
      expect(await act("addInvoice", f.pm, f.project.id, { number: "FP-0003", issuedOn: today(), amount: "1" })).toMatchObject({ ok: false, formError: "error.forbidden" });

      const list = await listInvoices(db, f.project.id);
      expect(list.map((i) => [i.number, i.amountFen, i.settlementVersion])).toEqual([["FP-0001", 6_000_000, 2], ["FP-0002", 4_000_000, 2]]);
    });

    it("payments: one over what is due is refused with the machine's message; two partial then the rest hold the retention", async () => {
      const over = await act("recordPayment", finance, f.project.id, { amount: "97000.01", receivedOn: today(), reference: "" });
      expect(over).toMatchObject({ ok: false, errors: {} });
      expect(over && !over.ok && over.formErrorText?.join("")).toContain("收款金额超过未付金额");
      const threeDecimals = await act("recordPayment", finance, f.project.id, { amount: "1.005", receivedOn: today() });
      expect(threeDecimals).toMatchObject({ ok: false, errors: { amount: "form.invalidAmount" } });
      const future = await act("recordPayment", finance, f.project.id, { amount: "1", receivedOn: addDays(today(), 2) });
      expect(future).toMatchObject({ ok: false });
      expect(future && !future.ok && future.formErrorText?.join("")).toMatch(/日期/);

      expect(await act("recordPayment", finance, f.project.id, { amount: "30000", receivedOn: today(), reference: "HX-001" })).toMatchObject({ ok: true, notice: "finance.notice.paymentRecorded" });
      expect(await act("recordPayment", finance, f.project.id, { amount: "40000.50", receivedOn: today(), reference: "HX-002" })).toMatchObject({ ok: true });
      expect(await substate(f.project.id)).toBe("awaitingPayment");

      const inbox = await loadFinanceInbox(db, finance, today());
      const row = inbox.awaitingPayment.find((r) => r.projectId === f.project.id)!;
      expect(row).toMatchObject({ totalFen: 10_000_000, retentionFen: 300_000, paidFen: 7_000_050, outstandingFen: 2_699_950, invoicedFen: 10_000_000, overdue: false });

      expect(await act("recordPayment", finance, f.project.id, { amount: "26999.50", receivedOn: today(), reference: "HX-003" })).toMatchObject({ ok: true });
      expect(await substate(f.project.id)).toBe("retentionHeld");
      expect((await listPayments(db, f.project.id)).map((p) => [p.amountFen, p.kind, p.reference])).toEqual([
        [3_000_000, "progress", "HX-001"], [4_000_050, "progress", "HX-002"], [2_699_950, "progress", "HX-003"],
      ]);
    });

    it("the retention release before its due date is refused with the machine's message", async () => {
      const early = await act("releaseRetention", finance, f.project.id, { receivedOn: today(), reference: "ZB-1" });
      expect(early).toMatchObject({ ok: false });
      expect(early && !early.ok && early.formErrorText?.join("")).toContain(`质保金尚未到期，${addMonthsCivil(today(), 12)} 起方可退还`);
      expect(await substate(f.project.id)).toBe("retentionHeld");

      const inbox = await loadFinanceInbox(db, finance, today());
      expect(inbox.awaitingPayment.some((r) => r.projectId === f.project.id)).toBe(false);
      expect(inbox.retention.find((r) => r.projectId === f.project.id)).toMatchObject({ retentionFen: 300_000, retentionDueOn: addMonthsCivil(today(), 12), requested: false });
    });
  });

  describe("the inbox and the export", () => {
    let submitted: Fixture;
    let overdue: Fixture;
    beforeAll(async () => {
      submitted = await handoverProject();
      expect(await act("submit", submitted.pm, submitted.project.id)).toMatchObject({ ok: true });
      overdue = await handoverProject("=HYPERLINK(\"http://evil.test\",\"点我\")");
      expect(await act("submit", overdue.pm, overdue.project.id)).toMatchObject({ ok: true });
      expect(await act("approve", finance, overdue.project.id)).toMatchObject({ ok: true });
      expect(await act("recordPayment", finance, overdue.project.id, { amount: "1000", receivedOn: today(), reference: "@SUM(A1)" })).toMatchObject({ ok: true });
      // The client should have paid yesterday.
      await db.update(s.settlements).set({ paymentDueOn: addDays(today(), -1) }).where(and(eq(s.settlements.projectId, overdue.project.id), eq(s.settlements.status, "approved")));
    });

    it("lists what to review with the pm, what is owed with overdue flagged", async () => {
      const inbox = await loadFinanceInbox(db, management, today());
      expect(inbox.toReview.find((r) => r.projectId === submitted.project.id)).toMatchObject({ version: 1, totalFen: 10_000_000, pmName: "王项目", code: submitted.project.code });
      const late = inbox.awaitingPayment.find((r) => r.projectId === overdue.project.id)!;
      expect(late).toMatchObject({ overdue: true, paidFen: 100_000, outstandingFen: 9_600_000, paymentDueOn: addDays(today(), -1), clientName: overdue.client.name });
      // The day it falls due it is not overdue yet.
      expect((await loadFinanceInbox(db, finance, addDays(today(), -1))).awaitingPayment.find((r) => r.projectId === overdue.project.id)?.overdue).toBe(false);
    });

    it("exports four sheets; money as 2-decimal numbers, dates as text, formulas neutralised", async () => {
      const bytes = await exportFinanceXlsx(db, finance, today());
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(bytes as unknown as ArrayBuffer);
      expect(wb.worksheets.map((w) => w.name)).toEqual(["结算", "收款", "发票", "安装单位付款"]);
      const rowOf = (name: string, code: string) => {
        let found: ExcelJS.Row | undefined;
        wb.getWorksheet(name)!.eachRow((row) => {
          if (row.getCell(1).value === code) found = row;
        });
        return found!;
      };
      const evil = rowOf("结算", overdue.project.code);
      expect(evil.getCell(2).value).toBe("'=HYPERLINK(\"http://evil.test\",\"点我\")");
      expect(evil.getCell(6).value).toBe(100_000);
      expect(evil.getCell(6).numFmt).toBe("#,##0.00");
      expect(evil.getCell(9).value).toBe(1000);
      expect(evil.getCell(10).value).toBe(96_000);
      expect(evil.getCell(11).value).toBe(addDays(today(), -1));
      expect(evil.getCell(12).value).toBe("是");
      expect(rowOf("结算", submitted.project.code).getCell(5).value).toBe("待财务审核");
      const pay = rowOf("收款", overdue.project.code);
      expect([4, 5, 6, 7].map((c) => pay.getCell(c).value)).toEqual([today(), 1000, "进度款", "'@SUM(A1)"]);
      expect(pay.getCell(5).numFmt).toBe("#,##0.00");
    });
  });

  describe("installer payment requests", () => {
    let f: Fixture;
    let ids: Record<string, string>;
    beforeAll(async () => {
      f = await constructionProject(db);
      const [contract] = await db.select().from(s.vendorContracts).where(eq(s.vendorContracts.projectId, f.project.id));
      const rows = await db.insert(s.contractMilestones).values([
        { contractId: contract.id, position: 1, trigger: "entry", label: "进场款", basisPoints: 3000, amountFen: 10_950_000 },
        { contractId: contract.id, position: 2, trigger: "acceptance", label: "竣工验收款", basisPoints: 6700, amountFen: 24_455_000 },
        { contractId: contract.id, position: 3, trigger: "warrantyEnd", label: "质保金", basisPoints: 300, amountFen: 1_095_000 },
      ]).returning();
      ids = Object.fromEntries(rows.map((r) => [r.trigger, r.id]));
    });

    it("one request per milestone reached, due 30 days later; idempotent", async () => {
      expect(await createDueVendorPayments(db, { projectId: f.project.id, triggers: ["acceptance"], on: "2026-01-10" })).toBe(1);
      expect(await createDueVendorPayments(db, { projectId: f.project.id, triggers: ["acceptance"], on: "2026-01-11" })).toBe(0);
      expect(await createDueVendorPayments(db, { projectId: f.project.id, triggers: ["entry", "acceptance"], on: "2026-01-12" })).toBe(1);
      expect(await createDueVendorPayments(db, { projectId: f.project.id, triggers: ["settlement"], on: "2026-01-12" })).toBe(0);
      const rows = await db.select().from(s.vendorPaymentRequests).where(eq(s.vendorPaymentRequests.projectId, f.project.id));
      expect(rows.map((r) => [r.milestoneId, r.label, r.amountFen, r.dueOn, r.status, r.vendorId]).sort()).toEqual([
        [ids.acceptance, "竣工验收款", 24_455_000, "2026-02-09", "due", f.installer.id],
        [ids.entry, "进场款", 10_950_000, "2026-02-11", "due", f.installer.id],
      ].sort());
    });

    it("shows them in the inbox with the installer's name, overdue after the due date", async () => {
      const inbox = await loadFinanceInbox(db, finance, "2026-02-10");
      const mine = inbox.vendorPayments.filter((r) => r.projectId === f.project.id);
      expect(mine.map((r) => [r.label, r.vendorName, r.overdue])).toEqual([["竣工验收款", f.installer.name, true], ["进场款", f.installer.name, false]]);
    });

    it("finance marks one paid once: a second click is told it is already paid; bad dates and other roles refused", async () => {
      const [req] = await db.select().from(s.vendorPaymentRequests).where(eq(s.vendorPaymentRequests.milestoneId, ids.acceptance));
      expect(await markVendorPaymentPaid(db, { user: finance, requestId: req.id, paidOn: addDays(today(), 1), reference: "" })).toMatchObject({ ok: false, status: 400, errors: { paidOn: "finance.date.future" } });
      expect(await markVendorPaymentPaid(db, { user: finance, requestId: req.id, paidOn: "2026-13-01" })).toMatchObject({ ok: false, errors: { paidOn: "form.invalidDate" } });
      expect(await markVendorPaymentPaid(db, { user: management, requestId: req.id, paidOn: today() })).toMatchObject({ ok: false, status: 403 });
      expect(await markVendorPaymentPaid(db, { user: f.pm, requestId: req.id, paidOn: today() })).toMatchObject({ ok: false, status: 404 });

      const [a, b] = await Promise.all([
        markVendorPaymentPaid(db, { user: finance, requestId: req.id, paidOn: today(), reference: "ZF-01" }),
        markVendorPaymentPaid(db, { user: finance, requestId: req.id, paidOn: today(), reference: "ZF-02" }),
      ]);
      expect([a.ok, b.ok].sort()).toEqual([false, true]);
      expect([a, b].find((r) => !r.ok)).toMatchObject({ status: 409, formError: "finance.vendorPayment.alreadyPaid" });
      const [paid] = await db.select().from(s.vendorPaymentRequests).where(eq(s.vendorPaymentRequests.id, req.id));
      expect(paid).toMatchObject({ status: "paid", paidOn: today(), paidBy: finance.id });
      expect((await listVendorPayments(db, { status: "due" })).some((r) => r.id === req.id)).toBe(false);
    });

    it("the /finance page: listed with the form, marked paid (redirect with a notice), a second time told; others get 404", async () => {
      const cookie = async (u: SessionUser) => (await createSession(db, u.id, { ip: "", userAgent: "" })).split(";")[0];
      const financeCookie = await cookie(finance);
      const page = (c: string, path = "/finance", body?: Record<string, string>) => {
        const init: RequestInit = { headers: { Cookie: c } };
        if (body) {
          const fd = new FormData();
          for (const [k, v] of Object.entries(body)) fd.set(k, v);
          Object.assign(init, { method: "POST", body: fd });
        }
        return args(new Request(`http://localhost${path}`, init));
      };
      const loaded = payloadOf<{ inbox: { vendorPayments: { id: string; projectId: string }[] }; canAct: boolean }>(await inboxPage.loader(page(financeCookie)));
      expect(loaded.canAct).toBe(true);
      const [due] = loaded.inbox.vendorPayments.filter((r) => r.projectId === f.project.id);
      const badDate = await inboxPage.action(page(financeCookie, "/finance?intent=vendorPaid", { requestId: due.id, paidOn: "2099-01-01", reference: "" }));
      expect(statusOf(badDate)).toBe(400);
      expect(payloadOf(badDate)).toMatchObject({ requestId: due.id, errors: { paidOn: "finance.date.future" }, values: { paidOn: "2099-01-01" } });
      const done = await inboxPage.action(page(financeCookie, "/finance?intent=vendorPaid", { requestId: due.id, paidOn: today(), reference: "ZF-P" }));
      expect((done as Response).headers.get("Location")).toBe("/finance?notice=finance.vendorPayment.paid");
      const again = await inboxPage.action(page(financeCookie, "/finance?intent=vendorPaid", { requestId: due.id, paidOn: today(), reference: "ZF-P" }));
      expect(statusOf(again)).toBe(409);
      expect(payloadOf(again)).toMatchObject({ formError: "finance.vendorPayment.alreadyPaid" });
      // Management reads the page but has no forms; the pm has no finance inbox at all.
      expect(payloadOf<{ canAct: boolean }>(await inboxPage.loader(page(await cookie(management)))).canAct).toBe(false);
      const pmCookie = await cookie(f.pm);
      expect(statusOf(await thrown(inboxPage.loader(page(pmCookie))))).toBe(404);
      expect(statusOf(await thrown(inboxPage.action(page(pmCookie, "/finance?intent=vendorPaid", { requestId: due.id, paidOn: today() }))))).toBe(404);
      expect(statusOf(await thrown(exportPage.loader(page(pmCookie, "/finance/export.xlsx"))))).toBe(404);
      const file = (await exportPage.loader(page(financeCookie, "/finance/export.xlsx"))) as Response;
      expect(file.headers.get("Content-Disposition")).toContain(`filename*=UTF-8''${encodeURIComponent("财务台账-")}`);
      // Put it back to due for the API test below.
      await db.update(s.vendorPaymentRequests).set({ status: "due", paidOn: null, paidBy: null, reference: "" }).where(eq(s.vendorPaymentRequests.id, due.id));
    });

    it("the same through the API: list, pay, pay again (409)", async () => {
      const list = await vendorPaymentsApi.loader(args(api("/finance/vendor-payments?status=due", tokens.finance)));
      expect(list.status).toBe(200);
      const due = ((await list.json()) as { items: { id: string; projectId: string }[] }).items.filter((r) => r.projectId === f.project.id);
      expect(due).toHaveLength(1);
      const pay = (token: string) => payApi.action(args(api(`/finance/vendor-payments/${due[0].id}/pay`, token, { method: "POST", json: { paidOn: today(), reference: "ZF-03" } }), { requestId: due[0].id }));
      expect((await pay(tokens.management)).status).toBe(403);
      expect((await pay(tokens.finance)).status).toBe(200);
      const again = await pay(tokens.finance);
      expect(again.status).toBe(409);
      expect((await again.json()).error.message).toBe("该付款申请已登记为已付款，无需重复登记。");
      const future = await payApi.action(args(api(`/finance/vendor-payments/${due[0].id}/pay`, tokens.finance, { method: "POST", json: { paidOn: "2099-01-01" } }), { requestId: due[0].id }));
      expect(future.status).toBe(400);
    });
  });

  describe("permissions and the API", () => {
    let f: Fixture;
    let clientUser: SessionUser;
    beforeAll(async () => {
      f = await handoverProject();
      expect(await act("submit", f.pm, f.project.id)).toMatchObject({ ok: true });
      expect(await act("approve", finance, f.project.id)).toMatchObject({ ok: true });
      clientUser = await makeUser(db, ["client"], { name: "陈代表" });
      await db.insert(s.projectMembers).values({ projectId: f.project.id, userId: clientUser.id, party: "client" });
      tokens.client = (await issueApiToken(db, { userId: clientUser.id, name: "test" })).token;
      tokens.pm = (await issueApiToken(db, { userId: f.pm.id, name: "test" })).token;
    });

    it("a client-party user gets 404 from the inbox, the export and the invoices; the service refuses too", async () => {
      expect((await inboxApi.loader(args(api("/finance/inbox", tokens.client)))).status).toBe(404);
      expect((await exportApi.loader(args(api("/finance/export.xlsx", tokens.client)))).status).toBe(404);
      expect((await vendorPaymentsApi.loader(args(api("/finance/vendor-payments", tokens.client)))).status).toBe(404);
      const params = { projectId: f.project.id };
      expect((await invoicesApi.loader(args(api(`/projects/${f.project.id}/invoices`, tokens.client), params))).status).toBe(404);
      expect((await invoicesApi.action(args(api(`/projects/${f.project.id}/invoices`, tokens.client, { method: "POST", json: { number: "X", issuedOn: today(), amount: "1" } }), params))).status).toBe(404);
      expect(await thrown(loadFinanceInbox(db, clientUser, today()))).toMatchObject({ init: { status: 404 } });
      expect(await thrown(loadFinanceInbox(db, f.pm, today()))).toMatchObject({ init: { status: 404 } });
    });

    it("invoices over the API: finance adds (201), bad input is 400 with messages, the pm reads but may not add", async () => {
      const params = { projectId: f.project.id };
      const post = (token: string, json: unknown, lang = "zh-CN") =>
        invoicesApi.action(args(api(`/projects/${f.project.id}/invoices`, token, { method: "POST", json, headers: { "Accept-Language": lang } }), params));
      const created = await post(tokens.finance, { number: "API-1", issuedOn: today(), amount: 1234.5 });
      expect(created.status).toBe(201);
      expect((await created.json()).invoice).toMatchObject({ number: "API-1", amountFen: 123_450, settlementVersion: 1 });
      const bad = await post(tokens.finance, { number: "API-1", issuedOn: "2026-02-30", amount: 0.001 });
      expect(bad.status).toBe(400);
      expect((await bad.json()).error.fieldErrors).toEqual({ issuedOn: "请输入有效日期（年-月-日）", amount: "请输入有效金额：非负数，最多两位小数" });
      const dup = await post(tokens.finance, { number: "API-1", issuedOn: today(), amount: "1" });
      expect((await dup.json()).error.fieldErrors).toEqual({ number: "该发票号已登记，请勿重复登记" });
      const en = await post(tokens.finance, { number: "API-2", issuedOn: today(), amount: "999999" }, "en");
      expect((await en.json()).error.fieldErrors.amount).toBe("Invoices may not exceed the approved final total");
      expect((await post(tokens.pm, { number: "API-3", issuedOn: today(), amount: "1" })).status).toBe(403);
      const list = await invoicesApi.loader(args(api(`/projects/${f.project.id}/invoices`, tokens.pm), params));
      expect(list.status).toBe(200);
      expect(await list.json()).toMatchObject({ invoicedFen: 123_450, items: [{ number: "API-1" }] });
    });

    it("the inbox and the export over the API for finance", async () => {
      const inbox = await inboxApi.loader(args(api("/finance/inbox", tokens.finance)));
      expect(inbox.status).toBe(200);
      const body = await inbox.json();
      expect(body.awaitingPayment.find((r: { projectId: string }) => r.projectId === f.project.id)).toMatchObject({ invoicedFen: 123_450, outstandingFen: 9_700_000 });
      const xlsx = await exportApi.loader(args(api("/finance/export.xlsx", tokens.finance)));
      expect(xlsx.status).toBe(200);
      expect(xlsx.headers.get("Content-Type")).toContain("spreadsheetml");
      expect(Buffer.from(await xlsx.arrayBuffer()).subarray(0, 2).toString()).toBe("PK");
    });

    it("addInvoice directly refuses without the finance role even with a forged access", async () => {
      const access = await requireSettlementAccess(db, management, f.project.id);
      expect(await addInvoice(db, { access: { ...access, isFinance: true }, user: management, input: { number: "M-1", issuedOn: today(), amount: "1" } })).toMatchObject({ ok: false, status: 403 });
    });
  });
});
