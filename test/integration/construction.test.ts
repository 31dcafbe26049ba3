// Construction page and API: progress log validation, planned-vs-actual data, coordination notes,
// writes refused outside construction or to anyone but the project's pm, and IDOR (404).
import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, coordinationNotes, progressEntries, projectPhotos } from "#db/schema";
import { initialProjectSnapshot } from "#machines/runtime";
import { translate } from "~/i18n";
import { addDays, shanghaiDate } from "~/lib/calendar";
import { createSession } from "~/lib/session.server";
import * as page from "~/routes/projects.$projectId.construction";
import * as progressApi from "~/routes/api.v1.projects.$projectId.progress";
import * as notesApi from "~/routes/api.v1.projects.$projectId.notes";
import { issueApiToken } from "~/services/admin/issue-api-token.server";
import { plannedPercent } from "~/services/site/progress-plan";
import { createTestDatabase, testDriver, type TestDatabase } from "../support/test-db";
import { makeProject, makeUser } from "../support/factories";
import { payloadOf, statusOf, thrown } from "../support/route-results";

const today = shanghaiDate(new Date().toISOString());
const start = addDays(today, -20);
const finish = addDays(today, 20);
// A real 1×1 PNG (judged by content) and a Windows executable renamed to .jpg.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
const EXE = Buffer.concat([Buffer.from("MZ"), Buffer.alloc(200, 0x90)]);

type Args = Parameters<typeof page.loader>[0];

let t: TestDatabase;
const cookies: Record<string, string> = {};
const tokens: Record<string, string> = {};
let building: string; // in construction
let entering: string; // still in entry
let noPlan: string; // construction without a planned finish

function snapshotIn(stage: string, startedOn: string | null) {
  const s = initialProjectSnapshot() as unknown as { value: unknown; context: Record<string, unknown> };
  return { ...s, value: stage, context: { ...s.context, startedOn } };
}
function pageReq(who: string, projectId: string, body?: Record<string, string | Blob>, blobName?: string): Request {
  const init: RequestInit = { headers: { Cookie: cookies[who] } };
  if (body) {
    const fd = new FormData();
    for (const [k, v] of Object.entries(body)) (typeof v === "string" ? fd.append(k, v) : fd.append(k, v, blobName));
    init.method = "POST";
    init.body = fd;
  }
  return new Request(`http://localhost/projects/${projectId}/construction`, init);
}
const args = (request: Request, projectId: string) => ({ request, params: { projectId }, context: { ip: "127.0.0.1" } }) as unknown as Args;
function apiReq(path: string, who: string, json?: unknown, lang?: string) {
  const headers = new Headers({ Authorization: `Bearer ${tokens[who]}` });
  if (json !== undefined) headers.set("Content-Type", "application/json");
  if (lang) headers.set("Accept-Language", lang);
  return new Request(`http://localhost/api/v1${path}`, { method: json !== undefined ? "POST" : "GET", headers, body: json !== undefined ? JSON.stringify(json) : undefined });
}

beforeAll(async () => {
  t = await createTestDatabase();
  for (const [name, roles] of [["pm", ["pm"]], ["otherPm", ["pm"]], ["boss", ["management"]]] as const) {
    const u = await makeUser(t.db, [...roles]);
    cookies[name] = (await createSession(t.db, u.id, { ip: "", userAgent: "" })).split(";")[0];
    tokens[name] = (await issueApiToken(t.db, { userId: u.id, name: "test" })).token;
    if (name === "pm") {
      building = (await makeProject(t.db, u, { stage: "construction", snapshot: snapshotIn("construction", start), plannedStartOn: addDays(start, -5), plannedFinishOn: finish })).id;
      entering = (await makeProject(t.db, u, { stage: "entry", snapshot: snapshotIn("entry", null), plannedStartOn: start, plannedFinishOn: finish })).id;
      noPlan = (await makeProject(t.db, u, { stage: "construction", snapshot: snapshotIn("construction", start), plannedFinishOn: null })).id;
    }
  }
});
afterAll(async () => t?.drop());

