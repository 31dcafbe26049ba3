// quality.md, "Faults and bad inputs", line 1. The route modules are read from app/routes, so a new
// route with an id in its URL fails the completeness test below until it is listed here. Each
// listed route is called — loader as GET, action as POST with every intent its source names — by
// users who must not see the record, with real ids of the demo company's records (the victim), and
// with a victim record's id inside the URL or form of a project the caller may see. Every answer
// must be 403/404, must not contain the victim's identifying text, and nothing may be written.
import fs from "node:fs";
import path from "node:path";
import { and, eq, ne } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as s from "#db/schema";
import { seedDemoData } from "#db/seed";
import { reach } from "#machines/fixtures";
import { sha256Hex } from "~/lib/tokens.server";
import { acceptedSnapshot } from "../integration/warranty-fixture";
import { makeCompany, makeProject, makeUser } from "../support/factories";
import { createTestDatabase, testDriver, type TestDatabase } from "../support/test-db";
import { caller, changedTables, fingerprint, loadRoute, outcome, paramsOf, requestAs, routeArgs, routeFiles, ROUTES_DIR, urlOf, type Caller, type Outcome } from "./support";

/** Params that are capabilities, not ids: the link/code itself is the authorisation (line 5's file tests them). */
const CAPABILITY_PARAMS = new Set(["token", "code", "shortCode"]);
/** Params that name a kind of record, not a record. */
const KIND_PARAMS = new Set(["kind"]);

type Who = "pmX" | "supX" | "vendorX" | "clientX" | "designerX" | "finance" | "service" | "management";
const PROJECT_OUTSIDERS: Who[] = ["pmX", "supX", "vendorX", "clientX", "designerX"];
type StageKey = "bidding" | "awaitingDecision" | "survey" | "entry" | "entryReview" | "construction" | "handover";

interface RouteSpec {
  /** The victim project the record belongs to (and its stage for the caller's own project). */
  stage?: StageKey;
  /** Who must be refused. */
  users: Who[];
  /** The victim's record id inside the caller's own project's URL (only routes with a record param besides projectId). */
  cross?: boolean;
  /** The loader redirects to another route instead of answering (checked there). */
  loaderRedirects?: boolean;
}

const P = (stage: StageKey, cross = false): RouteSpec => ({ stage, users: PROJECT_OUTSIDERS, cross });
const ADMIN_OUTSIDERS: Who[] = ["pmX", "supX", "vendorX", "finance", "service", "management"];
const TICKET_OUTSIDERS: Who[] = ["pmX", "supX", "vendorX", "clientX", "finance"];
const VENDOR_OUTSIDERS: Who[] = ["supX", "vendorX", "clientX", "designerX", "service"];

