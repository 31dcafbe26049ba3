// quality.md, "Faults and bad inputs", line 2. Each form or API body that could carry a field the
// server must decide for itself — who acts (role, approver, signer party), what record it belongs
// to (project id, vendor), its state (status, stage) and computed amounts (totals, retention,
// coverage) — is posted with forged values. The forged value is either ignored (the stored record
// shows the server's value) or the request is refused with 4xx and nothing is written.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import * as s from "#db/schema";
import { reach } from "#machines/fixtures";
import { addDays, shanghaiDate } from "~/lib/calendar";
import { hashPassword } from "~/lib/password.server";
import { getSessionUser } from "~/lib/session.server";
import * as adminUser from "~/routes/admin.users.$userId";
import * as apiEvents from "~/routes/api.v1.projects.$projectId.events";
import * as apiLinks from "~/routes/api.v1.links.$token";
import * as apiMe from "~/routes/api.v1.me";
import * as apiNotes from "~/routes/api.v1.projects.$projectId.notes";
import * as apiReplies from "~/routes/api.v1.projects.$projectId.rectifications.$rectificationId.replies";
import * as apiSettlement from "~/routes/api.v1.projects.$projectId.settlement._index";
import * as apiSteps from "~/routes/api.v1.service.tickets.$ticketId.steps";
import * as apiTickets from "~/routes/api.v1.service.tickets";
import * as login from "~/routes/login";
import * as comparison from "~/routes/projects.$projectId.comparison";
import * as construction from "~/routes/projects.$projectId.construction";
import * as rectificationsPage from "~/routes/projects.$projectId.rectifications";
import * as settlementPage from "~/routes/projects.$projectId.settlement";
import * as ticketPage from "~/routes/service.tickets.$ticketId";
import * as pageEvents from "~/routes/projects.$projectId.events";
import * as quoteLink from "~/routes/q.$token";
import * as reviewPage from "~/routes/r.$token";
import { sendProjectEvent } from "~/services/projects/project-events.server";
import { inviteVendors } from "~/services/bidding/invite-vendors.server";
import { acceptToday, constructionProject, meetPreconditions } from "../integration/acceptance-fixture";
import { enterReview, signForm, tokenFrom } from "../integration/review-fixture";
import { acceptedProject } from "../integration/warranty-fixture";
import { makeCompany, makeProject, makeQuote, makeUser } from "../support/factories";
import { createTestDatabase, testDriver, type TestDatabase } from "../support/test-db";
import { caller, changedTables, fingerprint, outcome, requestAs, routeArgs, type Caller, type Outcome } from "./support";

const info = { ip: "127.0.0.1", userAgent: "vitest" };
const today = () => shanghaiDate(new Date().toISOString());

function form(fields: Record<string, string>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  return fd;
}
const show = (o: Outcome) => `${o.status} ${o.text.slice(0, 300)}`;
const refused = (o: Outcome) => o.status >= 400 && o.status < 500;

