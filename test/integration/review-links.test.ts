// Link failures (unknown, mutated, revoked, expired, used — one answer, all counted), the per-IP
// limit, the pm's list/revoke/resend in the API (and IDOR), and the supervisor's material and
// rectification tasks.
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import * as s from "#db/schema";
import { issueApiToken } from "~/services/admin/issue-api-token.server";
import * as list from "~/routes/api.v1.projects.$projectId.review-tasks";
import * as resend from "~/routes/api.v1.projects.$projectId.review-tasks.$taskId.resend";
import * as revoke from "~/routes/api.v1.projects.$projectId.review-tasks.$taskId.revoke";
import * as page from "~/routes/r.$token";
import * as fileRoute from "~/routes/r.$token_.files.$fileId";
import { createMaterialReviewTask, createRectificationIssueTask, createVerificationTask } from "~/services/review/party-tasks.server";
import { makeUser } from "../support/factories";
import { createTestDatabase, testDriver, type TestDatabase } from "../support/test-db";
import { args, dataUrl, enterReview, payloadOf, signForm, statusOf, tokenFrom } from "./review-fixture";

describe(`review links (${testDriver()})`, () => {
  let t: TestDatabase;
  let db: Db;
  let ctx: Awaited<ReturnType<typeof enterReview>>;
  let api: string;
  let otherApi: string;
  const load = (token: string, ip: string) => page.loader(args(new Request(`http://localhost/r/${token}`), { token }, ip));
  const call = (mod: { loader?: unknown; action?: unknown }, method: "loader" | "action", path: string, params: Record<string, string>, auth = api) =>
    (mod as Record<string, (a: unknown) => Promise<Response>>)[method]({ request: new Request(`http://localhost${path}`, { method: method === "action" ? "POST" : "GET", headers: { Authorization: `Bearer ${auth}` } }), params, context: {} });
  const latestToken = async (projectId: string, to: string, template = "review.commencement") =>
    tokenFrom((await db.select().from(s.outbox).where(eq(s.outbox.projectId, projectId))).filter((m) => m.payload.to.includes(to) && m.template === template).sort((a, b) => b.id - a.id)[0].payload.text);
  const hashOf = async (token: string, ip = "10.3.0.1") => payloadOf<{ view: { hash: string } }>(await load(token, ip)).view.hash;

  beforeAll(async () => {
    t = await createTestDatabase();
    db = t.db;
    ctx = await enterReview(db);
    api = (await issueApiToken(db, { userId: ctx.pm.id, name: "t" })).token;
    const other = await makeUser(db, ["pm"]);
    otherApi = (await issueApiToken(db, { userId: other.id, name: "t" })).token;
  });
  afterAll(async () => t?.drop());

  it("the pm lists tasks; another pm gets 404; links are never in the API", async () => {
    const r = await call(list, "loader", "/x", { projectId: ctx.project.id });
    const body = (await r.json()) as { items: { status: string; party: string; recipientEmail: string }[] };
    expect(body.items).toMatchObject([{ status: "pending", party: "supervisor", recipientEmail: "li@jianli.test" }]);
    expect(JSON.stringify(body)).not.toMatch(/\/r\//);
    expect((await call(list, "loader", "/x", { projectId: ctx.project.id }, otherApi)).status).toBe(404);
  });

  it("unknown, mutated, revoked, expired and used tokens: the same 404, each counted", async () => {
    const first = await latestToken(ctx.project.id, "li@jianli.test");
    const [task] = await db.select().from(s.reviewTasks).where(eq(s.reviewTasks.projectId, ctx.project.id));
    // Resend: a new link; the old one is dead. Another project's task id through this project's path is 404.
    const other = await enterReview(db);
    const [otherTask] = await db.select().from(s.reviewTasks).where(eq(s.reviewTasks.projectId, other.project.id));
    expect((await call(resend, "action", "/x", { projectId: ctx.project.id, taskId: otherTask.id })).status).toBe(404);
    expect((await call(resend, "action", "/x", { projectId: ctx.project.id, taskId: task.id }, otherApi)).status).toBe(404);
    const resent = await call(resend, "action", "/x", { projectId: ctx.project.id, taskId: task.id });
    expect(resent.status).toBe(201);
    const fresh = await latestToken(ctx.project.id, "li@jianli.test");
    expect(fresh).not.toBe(first);
    // A third project's task: revoked; a fourth: expired; a fifth: used.
    const revokedCtx = await enterReview(db);
    const [revokedTask] = await db.select().from(s.reviewTasks).where(eq(s.reviewTasks.projectId, revokedCtx.project.id));
    const pmApi = (await issueApiToken(db, { userId: revokedCtx.pm.id, name: "t" })).token;
    expect((await call(revoke, "action", "/x", { projectId: revokedCtx.project.id, taskId: revokedTask.id }, pmApi)).status).toBe(200);
    expect((await call(revoke, "action", "/x", { projectId: revokedCtx.project.id, taskId: revokedTask.id }, pmApi)).status).toBe(409);
    const revokedToken = await latestToken(revokedCtx.project.id, "li@jianli.test");
    const expiredToken = await latestToken(other.project.id, "li@jianli.test");
    await db.update(s.reviewTasks).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(s.reviewTasks.id, otherTask.id));
    const usedCtx = await enterReview(db);
    const usedToken = await latestToken(usedCtx.project.id, "li@jianli.test");
    const done = await page.action(args(signForm(usedToken, { contentHash: await hashOf(usedToken), decision: "approved", signerName: "李", signerRole: "总监", typedSignature: "李" }), { token: usedToken }, "10.3.0.2"));
    expect(payloadOf(done)).toEqual({ done: "approved" });

    const mutated = fresh.slice(0, -1) + (fresh.endsWith("a") ? "b" : "a");
    const before = Number((await db.select({ n: count() }).from(s.publicHits)).at(0)!.n);
    const answers = [];
    for (const token of ["x".repeat(32), "short", mutated, first, revokedToken, expiredToken, usedToken]) {
      const r = await load(token, "10.3.0.9");
      answers.push(JSON.stringify([statusOf(r), payloadOf(r)]));
      // Posting to a dead link is refused the same way.
      const p = await page.action(args(signForm(token, { decision: "approved" }), { token }, "10.3.0.9"));
      answers.push(JSON.stringify([statusOf(p), payloadOf(p)]));
    }
    expect(new Set(answers)).toEqual(new Set([JSON.stringify([404, { state: "invalid" }])]));
    const after = Number((await db.select({ n: count() }).from(s.publicHits)).at(0)!.n);
    expect(after - before).toBe(14);
    expect(statusOf(await load(fresh, "10.3.0.10"))).toBe(200);
    // The dead link's files are refused too.
    expect((await fileRoute.loader(args(new Request("http://localhost/x"), { token: first, fileId: ctx.certificateFileId }, "10.3.0.10")) as Response).status).toBe(404);
  });

  it("over the per-IP limit: 429, even with a good token", async () => {
    const token = await latestToken(ctx.project.id, "li@jianli.test");
    let last: unknown;
    for (let i = 0; i < 31; i++) last = await load("y".repeat(32), "10.3.0.99");
    expect(statusOf(last)).toBe(429);
    expect(statusOf(await load(token, "10.3.0.99"))).toBe(429);
    expect(payloadOf(await load(token, "10.3.0.99"))).toEqual({ state: "rateLimited" });
  });

  it("material request by link: rejected with a comment, signed; decided once", async () => {
    const [insp] = await db.insert(s.materialInspections).values({ projectId: ctx.project.id, title: "风机盘管进场报审", enteredOn: "2026-12-05", placeOfUse: "3F 吊顶" }).returning();
    await db.insert(s.materialInspectionItems).values({ inspectionId: insp.id, position: 0, name: "风机盘管", spec: "FP-68", quantity: "12", placeOfUse: "3F", certificateFileId: ctx.certificateFileId });
    await db.transaction((tx) => createMaterialReviewTask(tx, { projectId: ctx.project.id, inspectionId: insp.id, createdBy: ctx.pm.id }));
    const token = await latestToken(ctx.project.id, "li@jianli.test", "review.materialInspection");
    const view = payloadOf<{ view: { kind: string; content: { items: { name: string }[] } } }>(await load(token, "10.3.1.1"));
    expect(view.view.kind).toBe("materialInspection");
    expect(view.view.content.items[0].name).toBe("风机盘管");
    expect((await fileRoute.loader(args(new Request("http://localhost/x"), { token, fileId: ctx.certificateFileId }, "10.3.1.1")) as Response).status).toBe(200);
    const r = await page.action(args(signForm(token, { contentHash: await hashOf(token, "10.3.1.1"), decision: "rejected", opinion: "合格证与型号不符", signerName: "李总监", signerRole: "专业监理工程师", signature: dataUrl }), { token }, "10.3.1.1"));
    expect(payloadOf(r)).toEqual({ done: "rejected" });
    const [row] = await db.select().from(s.materialInspections).where(eq(s.materialInspections.id, insp.id));
    expect(row).toMatchObject({ status: "rejected", decisionComment: "合格证与型号不符" });
    const sigs = await db.select().from(s.signatures).where(eq(s.signatures.documentKind, "materialInspection"));
    expect(sigs).toMatchObject([{ decision: "rejected", signerName: "李总监", party: "supervisor" }]);
  });

  it("rectification: the supervisor issues a notice by the standing link, then verifies the reply", async () => {
    await db.transaction((tx) => createRectificationIssueTask(tx, { projectId: ctx.project.id, createdBy: ctx.pm.id }));
    const issueToken = await latestToken(ctx.project.id, "li@jianli.test", "review.rectificationIssue");
    const fields = { contentHash: await hashOf(issueToken, "10.3.2.1"), decision: "approved", subject: "风管支吊架间距过大", content: "3F 走廊 <script>alert(1)</script> 支吊架间距超过规范", deadlineOn: "2026-12-20", signerName: "李总监", signerRole: "总监理工程师", typedSignature: "李总监" };
    const bad = await page.action(args(signForm(issueToken, { ...fields, deadlineOn: "2026-02-30" }), { token: issueToken }, "10.3.2.1"));
    expect(payloadOf<{ errors: Record<string, string> }>(bad).errors.deadlineOn).toBe("form.invalidDate");
    const issued = await page.action(args(signForm(issueToken, fields), { token: issueToken }, "10.3.2.1"));
    expect((issued as Response).status).toBe(302);
    const again = await page.action(args(signForm(issueToken, fields), { token: issueToken }, "10.3.2.1"));
    expect(payloadOf<{ formError: string }>(again).formError).toBe("review.alreadyDecided");
    const notices = await db.select().from(s.rectifications).where(eq(s.rectifications.projectId, ctx.project.id));
    expect(notices).toMatchObject([{ subject: "风管支吊架间距过大", issuedVia: "link", status: "open", number: "JL-TZ-001" }]);
    // The standing link still works for the next notice.
    expect(statusOf(await load(issueToken, "10.3.2.1"))).toBe(200);

    await db.update(s.rectifications).set({ status: "replied" }).where(eq(s.rectifications.id, notices[0].id));
    const [reply] = await db.insert(s.rectificationReplies).values({ rectificationId: notices[0].id, content: "已按规范加密支吊架" }).returning();
    await db.transaction((tx) => createVerificationTask(tx, { projectId: ctx.project.id, replyId: reply.id, createdBy: ctx.pm.id }));
    const token = await latestToken(ctx.project.id, "li@jianli.test", "review.rectificationVerification");
    const view = payloadOf<{ view: { content: { notice: { subject: string }; reply: { content: string } } } }>(await load(token, "10.3.2.2"));
    expect(view.view.content.reply.content).toBe("已按规范加密支吊架");
    const r = await page.action(args(signForm(token, { contentHash: await hashOf(token, "10.3.2.2"), decision: "approved", opinion: "复查合格", signerName: "李总监", signerRole: "总监理工程师", typedSignature: "李总监" }), { token }, "10.3.2.2"));
    expect(payloadOf(r)).toEqual({ done: "approved" });
    const [closed] = await db.select().from(s.rectifications).where(eq(s.rectifications.id, notices[0].id));
    expect(closed.status).toBe("closed");
  });
});
