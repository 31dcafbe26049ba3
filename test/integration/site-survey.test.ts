// Site survey (现场勘察): page and API over the same services — save, validation (nothing
// half-written), photos checked by content and size, COMPLETE_SURVEY refused/accepted, IDOR.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { files, projectPhotos, projects, surveyObstacles, surveys } from "#db/schema";
import { reach } from "#machines/fixtures";
import { createSession } from "~/lib/session.server";
import { issueApiToken } from "~/services/admin/issue-api-token.server";
import * as page from "~/routes/projects.$projectId.survey";
import * as api from "~/routes/api.v1.projects.$projectId.survey";
import * as apiPhotos from "~/routes/api.v1.projects.$projectId.survey.photos";
import { createTestDatabase, testDriver, type TestDatabase } from "../support/test-db";
import { makeProject, makeUser } from "../support/factories";
import { statusOf, thrown } from "../support/route-results";

const PNG = Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f6d1c60000000049454e44ae426082", "hex");
const EXE = Buffer.concat([Buffer.from("MZ"), Buffer.alloc(62), Buffer.from("PE\0\0"), Buffer.alloc(200)]);

let t: TestDatabase;
const cookie: Record<string, string> = {};
const token: Record<string, string> = {};
const user: Record<string, { id: string }> = {};
const context = { ip: "127.0.0.1" };

beforeAll(async () => {
  t = await createTestDatabase();
  for (const [name, roles] of [["pm", ["pm"]], ["other", ["pm"]], ["mgmt", ["management"]]] as const) {
    user[name] = await makeUser(t.db, [...roles]);
    cookie[name] = (await createSession(t.db, user[name].id, { ip: "", userAgent: "" })).split(";")[0];
    token[name] = (await issueApiToken(t.db, { userId: user[name].id, name: "t" })).token;
  }
});
afterAll(async () => t?.drop());

const surveyProject = () => makeProject(t.db, user.pm, { stage: "survey", snapshot: reach("survey") });

type Fields = Record<string, string | { bytes: Buffer; name: string; type?: string }>;
function form(fields: Fields): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) {
    if (typeof v === "string") fd.append(k, v);
    else fd.append(k, new Blob([new Uint8Array(v.bytes)], { type: v.type ?? "image/jpeg" }), v.name);
  }
  return fd;
}
function pageReq(who: string, projectId: string, fields?: Fields) {
  return new Request(`http://localhost/projects/${projectId}/survey`, fields ? { method: "POST", headers: { Cookie: cookie[who] }, body: form(fields) } : { headers: { Cookie: cookie[who] } });
}
const args = (request: Request, projectId: string) => ({ request, params: { projectId }, context }) as never;
const payload = <T = Record<string, any>>(v: unknown) => ((v as { data?: unknown }).data ?? v) as T;
function apiReq(who: string, path: string, init: RequestInit & { json?: unknown } = {}) {
  const headers = new Headers(init.headers);
  headers.set("Authorization", `Bearer ${token[who]}`);
  if (init.json !== undefined) headers.set("Content-Type", "application/json");
  return new Request(`http://localhost/api/v1${path}`, { ...init, headers, body: init.json !== undefined ? JSON.stringify(init.json) : init.body });
}

const complete = {
  intent: "save",
  siteLeadName: "李工",
  crewLeadName: "王队长",
  surveyedOn: "2026-11-20",
  conditions: "机房具备安装条件，电源已到位",
  drawingsConfirmed: "on",
  "obstacles[0].description": "旧风管",
  "obstacles[0].plan": "拆除后外运",
  "obstacles[1].description": "配电箱",
  "obstacles[1].plan": "",
};

