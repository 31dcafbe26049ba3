// Completion acceptance end to end through the services and the signing page: the guard for each
// precondition (facts from the database, never from the request), the agreed date, links and
// calendar invitations, the supervisor then client and design unit signing, a rejection round,
// a revision voiding signatures, and the bad inputs of the issue.
import { and, eq } from "drizzle-orm";
import { beforeEach, afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import * as s from "#db/schema";
import * as page from "~/routes/r.$token";
import * as linkApi from "~/routes/api.v1.links.$token";
import * as taskPdf from "~/routes/r.$token_.pdf";
import { addDays, shanghaiDate } from "~/lib/calendar";
import { applyEvent } from "~/services/projects/apply-event.server";
import { sendProjectEvent } from "~/services/projects/project-events.server";
import { reviseIfUnderReview } from "~/services/acceptance/revise-under-review.server";
import { constructionProject, meetPreconditions } from "./acceptance-fixture";
import { PNG_1x1, args, dataUrl, payloadOf, signForm, statusOf, tokenFrom } from "./review-fixture";
import { createTestDatabase, testDriver, type TestDatabase } from "../support/test-db";

const today = () => shanghaiDate(new Date().toISOString());
const info = { ip: "127.0.0.1", userAgent: "vitest" };

describe(`completion acceptance (${testDriver()})`, () => {
  let t: TestDatabase;
  let db: Db;
  beforeAll(async () => {
    t = await createTestDatabase();
    db = t.db;
  });
  afterAll(async () => t?.drop());

  async function ready(opts: { design?: boolean } = {}) {
    const ctx = await constructionProject(db, opts);
    await meetPreconditions(db, ctx.project.id, ctx.pm.id);
    return ctx;
  }
  const request = (ctx: Awaited<ReturnType<typeof ready>>, payload: Record<string, unknown> = {}) =>
    applyEvent(db, { projectId: ctx.project.id, type: "REQUEST_ACCEPTANCE", payload: { acceptanceDate: today(), startTime: "09:30", place: "一楼会议室", ...payload }, actor: { userId: ctx.pm.id, role: "pm" }, info });
  const mails = async (projectId: string) => db.select().from(s.outbox).where(eq(s.outbox.projectId, projectId));
  const linkFor = async (projectId: string, email: string) => {
    const found = (await mails(projectId)).filter((m) => m.template === "review.acceptance" && m.payload.to.includes(email));
    return tokenFrom(found.at(-1)!.payload.text);
  };
  const load = (token: string) => page.loader(args(new Request(`http://localhost/r/${token}`), { token }));
  const sign = async (token: string, fields: Record<string, string> = {}, ip = "10.2.0.1") => {
    const hash = payloadOf<{ view: { hash: string } }>(await load(token)).view.hash;
    const form = { contentHash: hash, decision: "approved", opinion: "验收合格", signerName: "李总监", signerRole: "总监理工程师", signature: dataUrl, ...fields };
    return page.action(args(signForm(token, form, new Blob([PNG_1x1], { type: "image/png" })), { token }, ip));
  };
  const stageOf = async (id: string) => (await db.select().from(s.projects).where(eq(s.projects.id, id)))[0];

  describe("guards: each precondition refuses on its own", () => {
    const cases: [string, (projectId: string) => Promise<unknown>, string][] = [
      ["design items", (id) => db.delete(s.completionChecks).where(eq(s.completionChecks.projectId, id)), "DESIGN_ITEMS_INCOMPLETE"],
      ["self-inspection missing", (id) => db.delete(s.selfInspections).where(eq(s.selfInspections.projectId, id)), "SELF_INSPECTION_MISSING"],
      ["self-inspection failed", (id) => db.update(s.selfInspections).set({ passed: false }).where(eq(s.selfInspections.projectId, id)), "SELF_INSPECTION_FAILED"],
      ["open rectification", (id) => db.insert(s.rectifications).values({ projectId: id, subject: "风管保温破损" }), "RECTIFICATIONS_OPEN"],
      ["archive incomplete", (id) => db.delete(s.archiveDocuments).where(and(eq(s.archiveDocuments.projectId, id), eq(s.archiveDocuments.kind, "asBuiltDrawings"))), "ARCHIVE_INCOMPLETE"],
      ["material pending", (id) => db.insert(s.materialInspections).values({ projectId: id, title: "风管进场", status: "pending" }), "MATERIAL_INSPECTIONS_PENDING"],
      ["material rejected", (id) => db.insert(s.materialInspections).values({ projectId: id, title: "风管进场", status: "rejected" }), "MATERIAL_INSPECTIONS_REJECTED"],
    ];
    it.each(cases)("%s", async (_name, spoil, code) => {
      const ctx = await ready();
      await spoil(ctx.project.id);
      const result = await request(ctx);
      expect(result.ok).toBe(false);
      expect(!result.ok && result.refusals.map((r) => r.code)).toEqual([code]);
      expect((await stageOf(ctx.project.id)).stage).toBe("construction");
      expect(await db.select().from(s.acceptancePlans).where(eq(s.acceptancePlans.projectId, ctx.project.id))).toEqual([]);
    });

    it("a precondition faked by a crafted request is ignored: facts come from the database", async () => {
      const ctx = await constructionProject(db);
      const result = await sendProjectEvent(db, {
        projectId: ctx.project.id, user: ctx.pm, type: "REQUEST_ACCEPTANCE", info, locale: "zh-CN",
        json: { acceptanceDate: today(), designItemsComplete: true, selfInspection: { recorded: true, passed: true }, facts: { archiveMissing: [] }, archiveMissing: [] },
      });
      expect(result.ok).toBe(false);
      expect(!result.ok && result.status).toBe(422);
      expect(!result.ok && result.refusals.map((r) => r.code)).toContain("SELF_INSPECTION_MISSING");
    });

    it.each([["yesterday", addDays(today(), -1)], ["a year ahead", addDays(today(), 365)], ["30 February", "2027-02-30"]])(
      "a forged acceptance date (%s) is refused and nothing is written",
      async (_n, acceptanceDate) => {
        const ctx = await ready();
        const result = await sendProjectEvent(db, { projectId: ctx.project.id, user: ctx.pm, type: "REQUEST_ACCEPTANCE", info, locale: "zh-CN", json: { acceptanceDate } });
        expect(result.ok).toBe(false);
        expect((await stageOf(ctx.project.id)).stage).toBe("construction");
      },
    );
  });

  describe("request, sign, accept", () => {
    let ctx: Awaited<ReturnType<typeof ready>>;
    beforeEach(async () => {
      ctx = await ready();
    });

    it("request: the supervisor gets a link with the calendar invitation; client and design unit the invitation", async () => {
      expect((await request(ctx)).ok).toBe(true);
      const all = await mails(ctx.project.id);
      const sup = all.find((m) => m.template === "review.acceptance" && m.payload.to.includes("li@jianli.test"))!;
      expect(sup.payload.subject).toContain("竣工验收");
      expect(sup.payload.text).toContain(today());
      const ics = Buffer.from(sup.payload.attachments![0].base64!, "base64").toString("utf8");
      expect(ics).toContain("BEGIN:VCALENDAR");
      expect(ics).toContain(`DTSTART;TZID=Asia/Shanghai:${today().replace(/-/g, "")}T093000`);
      for (const to of ["chen@client.test", "zhou@design.test"]) {
        const invite = all.find((m) => m.template === "acceptance.invite" && m.payload.to.includes(to));
        expect(invite?.payload.attachments?.[0].contentType).toContain("text/calendar");
      }
      expect(all.filter((m) => m.template === "review.acceptance")).toHaveLength(1);
    });

    it("supervisor, then client and design unit at the same instant: accepted on the agreed date, warranty set", async () => {
      await request(ctx);
      const supToken = await linkFor(ctx.project.id, "li@jianli.test");
      const view = payloadOf<{ view: { kind: string; hash: string; content: { equipment: { model: string }[] } } }>(await load(supToken));
      expect(view.view.kind).toBe("acceptance");
      expect(view.view.content.equipment[0].model).toBe("YD-XF500");
      // the supervisor can download the B.0.10 from the link
      const pdf = (await taskPdf.loader(args(new Request(`http://localhost/r/${supToken}/pdf`), { token: supToken }))) as Response;
      expect(pdf.status).toBe(200);
      expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe("%PDF-");
      expect(statusOf(await sign(supToken))).toBe(200);
      expect(((await taskPdf.loader(args(new Request(`http://localhost/r/${supToken}/pdf`), { token: supToken }))) as Response).status).toBe(404);
      expect((await stageOf(ctx.project.id)).snapshot).toMatchObject({ value: { acceptanceReview: "awaitingParties" } });

      // signing twice with the same link: the link is used up, nothing more is recorded
      const again = await page.action(args(signForm(supToken, { contentHash: view.view.hash, decision: "approved", signerName: "李总监", signerRole: "总监理工程师", signature: dataUrl }), { token: supToken }));
      expect(statusOf(again)).toBe(404);

      const clientToken = await linkFor(ctx.project.id, "chen@client.test");
      const designToken = await linkFor(ctx.project.id, "zhou@design.test");
      const [a, b] = await Promise.all([
        sign(clientToken, { signerName: "陈代表", signerRole: "甲方代表" }, "10.2.0.2"),
        sign(designToken, { signerName: "周设计", signerRole: "设计负责人" }, "10.2.0.3"),
      ]);
      expect([statusOf(a), statusOf(b)]).toEqual([200, 200]);
      const project = await stageOf(ctx.project.id);
      expect(project.stage).toBe("handover");
      const context = (project.snapshot as { context: { acceptedOn: string; warrantyEndsOn: string } }).context;
      expect(context.acceptedOn).toBe(today());
      expect(context.warrantyEndsOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const sigs = await db.select().from(s.signatures).where(eq(s.signatures.projectId, ctx.project.id));
      expect(sigs.map((x) => x.party).sort()).toEqual(["client", "designer", "supervisor"]);
      expect(new Set(sigs.map((x) => x.contentSha256)).size).toBe(1);
      expect(sigs.every((x) => x.ip.startsWith("10.2.0.") && x.userAgent === "vitest-ua" && x.signatureFileId)).toBe(true);
      const audit = await db.select().from(s.auditEvents).where(and(eq(s.auditEvents.projectId, ctx.project.id), eq(s.auditEvents.event, "SIGN")));
      expect(audit).toHaveLength(3);
    });

    it("a signature image that is not an image is refused beside the field; nothing recorded", async () => {
      await request(ctx);
      const token = await linkFor(ctx.project.id, "li@jianli.test");
      const bad = await sign(token, { signature: "data:image/png;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==" });
      expect(statusOf(bad)).toBe(400);
      expect(payloadOf<{ errors: Record<string, string> }>(bad).errors.signature).toBe("review.signature.notPng");
      expect(await db.select().from(s.signatures).where(eq(s.signatures.projectId, ctx.project.id))).toEqual([]);
    });

    it("no signing before the agreed date: the page says when", async () => {
      await request(ctx, { acceptanceDate: addDays(today(), 3) });
      const token = await linkFor(ctx.project.id, "li@jianli.test");
      const early = await sign(token);
      expect(statusOf(early)).toBe(400);
      expect(payloadOf<{ formError: string; formParams: { date: string } }>(early)).toMatchObject({ formError: "review.acceptanceNotYet", formParams: { date: addDays(today(), 3) } });
      expect((await stageOf(ctx.project.id)).stage).toBe("acceptanceReview");
    });

    it("rejection: items become rectification notices, back to construction, the other links die", async () => {
      await request(ctx);
      expect(statusOf(await sign(await linkFor(ctx.project.id, "li@jianli.test")))).toBe(200);
      const clientToken = await linkFor(ctx.project.id, "chen@client.test");
      const designToken = await linkFor(ctx.project.id, "zhou@design.test");
      const rejected = await sign(clientToken, { decision: "rejected", opinion: "三层风口噪声偏大\n设备间缺少检修标识", signerName: "陈代表" });
      expect(statusOf(rejected)).toBe(200);
      expect((await stageOf(ctx.project.id)).stage).toBe("construction");
      const notices = await db.select().from(s.rectifications).where(eq(s.rectifications.projectId, ctx.project.id));
      expect(notices.map((n) => n.subject).sort()).toEqual(["三层风口噪声偏大", "设备间缺少检修标识"]);
      expect(notices.every((n) => n.issuedVia === "acceptance" && n.status === "open")).toBe(true);
      // signing after the rejection: the design unit's link no longer works
      expect(statusOf(await load(designToken))).toBe(404);
      const late = await page.action(args(signForm(designToken, { contentHash: "x", decision: "approved", signerName: "周设计", signerRole: "设计负责人", signature: dataUrl }), { token: designToken }));
      expect(statusOf(late)).toBe(404);
      // the pm is told
      expect((await mails(ctx.project.id)).some((m) => m.template === "acceptanceRejected")).toBe(true);
      // a new request waits for the notices to be closed; then a new round starts with no signatures counted
      expect((await request(ctx)).ok).toBe(false);
      await db.update(s.rectifications).set({ status: "closed", closedAt: new Date() }).where(eq(s.rectifications.projectId, ctx.project.id));
      expect((await request(ctx)).ok).toBe(true);
      const [plan] = await db.select().from(s.acceptancePlans).where(eq(s.acceptancePlans.projectId, ctx.project.id));
      expect(plan.round).toBe(2);
      const view = payloadOf<{ view: { opinions: unknown[]; content: { defects: { status: string }[] } } }>(await load(await linkFor(ctx.project.id, "li@jianli.test")));
      expect(view.view.opinions).toEqual([]);
      expect(view.view.content.defects.map((d) => d.status)).toEqual(["closed", "closed"]);
    });

    it("a change under signature makes a new round: old signatures void, links sent again", async () => {
      await request(ctx);
      const oldSup = await linkFor(ctx.project.id, "li@jianli.test");
      expect(statusOf(await sign(oldSup))).toBe(200);
      const oldClient = await linkFor(ctx.project.id, "chen@client.test");
      await db.transaction(async (tx) => {
        await tx.insert(s.installedUnits).values({ projectId: ctx.project.id, name: "风量调节阀", model: "FT-200", quantity: 4, location: "三层" });
        await reviseIfUnderReview(tx, { projectId: ctx.project.id, user: ctx.pm, info, reason: "补充设备清单" });
      });
      const project = await stageOf(ctx.project.id);
      expect(project.snapshot).toMatchObject({ value: { acceptanceReview: "awaitingSupervisor" } });
      const [sup] = await db.select().from(s.signatures).where(eq(s.signatures.projectId, ctx.project.id));
      expect(sup.voidedAt).not.toBeNull();
      expect(statusOf(await load(oldClient))).toBe(404);
      const newSup = await linkFor(ctx.project.id, "li@jianli.test");
      expect(newSup).not.toBe(oldSup);
      const view = payloadOf<{ view: { content: { round: number; equipment: unknown[] } } }>(await load(newSup));
      expect(view.view.content).toMatchObject({ round: 2 });
      expect(view.view.content.equipment).toHaveLength(3);
    });

    it("the same signing through /api/v1/links/:token: same checks, same messages", async () => {
      await request(ctx);
      const token = await linkFor(ctx.project.id, "li@jianli.test");
      const json = (body: unknown) => new Request(`http://localhost/api/v1/links/${token}`, { method: "POST", body: JSON.stringify(body), headers: { "Content-Type": "application/json", "User-Agent": "erp-bot" } });
      const got = await linkApi.loader(args(new Request(`http://localhost/api/v1/links/${token}`), { token }, "10.3.0.1")) as Response;
      const view = await got.json();
      expect(view.view.kind).toBe("acceptance");
      const bad = await linkApi.action(args(json({ contentHash: view.view.contentHash, decision: "approved", signerName: "李总监", signerRole: "总监理工程师", signaturePng: "data:image/png;base64,AAAA" }), { token }, "10.3.0.1")) as Response;
      expect(bad.status).toBe(422);
      expect((await bad.json()).error.fieldErrors.signature).toBeTruthy();
      const notImage = await linkApi.action(args(json({ contentHash: view.view.contentHash, decision: "approved", signerName: "李总监", signerRole: "总监理工程师", typedSignature: "李总监", seal: { filename: "seal.png", base64: Buffer.from("MZ fake exe").toString("base64") } }), { token }, "10.3.0.1")) as Response;
      expect(notImage.status).toBe(422);
      const ok = await linkApi.action(args(json({ contentHash: view.view.contentHash, decision: "approved", opinion: "预验收合格", signerName: "李总监", signerRole: "总监理工程师", signaturePng: dataUrl, seal: { filename: "seal.png", base64: PNG_1x1.toString("base64") } }), { token }, "10.3.0.1")) as Response;
      expect(ok.status).toBe(200);
      const twice = await linkApi.action(args(json({ contentHash: view.view.contentHash, decision: "approved", signerName: "李总监", signerRole: "总监理工程师", typedSignature: "李总监" }), { token }, "10.3.0.1")) as Response;
      expect(twice.status).toBe(404);
      const [sig] = await db.select().from(s.signatures).where(eq(s.signatures.projectId, ctx.project.id));
      expect(sig).toMatchObject({ party: "supervisor", userAgent: "erp-bot", ip: "10.3.0.1", opinion: "预验收合格" });
      expect(sig.sealFileId).not.toBeNull();
    });

    it("a signer whose page is stale (content changed meanwhile) is told, not recorded", async () => {
      await request(ctx);
      const token = await linkFor(ctx.project.id, "li@jianli.test");
      const stale = await page.action(args(signForm(token, { contentHash: "0".repeat(64), decision: "approved", signerName: "李总监", signerRole: "总监理工程师", signature: dataUrl }), { token }));
      expect(payloadOf<{ formError: string }>(stale).formError).toBe("review.contentChanged");
    });
  });
});
