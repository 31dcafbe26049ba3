// Quotes: revisions through the link (and double submits), the deadline and the stage, paper entry
// with bad numbers, imports through the page, withdrawal vs the rule of three, the API, and IDOR.
import ExcelJS from "exceljs";
import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { contacts, projects, quoteAttachments, quoteInvitations, quoteLines, quotes } from "#db/schema";
import { createSession, type SessionUser } from "~/lib/session.server";
import { issueApiToken } from "~/services/admin/issue-api-token.server";
import { inviteVendors } from "~/services/bidding/invite-vendors.server";
import { validateQuote } from "~/services/bidding/quote-input";
import { submitQuote } from "~/services/bidding/submit-quote.server";
import { loadQuoteFacts } from "~/services/projects/facts.server";
import * as apiQuotes from "~/routes/api.v1.projects.$projectId.quotes";
import * as apiWithdraw from "~/routes/api.v1.projects.$projectId.quotes.$quoteId.withdraw";
import * as bidding from "~/routes/projects.$projectId.bidding";
import * as link from "~/routes/q.$token";
import { makeCompany, makeProject, makeUser } from "../support/factories";
import { createTestDatabase, testDriver, type TestDatabase } from "../support/test-db";
import { payloadOf, statusOf, thrown } from "../support/route-results";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const inAYear = () => `${new Date().getFullYear() + 1}-06-30`;