describe(`site survey (${testDriver()})`, () => {
  it("saves idempotently: upsert, obstacles replaced, photos added, all in one go", async () => {
    const p = await surveyProject();
    const res = await page.action(args(pageReq("pm", p.id, { ...complete, photos: { bytes: PNG, name: "现场.jpg" }, photosCaption: "机房入口" }), p.id));
    expect(statusOf(res)).toBe(302);
    await page.action(args(pageReq("pm", p.id, { ...complete, "obstacles[1].description": "" }), p.id));
    const obstacles = await t.db.select().from(surveyObstacles).where(eq(surveyObstacles.projectId, p.id));
    expect(obstacles.map((o) => o.description)).toEqual(["旧风管"]);
    const loaded = payload(await page.loader(args(pageReq("pm", p.id), p.id)));
    expect(loaded.canEdit).toBe(true);
    expect(loaded.survey).toMatchObject({ siteLeadName: "李工", crewLeadName: "王队长", surveyedOn: "2026-11-20", drawingsConfirmed: true });
    expect(loaded.survey.photos).toHaveLength(1);
    expect(loaded.survey.photos[0].caption).toBe("机房入口");
  });

  it("refuses bad input beside the fields, keeps what was typed, writes nothing (not even the photo)", async () => {
    const p = await surveyProject();
    const res = await page.action(args(pageReq("pm", p.id, { ...complete, surveyedOn: "2026-02-30", "obstacles[1].description": "", "obstacles[1].plan": "先移走", photos: { bytes: PNG, name: "a.png" } }), p.id));
    expect(statusOf(res)).toBe(400);
    const body = payload(res);
    expect(body.errors).toMatchObject({ surveyedOn: "form.invalidDate", "obstacles[1].description": "form.required" });
    expect(body.values.siteLeadName).toBe("李工");
    expect(body.values["obstacles[1].plan"]).toBe("先移走");
    expect(await t.db.select().from(surveys).where(eq(surveys.projectId, p.id))).toHaveLength(0);
    expect(await t.db.select().from(projectPhotos).where(eq(projectPhotos.projectId, p.id))).toHaveLength(0);
    expect(await t.db.select().from(files).where(eq(files.projectId, p.id))).toHaveLength(0);
  });

  it("refuses a renamed executable as .jpg and an oversized photo", async () => {
    const p = await surveyProject();
    const exe = await page.action(args(pageReq("pm", p.id, { ...complete, photos: { bytes: EXE, name: "photo.jpg" } }), p.id));
    expect(statusOf(exe)).toBe(400);
    expect(payload(exe).errors.photos).toBe("upload.badType");
    const big = await page.action(args(pageReq("pm", p.id, { ...complete, photos: { bytes: Buffer.concat([PNG, Buffer.alloc(10 * 1024 * 1024)]), name: "big.png" } }), p.id));
    expect(statusOf(big)).toBe(400);
    expect(payload(big).errors.photos).toBe("upload.tooLarge");
    expect(await t.db.select().from(surveys).where(eq(surveys.projectId, p.id))).toHaveLength(0);
    expect(await t.db.select().from(files).where(eq(files.projectId, p.id))).toHaveLength(0);
  });

  it("adds and removes obstacle rows without JavaScript, writing nothing", async () => {
    const p = await surveyProject();
    const added = payload(await page.action(args(pageReq("pm", p.id, { ...complete, intent: "addObstacle" }), p.id)));
    expect(added.values["obstacles[2].description"]).toBe("");
    const removed = payload(await page.action(args(pageReq("pm", p.id, { ...complete, intent: "removeObstacle:0" }), p.id)));
    expect(removed.values["obstacles[0].description"]).toBe("配电箱");
    expect(removed.values["obstacles[1].description"]).toBeUndefined();
    expect(await t.db.select().from(surveys).where(eq(surveys.projectId, p.id))).toHaveLength(0);
  });

  it("COMPLETE_SURVEY is refused while an obstacle has no plan (named at the button), accepted when complete", async () => {
    const p = await surveyProject();
    await page.action(args(pageReq("pm", p.id, complete), p.id));
    const before = payload(await page.loader(args(pageReq("pm", p.id), p.id)));
    expect(before.missing.join()).toContain("配电箱");
    const refused = await page.action(args(pageReq("pm", p.id, { intent: "complete", version: String(before.project.version) }), p.id));
    expect(statusOf(refused)).toBe(422);
    expect(payload(refused).refusals.join()).toContain("配电箱");
    expect((await t.db.select().from(projects).where(eq(projects.id, p.id)))[0].stage).toBe("survey");

    await page.action(args(pageReq("pm", p.id, { ...complete, "obstacles[1].plan": "移位至东墙" }), p.id));
    const ok = await page.action(args(pageReq("pm", p.id, { intent: "complete", version: String(before.project.version) }), p.id));
    expect(statusOf(ok)).toBe(302);
    expect((await t.db.select().from(projects).where(eq(projects.id, p.id)))[0].stage).toBe("entry");

    // Locked afterwards: the page is read-only and a forged save is refused.
    expect(payload(await page.loader(args(pageReq("pm", p.id), p.id))).canEdit).toBe(false);
    const late = await page.action(args(pageReq("pm", p.id, { ...complete, conditions: "改了" }), p.id));
    expect(statusOf(late)).toBe(409);
    expect((await t.db.select().from(surveys).where(eq(surveys.projectId, p.id)))[0].conditions).toBe(complete.conditions);
  });

  it("hides another pm's project (404) on the page and the API; viewers read but cannot save", async () => {
    const p = await surveyProject();
    expect(statusOf(await thrown(page.loader(args(pageReq("other", p.id), p.id))))).toBe(404);
    expect(statusOf(await thrown(page.action(args(pageReq("other", p.id, complete), p.id))))).toBe(404);
    expect((await api.loader(args(apiReq("other", `/projects/${p.id}/survey`), p.id))).status).toBe(404);
    expect((await api.action(args(apiReq("other", `/projects/${p.id}/survey`, { method: "PUT", json: {} }), p.id))).status).toBe(404);
    const photoForm = form({ photos: { bytes: PNG, name: "x.png" } });
    expect((await apiPhotos.action(args(apiReq("other", `/projects/${p.id}/survey/photos`, { method: "POST", body: photoForm }), p.id))).status).toBe(404);

    const viewer = payload(await page.loader(args(pageReq("mgmt", p.id), p.id)));
    expect(viewer.canEdit).toBe(false);
    expect(statusOf(await page.action(args(pageReq("mgmt", p.id, complete), p.id)))).toBe(403);
  });

  it("API: PUT validates with the same messages, saves; photos by multipart; GET returns it", async () => {
    const p = await surveyProject();
    const bad = await api.action(args(apiReq("pm", `/projects/${p.id}/survey`, { method: "PUT", json: { surveyedOn: "someday", obstacles: [{ description: "", plan: "x" }] } }), p.id));
    expect(bad.status).toBe(400);
    const badBody = await bad.json();
    expect(badBody.error.fieldErrors.surveyedOn).toBeTruthy();
    expect(badBody.error.fieldErrors["obstacles[0].description"]).toBe("此项必填");

    const ok = await api.action(args(apiReq("pm", `/projects/${p.id}/survey`, { method: "PUT", json: { siteLeadName: "李工", conditions: "良好", drawingsConfirmed: true, obstacles: [{ description: "树", plan: "移栽" }] } }), p.id));
    expect(ok.status).toBe(200);
    const photos = await apiPhotos.action(args(apiReq("pm", `/projects/${p.id}/survey/photos`, { method: "POST", body: form({ photos: { bytes: PNG, name: "a.png" }, caption: "东侧" }) }), p.id));
    expect(photos.status).toBe(201);
    const exe = await apiPhotos.action(args(apiReq("pm", `/projects/${p.id}/survey/photos`, { method: "POST", body: form({ photos: { bytes: EXE, name: "a.jpg" } }) }), p.id));
    expect(exe.status).toBe(400);

    const got = await (await api.loader(args(apiReq("pm", `/projects/${p.id}/survey`), p.id))).json();
    expect(got).toMatchObject({ siteLeadName: "李工", drawingsConfirmed: true, obstacles: [{ description: "树", plan: "移栽" }] });
    expect(got.photos).toHaveLength(1);
    expect(got.photos[0].url).toBe(`/files/${got.photos[0].fileId}`);
  });
});