/** Every route with an id in its URL. A new one must be added here (the completeness test says which). */
const ROUTES: Record<string, RouteSpec> = {
  "admin.companies.$companyId.tsx": { users: ADMIN_OUTSIDERS },
  "admin.mail.$id.eml.ts": { users: ADMIN_OUTSIDERS },
  "admin.mail.$id.tsx": { users: ADMIN_OUTSIDERS },
  "admin.users.$userId.tsx": { users: ADMIN_OUTSIDERS },
  "api.v1.finance.vendor-payments.$requestId.pay.ts": { users: ["pmX", "supX", "vendorX", "clientX", "service"] },
  "api.v1.projects.$projectId._index.ts": P("construction"),
  "api.v1.projects.$projectId.acceptance._index.ts": P("handover"),
  "api.v1.projects.$projectId.acceptance.application[.]pdf.ts": P("handover"),
  "api.v1.projects.$projectId.acceptance.certificate[.]pdf.ts": P("handover"),
  "api.v1.projects.$projectId.acceptance.completion.ts": P("construction"),
  "api.v1.projects.$projectId.acceptance.documents.ts": P("construction"),
  "api.v1.projects.$projectId.acceptance.self-inspection.ts": P("construction"),
  "api.v1.projects.$projectId.acceptance.units.$unitId.ts": P("construction", true),
  "api.v1.projects.$projectId.acceptance.units.ts": P("construction"),
  "api.v1.projects.$projectId.archive[.]zip.ts": P("handover"),
  "api.v1.projects.$projectId.audit.ts": P("construction"),
  "api.v1.projects.$projectId.comparison.ts": P("awaitingDecision"),
  "api.v1.projects.$projectId.entry.$kind.$itemId.delete.ts": P("entry", true),
  "api.v1.projects.$projectId.entry.$kind.$itemId.ts": P("entry", true),
  "api.v1.projects.$projectId.entry.certificates.ts": P("entry"),
  "api.v1.projects.$projectId.entry.crew.$memberId.credentials.ts": P("entry", true),
  "api.v1.projects.$projectId.entry.crew.ts": P("entry"),
  "api.v1.projects.$projectId.entry.ts": P("entry"),
  "api.v1.projects.$projectId.events.ts": P("construction"),
  "api.v1.projects.$projectId.files.ts": P("construction"),
  "api.v1.projects.$projectId.invitations.ts": P("bidding"),
  "api.v1.projects.$projectId.invoices.ts": P("handover"),
  "api.v1.projects.$projectId.maintenance-contracts.ts": P("handover"),
  "api.v1.projects.$projectId.materials.$inspectionId.resolve.ts": P("construction", true),
  "api.v1.projects.$projectId.materials.ts": P("construction"),
  "api.v1.projects.$projectId.notes.ts": P("construction"),
  "api.v1.projects.$projectId.progress.ts": P("construction"),
  "api.v1.projects.$projectId.quotes.$quoteId.withdraw.ts": P("bidding", true),
  "api.v1.projects.$projectId.quotes.ts": P("bidding"),
  "api.v1.projects.$projectId.recommendation.ts": P("bidding"),
  "api.v1.projects.$projectId.rectifications.$rectificationId.replies.ts": P("construction", true),
  "api.v1.projects.$projectId.rectifications.ts": P("construction"),
  "api.v1.projects.$projectId.review-tasks.$taskId.resend.ts": P("entryReview", true),
  "api.v1.projects.$projectId.review-tasks.$taskId.revoke.ts": P("entryReview", true),
  "api.v1.projects.$projectId.review-tasks.ts": P("entryReview"),
  "api.v1.projects.$projectId.settlement._index.ts": P("handover"),
  "api.v1.projects.$projectId.settlement.payment-application[.]pdf.ts": P("handover"),
  "api.v1.projects.$projectId.settlement.statement[.]pdf.ts": P("handover"),
  "api.v1.projects.$projectId.survey.photos.ts": P("survey"),
  "api.v1.projects.$projectId.survey.ts": P("survey"),
  "api.v1.projects.$projectId.warranty-card[.]pdf.ts": P("handover"),
  "api.v1.service.tickets.$ticketId.quotes.ts": { users: TICKET_OUTSIDERS },
  "api.v1.service.tickets.$ticketId.steps.ts": { users: TICKET_OUTSIDERS },
  "api.v1.service.tickets.$ticketId.ts": { users: TICKET_OUTSIDERS },
  "api.v1.vendors.$vendorId._index.ts": { users: VENDOR_OUTSIDERS },
  "api.v1.vendors.$vendorId.qualifications.ts": { users: VENDOR_OUTSIDERS },
  "documents.$documentId[.]pdf.ts": { stage: "handover", users: PROJECT_OUTSIDERS },
  "files.$fileId.ts": { stage: "construction", users: PROJECT_OUTSIDERS },
  "projects.$projectId._index.tsx": P("construction"),
  "projects.$projectId.acceptance.application[.]pdf.ts": P("handover"),
  "projects.$projectId.acceptance.certificate[.]pdf.ts": P("handover"),
  "projects.$projectId.acceptance.tsx": P("construction"),
  "projects.$projectId.archive[.]zip.ts": P("handover"),
  "projects.$projectId.bidding.files.$fileId.ts": P("bidding", true),
  "projects.$projectId.bidding.tsx": P("bidding"),
  "projects.$projectId.commencement[.]pdf.ts": P("entryReview"),
  "projects.$projectId.comparison.tsx": P("awaitingDecision"),
  "projects.$projectId.comparison[.]pdf.ts": P("awaitingDecision"),
  "projects.$projectId.comparison[.]xlsx.ts": P("awaitingDecision"),
  "projects.$projectId.construction.tsx": P("construction"),
  "projects.$projectId.contract.tsx": P("awaitingDecision"),
  "projects.$projectId.edit.tsx": P("construction"),
  "projects.$projectId.entry.tsx": P("entry"),
  "projects.$projectId.events.tsx": { ...P("construction"), loaderRedirects: true },
  "projects.$projectId.materials.tsx": P("construction"),
  "projects.$projectId.rectifications.tsx": P("construction"),
  "projects.$projectId.settlement.payment-application[.]pdf.ts": P("handover"),
  "projects.$projectId.settlement.statement[.]pdf.ts": P("handover"),
  "projects.$projectId.settlement.tsx": P("handover"),
  "projects.$projectId.survey.tsx": P("survey"),
  "projects.$projectId.warranty-card[.]pdf.ts": P("handover"),
  "projects.$projectId.warranty.tsx": P("handover"),
  "r.$token_.files.$fileId.ts": { users: [] },
  "service.tickets.$ticketId.record[.]pdf.ts": { users: TICKET_OUTSIDERS },
  "service.tickets.$ticketId.tsx": { users: TICKET_OUTSIDERS },
  "vendors.$vendorId.tsx": { users: VENDOR_OUTSIDERS },
};