describe(`bidding quotes (${testDriver()})`, () => {
  let t: TestDatabase;
  let db: Db;
  let pm: SessionUser;
  const cookie: Record<string, string> = {};
  const id: Record<string, string> = {};
  const tokens: Record<string, string> = {};
  const api: Record<string, string> = {};

  const quoteForm = (extra: Record<string, string> = {}) => ({
    contractingMethod: "包工包料",
    scope: "新风主机、风管安装",
    drawingsConfirmed: "on",
    durationDays: "45",
    requirements: "",
    paymentTerms: "进场 30%，验收 67%，质保金 3%",
    maintenanceTerms: "质保一年",
    validUntil: inAYear(),
    "lines[0].item": "新风主机安装",
    "lines[0].spec": "YD-XF500",
    "lines[0].unit": "台",
    "lines[0].quantity": "6",
    "lines[0].unitPrice": "1890",
    "lines[0].amount": "11340",
    "lines[1].item": "风管",
    "lines[1].spec": "",
    "lines[1].unit": "m²",
    "lines[1].quantity": "820.5",
    "lines[1].unitPrice": "101.5",
    "lines[1].amount": "",
    intent: "quote.save",
    ...extra,
  });
  const multipart = (fields: Record<string, string>, files: Record<string, { bytes: Buffer; name: string; type: string }> = {}) => {
    const fd = new FormData();
    for (const [k, v] of Object.entries(fields)) fd.append(k, v);
    for (const [k, f] of Object.entries(files)) fd.append(k, new File([new Uint8Array(f.bytes)], f.name, { type: f.type }));
    return fd;
  };
  const pageReq = (who: string, projectId: string, body?: FormData) =>
    new Request(`http://localhost/projects/${projectId}/bidding`, { method: body ? "POST" : "GET", headers: { Cookie: cookie[who] }, body });
  const args = (request: Request, params: Record<string, string>, ip = "127.0.0.1") => ({ request, params, context: { ip } }) as never;
  let ipSeq = 0;
  const linkPost = (token: string, fields: Record<string, string>) =>
    link.action(args(new Request(`http://localhost/q/${token}`, { method: "POST", body: multipart(fields) }), { token }, `10.1.0.${++ipSeq % 250}`));
  const revisions = async (projectId: string, vendorId: string) =>
    (await db.select({ revision: quotes.revision, source: quotes.source, totalFen: quotes.totalFen }).from(quotes).where(and(eq(quotes.projectId, projectId), eq(quotes.vendorId, vendorId)))).sort((a, b) => a.revision - b.revision);
  const quoteCount = async () => Number((await db.select({ n: count() }).from(quotes))[0].n);

  beforeAll(async () => {
    t = await createTestDatabase();
    db = t.db;
    pm = await makeUser(db, ["pm"]);
    const pm2 = await makeUser(db, ["pm"]);
    id.pm2 = pm2.id;
    cookie.pm = (await createSession(db, pm.id, { ip: "", userAgent: "" })).split(";")[0];
    cookie.pm2 = (await createSession(db, pm2.id, { ip: "", userAgent: "" })).split(";")[0];
    api.pm = (await issueApiToken(db, { userId: pm.id, name: "t" })).token;
    api.pm2 = (await issueApiToken(db, { userId: pm2.id, name: "t" })).token;
    for (const key of ["A", "B", "C", "D"]) {
      id[key] = (await makeCompany(db, "installer", `安装公司${key}`)).id;
      const [c] = await db.insert(contacts).values({ companyId: id[key], name: `联系人${key}`, email: `${key}@v.test` }).returning();
      id[`c${key}`] = c.id;
    }
    id.project = (await makeProject(db, pm)).id;
    id.other = (await makeProject(db, pm2)).id;
    const deadline = new Date(Date.now() + 3 * 86_400_000);
    const invited = await inviteVendors(db, pm, id.project, { invites: ["A", "B"].map((k) => ({ vendorId: id[k], contactId: id[`c${k}`] })), scope: "安装", drawings: "", requirements: "", deadline });
    if (!invited.ok) throw new Error(JSON.stringify(invited));
    for (const inv of invited.invitations) tokens[inv.vendorId === id.A ? "A" : "B"] = inv.token;
    const otherInv = await inviteVendors(db, pm2, id.other, { invites: [{ vendorId: id.C, contactId: id.cC }], scope: "x", drawings: "", requirements: "", deadline });
    if (!otherInv.ok) throw new Error("other");
    tokens.otherC = otherInv.invitations[0].token;
  });
  afterAll(async () => t?.drop());

  it("a vendor quotes through the link: revision 1, then 2 after negotiation; totals from the lines", async () => {
    const first = await linkPost(tokens.A, quoteForm({ basedOnRevision: "0", "lines[0].amount": "" }));
    expect(statusOf(first)).toBe(302);
    const second = await linkPost(tokens.A, quoteForm({ basedOnRevision: "1", "lines[0].unitPrice": "1800", "lines[0].amount": "10800" }));
    expect(statusOf(second)).toBe(302);
    expect((second as Response).headers.get("Location")).toBe(`/q/${tokens.A}?done=saved&n=2`);
    // 6 × 1890 + 820.5 × 101.5 = 11340 + 83280.75; then 6 × 1800 + 83280.75
    expect(await revisions(id.project, id.A)).toEqual([
      { revision: 1, source: "link", totalFen: 9_462_075 },
      { revision: 2, source: "link", totalFen: 9_408_075 },
    ]);
    const page = payloadOf<{ quotes: { vendorId: string; revisions: unknown[] }[] }>(await link.loader(args(new Request(`http://localhost/q/${tokens.A}`), { token: tokens.A }, "10.2.0.1")));
    expect(page.quotes.map((g) => g.vendorId)).toEqual([id.A]); // never another company's quote
    expect(page.quotes[0].revisions).toHaveLength(2);
  });

  it("a double submit of one form (same basedOnRevision) makes one revision", async () => {
    const form = quoteForm({ basedOnRevision: "0" });
    const results = await Promise.all([linkPost(tokens.B, form), linkPost(tokens.B, form)]);
    expect(results.map(statusOf).sort()).toEqual([302, 409]);
    const refused = results.find((r) => statusOf(r) === 409);
    expect(payloadOf<{ formError: string }>(refused).formError).toBe("bidding.quote.staleRevision");
    expect(await revisions(id.project, id.B)).toHaveLength(1);
  });

  it("another project's token cannot post quotes to this project", async () => {
    const before = await quoteCount();
    await linkPost(tokens.otherC, quoteForm({ basedOnRevision: "0", vendorId: id.A, projectId: id.project }));
    expect(await revisions(id.project, id.C)).toHaveLength(0);
    expect(await revisions(id.project, id.A)).toHaveLength(2);
    expect(await quoteCount()).toBe(before + 1); // it went to its own project only
    const [invC] = await db.select().from(quoteInvitations).where(eq(quoteInvitations.projectId, id.other));
    const parsed = validateQuote({ ...quoteForm(), lines: [{ item: "a", unit: "台", quantity: "1", unitPrice: "1" }], basedOnRevision: "0" }, "2000-01-01");
    if (!parsed.ok) throw new Error("schema");
    const direct = await submitQuote(db, { kind: "link", invitationId: invC.id, vendorName: "x" }, id.project, id.C, parsed.data, { source: "link" });
    expect(direct).toMatchObject({ ok: false, formError: "link.invalid" });
  });

  it("paper entry: bad numbers give field messages and write nothing; amount mismatch names the right amount", async () => {
    const before = await quoteCount();
    const bad = await bidding.action(args(pageReq("pm", id.project, multipart(quoteForm({ mode: "paper", vendorId: id.C, "lines[0].quantity": "-1", "lines[0].unitPrice": "1.234", "lines[1].quantity": "1e21", "lines[1].unitPrice": "abc", validUntil: "2000-01-01" }))), { projectId: id.project }));
    expect(statusOf(bad)).toBe(400);
    const body = payloadOf<{ errors: Record<string, string>; values: Record<string, string> }>(bad);
    expect(body.errors).toMatchObject({ "lines[0].quantity": "bidding.quote.quantityPositive", "lines[0].unitPrice": "form.invalidAmount", "lines[1].quantity": "bidding.quote.quantityInvalid", "lines[1].unitPrice": "form.invalidAmount", validUntil: "bidding.quote.validUntilPast" });
    expect(body.values["lines[1].quantity"]).toBe("1e21");
    const mismatch = await bidding.action(args(pageReq("pm", id.project, multipart(quoteForm({ mode: "paper", vendorId: id.C, "lines[0].amount": "11341" }))), { projectId: id.project }));
    expect(payloadOf<{ errors: Record<string, string> }>(mismatch).errors["lines[0].amount"]).toBe('bidding.quote.amountMismatch|{"expected":"¥11,340.00"}');
    expect(await quoteCount()).toBe(before);
    const ok = await bidding.action(args(pageReq("pm", id.project, multipart(quoteForm({ mode: "paper", vendorId: id.C }), { attachments: { bytes: PDF, name: "报价单.pdf", type: "application/pdf" } })), { projectId: id.project }));
    expect(statusOf(ok)).toBe(302);
    const [q] = await db.select().from(quotes).where(and(eq(quotes.projectId, id.project), eq(quotes.vendorId, id.C)));
    expect(q).toMatchObject({ source: "paper", revision: 1, totalFen: 9_462_075, enteredBy: pm.id });
    expect(await db.select().from(quoteAttachments).where(eq(quoteAttachments.quoteId, q.id))).toHaveLength(1);
  });

  it("import through the page: a bad file lists row errors and writes nothing; a good one becomes the lines", async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet("报价");
    sheet.addRow(["项目", "规格", "单位", "数量", "单价", "金额"]);
    sheet.addRow(["主机", "", "台", 2, 100, 200]);
    sheet.addRow(["风管", "", "m", 0, 10, null]);
    const bad = Buffer.from(await wb.xlsx.writeBuffer());
    const before = await quoteCount();
    const refused = await bidding.action(args(pageReq("pm", id.project, multipart(quoteForm({ mode: "import", vendorId: id.D }), { linesFile: { bytes: bad, name: "q.xlsx", type: XLSX } })), { projectId: id.project }));
    expect(statusOf(refused)).toBe(400);
    expect(payloadOf<{ rowErrors: unknown[] }>(refused).rowErrors).toEqual([{ row: 3, field: "quantity", message: "bidding.quote.quantityPositive" }]);
    expect(await quoteCount()).toBe(before);
    sheet.getRow(3).getCell(4).value = 3;
    const good = Buffer.from(await wb.xlsx.writeBuffer());
    const ok = await bidding.action(args(pageReq("pm", id.project, multipart(quoteForm({ mode: "import", vendorId: id.D }), { linesFile: { bytes: good, name: "q.xlsx", type: XLSX } })), { projectId: id.project }));
    expect(statusOf(ok)).toBe(302);
    const [q] = await db.select().from(quotes).where(and(eq(quotes.projectId, id.project), eq(quotes.vendorId, id.D)));
    expect(q).toMatchObject({ source: "import", totalFen: 23_000 });
    expect((await db.select().from(quoteLines).where(eq(quoteLines.quoteId, q.id))).map((l) => l.item).sort()).toEqual(["主机", "风管"]);
  });

  it("withdrawing a quote takes it out of the rule of three", async () => {
    const today = new Date().toISOString().slice(0, 10);
    expect((await loadQuoteFacts(db, id.project, today)).validQuotes.map((q) => q.vendorId).sort()).toEqual([id.A, id.B, id.C, id.D].sort());
    const [latestA] = await db.select().from(quotes).where(and(eq(quotes.vendorId, id.A), eq(quotes.revision, 2)));
    const [oldA] = await db.select().from(quotes).where(and(eq(quotes.vendorId, id.A), eq(quotes.revision, 1)));
    const noReason = await bidding.action(args(pageReq("pm", id.project, multipart({ intent: "withdraw", quoteId: latestA.id, reason: " " })), { projectId: id.project }));
    expect(payloadOf<{ errors: Record<string, string> }>(noReason).errors.reason).toBe("form.required");
    const notLatest = await bidding.action(args(pageReq("pm", id.project, multipart({ intent: "withdraw", quoteId: oldA.id, reason: "x" })), { projectId: id.project }));
    expect(payloadOf<{ formError: string }>(notLatest).formError).toBe("bidding.quote.notLatest");
    const ok = await bidding.action(args(pageReq("pm", id.project, multipart({ intent: "withdraw", quoteId: latestA.id, reason: "单位放弃报价" })), { projectId: id.project }));
    expect(statusOf(ok)).toBe(302);
    expect((await loadQuoteFacts(db, id.project, today)).validQuotes.map((q) => q.vendorId)).not.toContain(id.A);
    const view = payloadOf<{ quotes: { vendorId: string; revisions: { status: string; withdrawReason: string | null }[] }[] }>(await bidding.loader(args(pageReq("pm", id.project), { projectId: id.project })));
    expect(view.quotes.find((g) => g.vendorId === id.A)?.revisions[0]).toMatchObject({ status: "withdrawn", withdrawReason: "单位放弃报价" });
    // The vendor withdraws its own latest quote through the link.
    const [latestB] = await db.select().from(quotes).where(eq(quotes.vendorId, id.B));
    expect(statusOf(await linkPost(tokens.B, { intent: "withdraw", quoteId: latestB.id, reason: "价格有误" }))).toBe(302);
    expect((await db.select().from(quotes).where(eq(quotes.id, latestB.id)))[0].withdrawnAt).not.toBeNull();
  });

  it("API: lists revisions with lines, records a quote, refuses bad numbers in Chinese, withdraws", async () => {
    const call = (mod: { loader?: unknown; action?: unknown }, path: string, token: string, params: Record<string, string>, json?: unknown) => {
      const request = new Request(`http://localhost/api/v1${path}`, { method: json ? "POST" : "GET", headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" }, body: json ? JSON.stringify(json) : undefined });
      return ((json ? mod.action : mod.loader) as (a: unknown) => Promise<Response>)(args(request, params));
    };
    const list = await call(apiQuotes, `/projects/${id.project}/quotes`, api.pm, { projectId: id.project });
    const body = await list.json();
    expect(body.companies.find((c: { vendorId: string }) => c.vendorId === id.A).revisions.map((r: { revision: number }) => r.revision)).toEqual([2, 1]);
    const lines = [{ item: "主机", spec: "", unit: "台", quantity: 2, unitPrice: "100.005", amount: 1 }];
    const bad = await call(apiQuotes, `/projects/${id.project}/quotes`, api.pm, { projectId: id.project }, { vendorId: id.C, contractingMethod: "清包工", validUntil: inAYear(), lines });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.fieldErrors["lines[0].unitPrice"]).toBe("请输入有效金额：非负数，最多两位小数");
    const mismatch = await call(apiQuotes, `/projects/${id.project}/quotes`, api.pm, { projectId: id.project }, { vendorId: id.C, contractingMethod: "清包工", validUntil: inAYear(), lines: [{ ...lines[0], unitPrice: 100 }] });
    expect((await mismatch.json()).error.fieldErrors["lines[0].amount"]).toBe("金额与数量×单价不符（应为 ¥200.00）");
    const ok = await call(apiQuotes, `/projects/${id.project}/quotes`, api.pm, { projectId: id.project }, { vendorId: id.C, contractingMethod: "清包工", validUntil: inAYear(), basedOnRevision: 1, durationDays: 30, drawingsConfirmed: true, lines: [{ ...lines[0], unitPrice: 100, amount: 200 }] });
    expect(ok.status).toBe(201);
    const created = await ok.json();
    expect(created).toMatchObject({ revision: 2, totalFen: 20_000 });
    const stale = await call(apiQuotes, `/projects/${id.project}/quotes`, api.pm, { projectId: id.project }, { vendorId: id.C, contractingMethod: "清包工", validUntil: inAYear(), basedOnRevision: 1, lines: [{ ...lines[0], unitPrice: 100, amount: 200 }] });
    expect(stale.status).toBe(409);
    const w = await call(apiWithdraw, `/projects/${id.project}/quotes/${created.id}/withdraw`, api.pm, { projectId: id.project, quoteId: created.id }, { reason: "接口撤回" });
    expect(w.status).toBe(200);
  });

  it("IDOR: another project's pm gets 404 on the page, its actions and every API", async () => {
    const [q] = await db.select().from(quotes).where(eq(quotes.vendorId, id.D));
    expect(statusOf(await thrown(bidding.loader(args(pageReq("pm2", id.project), { projectId: id.project }))))).toBe(404);
    expect(statusOf(await thrown(bidding.action(args(pageReq("pm2", id.project, multipart({ intent: "withdraw", quoteId: q.id, reason: "x" })), { projectId: id.project }))))).toBe(404);
    const h = { Authorization: `Bearer ${api.pm2}`, "Content-Type": "application/json" };
    expect((await apiQuotes.loader(args(new Request("http://localhost/x", { headers: h }), { projectId: id.project }))).status).toBe(404);
    expect((await apiQuotes.action(args(new Request("http://localhost/x", { method: "POST", headers: h, body: "{}" }), { projectId: id.project }))).status).toBe(404);
    expect((await apiWithdraw.action(args(new Request("http://localhost/x", { method: "POST", headers: h, body: '{"reason":"x"}' }), { projectId: id.project, quoteId: q.id }))).status).toBe(404);
    // and the quote of this project cannot be withdrawn through the other project's URL
    const cross = await apiWithdraw.action(args(new Request("http://localhost/x", { method: "POST", headers: h, body: '{"reason":"x"}' }), { projectId: id.other, quoteId: q.id }));
    expect(cross.status).toBe(404);
    expect((await db.select().from(quotes).where(eq(quotes.id, q.id)))[0].withdrawnAt).toBeNull();
  });

  it("after the deadline or once the project left bidding, quotes are refused", async () => {
    const [invD] = await inviteVendors(db, pm, id.project, { invites: [{ vendorId: id.D, contactId: id.cD }], scope: "x", drawings: "", requirements: "", deadline: new Date(Date.now() + 60_000) }).then((r) => (r.ok ? r.invitations : []));
    await db.update(quoteInvitations).set({ deadline: new Date(Date.now() - 1000) }).where(eq(quoteInvitations.id, invD.id));
    const late = await linkPost(invD.token, quoteForm({ basedOnRevision: "1" }));
    expect([statusOf(late), payloadOf(late)]).toEqual([404, { state: "invalid" }]);
    // The project moves on (set directly here: the stage machinery is tested elsewhere).
    await db.update(projects).set({ stage: "awaitingDecision" }).where(eq(projects.id, id.project));
    const closed = await linkPost(tokens.B, quoteForm({ basedOnRevision: "1" }));
    expect(payloadOf(closed)).toEqual({ state: "closed" });
    const paper = await bidding.action(args(pageReq("pm", id.project, multipart(quoteForm({ mode: "paper", vendorId: id.C }))), { projectId: id.project }));
    expect([statusOf(paper), payloadOf<{ formError: string }>(paper).formError]).toEqual([409, "bidding.closed"]);
    const view = payloadOf<{ canWrite: boolean }>(await bidding.loader(args(pageReq("pm", id.project), { projectId: id.project })));
    expect(view.canWrite).toBe(false);
    await db.update(projects).set({ stage: "bidding" }).where(eq(projects.id, id.project));
  });
});
