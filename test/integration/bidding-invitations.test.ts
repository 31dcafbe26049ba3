// Invitations and the public quote link: one mail per company with its link, identical refusals for
// unusable tokens, the per-IP limit, resend, and authorisation (404 for another project's pm).
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { contacts, outbox, publicHits, quoteInvitations } from "#db/schema";
import { createSession } from "~/lib/session.server";
import { issueApiToken } from "~/services/admin/issue-api-token.server";
import * as apiInvitations from "~/routes/api.v1.projects.$projectId.invitations";
import * as bidding from "~/routes/projects.$projectId.bidding";
import * as link from "~/routes/q.$token";
import { makeCompany, makeProject, makeUser } from "../support/factories";
import { createTestDatabase, testDriver, type TestDatabase } from "../support/test-db";
import { payloadOf, statusOf, thrown } from "../support/route-results";


describe(`bidding invitations (${testDriver()})`, () => {
  let t: TestDatabase;
  let db: Db;
  const cookie: Record<string, string> = {};
  const id: Record<string, string> = {};
  let apiToken: string;
  let otherApiToken: string;

  const req = (who: string, path: string, body?: Record<string, string>) => {
    const init: RequestInit = { headers: { Cookie: cookie[who] } };
    if (body) {
      const fd = new FormData();
      for (const [k, v] of Object.entries(body)) fd.append(k, v);
      Object.assign(init, { method: "POST", body: fd });
    }
    return new Request(`http://localhost${path}`, init);
  };
  const args = (request: Request, params: Record<string, string>, ip = "127.0.0.1") => ({ request, params, context: { ip } }) as never;
  const tomorrow = () => new Date(Date.now() + 86_400_000 + 8 * 3600_000).toISOString().slice(0, 10);
  const tokenFromMail = (text: string) => /\/q\/([A-Za-z0-9_-]+)/.exec(text)![1];
  const linkLoad = (token: string, ip: string) => link.loader(args(new Request(`http://localhost/q/${token}`), { token }, ip));

  beforeAll(async () => {
    t = await createTestDatabase();
    db = t.db;
    for (const [name, roles] of [["pm", ["pm"]], ["pm2", ["pm"]], ["boss", ["management"]], ["service", ["service"]]] as const) {
      const u = await makeUser(db, [...roles]);
      id[name] = u.id;
      cookie[name] = (await createSession(db, u.id, { ip: "", userAgent: "" })).split(";")[0];
    }
    apiToken = (await issueApiToken(db, { userId: id.pm, name: "t" })).token;
    otherApiToken = (await issueApiToken(db, { userId: id.pm2, name: "t" })).token;
    for (const key of ["A", "B", "C"]) {
      const c = await makeCompany(db, "installer", `安装公司${key}`);
      id[key] = c.id;
      const [p] = await db.insert(contacts).values({ companyId: c.id, name: `联系人${key}`, email: `${key.toLowerCase()}@vendor.test` }).returning();
      id[`contact${key}`] = p.id;
    }
    id.project = (await makeProject(db, { id: id.pm }, { name: "天河写字楼新风", code: "PRJ-2026-0101" })).id;
    id.other = (await makeProject(db, { id: id.pm2 })).id;
  });
  afterAll(async () => t?.drop());

  it("invites two companies: one invitation and one mail with its link each, in Chinese", async () => {
    const bad = await bidding.action(args(req("pm", "/b", { intent: "invite", scope: "", deadlineDate: "2000-01-01", deadlineTime: "17:00" }), { projectId: id.project }));
    expect(statusOf(bad)).toBe(400);
    expect(payloadOf<{ errors: Record<string, string> }>(bad).errors).toMatchObject({ vendors: "bidding.invite.noneChosen", scope: "form.required", deadlineDate: "bidding.invite.deadlinePast" });

    const form = { intent: "invite", [`invite[${id.A}]`]: "on", [`contact[${id.A}]`]: id.contactA, [`invite[${id.B}]`]: "on", [`contact[${id.B}]`]: id.contactB, scope: "新风主机及风管安装", drawings: "暖施-01~05 B版", requirements: "夜间施工", deadlineDate: tomorrow(), deadlineTime: "17:30" };
    const ok = await bidding.action(args(req("pm", "/b", form), { projectId: id.project }));
    expect(statusOf(ok)).toBe(302);
    const mails = await db.select().from(outbox).where(eq(outbox.projectId, id.project));
    expect(mails).toHaveLength(2);
    for (const m of mails) {
      expect(m.payload.subject).toBe("【PRJ-2026-0101】报价邀请：天河写字楼新风");
      expect(m.payload.text).toMatch(/http:\/\/localhost:3000\/q\/[A-Za-z0-9_-]{20,}/);
      expect(m.payload.text).toContain("新风主机及风管安装");
    }
    expect(mails.map((m) => m.payload.to[0]).sort()).toEqual(["a@vendor.test", "b@vendor.test"]);
    id.tokenA = tokenFromMail(mails.find((m) => m.payload.to[0] === "a@vendor.test")!.payload.text);
    id.tokenB = tokenFromMail(mails.find((m) => m.payload.to[0] === "b@vendor.test")!.payload.text);

    const again = await bidding.action(args(req("pm", "/b", form), { projectId: id.project }));
    expect(payloadOf<{ errors: Record<string, string> }>(again).errors[`contact[${id.A}]`]).toBe("bidding.invite.alreadyActive");
  });

  it("the link page shows the invitation and marks it opened; the pm's list says so", async () => {
    const page = payloadOf<{ state: string; invitation: { vendorName: string; project: { name: string } } }>(await linkLoad(id.tokenA, "10.0.0.1"));
    expect(page.state).toBe("ok");
    expect(page.invitation.vendorName).toBe("安装公司A");
    const view = payloadOf<{ invitations: { vendorName: string; status: string }[] }>(await bidding.loader(args(req("pm", "/b"), { projectId: id.project })));
    expect(view.invitations.find((i) => i.vendorName === "安装公司A")?.status).toBe("opened");
    expect(view.invitations.find((i) => i.vendorName === "安装公司B")?.status).toBe("sent");
  });

  it("refuses unknown, mutated, revoked and expired tokens identically, and counts every attempt", async () => {
    const [invB] = await db.select().from(quoteInvitations).where(eq(quoteInvitations.vendorId, id.B));
    const revoke = await bidding.action(args(req("pm", "/b", { intent: "revoke", invitationId: invB.id }), { projectId: id.project }));
    expect(statusOf(revoke)).toBe(302);
    const [invA] = await db.select().from(quoteInvitations).where(eq(quoteInvitations.vendorId, id.A));
    const mutated = id.tokenA.slice(0, -1) + (id.tokenA.endsWith("a") ? "b" : "a");
    const before = Number((await db.select({ n: count() }).from(publicHits))[0].n);
    const answers = [];
    for (const token of ["x".repeat(32), mutated, id.tokenB, "short"]) {
      const r = await linkLoad(token, "10.0.0.2");
      answers.push([statusOf(r), JSON.stringify(payloadOf(r))]);
    }
    await db.update(quoteInvitations).set({ deadline: new Date(Date.now() - 1000) }).where(eq(quoteInvitations.id, invA.id));
    const expired = await linkLoad(id.tokenA, "10.0.0.2");
    answers.push([statusOf(expired), JSON.stringify(payloadOf(expired))]);
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0]).toEqual([404, JSON.stringify({ state: "invalid" })]);
    expect(Number((await db.select({ n: count() }).from(publicHits))[0].n)).toBe(before + 5);
    await db.update(quoteInvitations).set({ deadline: new Date(Date.now() + 86_400_000) }).where(eq(quoteInvitations.id, invA.id));
  });

  it("too many attempts from one address get 429, even with a good token", async () => {
    for (let i = 0; i < 30; i++) await linkLoad("y".repeat(30), "10.0.0.9");
    const limited = await linkLoad(id.tokenA, "10.0.0.9");
    expect(statusOf(limited)).toBe(429);
    expect(payloadOf(limited)).toEqual({ state: "rateLimited" });
    expect(statusOf(await linkLoad(id.tokenA, "10.0.0.10"))).toBe(200);
  });

  it("resend revokes the old link and mails a new one", async () => {
    const [invA] = await db.select().from(quoteInvitations).where(eq(quoteInvitations.vendorId, id.A));
    const r = await bidding.action(args(req("pm", "/b", { intent: "resend", invitationId: invA.id }), { projectId: id.project }));
    expect(statusOf(r)).toBe(302);
    const mails = await db.select().from(outbox).where(eq(outbox.projectId, id.project));
    expect(mails).toHaveLength(3);
    const fresh = tokenFromMail(mails.sort((a, b) => a.id - b.id)[2].payload.text);
    expect(fresh).not.toBe(id.tokenA);
    expect(payloadOf(await linkLoad(id.tokenA, "10.0.0.3"))).toEqual({ state: "invalid" });
    expect(payloadOf<{ state: string }>(await linkLoad(fresh, "10.0.0.3")).state).toBe("ok");
  });

  it("authorisation: another pm and a service user get 404; management reads but cannot write", async () => {
    for (const who of ["pm2", "service"]) {
      expect(statusOf(await thrown(bidding.loader(args(req(who, "/b"), { projectId: id.project }))))).toBe(404);
      expect(statusOf(await thrown(bidding.action(args(req(who, "/b", { intent: "invite" }), { projectId: id.project }))))).toBe(404);
    }
    const read = payloadOf<{ access: string; canWrite: boolean }>(await bidding.loader(args(req("boss", "/b"), { projectId: id.project })));
    expect(read).toMatchObject({ access: "read", canWrite: false });
    expect(statusOf(await thrown(bidding.action(args(req("boss", "/b", { intent: "invite" }), { projectId: id.project }))))).toBe(403);
  });

  it("API: lists and creates invitations with the same checks; 404 for another pm", async () => {
    const api = (token: string, method = "GET", json?: unknown) =>
      new Request(`http://localhost/api/v1/projects/${id.project}/invitations`, { method, headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" }, body: json ? JSON.stringify(json) : undefined });
    const list = await apiInvitations.loader(args(api(apiToken), { projectId: id.project }));
    expect(list.status).toBe(200);
    expect((await list.json()).items.length).toBe(3);
    expect((await apiInvitations.loader(args(api(otherApiToken), { projectId: id.project }))).status).toBe(404);
    expect((await apiInvitations.action(args(api(otherApiToken, "POST", {}), { projectId: id.project }))).status).toBe(404);
    const bad = await apiInvitations.action(args(api(apiToken, "POST", { vendorId: id.C, contactId: id.contactA, scope: "x", deadline: "2000-01-01T00:00:00Z" }), { projectId: id.project }));
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.fieldErrors.deadline).toBe("截止时间必须晚于现在");
    const wrongContact = await apiInvitations.action(args(api(apiToken, "POST", { vendorId: id.C, contactId: id.contactA, scope: "x", deadline: `${tomorrow()}T17:00:00+08:00` }), { projectId: id.project }));
    expect((await wrongContact.json()).error.fieldErrors.contactId).toBe("请选择有邮箱的联系人");
    const ok = await apiInvitations.action(args(api(apiToken, "POST", { vendorId: id.C, contactId: id.contactC, scope: "风管", deadline: `${tomorrow()}T17:00:00+08:00` }), { projectId: id.project }));
    expect(ok.status).toBe(201);
    expect(await db.select().from(outbox).where(eq(outbox.projectId, id.project))).toHaveLength(4);
  });
});
