import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { bidRecommendations, projects } from "#db/schema";
import { issueApiToken } from "~/services/admin/issue-api-token.server";
import * as list from "~/routes/api.v1.projects._index";
import * as one from "~/routes/api.v1.projects.$projectId._index";
import * as events from "~/routes/api.v1.projects.$projectId.events";
import * as audit from "~/routes/api.v1.projects.$projectId.audit";
import * as openapi from "~/routes/api.v1.openapi[.]json";
import { createTestDatabase, testDriver, type TestDatabase } from "../support/test-db";
import { makeCompany, makeProject, makeQuote, makeUser } from "../support/factories";

let t: TestDatabase;
let pmToken: string;
let otherPmToken: string;
let pmId: string;
let clientId: string;
beforeAll(async () => {
  t = await createTestDatabase();
  const pm = await makeUser(t.db, ["pm"]);
  const other = await makeUser(t.db, ["pm"]);
  pmId = pm.id;
  pmToken = (await issueApiToken(t.db, { userId: pm.id, name: "test" })).token;
  otherPmToken = (await issueApiToken(t.db, { userId: other.id, name: "test" })).token;
  clientId = (await makeCompany(t.db, "client")).id;
});
afterAll(async () => t?.drop());

const base = "http://localhost/api/v1";
const context = { ip: "198.51.100.9" };
function req(path: string, token: string | null, init: RequestInit & { json?: unknown } = {}) {
  const headers = new Headers(init.headers);
  if (token) headers.set("Authorization", `Bearer ${token}`);
  if (init.json !== undefined) headers.set("Content-Type", "application/json");
  return new Request(`${base}${path}`, { ...init, headers, body: init.json !== undefined ? JSON.stringify(init.json) : init.body });
}
const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context });

const validProject = () => ({
  code: `API-${Math.random().toString(36).slice(2, 8)}`,
  name: "接口创建的项目",
  clientId,
  siteAddress: "广州市天河区",
  clientContractNo: "HT-API-1",
  clientContractAmount: "868000.50",
  clientContractSignedOn: "2026-10-01",
  plannedStartOn: "2026-12-01",
  plannedFinishOn: "2027-01-31",
  equipment: [{ model: "YD-XF500", quantity: 2, location: "机房" }],
});

describe(`/api/v1 on ${testDriver()}`, () => {
  it("refuses calls without a valid token", async () => {
    const res = await list.loader(args(req("/projects", null)) as never);
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe("UNAUTHORIZED");
    const forged = await list.loader(args(req("/projects", "it_forged")) as never);
    expect(forged.status).toBe(401);
  });

  it("creates a project with the form's validation and messages, in Chinese or English", async () => {
    const bad = await list.action(args(req("/projects", pmToken, { method: "POST", json: { ...validProject(), clientContractAmount: "12.345", equipment: [{ model: "", quantity: -1, location: "x" }] } })) as never);
    expect(bad.status).toBe(400);
    const body = await bad.json();
    expect(body.error.fieldErrors.clientContractAmount).toContain("两位小数");
    expect(body.error.fieldErrors["equipment[0].model"]).toBe("此项必填");
    expect(body.error.fieldErrors["equipment[0].quantity"]).toBeTruthy();
    const english = await list.action(args(req("/projects", pmToken, { method: "POST", json: { ...validProject(), clientContractAmount: "1e21" }, headers: { "Accept-Language": "en" } })) as never);
    expect((await english.json()).error.fieldErrors.clientContractAmount).toMatch(/amount/i);

    const created = await list.action(args(req("/projects", pmToken, { method: "POST", json: validProject() })) as never);
    expect(created.status).toBe(201);
    const { id } = await created.json();
    const [row] = await t.db.select().from(projects).where(eq(projects.id, id));
    expect(row).toMatchObject({ pmId, stage: "bidding", clientContractAmountFen: 86_800_050 });
  });

  it("lists and reads only what the caller may see", async () => {
    const mine = await makeProject(t.db, { id: pmId });
    const listed = await (await list.loader(args(req("/projects", pmToken)) as never)).json();
    expect(listed.items.map((p: { id: string }) => p.id)).toContain(mine.id);
    const otherList = await (await list.loader(args(req("/projects", otherPmToken)) as never)).json();
    expect(otherList.items.map((p: { id: string }) => p.id)).not.toContain(mine.id);
    const hidden = await one.loader(args(req(`/projects/${mine.id}`, otherPmToken), { projectId: mine.id }) as never);
    expect(hidden.status).toBe(404);
    const visible = await (await one.loader(args(req(`/projects/${mine.id}`, pmToken), { projectId: mine.id }) as never)).json();
    expect(visible).toMatchObject({ id: mine.id, stage: "bidding", version: 1 });
    expect(visible.events.blocked.map((b: { type: string }) => b.type)).toContain("SUBMIT_FOR_DECISION");
  });

  it("sends events through the statechart: refused with reasons, stale version 409, applied, audited", async () => {
    const project = await makeProject(t.db, { id: pmId });
    const path = `/projects/${project.id}/events`;
    const post = (json: unknown, token = pmToken) => events.action(args(req(path, token, { method: "POST", json }), { projectId: project.id }) as never);

    const refused = await post({ type: "SUBMIT_FOR_DECISION", payload: { facts: { validQuotes: [1, 2, 3] } } });
    expect(refused.status).toBe(422);
    const refusedBody = await refused.json();
    expect(refusedBody.error.code).toBe("REFUSED");
    expect(refusedBody.error.message).toContain("有效报价不足三家");

    const quotes = await Promise.all([1, 2, 3].map(() => makeQuote(t.db, project.id)));
    await t.db.insert(bidRecommendations).values({ projectId: project.id, vendorId: quotes[1].vendorId, reason: "综合最优", createdBy: pmId });
    expect((await post({ type: "SUBMIT_FOR_DECISION", expectedVersion: 9 })).status).toBe(409);
    expect((await post({ type: "SUBMIT_FOR_DECISION" }, otherPmToken)).status).toBe(404);
    expect((await post({ type: "AWARD", payload: { vendorId: quotes[0].vendorId } })).status).toBe(403);
    expect((await post({ type: "NO_SUCH_EVENT" })).status).toBe(400);

    const applied = await post({ type: "SUBMIT_FOR_DECISION", expectedVersion: 1 });
    expect(applied.status).toBe(200);
    expect(await applied.json()).toEqual({ ok: true, stage: "awaitingDecision", version: 2 });

    const log = await (await audit.loader(args(req(`/projects/${project.id}/audit`, pmToken), { projectId: project.id }) as never)).json();
    expect(log.items[0]).toMatchObject({ event: "SUBMIT_FOR_DECISION", fromStage: "bidding", toStage: "awaitingDecision", ip: context.ip });
  });

  it("publishes an OpenAPI document describing every event", async () => {
    const doc = await openapi.loader().json();
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/projects", "/projects/{projectId}/events", "/projects/{projectId}/audit"]));
    const titles = doc.components.schemas.EventRequest.oneOf.map((s: { title: string }) => s.title);
    expect(titles).toContain("RECORD_CONTRACT");
    expect(titles).not.toContain("TICK");
  });
});