describe(`construction page (${testDriver()})`, () => {
  it("refuses bad progress beside the fields, keeping what was typed, and writes nothing", async () => {
    const cases: [Record<string, string>, string, string][] = [
      [{ entryDate: today, percentComplete: "101" }, "percentComplete", "construction.progress.percentRange"],
      [{ entryDate: today, percentComplete: "-5" }, "percentComplete", "construction.progress.percentRange"],
      [{ entryDate: today, percentComplete: "12.5" }, "percentComplete", "construction.progress.percentRange"],
      [{ entryDate: today, percentComplete: "" }, "percentComplete", "form.required"],
      [{ entryDate: addDays(today, 1), percentComplete: "10" }, "entryDate", "construction.progress.dateFuture"],
      [{ entryDate: addDays(start, -1), percentComplete: "10" }, "entryDate", "construction.progress.dateBeforeStart"],
      [{ entryDate: "2026-02-30", percentComplete: "10" }, "entryDate", "form.invalidDate"],
    ];
    for (const [fields, field, key] of cases) {
      const res = await page.action(args(pageReq("pm", building, { intent: "addProgress", notes: "<b>喆</b>", ...fields }), building));
      expect(statusOf(res)).toBe(400);
      const body = payloadOf<{ errors: Record<string, string>; values: Record<string, string> }>(res);
      expect(body.errors[field]).toBe(key);
      expect(body.values.notes).toBe("<b>喆</b>");
    }
    const [{ n }] = await t.db.select({ n: count() }).from(progressEntries);
    expect(Number(n)).toBe(0);
  });

  it("logs progress with photos; a renamed executable is refused; a lower figure without notes warns", async () => {
    const exe = await page.action(args(pageReq("pm", building, { intent: "addProgress", entryDate: start, percentComplete: "5", photos: new Blob([EXE]) }, "photo.jpg"), building));
    expect(payloadOf<{ errors: Record<string, string> }>(exe).errors.photos).toBe("upload.badType");

    const first = await page.action(args(pageReq("pm", building, { intent: "addProgress", entryDate: addDays(start, 5), percentComplete: "30", photosCaption: "机房", photos: new Blob([PNG], { type: "image/png" }) }, "site.png"), building));
    expect(statusOf(first)).toBe(302);
    expect((first as Response).headers.get("Location")).toBe(`/projects/${building}/construction?notice=progressSaved`);
    const photos = await t.db.select().from(projectPhotos).where(and(eq(projectPhotos.projectId, building), eq(projectPhotos.subject, "progress")));
    expect(photos).toHaveLength(1);
    expect(photos[0].caption).toBe("机房");

    const lower = await page.action(args(pageReq("pm", building, { intent: "addProgress", entryDate: addDays(start, 10), percentComplete: "25" }), building));
    expect((lower as Response).headers.get("Location")).toContain("warn=belowPrevious");
    const explained = await page.action(args(pageReq("pm", building, { intent: "addProgress", entryDate: addDays(start, 12), percentComplete: "20", notes: "返工：管线重新敷设" }), building));
    expect((explained as Response).headers.get("Location")).not.toContain("warn=");
    const audit = await t.db.select().from(auditEvents).where(and(eq(auditEvents.projectId, building), eq(auditEvents.event, "PROGRESS_LOGGED")));
    expect(audit).toHaveLength(3);
  });

  it("shows entries newest first with photos, and the chart's planned and actual figures", async () => {
    const d = payloadOf<Awaited<ReturnType<typeof page.loader>>>(await page.loader(args(pageReq("boss", building), building)));
    expect(d.canWrite).toBe(false);
    expect(d.startOn).toBe(start); // the approval date wins over the planned start
    expect(d.entries.map((e) => e.percentComplete)).toEqual([20, 25, 30]);
    expect(d.entries[2].photos).toHaveLength(1);
    expect(d.chart.planned).toEqual([{ date: start, percent: 0 }, { date: finish, percent: 100 }]);
    expect(d.chart.actual.map((p) => p.percent)).toEqual([30, 25, 20]);
    expect(d.chart.summary).toEqual({ plannedToday: Math.round(plannedPercent(start, finish, today)), actualLatest: 20, difference: 20 - 50 });
    const none = payloadOf<Awaited<ReturnType<typeof page.loader>>>(await page.loader(args(pageReq("pm", noPlan), noPlan)));
    expect(none.chart.planned).toEqual([]);
    expect(none.chart.summary.plannedToday).toBeNull();
  });

  it("refuses writes outside construction and by anyone but the project's pm", async () => {
    const early = await page.action(args(pageReq("pm", entering, { intent: "addProgress", entryDate: today, percentComplete: "10" }), entering));
    expect(statusOf(early)).toBe(409);
    expect(payloadOf<{ message: string }>(early).message).toBe(translate("zh-CN", "construction.notInConstruction"));
    const note = await page.action(args(pageReq("pm", entering, { intent: "addNote", noteDate: today, party: "client", content: "x" }), entering));
    expect(statusOf(note)).toBe(409);
    const boss = await page.action(args(pageReq("boss", building, { intent: "addProgress", entryDate: today, percentComplete: "10" }), building));
    expect(statusOf(boss)).toBe(403);
    const [{ n }] = await t.db.select({ n: count() }).from(progressEntries).where(eq(progressEntries.projectId, entering));
    expect(Number(n)).toBe(0);
  });

  it("adds, lists newest first and deletes coordination notes", async () => {
    const bad = await page.action(args(pageReq("pm", building, { intent: "addNote", noteDate: addDays(today, 1), party: "nobody", content: "" }), building));
    expect(payloadOf<{ errors: Record<string, string> }>(bad).errors).toEqual({ noteDate: "construction.notes.dateFuture", party: "form.invalidChoice", content: "form.required" });
    const future = await page.action(args(pageReq("pm", building, { intent: "addNote", noteDate: addDays(today, 1), party: "client", content: "x" }), building));
    expect(payloadOf<{ errors: Record<string, string> }>(future).errors).toEqual({ noteDate: "construction.notes.dateFuture" });
    for (const [date, party, content] of [[addDays(today, -3), "supervisor", "监理要求补交材料合格证"], [today, "client", "<script>alert(1)</script> 甲方同意调整"]] as const) {
      const ok = await page.action(args(pageReq("pm", building, { intent: "addNote", noteDate: date, party, content }), building));
      expect((ok as Response).headers.get("Location")).toContain("notice=noteSaved");
    }
    const d = payloadOf<Awaited<ReturnType<typeof page.loader>>>(await page.loader(args(pageReq("pm", building), building)));
    expect(d.notes.map((n) => n.party)).toEqual(["client", "supervisor"]);
    expect(d.notes[0].content).toBe("<script>alert(1)</script> 甲方同意调整");

    const foreign = await page.action(args(pageReq("pm", noPlan, { intent: "deleteNote", noteId: d.notes[0].id }), noPlan));
    expect(statusOf(foreign)).toBe(404);
    const del = await page.action(args(pageReq("pm", building, { intent: "deleteNote", noteId: d.notes[0].id }), building));
    expect((del as Response).headers.get("Location")).toContain("notice=noteDeleted");
    const [{ n }] = await t.db.select({ n: count() }).from(coordinationNotes).where(eq(coordinationNotes.projectId, building));
    expect(Number(n)).toBe(1);
  });

  it("answers 404 to another pm on the page and its actions (IDOR)", async () => {
    expect(statusOf(await thrown(page.loader(args(pageReq("otherPm", building), building))))).toBe(404);
    expect(statusOf(await thrown(page.action(args(pageReq("otherPm", building, { intent: "addNote", noteDate: today, party: "client", content: "x" }), building))))).toBe(404);
    expect(statusOf(await thrown(page.loader(args(pageReq("pm", "not-a-uuid"), "not-a-uuid"))))).toBe(404);
  });
});