const DEMO_CODE: Record<StageKey, string> = {
  bidding: "PRJ-2026-0001", awaitingDecision: "PRJ-2026-0002", survey: "PRJ-2026-0003", entry: "PRJ-2026-0004",
  entryReview: "PRJ-2026-0004", construction: "PRJ-2026-0005", handover: "PRJ-2025-0012",
};

/** Intents a route (or an action service it imports) dispatches on, read from the source. */
function intentsOf(file: string): string[] {
  const sources = [fs.readFileSync(path.join(ROUTES_DIR, file), "utf8")];
  for (const m of sources[0].matchAll(/from "~\/services\/([\w/.-]+)"/g)) {
    const f = path.resolve(ROUTES_DIR, "../services", `${m[1]}.ts`);
    if (/actions|intent/.test(m[1]) && fs.existsSync(f)) sources.push(fs.readFileSync(f, "utf8"));
  }
  const found = new Set<string>();
  for (const src of sources) for (const m of src.matchAll(/(?:intent === |case )"([A-Za-z-]+)"/g)) found.add(m[1]);
  return [...found];
}

describe("Another user's or another project's id in a URL or form field", () => {
  let t: TestDatabase;
  const who = {} as Record<Who, Caller>;
  /** The victim's records, by URL param name. */
  const victim: Record<string, string> = {};
  const victimProject = {} as Record<StageKey, { id: string; code: string; name: string }>;
  /** The attacker's own projects (pmX's; supX, vendorX, clientX, designerX invited), one per stage. */
  const own = {} as Record<StageKey, string>;
  /** Text that identifies victim records and must never appear in a refusal. */
  const secrets: string[] = [];
  let ownTaskToken = "";

  beforeAll(async () => {
    t = await createTestDatabase();
    const db = t.db;
    await seedDemoData(db);
    const byCode = async (code: string) => (await db.select().from(s.projects).where(eq(s.projects.code, code)))[0];
    for (const [stage, code] of Object.entries(DEMO_CODE) as [StageKey, string][]) {
      const p = await byCode(code);
      victimProject[stage] = { id: p.id, code: p.code, name: p.name };
      secrets.push(p.code, p.name);
    }
    const demoUser = async (email: string) => (await db.select().from(s.users).where(eq(s.users.email, email)))[0];
    for (const k of ["finance", "service", "management"] as const) who[k] = await caller(db, await demoUser(`${k}@demo.cn`));

    // The attacker's side: another company's pm and external parties, with their own projects.
    const sup = await makeCompany(db, "supervision", "另一监理公司");
    const inst = await makeCompany(db, "installer", "另一安装公司");
    const cli = await makeCompany(db, "client", "另一建设单位");
    const des = await makeCompany(db, "design", "另一设计院");
    const pmX = await makeUser(db, ["pm"], { name: "外司项目经理" });
    const ext = {
      supX: await makeUser(db, ["supervisor"], { companyId: sup.id }),
      vendorX: await makeUser(db, ["vendor"], { companyId: inst.id }),
      clientX: await makeUser(db, ["client"], { companyId: cli.id }),
      designerX: await makeUser(db, ["designer"], { companyId: des.id }),
    };
    who.pmX = await caller(db, pmX);
    for (const [k, u] of Object.entries(ext)) who[k as Who] = await caller(db, u);
    const snapshots: Record<StageKey, ReturnType<typeof reach>> = {
      bidding: reach("bidding"), awaitingDecision: reach("awaitingDecision"), survey: reach("survey"), entry: reach("entry"),
      entryReview: reach("entryReview.awaitingSupervisor"), construction: reach("construction"), handover: acceptedSnapshot("2026-01-10"),
    };
    for (const [stage, snapshot] of Object.entries(snapshots) as [StageKey, ReturnType<typeof reach>][]) {
      const p = await makeProject(db, pmX, { name: `外司自有项目-${stage}`, clientId: cli.id, supervisionCompanyId: sup.id, designCompanyId: des.id, stage: stage === "entryReview" ? "entryReview" : stage, snapshot });
      own[stage] = p.id;
      await db.insert(s.projectMembers).values([
        { projectId: p.id, userId: ext.supX.id, party: "supervisor" },
        { projectId: p.id, userId: ext.vendorX.id, party: "vendor" },
        { projectId: p.id, userId: ext.clientX.id, party: "client" },
        { projectId: p.id, userId: ext.designerX.id, party: "designer" },
      ]);
    }
    // A review task on the attacker's own project whose link the attacker holds.
    ownTaskToken = "own-task-token-0123456789abcdefghijklmnop";
    await db.insert(s.reviewTasks).values({ projectId: own.entryReview, kind: "commencement", party: "supervisor", recipientEmail: "x@sup.test", tokenHash: sha256Hex(ownTaskToken), expiresAt: new Date(Date.now() + 86_400_000) });

    // The victim's records that the demo seed does not have yet, each with a text that must not leak.
    const c = victimProject.construction.id;
    const h = victimProject.handover.id;
    const [file] = await db.insert(s.files).values({ projectId: c, name: "机密-B-文件.pdf", mime: "application/pdf", size: 8, sha256: sha256Hex("%PDF-1.4"), bytes: Buffer.from("%PDF-1.4") }).returning();
    victim.fileId = file.id;
    const [insp] = await db.insert(s.materialInspections).values({ projectId: c, title: "机密-B-材料进场" }).returning();
    victim.inspectionId = insp.id;
    const [rect] = await db.insert(s.rectifications).values({ projectId: c, subject: "机密-B-整改通知" }).returning();
    victim.rectificationId = rect.id;
    await db.insert(s.coordinationNotes).values({ projectId: c, party: "client", noteDate: "2026-06-10", content: "机密-B-协调记录" });
    const [doc] = await db.insert(s.documents).values({ projectId: h, kind: "completion", version: 1, title: "机密-B-竣工验收单", number: "B-DOC-0001", shortCode: "BSECRET1", sha256: sha256Hex("%PDF-1.4"), contentHash: "0".repeat(64), fileId: file.id }).returning();
    victim.documentId = doc.id;
    secrets.push("机密-B-文件", "机密-B-材料进场", "机密-B-整改通知", "机密-B-协调记录", "机密-B-竣工验收单", "B-DOC-0001");

    const [quote] = await db.select().from(s.quotes).where(eq(s.quotes.projectId, victimProject.bidding.id)).limit(1);
    victim.quoteId = quote.id;
    const [task] = await db.select().from(s.reviewTasks).where(eq(s.reviewTasks.projectId, victimProject.entryReview.id)).limit(1);
    victim.taskId = task.id;
    const [unit] = await db.select().from(s.installedUnits).where(eq(s.installedUnits.projectId, h)).limit(1);
    victim.unitId = unit.id;
    const [member] = await db.select().from(s.crewMembers).where(eq(s.crewMembers.projectId, victimProject.entry.id)).limit(1);
    victim.memberId = member.id;
    victim.itemId = member.id;
    victim.kind = "crew";
    secrets.push(member.idNumber);
    const [request] = await db.select().from(s.vendorPaymentRequests).limit(1);
    victim.requestId = request.id;
    const [ticket] = await db.select().from(s.serviceTickets).limit(1);
    victim.ticketId = ticket.id;
    secrets.push(ticket.number, ticket.description);
    const [installerA] = await db.select().from(s.companies).where(eq(s.companies.name, "广州恒通机电安装工程有限公司"));
    victim.vendorId = installerA.id;
    const [clientCo] = await db.select().from(s.companies).where(eq(s.companies.name, "华南置业发展有限公司"));
    victim.companyId = clientCo.id;
    const demoPm = await demoUser("pm@demo.cn");
    victim.userId = demoPm.id;
    const [mail] = await db.select().from(s.outbox).limit(1);
    victim.id = String(mail.id);
    secrets.push(mail.payload.subject);
    victim.token = ownTaskToken;
  }, 180_000);
  afterAll(async () => t?.drop());

  function leaks(o: Outcome): string[] {
    return secrets.filter((x) => x && o.text.includes(x));
  }

  /** A POST body naming victim ids in every id field a form or API body could carry. */
  function idFields(): Record<string, string> {
    const f: Record<string, string> = {};
    for (const k of ["fileId", "quoteId", "taskId", "unitId", "memberId", "itemId", "inspectionId", "rectificationId", "requestId", "ticketId", "vendorId", "contactId", "noteId"]) if (victim[k]) f[k] = victim[k];
    f.projectId = victimProject.construction.id;
    return f;
  }
  /** Valid values for the fields the API bodies ask for, so a refusal cannot come from validation alone. */
  const VALID_FIELDS = { type: "CANCEL", reason: "越权原因", content: "越权内容", note: "越权说明", name: "张三", position: "电工", number: "T-1", expiresOn: "2030-01-01", quantity: "1", model: "YD-1", location: "机房", serialNumbers: ["S-1"] };
  function postBodies(file: string): { form?: FormData; json?: unknown; label: string; method?: string }[] {
    if (file.startsWith("api.")) return ["POST", "PUT", "PATCH", "DELETE"].map((method) => ({ json: { ...idFields(), ...VALID_FIELDS }, label: `${method} json`, method }));
    const intents = intentsOf(file);
    return (intents.length ? intents : [""]).map((intent) => {
      const fd = new FormData();
      for (const [k, v] of Object.entries({ ...idFields(), intent, type: "CANCEL", reason: "越权", content: "越权" })) fd.append(k, v);
      return { form: fd, label: `intent=${intent}` };
    });
  }

  async function expectRefused(file: string, params: Record<string, string>, callers: (Caller | null)[], label: string) {
    const mod = await loadRoute(file);
    const url = urlOf(file, params);
    const before = await fingerprint(t.db);
    const problems: string[] = [];
    for (const c of callers) {
      const tag = `${label} as ${c ? Object.entries(who).find(([, v]) => v === c)?.[0] : "link holder"}`;
      if (mod.loader && !ROUTES[file].loaderRedirects) {
        const o = await outcome(() => mod.loader!(routeArgs(requestAs(c, file, url), params)));
        // An API resource that takes no GET answers 405 before reading anything: nothing to leak.
        const getRefused = [403, 404].includes(o.status) || (file.startsWith("api.") && o.status === 405 && !o.text);
        if (!getRefused) problems.push(`GET ${url} ${tag}: ${o.status} ${o.text.slice(0, 200)}`);
        if (leaks(o).length) problems.push(`GET ${url} ${tag} leaks ${leaks(o).join(", ")}`);
      }
      if (mod.action) {
        const bodies = postBodies(file);
        let answered = 0;
        for (const body of bodies) {
          const o = await outcome(() => mod.action!(routeArgs(requestAs(c, file, url, { method: body.method ?? "POST", form: body.form, json: body.json }), params)));
          // An API action answers 405 to the methods it does not take; it must take at least one.
          if (body.method && o.status === 405) continue;
          answered++;
          if (![403, 404].includes(o.status)) problems.push(`POST ${url} ${body.label} ${tag}: ${o.status} ${o.text.slice(0, 200)}`);
          if (leaks(o).length) problems.push(`POST ${url} ${body.label} ${tag} leaks ${leaks(o).join(", ")}`);
        }
        if (!answered) problems.push(`${url} ${tag}: the action took no method at all`);
      }
    }
    expect(problems).toEqual([]);
    expect(changedTables(before, await fingerprint(t.db))).toEqual([]);
  }

  const foreignParams = (file: string) => {
    const spec = ROUTES[file];
    const p: Record<string, string> = {};
    for (const name of paramsOf(file)) p[name] = name === "projectId" ? victimProject[spec.stage ?? "construction"].id : victim[name];
    return p;
  };

  it("lists every route with an id in its URL (a new one must be added to this test)", () => {
    const withIds = routeFiles().filter((f) => paramsOf(f).some((p) => !CAPABILITY_PARAMS.has(p) && !KIND_PARAMS.has(p)));
    expect(withIds.filter((f) => !(f in ROUTES))).toEqual([]);
    expect(Object.keys(ROUTES).filter((f) => !withIds.includes(f))).toEqual([]);
  });

  for (const file of Object.keys(ROUTES).filter((f) => ROUTES[f].users.length)) {
    it(`${file}: the victim's record, as ${ROUTES[file].users.join(", ")} → 403/404, no leak, nothing written`, async () => {
      await expectRefused(file, foreignParams(file), ROUTES[file].users.map((u) => who[u]), "foreign");
    });
  }

  for (const file of Object.keys(ROUTES).filter((f) => ROUTES[f].cross)) {
    it(`${file}: the victim's record inside the caller's own project → 404, no leak, nothing written`, async () => {
      const spec = ROUTES[file];
      const params = { ...foreignParams(file), projectId: own[spec.stage!] };
      await expectRefused(file, params, [who.pmX], "cross");
    });
  }

  it("r/:token/files/:fileId: a valid link of the caller's own task with the victim's file id → 404", async () => {
    await expectRefused("r.$token_.files.$fileId.ts", { token: ownTaskToken, fileId: victim.fileId }, [null], "cross");
  });

  it("projects.$projectId.events GET only redirects to the project page, which refuses", async () => {
    const events = await loadRoute("projects.$projectId.events.tsx");
    const o = await outcome(() => events.loader!(routeArgs(requestAs(who.pmX, "projects.$projectId.events.tsx", "/"), { projectId: victimProject.construction.id })));
    expect(o.status).toBe(302);
    expect(o.location).toBe(`/projects/${victimProject.construction.id}`);
    await expectRefused("projects.$projectId._index.tsx", { projectId: victimProject.construction.id }, PROJECT_OUTSIDERS.map((u) => who[u]), "redirect target");
  });

  describe("ids in form fields of a page the caller may use", () => {
    const formCases: { file: string; stage: StageKey; intents: string[] }[] = [
      { file: "projects.$projectId.rectifications.tsx", stage: "construction", intents: ["reply", "resendVerification"] },
      { file: "projects.$projectId.materials.tsx", stage: "construction", intents: ["resolve", "resend", "revoke"] },
      { file: "projects.$projectId.construction.tsx", stage: "construction", intents: ["deleteNote"] },
      { file: "projects.$projectId.acceptance.tsx", stage: "construction", intents: ["revokeTask"] },
      { file: "projects.$projectId.bidding.tsx", stage: "bidding", intents: ["withdraw", "revoke", "resend"] },
    ];
    for (const c of formCases) {
      it(`${c.file} ${c.intents.join("/")} with the victim's id in the form → refused, nothing written`, async () => {
        const mod = await loadRoute(c.file);
        const params = { projectId: own[c.stage] };
        const before = await fingerprint(t.db);
        const [note] = await t.db.select().from(s.coordinationNotes).where(eq(s.coordinationNotes.projectId, victimProject.construction.id));
        for (const intent of c.intents) {
          const fd = new FormData();
          for (const [k, v] of Object.entries({ ...idFields(), noteId: note.id, invitationId: victim.quoteId, intent, reason: "越权", content: "越权回复内容" })) fd.append(k, v);
          const o = await outcome(() => mod.action!(routeArgs(requestAs(who.pmX, c.file, urlOf(c.file, params), { form: fd }), params)));
          expect([400, 403, 404, 409, 422], `${intent}: ${o.status} ${o.text.slice(0, 200)}`).toContain(o.status);
          expect(leaks(o), intent).toEqual([]);
        }
        expect(changedTables(before, await fingerprint(t.db))).toEqual([]);
      });
    }

    it("service.tickets.new with the victim's project id, as a pm who is not its pm → refused, nothing written", async () => {
      const mod = await loadRoute("service.tickets.new.tsx");
      const before = await fingerprint(t.db);
      const fd = new FormData();
      for (const [k, v] of Object.entries({ projectId: victimProject.handover.id, channel: "hotline", reporterName: "越权者", contactPhone: "13800000000", siteAddress: "x", description: "越权报修" })) fd.append(k, v);
      const o = await outcome(() => mod.action!(routeArgs(requestAs(who.pmX, "service.tickets.new.tsx", "/service/tickets/new", { form: fd }), {})));
      expect([400, 403, 404]).toContain(o.status);
      expect(leaks(o)).toEqual([]);
      expect(changedTables(before, await fingerprint(t.db))).toEqual([]);
      const list = await loadRoute("service.tickets._index.tsx");
      const listed = await outcome(() => list.loader!(routeArgs(requestAs(who.pmX, "service.tickets._index.tsx", `/service/tickets?projectId=${victimProject.handover.id}`), {})));
      expect(leaks(listed)).toEqual([]);
    });

    it("admin company page: a contact id of another company in the form changes nothing", async () => {
      const admin = await caller(t.db, await makeUser(t.db, ["admin"]));
      const [other] = await t.db.select().from(s.contacts).where(ne(s.contacts.companyId, victim.companyId)).limit(1);
      const [own] = await t.db.select().from(s.companies).where(and(eq(s.companies.kind, "supervision"), eq(s.companies.name, "另一监理公司")));
      const mod = await loadRoute("admin.companies.$companyId.tsx");
      const before = await fingerprint(t.db);
      for (const intent of ["updateContact", "removeContact"]) {
        const fd = new FormData();
        for (const [k, v] of Object.entries({ intent, contactId: other.id, name: "篡改", email: "evil@x.test", phone: "", title: "" })) fd.append(k, v);
        const o = await outcome(() => mod.action!(routeArgs(requestAs(admin, "admin.companies.$companyId.tsx", `/admin/companies/${own.id}`, { form: fd }), { companyId: own.id })));
        expect([400, 403, 404, 409, 422], `${intent}: ${o.status} ${o.text.slice(0, 200)}`).toContain(o.status);
      }
      expect(changedTables(before, await fingerprint(t.db))).toEqual([]);
    });
  });

  it(`runs on ${testDriver()}`, () => expect(["pglite", "postgres"]).toContain(testDriver()));
});