describe("Forged hidden fields (role, amount, status, approver, project id)", () => {
  let t: TestDatabase;
  let db: Db;
  beforeAll(async () => {
    t = await createTestDatabase();
    db = t.db;
  });
  afterAll(async () => t?.drop());

  /** The request must be refused with 4xx and write nothing at all. */
  async function expectRefusedNothingWritten(run: () => Promise<Outcome>, label: string) {
    const before = await fingerprint(db);
    const o = await run();
    expect(refused(o), `${label}: ${show(o)}`).toBe(true);
    expect(changedTables(before, await fingerprint(db)), label).toEqual([]);
    return o;
  }

  describe("an installer, or a pm claiming another role, posting the award decision", () => {
    let project: { id: string; version: number };
    let vendor: Caller;
    let pm: Caller;
    let winnerId = "";
    beforeAll(async () => {
      const pmUser = await makeUser(db, ["pm"]);
      const installer = await makeCompany(db, "installer", "投标方甲");
      const vendorUser = await makeUser(db, ["vendor"], { companyId: installer.id });
      const p = await makeProject(db, pmUser, { stage: "awaitingDecision", snapshot: reach("awaitingDecision") });
      for (let i = 0; i < 3; i++) await makeQuote(db, p.id, i === 0 ? { vendorId: installer.id } : {});
      await db.insert(s.projectMembers).values({ projectId: p.id, userId: vendorUser.id, party: "vendor" });
      project = { id: p.id, version: p.version };
      winnerId = installer.id;
      vendor = await caller(db, vendorUser);
      pm = await caller(db, pmUser);
    });
    const award = (who: Caller, extra: Record<string, string> = {}) =>
      outcome(() => comparison.action(routeArgs(requestAs(who, "projects", `/projects/${project.id}/comparison`, { form: form({ intent: "award", version: String(project.version), vendorId: winnerId, reason: "价格最低", role: "management", roles: "management", userId: "", ...extra }) }), { projectId: project.id })));
    const apiAward = (who: Caller) =>
      outcome(() => apiEvents.action(routeArgs(requestAs(who, "api.v1", `/api/v1/projects/${project.id}/events`, { json: { type: "AWARD", payload: { vendorId: winnerId, reason: "价格最低" }, expectedVersion: project.version, role: "management", actor: { role: "management" } } }), { projectId: project.id })));

    it("the installer's own award on the comparison page (with role=management in the form) → refused, nothing written", async () => {
      await expectRefusedNothingWritten(() => award(vendor), "vendor page award");
    });
    it("the installer's award through the API events endpoint (with a forged role) → refused, nothing written", async () => {
      const o = await expectRefusedNothingWritten(() => apiAward(vendor), "vendor API award");
      expect([403, 404]).toContain(o.status);
    });
    it("the pm's award with role=management in the form and the API body → refused, nothing written", async () => {
      const page = await expectRefusedNothingWritten(() => award(pm), "pm page award");
      expect(page.status).toBe(403);
      expect(page.text).toContain("无权");
      const o = await expectRefusedNothingWritten(() => apiAward(pm), "pm API award");
      expect(o.status).toBe(403);
    });
  });

  it("a changed hidden version on the project page's event form → 409, nothing written", async () => {
    const boss = await caller(db, await makeUser(db, ["management"]));
    const p = await makeProject(db, await makeUser(db, ["pm"]), { stage: "survey", snapshot: reach("survey") });
    for (const version of [p.version + 1, p.version + 1000, 0]) {
      const o = await expectRefusedNothingWritten(
        () => outcome(() => pageEvents.action(routeArgs(requestAs(boss, "projects", `/projects/${p.id}/events`, { form: form({ type: "CANCEL", version: String(version), reason: "客户取消" }) }), { projectId: p.id }))),
        `version ${version}`,
      );
      expect(o.status).toBe(409);
      expect((JSON.parse(o.text) as { message: string }).message).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  describe("a forged project id on a note or a rectification reply is stored on the URL's project", () => {
    let pm: Caller;
    let here = "";
    let elsewhere = "";
    beforeAll(async () => {
      const pmUser = await makeUser(db, ["pm"]);
      pm = await caller(db, pmUser);
      // Both projects are the same pm's: the forged id names a project the caller could write to.
      here = (await makeProject(db, pmUser, { name: "本项目", stage: "construction", snapshot: reach("construction") })).id;
      elsewhere = (await makeProject(db, pmUser, { name: "另一项目", stage: "construction", snapshot: reach("construction") })).id;
    });
    const notesOf = async (projectId: string) => db.select().from(s.coordinationNotes).where(eq(s.coordinationNotes.projectId, projectId));

    it("construction page addNote with projectId / createdBy of elsewhere → the note is on the URL's project, by the caller", async () => {
      const other = await makeUser(db, ["pm"]);
      const o = await outcome(() =>
        construction.action(routeArgs(requestAs(pm, "projects", `/projects/${here}/construction`, { form: form({ intent: "addNote", projectId: elsewhere, createdBy: other.id, noteDate: today(), party: "client", content: "伪造项目号的协调记录" }) }), { projectId: here })),
      );
      expect(o.status, show(o)).toBe(302);
      expect(await notesOf(elsewhere)).toEqual([]);
      expect((await notesOf(here)).map((n) => [n.content, n.createdBy])).toEqual([["伪造项目号的协调记录", pm.id]]);
    });

    it("API notes POST with projectId of elsewhere → stored on the URL's project", async () => {
      const o = await outcome(() =>
        apiNotes.action(routeArgs(requestAs(pm, "api.v1", `/api/v1/projects/${here}/notes`, { json: { projectId: elsewhere, noteDate: today(), party: "supervisor", content: "API伪造项目号", createdBy: "00000000-0000-0000-0000-000000000000" } }), { projectId: here })),
      );
      expect(o.status, show(o)).toBeLessThan(300);
      expect(await notesOf(elsewhere)).toEqual([]);
      expect((await notesOf(here)).filter((n) => n.content === "API伪造项目号").map((n) => n.createdBy)).toEqual([pm.id]);
    });

    it("rectification reply (page and API) with projectId of elsewhere and status=closed → the URL's notice gets the reply, still awaiting verification", async () => {
      const [noticeA] = await db.insert(s.rectifications).values({ projectId: here, subject: "风管保温破损" }).returning();
      const [noticeB] = await db.insert(s.rectifications).values({ projectId: here, subject: "风口松动" }).returning();
      const page = await outcome(() =>
        rectificationsPage.action(routeArgs(requestAs(pm, "projects", `/projects/${here}/rectifications`, { form: form({ intent: "reply", rectificationId: noticeA.id, content: "已整改", projectId: elsewhere, status: "closed" }) }), { projectId: here })),
      );
      expect(page.status, show(page)).toBe(302);
      const api = await outcome(() =>
        apiReplies.action(routeArgs(requestAs(pm, "api.v1", `/api/v1/projects/${here}/rectifications/${noticeB.id}/replies`, { json: { content: "已紧固", projectId: elsewhere, status: "closed", createdBy: "00000000-0000-0000-0000-000000000000" } }), { projectId: here, rectificationId: noticeB.id })),
      );
      expect(api.status, show(api)).toBeLessThan(300);
      for (const [notice, content] of [[noticeA, "已整改"], [noticeB, "已紧固"]] as const) {
        const [row] = await db.select().from(s.rectifications).where(eq(s.rectifications.id, notice.id));
        expect(row.status).toBe("replied");
        expect(row.projectId).toBe(here);
        const replies = await db.select().from(s.rectificationReplies).where(eq(s.rectificationReplies.rectificationId, notice.id));
        expect(replies.map((r) => [r.content, r.createdBy])).toEqual([[content, pm.id]]);
      }
      expect(await db.select().from(s.rectifications).where(eq(s.rectifications.projectId, elsewhere))).toEqual([]);
      expect(await db.select().from(s.reviewTasks).where(eq(s.reviewTasks.projectId, elsewhere))).toEqual([]);
    });
  });

  describe("settlement: forged totals, status and approver", () => {
    let f: Awaited<ReturnType<typeof constructionProject>>;
    let pm: Caller;
    let finance: Caller & { name: string };
    beforeAll(async () => {
      f = await constructionProject(db);
      await meetPreconditions(db, f.project.id, f.pm.id);
      await acceptToday(db, f);
      pm = await caller(db, f.pm);
      const u = await makeUser(db, ["finance"], { name: "孙财务" });
      finance = { ...(await caller(db, u)), name: u.name };
    });
    const intent = (who: Caller, name: string, fields: Record<string, string>) =>
      outcome(() => settlementPage.action(routeArgs(requestAs(who, "projects", `/projects/${f.project.id}/settlement?intent=${name}`, { form: form(fields) }), { projectId: f.project.id })));
    const version = async () => String((await db.select().from(s.projects).where(eq(s.projects.id, f.project.id)))[0].version);
    const latest = async () => (await db.select().from(s.settlements).where(eq(s.settlements.projectId, f.project.id))).sort((a, b) => b.version - a.version)[0];

    it("saveDraft with forged totalFen / retentionFen / finalTotal / status / decidedBy → totals recomputed from the lines, still a draft", async () => {
      const o = await intent(pm, "saveDraft", {
        contractAmount: "365000", retentionMode: "rate", retentionRate: "3", defectMonths: "12", paidBefore: "0", paymentDueOn: addDays(today(), 30), basis: "施工合同", payeeBank: "工商银行", payeeAccount: "3602000000001",
        "lines[0].kind": "variation", "lines[0].number": "BG-001", "lines[0].reason": "增设新风末端", "lines[0].amount": "12800", "lines[0].approvedBy": "陈代表", "lines[0].approvedOn": today(),
        totalFen: "1", total: "1", finalTotal: "1", finalTotalFen: "1", retentionFen: "0", payableNowFen: "99999999", status: "approved", decidedBy: finance.id, version: "99", projectId: "00000000-0000-0000-0000-000000000000",
      });
      expect(o.status, show(o)).toBe(302);
      const row = await latest();
      expect(row).toMatchObject({ status: "draft", totalFen: 37_780_000, retentionFen: 1_133_400, decidedBy: null, version: 1, projectId: f.project.id, preparedBy: pm.id });
    });

    it("the settlement API (PUT) with forged totals, status and approver → totals recomputed, still a draft", async () => {
      const o = await outcome(() =>
        apiSettlement.action(
          routeArgs(
            requestAs(pm, "api.v1", `/api/v1/projects/${f.project.id}/settlement`, {
              method: "PUT",
              json: {
                contractAmount: "365000", retentionMode: "rate", retentionRate: "3", defectMonths: "12", paidBefore: "0", paymentDueOn: addDays(today(), 30), basis: "施工合同", payeeBank: "工商银行", payeeAccount: "3602000000001",
                lines: [{ kind: "deduction", number: "KK-001", reason: "逾期违约金", amount: "-1200", approvedBy: "陈代表", approvedOn: today(), amountFen: 1 }],
                totalFen: 1, finalTotalFen: 1, retentionFen: 0, figures: { finalTotalFen: 1 }, status: "approved", decidedBy: finance.id, version: 7,
              },
            }),
            { projectId: f.project.id },
          ),
        ),
      );
      expect(o.status, show(o)).toBe(200);
      const row = await latest();
      expect(row).toMatchObject({ status: "draft", totalFen: 36_380_000, retentionFen: 1_091_400, decidedBy: null, version: 1 });
      const lines = await db.select().from(s.settlementLines).where(eq(s.settlementLines.settlementId, row.id));
      expect(lines.map((l) => l.amountFen)).toEqual([-120_000]);
    });

    it("the pm approving with role=finance in the form → refused, nothing written", async () => {
      expect((await sendProjectEvent(db, { projectId: f.project.id, user: f.pm, type: "SUBMIT_SETTLEMENT", json: {}, info, locale: "zh-CN" })).ok).toBe(true);
      const v = await version();
      const o = await expectRefusedNothingWritten(() => intent(pm, "approve", { version: v, role: "finance", roles: "finance", decidedBy: finance.id }), "pm approve");
      expect(JSON.parse(o.text)).toMatchObject({ ok: false });
      // Refused for the role the session has (项目经理), not for a stale form.
      expect(o.text).toContain("无权");
    });

    it("finance approving with forged approvedBy / decidedBy / status / role / actor label → the audit and the settlement name the real approver", async () => {
      const v = await version();
      const o = await intent(finance, "approve", { version: v, approvedBy: "伪造审批人", decidedBy: pm.id, status: "returned", role: "management", actorLabel: "伪造", userId: pm.id, comment: "同意" });
      expect(o.status, show(o)).toBe(302);
      const row = await latest();
      expect(row).toMatchObject({ status: "approved", decidedBy: finance.id });
      const [audit] = await db.select().from(s.auditEvents).where(and(eq(s.auditEvents.projectId, f.project.id), eq(s.auditEvents.event, "APPROVE_SETTLEMENT")));
      expect(audit).toMatchObject({ actorUserId: finance.id, role: "finance", actorLabel: finance.name });
      expect(JSON.stringify(audit.payload)).not.toContain("伪造");
    });
  });

  it("a quote through the vendor's link with a forged total, vendor and project → stored for the invitation's vendor and project, total from the lines", async () => {
    const pmUser = await makeUser(db, ["pm"]);
    const vendorA = await makeCompany(db, "installer", "投标方A");
    const vendorB = await makeCompany(db, "installer", "投标方B");
    const [contact] = await db.insert(s.contacts).values({ companyId: vendorA.id, name: "联系人A", email: "a@vendor.test" }).returning();
    const project = await makeProject(db, pmUser);
    const other = await makeProject(db, pmUser);
    const invited = await inviteVendors(db, pmUser, project.id, { invites: [{ vendorId: vendorA.id, contactId: contact.id }], scope: "安装", drawings: "", requirements: "", deadline: new Date(Date.now() + 3 * 86_400_000) });
    if (!invited.ok) throw new Error(JSON.stringify(invited));
    const token = invited.invitations[0].token;
    const fields = {
      intent: "quote.save", contractingMethod: "包工包料", scope: "新风主机、风管安装", durationDays: "45", validUntil: addDays(today(), 365), basedOnRevision: "0",
      "lines[0].item": "新风主机安装", "lines[0].spec": "YD-XF500", "lines[0].unit": "台", "lines[0].quantity": "6", "lines[0].unitPrice": "1890", "lines[0].amount": "11340",
      "lines[1].item": "风管", "lines[1].spec": "", "lines[1].unit": "m²", "lines[1].quantity": "820.5", "lines[1].unitPrice": "101.5", "lines[1].amount": "",
      // forged: the hidden vendorId of the pm's paper form, a project id, totals, a source and a revision
      vendorId: vendorB.id, projectId: other.id, totalFen: "1", total: "1.00", source: "paper", revision: "9", withdrawnAt: "",
    };
    const o = await outcome(() => quoteLink.action(routeArgs(new Request(`http://localhost/q/${token}`, { method: "POST", body: form(fields) }), { token }, "10.21.0.1")));
    expect(o.status, show(o)).toBe(302);
    const stored = await db.select().from(s.quotes).where(eq(s.quotes.projectId, project.id));
    expect(stored.map((q) => [q.vendorId, q.totalFen, q.source, q.revision])).toEqual([[vendorA.id, 9_462_075, "link", 1]]);
    expect(await db.select().from(s.quotes).where(eq(s.quotes.projectId, other.id))).toEqual([]);
    expect(await db.select().from(s.quotes).where(eq(s.quotes.vendorId, vendorB.id))).toEqual([]);
  });

  describe("service tickets: forged coverage on a project whose warranty has expired", () => {
    let service: Caller;
    let projectId = "";
    let seq = 0;
    beforeAll(async () => {
      const u = await makeUser(db, ["service"], { name: "钱工" });
      service = await caller(db, u);
      projectId = (await acceptedProject(db, "2020-03-10")).project.id; // warranty long over
    });
    const contactedTicket = async () =>
      (
        await db
          .insert(s.serviceTickets)
          .values({ number: `FW-Q2-${++seq}`, projectId, channel: "hotline", reporterName: "刘女士", contactPhone: "13800000000", description: "新风机异响", status: "contacted", assignedTo: service.id, contactDueAt: new Date() })
          .returning()
      )[0];
    const diagnose = (ticket: { id: string; version: number }, extra: Record<string, unknown>) =>
      outcome(() => apiSteps.action(routeArgs(requestAs(service, "api.v1", `/api/v1/service/tickets/${ticket.id}/steps`, { json: { step: "diagnose", expectedVersion: ticket.version, diagnosis: "电机损坏", ...extra } }), { ticketId: ticket.id })));

    it("diagnose with coverage=warranty or coverage=free → 400 beside the field, nothing written", async () => {
      const ticket = await contactedTicket();
      for (const coverage of ["warranty", "free", "contract"]) {
        const o = await expectRefusedNothingWritten(() => diagnose(ticket, { coverage, exclusion: "", underWarranty: true, warrantyEndsOn: "2099-12-31" }), coverage);
        expect(o.status).toBe(400);
        expect((JSON.parse(o.text) as { error: { fieldErrors: Record<string, string> } }).error.fieldErrors.coverage).toMatch(/[\u4e00-\u9fff]/);
      }
    });

    it("the ticket page's diagnose form with coverage=warranty, or with a changed hidden version → refused, nothing written", async () => {
      const ticket = await contactedTicket();
      const post = (fields: Record<string, string>) =>
        outcome(() => ticketPage.action(routeArgs(requestAs(service, "service", `/service/tickets/${ticket.id}`, { form: form({ step: "diagnose", version: String(ticket.version), diagnosis: "电机损坏", coverage: "warranty", ...fields }) }), { ticketId: ticket.id })));
      const o = await expectRefusedNothingWritten(() => post({}), "page warranty");
      expect(o.status).toBe(400);
      const stale = await expectRefusedNothingWritten(() => post({ coverage: "paid", version: String(ticket.version + 3) }), "page changed version");
      expect(stale.status).toBe(409);
    });

    it("diagnose with coverage=paid and forged warranty facts → stored as the server computes it (paid, expired)", async () => {
      const ticket = await contactedTicket();
      const o = await diagnose(ticket, { coverage: "paid", exclusion: "", status: "closed", maintenanceContractId: "00000000-0000-0000-0000-000000000000", warrantyEndsOn: "2099-12-31" });
      expect(o.status, show(o)).toBe(200);
      const [row] = await db.select().from(s.serviceTickets).where(eq(s.serviceTickets.id, ticket.id));
      expect(row).toMatchObject({ status: "diagnosed", coverage: "paid", exclusion: "expired", maintenanceContractId: null });
    });

    it("a new ticket with forged coverage / status / assignee / number → the server's values", async () => {
      const o = await outcome(() =>
        apiTickets.action(
          routeArgs(
            requestAs(service, "api.v1", "/api/v1/service/tickets", {
              json: { projectId, channel: "hotline", reporterName: "刘女士", contactPhone: "13800000000", siteAddress: "天河路1号", area: "city", description: "新风机不出风，面板显示故障代码 E3", coverage: "warranty", status: "closed", assignedTo: service.id, number: "FW-FORGED-1", version: 9, createdBy: "00000000-0000-0000-0000-000000000000" },
            }),
            {},
          ),
        ),
      );
      expect(o.status, show(o)).toBe(201);
      const { id } = JSON.parse(o.text) as { id: string };
      const [row] = await db.select().from(s.serviceTickets).where(eq(s.serviceTickets.id, id));
      expect(row).toMatchObject({ status: "received", coverage: null, assignedTo: null, version: 1, createdBy: service.id });
      expect(row.number).not.toBe("FW-FORGED-1");
    });
  });

  describe("a signing link with a forged signer party, role, organisation or project", () => {
    it("API /api/v1/links and the page /r/: the signature is the task's party and organisation, on the task's project", async () => {
      const other = await makeProject(db, await makeUser(db, ["pm"]));
      for (const via of ["api", "page"] as const) {
        const ctx = await enterReview(db);
        const mail = (await db.select().from(s.outbox).where(eq(s.outbox.projectId, ctx.project.id))).find((m) => m.template === "review.commencement")!;
        const token = tokenFrom(mail.payload.text);
        const [task] = await db.select().from(s.reviewTasks).where(eq(s.reviewTasks.projectId, ctx.project.id));
        const view = JSON.parse((await outcome(() => apiLinks.loader(routeArgs(new Request(`http://localhost/api/v1/links/${token}`), { token }, "10.21.1.1")))).text) as { view: { contentHash: string } };
        const forged = { party: "client", role: "client", organisation: "伪造单位", projectId: other.id, documentKind: "acceptance", kind: "acceptance", taskId: "00000000-0000-0000-0000-000000000000" };
        const signed =
          via === "api"
            ? await outcome(() =>
                apiLinks.action(routeArgs(new Request(`http://localhost/api/v1/links/${token}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ contentHash: view.view.contentHash, decision: "approved", signerName: "李总监", signerRole: "总监理工程师", typedSignature: "李总监", ...forged }) }), { token }, "10.21.1.1")),
              )
            : await outcome(() => reviewPage.action(routeArgs(signForm(token, { contentHash: view.view.contentHash, decision: "approved", signerName: "李总监", signerRole: "总监理工程师", typedSignature: "李总监", ...forged }), { token }, "10.21.1.1")));
        expect(signed.status, show(signed)).toBe(200);
        const sigs = await db.select().from(s.signatures).where(eq(s.signatures.projectId, ctx.project.id));
        expect(sigs.map((x) => [x.party, x.organisation, x.documentKind])).toEqual([[task.party, task.organisation, "commencement"]]);
        expect(task.party).toBe("supervisor");
        const [audit] = await db.select().from(s.auditEvents).where(and(eq(s.auditEvents.projectId, ctx.project.id), eq(s.auditEvents.event, "APPROVE_COMMENCEMENT")));
        expect(audit.role).toBe("supervisor");
        expect(audit.actorLabel).not.toContain("伪造");
        expect(await db.select().from(s.signatures).where(eq(s.signatures.projectId, other.id))).toEqual([]);
      }
    });
  });

  describe("users: forged role or company on login or on one's own user record", () => {
    let user: Awaited<ReturnType<typeof makeUser>>;
    let admin: Awaited<ReturnType<typeof makeUser>>;
    let company = "";
    beforeAll(async () => {
      company = (await makeCompany(db, "installer", "外来公司")).id;
      user = await makeUser(db, ["pm"], { email: "forger@test.cn", passwordHash: await hashPassword("正确的密码-123") });
      admin = await makeUser(db, ["admin"]);
    });

    it("login with role=admin / companyId / userId fields → signed in as the user with the user's own roles and company", async () => {
      const o = await login.action(
        routeArgs(new Request("http://localhost/login", { method: "POST", body: form({ email: "forger@test.cn", password: "正确的密码-123", role: "admin", roles: "admin", companyId: company, userId: admin.id, redirectTo: "/" }) }), {}, "10.21.2.1"),
      );
      const res = o as Response;
      expect(res.status).toBe(302);
      const cookie = res.headers.get("Set-Cookie")!.split(";")[0];
      const session = await getSessionUser(new Request("http://localhost/", { headers: { Cookie: cookie } }), db);
      expect(session).toMatchObject({ id: user.id, roles: ["pm"], companyId: null });
      const roles = await db.select().from(s.userRoles).where(eq(s.userRoles.userId, user.id));
      expect(roles.map((r) => r.role)).toEqual(["pm"]);
    });

    it("a non-admin posting the admin user form for their own record (roles=admin, companyId) → refused, nothing written", async () => {
      const me = await caller(db, user);
      for (const intent of ["save", "enable", "resetPassword"]) {
        await expectRefusedNothingWritten(
          () => outcome(() => adminUser.action(routeArgs(requestAs(me, "admin", `/admin/users/${user.id}`, { form: form({ intent, name: "我", email: "forger@test.cn", roles: "admin", companyId: company, password: "新密码-123456" }) }), { userId: user.id }))),
          `self ${intent}`,
        );
      }
    });

    it("/api/v1/me takes no writes: there is no self-edit path to forge a role through", () => {
      expect(typeof apiMe.loader).toBe("function");
      expect("action" in apiMe).toBe(false);
    });
  });

  it(`runs on ${testDriver()}`, () => expect(["pglite", "postgres"]).toContain(testDriver()));
});