describe(`construction API (${testDriver()})`, () => {
  it("logs progress with the page's checks and messages, in Chinese or English", async () => {
    const bad = await progressApi.action({ request: apiReq(`/projects/${building}/progress`, "pm", { entryDate: addDays(today, 1), percentComplete: 101 }), params: { projectId: building }, context: {} } as never);
    expect(bad.status).toBe(400);
    const body = await bad.json();
    expect(body.error.fieldErrors).toEqual({ entryDate: translate("zh-CN", "construction.progress.dateFuture"), percentComplete: translate("zh-CN", "construction.progress.percentRange") });
    const english = await progressApi.action({ request: apiReq(`/projects/${building}/progress`, "pm", { entryDate: today, percentComplete: -1 }, "en"), params: { projectId: building }, context: {} } as never);
    expect((await english.json()).error.fieldErrors.percentComplete).toBe(translate("en", "construction.progress.percentRange"));

    const ok = await progressApi.action({ request: apiReq(`/projects/${building}/progress`, "pm", { entryDate: today, percentComplete: 40, notes: "接口" }), params: { projectId: building }, context: {} } as never);
    expect(ok.status).toBe(201);
    expect((await ok.json()).warnings).toEqual([]);
    const got = await (await progressApi.loader({ request: apiReq(`/projects/${building}/progress`, "boss"), params: { projectId: building }, context: {} } as never)).json();
    expect(got.entries[0]).toMatchObject({ entryDate: today, percentComplete: 40, notes: "接口" });
    expect(got.summary.actualLatest).toBe(40);
    expect(got.entries.find((e: { photos: unknown[] }) => e.photos.length).photos[0].url).toMatch(/^\/files\//);
  });

  it("takes photos by multipart and refuses writes outside construction or by others", async () => {
    const fd = new FormData();
    fd.append("entryDate", today);
    fd.append("percentComplete", "41");
    fd.append("photos", new Blob([PNG], { type: "image/png" }), "a.png");
    const multipart = await progressApi.action({ request: new Request(`http://localhost/api/v1/projects/${building}/progress`, { method: "POST", headers: { Authorization: `Bearer ${tokens.pm}` }, body: fd }), params: { projectId: building }, context: {} } as never);
    expect(multipart.status).toBe(201);
    const { id } = await multipart.json();
    expect(await t.db.select().from(projectPhotos).where(eq(projectPhotos.subjectId, id))).toHaveLength(1);

    const early = await progressApi.action({ request: apiReq(`/projects/${entering}/progress`, "pm", { entryDate: today, percentComplete: 1 }), params: { projectId: entering }, context: {} } as never);
    expect(early.status).toBe(409);
    const boss = await notesApi.action({ request: apiReq(`/projects/${building}/notes`, "boss", { noteDate: today, party: "client", content: "x" }), params: { projectId: building }, context: {} } as never);
    expect(boss.status).toBe(403);
  });

  it("adds and lists notes", async () => {
    const bad = await notesApi.action({ request: apiReq(`/projects/${building}/notes`, "pm", { noteDate: today, party: "x", content: "" }), params: { projectId: building }, context: {} } as never);
    expect(bad.status).toBe(400);
    const ok = await notesApi.action({ request: apiReq(`/projects/${building}/notes`, "pm", { noteDate: today, party: "vendor", content: "安装单位确认周六加班" }), params: { projectId: building }, context: {} } as never);
    expect(ok.status).toBe(201);
    const { items } = await (await notesApi.loader({ request: apiReq(`/projects/${building}/notes`, "pm"), params: { projectId: building }, context: {} } as never)).json();
    expect(items[0]).toMatchObject({ party: "vendor", content: "安装单位确认周六加班", noteDate: today });
  });

  it("answers 404 to another pm (IDOR) on every method", async () => {
    for (const [mod, path, json] of [
      [progressApi, "progress", { entryDate: today, percentComplete: 1 }],
      [notesApi, "notes", { noteDate: today, party: "client", content: "x" }],
    ] as const) {
      const get = await mod.loader({ request: apiReq(`/projects/${building}/${path}`, "otherPm"), params: { projectId: building }, context: {} } as never);
      expect(get.status).toBe(404);
      const post = await mod.action({ request: apiReq(`/projects/${building}/${path}`, "otherPm", json), params: { projectId: building }, context: {} } as never);
      expect(post.status).toBe(404);
    }
    const rows = await t.db.select().from(coordinationNotes).where(and(eq(coordinationNotes.projectId, building), eq(coordinationNotes.content, "x")));
    expect(rows).toHaveLength(0);
  });
});
