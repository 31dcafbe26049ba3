// The commencement review by link: the supervisor then the client open the e-mailed task, sign and
// approve (or reject); identical refusals for unusable links; one decision for a double submit.
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import * as s from "#db/schema";
import * as page from "~/routes/r.$token";
import { sendMissingCommencementTask } from "~/services/review/send-missing-task.server";
import * as fileRoute from "~/routes/r.$token_.files.$fileId";
import { sha256Hex } from "~/lib/tokens.server";
import { PNG_1x1, dataUrl, enterReview, signForm, statusOf, payloadOf, args, tokenFrom } from "./review-fixture";
import { createTestDatabase, testDriver, type TestDatabase } from "../support/test-db";

describe(`commencement review by link (${testDriver()})`, () => {
  let t: TestDatabase;
  let db: Db;
  let ctx: Awaited<ReturnType<typeof enterReview>>;
  const mailsTo = async (to: string) => (await db.select().from(s.outbox).where(eq(s.outbox.projectId, ctx.project.id))).filter((m) => m.payload.to.includes(to));
  const load = (token: string, ip = "10.1.0.1") => page.loader(args(new Request(`http://localhost/r/${token}`), { token }, ip));
  const hashOf = async (token: string) => payloadOf<{ view: { hash: string } }>(await load(token)).view.hash;

  beforeAll(async () => {
    t = await createTestDatabase();
    db = t.db;
    ctx = await enterReview(db);
  });
  afterAll(async () => t?.drop());

  it("entering review mails the supervision contact a task link; the page shows B.0.2 with masked IDs", async () => {
    const [mail] = await mailsTo("li@jianli.test");
    expect(mail.template).toBe("review.commencement");
    expect(mail.payload.subject).toContain("工程开工报审表");
    const token = tokenFrom(mail.payload.text);
    const view = payloadOf<{ state: string; task: { party: string }; view: { kind: string; content: { statement: string; crew: { idNumber: string; credentials: { number: string }[] }[] } } }>(await load(token));
    expect(view.state).toBe("ok");
    expect(view.task.party).toBe("supervisor");
    expect(view.view.content.statement).toContain("申请于 2026-12-01 开工");
    expect(view.view.content.crew[0].idNumber).toBe("440101********1234");
    expect(JSON.stringify(view)).not.toContain("199001011234");
    const [task] = await db.select().from(s.reviewTasks).where(eq(s.reviewTasks.projectId, ctx.project.id));
    expect(task.openedAt).not.toBeNull();
    expect(task.tokenHash).toBe(sha256Hex(token));
  });

  it("serves the task's attachments only; another project's file is 404", async () => {
    const token = tokenFrom((await mailsTo("li@jianli.test"))[0].payload.text);
    const ok = await fileRoute.loader(args(new Request("http://localhost/x"), { token, fileId: ctx.certificateFileId }));
    expect((ok as Response).status).toBe(200);
    const other = await enterReview(db);
    const foreign = await fileRoute.loader(args(new Request("http://localhost/x"), { token, fileId: other.certificateFileId }));
    expect((foreign as Response).status).toBe(404);
    const otherToken = tokenFrom((await db.select().from(s.outbox).where(eq(s.outbox.projectId, other.project.id))).find((m) => m.template === "review.commencement")!.payload.text);
    const crossed = await fileRoute.loader(args(new Request("http://localhost/x"), { token: otherToken, fileId: ctx.certificateFileId }));
    expect((crossed as Response).status).toBe(404);
  });

  it("refuses a signature that is not a PNG, and a rejection without a comment, beside the fields", async () => {
    const token = tokenFrom((await mailsTo("li@jianli.test"))[0].payload.text);
    const hash = await hashOf(token);
    const bad = await page.action(args(signForm(token, { contentHash: hash, decision: "approved", signerName: "李总监", signerRole: "总监理工程师", signature: "data:image/png;base64,PHNjcmlwdD4=" }), { token }));
    expect(statusOf(bad)).toBe(400);
    expect(payloadOf<{ errors: Record<string, string> }>(bad).errors.signature).toBe("review.signature.notPng");
    const noComment = await page.action(args(signForm(token, { contentHash: hash, decision: "rejected", signerName: "李总监", signerRole: "总监理工程师", typedSignature: "李总监" }), { token }));
    expect(payloadOf<{ errors: Record<string, string> }>(noComment).errors.opinion).toBe("review.opinion.requiredToReject");
    const [task] = await db.select().from(s.reviewTasks).where(eq(s.reviewTasks.projectId, ctx.project.id));
    expect(task.decidedAt).toBeNull();
  });

  it("the same task posted twice at once: exactly one decision", async () => {
    const token = tokenFrom((await mailsTo("li@jianli.test"))[0].payload.text);
    const hash = await hashOf(token);
    const fields = { contentHash: hash, decision: "approved", opinion: "同意开工 <b>粗体</b> 𠀀", signerName: "李总监", signerRole: "总监理工程师", signature: dataUrl };
    const seal = new Blob([PNG_1x1], { type: "image/png" });
    const [a, b] = await Promise.all([page.action(args(signForm(token, fields, seal), { token }, "10.1.0.5")), page.action(args(signForm(token, fields, seal), { token }, "10.1.0.6"))]);
    const statuses = [statusOf(a), statusOf(b)].sort();
    expect(statuses[0]).toBe(200);
    expect([404, 409]).toContain(statuses[1]);
    const loser = statusOf(a) === 200 ? b : a;
    expect(["review.alreadyDecided", undefined]).toContain(payloadOf<{ formError?: string }>(loser).formError);
    const sigs = await db.select().from(s.signatures).where(eq(s.signatures.projectId, ctx.project.id));
    expect(sigs).toHaveLength(1);
    expect(sigs[0]).toMatchObject({ party: "supervisor", signerName: "李总监", signerRole: "总监理工程师", decision: "approved", userAgent: "vitest-ua" });
    expect(sigs[0].ip).toMatch(/^10\.1\.0\.[56]$/);
    expect(sigs[0].contentSha256).toBe(hash);
    expect(sigs[0].signatureFileId).not.toBeNull();
    const [company] = await db.select().from(s.companies).where(eq(s.companies.id, ctx.supervision.id));
    expect(company.sealFileId).toBe(sigs[0].sealFileId);
    const [project] = await db.select().from(s.projects).where(eq(s.projects.id, ctx.project.id));
    expect(project.snapshot).toMatchObject({ value: { entryReview: "awaitingClient" } });
    // The used link is now refused like any other.
    expect(statusOf(await load(token))).toBe(404);
  });

  it("the client sees the supervisor's opinion, approves, and construction starts", async () => {
    const [mail] = await mailsTo("chen@client.test");
    const token = tokenFrom(mail.payload.text);
    const view = payloadOf<{ task: { party: string }; view: { opinions: { party: string; opinion: string }[]; hash: string } }>(await load(token));
    expect(view.task.party).toBe("client");
    expect(view.view.opinions).toMatchObject([{ party: "supervisor", opinion: "同意开工 <b>粗体</b> 𠀀" }]);
    const ok = await page.action(args(signForm(token, { contentHash: view.view.hash, decision: "approved", opinion: "同意", signerName: "陈代表", signerRole: "甲方代表", typedSignature: "陈代表" }), { token }, "10.1.0.7"));
    expect(payloadOf(ok)).toEqual({ done: "approved" });
    const [project] = await db.select().from(s.projects).where(eq(s.projects.id, ctx.project.id));
    expect(project.stage).toBe("construction");
    const sigs = await db.select().from(s.signatures).where(eq(s.signatures.projectId, ctx.project.id));
    expect(sigs.map((x) => x.party).sort()).toEqual(["client", "supervisor"]);
    expect(sigs.find((x) => x.party === "client")).toMatchObject({ typedSignature: "陈代表", ip: "10.1.0.7", userAgent: "vitest-ua", contentSha256: view.view.hash });
    const audits = await db.select().from(s.auditEvents).where(eq(s.auditEvents.projectId, ctx.project.id));
    expect(audits.filter((a) => a.event === "APPROVE_COMMENCEMENT").map((a) => a.actorLabel)).toContain("陈代表（" + ctx.client.name + "）");
  });

  it("a rejection returns the project to entry with the comment", async () => {
    const other = await enterReview(db);
    const token = tokenFrom((await db.select().from(s.outbox).where(eq(s.outbox.projectId, other.project.id))).find((m) => m.template === "review.commencement")!.payload.text);
    const hash = payloadOf<{ view: { hash: string } }>(await load(token, "10.1.0.9")).view.hash;
    const r = await page.action(args(signForm(token, { contentHash: hash, decision: "rejected", opinion: "特种作业证缺失", signerName: "李总监", signerRole: "总监理工程师", typedSignature: "李总监" }), { token }, "10.1.0.9"));
    expect(payloadOf(r)).toEqual({ done: "rejected" });
    const [project] = await db.select().from(s.projects).where(eq(s.projects.id, other.project.id));
    expect(project.stage).toBe("entry");
    expect((project.snapshot as { context: { lastRejection: { comment: string } } }).context.lastRejection.comment).toBe("特种作业证缺失");
  });

  it("content changed after the page was shown: nothing is signed", async () => {
    const other = await enterReview(db);
    const token = tokenFrom((await db.select().from(s.outbox).where(eq(s.outbox.projectId, other.project.id))).find((m) => m.template === "review.commencement")!.payload.text);
    const hash = payloadOf<{ view: { hash: string } }>(await load(token, "10.1.0.10")).view.hash;
    await db.update(s.certificates).set({ number: "HG-2" }).where(eq(s.certificates.projectId, other.project.id));
    const r = await page.action(args(signForm(token, { contentHash: hash, decision: "approved", signerName: "李总监", signerRole: "总监理工程师", typedSignature: "李总监" }), { token }, "10.1.0.10"));
    expect(payloadOf<{ formError: string }>(r).formError).toBe("review.contentChanged");
    expect(Number((await db.select({ n: count() }).from(s.signatures).where(eq(s.signatures.projectId, other.project.id)))[0].n)).toBe(0);
  });

  it("no supervisor address: no task, the pm is told", async () => {
    const other = await enterReview(db, { supervisorEmail: false });
    const mails = await db.select().from(s.outbox).where(eq(s.outbox.projectId, other.project.id));
    expect(mails.map((m) => m.template)).toContain("review.noReviewer");
    expect(mails.find((m) => m.template === "review.noReviewer")!.payload.to).toEqual([other.pm.email]);
    expect(await db.select().from(s.reviewTasks).where(eq(s.reviewTasks.projectId, other.project.id))).toHaveLength(0);
    // The pm adds a contact and sends the link: one task, once.
    expect(await sendMissingCommencementTask(db, other.pm, other.project.id)).toEqual({ ok: false, formError: "review.send.noAddress" });
    await db.insert(s.contacts).values({ companyId: other.supervision.id, name: "新总监", email: "new@jianli.test" });
    expect(await sendMissingCommencementTask(db, ctx.pm, other.project.id)).toEqual({ ok: false, formError: "error.notFound" });
    expect((await sendMissingCommencementTask(db, other.pm, other.project.id)).ok).toBe(true);
    expect(await sendMissingCommencementTask(db, other.pm, other.project.id)).toEqual({ ok: false, formError: "review.send.alreadyOpen" });
    const sent = await db.select().from(s.outbox).where(eq(s.outbox.projectId, other.project.id));
    expect(sent.filter((m) => m.template === "review.commencement").map((m) => m.payload.to)).toEqual([["new@jianli.test"]]);
  });
});
