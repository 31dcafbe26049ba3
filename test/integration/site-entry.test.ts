// Entry documents (进场资料): ID numbers (check digit, always masked), credentials and certificates
// with scans checked by content and size, expiry against the planned start blocking
// SUBMIT_COMMENCEMENT, read-only under review, rejection shown, IDOR on pages and API.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { credentials, crewMembers, files, projects } from "#db/schema";
import { reach } from "#machines/fixtures";
import { createSession } from "~/lib/session.server";
import { issueApiToken } from "~/services/admin/issue-api-token.server";
import { applyEvent } from "~/services/projects/apply-event.server";
import { isValidIdNumber, maskIdNumber } from "~/services/site/mask";
import * as page from "~/routes/projects.$projectId.entry";
import * as apiEntry from "~/routes/api.v1.projects.$projectId.entry";
import * as apiCrew from "~/routes/api.v1.projects.$projectId.entry.crew";
import * as apiCerts from "~/routes/api.v1.projects.$projectId.entry.certificates";
import * as apiCredentials from "~/routes/api.v1.projects.$projectId.entry.crew.$memberId.credentials";
import * as apiEdit from "~/routes/api.v1.projects.$projectId.entry.$kind.$itemId";
import * as apiDelete from "~/routes/api.v1.projects.$projectId.entry.$kind.$itemId.delete";
import { createTestDatabase, testDriver, type TestDatabase } from "../support/test-db";
import { makeProject, makeUser } from "../support/factories";
import { statusOf, thrown } from "../support/route-results";

const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const EXE = Buffer.concat([Buffer.from("MZ"), Buffer.alloc(62), Buffer.from("PE\0\0"), Buffer.alloc(200)]);
/** An 18-character ID number with a correct GB 11643 check character. */
function withCheck(first17: string): string {
  for (const c of "0123456789X") if (isValidIdNumber(first17 + c)) return first17 + c;
  throw new Error("unreachable");
}
const ID = withCheck("44010119900307123");

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

const entryProject = (fields: Record<string, unknown> = {}) => makeProject(t.db, user.pm, { stage: "entry", snapshot: reach("entry"), plannedStartOn: "2026-12-01", ...fields });

type Fields = Record<string, string | { bytes: Buffer; name: string; type?: string }>;
function form(fields: Fields): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) {
    if (typeof v === "string") fd.append(k, v);
    else fd.append(k, new Blob([new Uint8Array(v.bytes)], { type: v.type ?? "application/pdf" }), v.name);
  }
  return fd;
}
function pageReq(who: string, projectId: string, fields?: Fields) {
  return new Request(`http://localhost/projects/${projectId}/entry`, fields ? { method: "POST", headers: { Cookie: cookie[who] }, body: form(fields) } : { headers: { Cookie: cookie[who] } });
}
const args = (request: Request, params: Record<string, string>) => ({ request, params, context }) as never;
const payload = <T = Record<string, any>>(v: unknown) => ((v as { data?: unknown }).data ?? v) as T;
function apiReq(who: string, path: string, init: RequestInit & { json?: unknown } = {}) {
  const headers = new Headers(init.headers);
  headers.set("Authorization", `Bearer ${token[who]}`);
  if (init.json !== undefined) headers.set("Content-Type", "application/json");
  return new Request(`http://localhost/api/v1${path}`, { ...init, headers, body: init.json !== undefined ? JSON.stringify(init.json) : init.body });
}
const member = (over: Fields = {}): Fields => ({
  intent: "addMember",
  name: "张三",
  position: "电工",
  idNumber: ID,
  "credential.type": "特种作业操作证（电工）",
  "credential.number": "T440101",
  "credential.expiresOn": "2027-06-30",
  credentialFile: { bytes: PDF, name: "电工证.pdf" },
  ...over,
});

describe(`entry documents (${testDriver()})`, () => {
  it("checks the ID number's check digit and masks it everywhere (page and API)", async () => {
    expect(maskIdNumber("440101199003071234")).toBe("440101********1234");
    const p = await entryProject();
    const wrongCheck = ID.slice(0, 17) + (ID[17] === "0" ? "1" : "0");
    const bad = await page.action(args(pageReq("pm", p.id, member({ idNumber: wrongCheck, "credential.expiresOn": "2027-02-30" })), { projectId: p.id }));
    expect(statusOf(bad)).toBe(400);
    expect(payload(bad).errors).toMatchObject({ idNumber: "site.entry.idNumberCheck", "credential.expiresOn": "form.invalidDate" });
    expect(payload(bad).values.name).toBe("张三");
    expect(await t.db.select().from(crewMembers).where(eq(crewMembers.projectId, p.id))).toHaveLength(0);
    expect(await t.db.select().from(files).where(eq(files.projectId, p.id))).toHaveLength(0);
    expect(payload(await page.action(args(pageReq("pm", p.id, member({ idNumber: "12345" })), { projectId: p.id }))).errors.idNumber).toBe("site.entry.idNumberFormat");

    expect(statusOf(await page.action(args(pageReq("pm", p.id, member()), { projectId: p.id })))).toBe(302);
    const [stored] = await t.db.select().from(crewMembers).where(eq(crewMembers.projectId, p.id));
    expect(stored.idNumber).toBe(ID);
    const loaded = payload(await page.loader(args(pageReq("pm", p.id), { projectId: p.id })));
    expect(loaded.entry.crew[0].idNumberMasked).toBe(`${ID.slice(0, 6)}********${ID.slice(-4)}`);
    expect(JSON.stringify(loaded)).not.toContain(ID);
    const apiText = await (await apiEntry.loader(args(apiReq("pm", `/projects/${p.id}/entry`), { projectId: p.id }))).text();
    expect(apiText).not.toContain(ID);
    expect(apiText).toContain(maskIdNumber(ID));
  });

  it("lists what expired by the planned start and blocks SUBMIT_COMMENCEMENT naming it; accepted once renewed", async () => {
    const p = await entryProject();
    await page.action(args(pageReq("pm", p.id, member({ "credential.expiresOn": "2026-11-30" })), { projectId: p.id }));
    // Expiring on the start date itself is still valid (same rule as the machine).
    await page.action(args(pageReq("pm", p.id, { intent: "addCertificate", name: "空调主机合格证", kind: "equipment", number: "HG-1", expiresOn: "2026-12-01", file: { bytes: PDF, name: "hg.pdf" } }), { projectId: p.id }));
    const loaded = payload(await page.loader(args(pageReq("pm", p.id), { projectId: p.id })));
    expect(loaded.entry.expired).toEqual([expect.objectContaining({ kind: "credential", label: "张三 特种作业操作证（电工）", expiresOn: "2026-11-30" })]);
    expect(loaded.missing).toEqual([]);

    const refused = await page.action(args(pageReq("pm", p.id, { intent: "submit", version: String(loaded.project.version) }), { projectId: p.id }));
    expect(statusOf(refused)).toBe(422);
    expect(payload(refused).refusals.join()).toContain("张三 特种作业操作证（电工） (2026-11-30)");

    const credId = loaded.entry.crew[0].credentials[0].id;
    const oldFile = loaded.entry.crew[0].credentials[0].scan.fileId;
    const renewed = await page.action(args(pageReq("pm", p.id, { intent: `updateCredential:${credId}`, memberId: loaded.entry.crew[0].id, type: "特种作业操作证（电工）", number: "T440101", expiresOn: "2029-11-30", file: { bytes: PDF, name: "新证.pdf" } }), { projectId: p.id }));
    expect(statusOf(renewed)).toBe(302);
    expect(await t.db.select().from(files).where(eq(files.id, oldFile))).toHaveLength(0);
    const ok = await page.action(args(pageReq("pm", p.id, { intent: "submit", version: String(loaded.project.version) }), { projectId: p.id }));
    expect(statusOf(ok)).toBe(302);
    expect((await t.db.select().from(projects).where(eq(projects.id, p.id)))[0].stage).toBe("entryReview");

    // Under review: read-only, changes refused; a rejection returns it with the comment shown.
    const review = payload(await page.loader(args(pageReq("pm", p.id), { projectId: p.id })));
    expect(review.canEdit).toBe(false);
    expect(review.entry.reviewState).toBe("awaitingSupervisor");
    expect(statusOf(await page.action(args(pageReq("pm", p.id, { intent: `removeCredential:${credId}` }), { projectId: p.id })))).toBe(409);
    const rejected = await applyEvent(t.db, { projectId: p.id, type: "REJECT_COMMENCEMENT", payload: { comment: "焊工证缺失<script>" }, actor: { userId: null, role: "supervisor", party: "supervisor", label: "赵监理（某监理公司）" }, info: { ip: "", userAgent: "" } });
    expect(rejected.ok).toBe(true);
    const back = payload(await page.loader(args(pageReq("pm", p.id), { projectId: p.id })));
    expect(back.canEdit).toBe(true);
    expect(back.entry.lastRejection).toMatchObject({ by: "supervisor", comment: "焊工证缺失<script>" });
  });

  it("says when no planned start is set", async () => {
    const p = await entryProject({ plannedStartOn: null });
    await page.action(args(pageReq("pm", p.id, member({ "credential.expiresOn": "2020-01-01" })), { projectId: p.id }));
    const loaded = payload(await page.loader(args(pageReq("pm", p.id), { projectId: p.id })));
    expect(loaded.entry.plannedStartOn).toBeNull();
    expect(loaded.entry.expired).toEqual([]);
    expect(loaded.missing.join()).toContain("合格证");
  });

  it("refuses a renamed executable as .jpg and an oversized scan, writing nothing", async () => {
    const p = await entryProject();
    const exe = await page.action(args(pageReq("pm", p.id, { intent: "addCertificate", name: "辅料", kind: "material", file: { bytes: EXE, name: "cert.jpg", type: "image/jpeg" } }), { projectId: p.id }));
    expect(statusOf(exe)).toBe(400);
    expect(payload(exe).errors.file).toBe("upload.badType");
    const big = await page.action(args(pageReq("pm", p.id, { intent: "addCertificate", name: "辅料", kind: "material", file: { bytes: Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]), name: "big.pdf" } }), { projectId: p.id }));
    expect(payload(big).errors.file).toBe("upload.tooLarge");
    const apiExe = await apiCerts.action(args(apiReq("pm", `/projects/${p.id}/entry/certificates`, { method: "POST", body: form({ name: "辅料", kind: "material", file: { bytes: EXE, name: "x.jpg" } }) }), { projectId: p.id }));
    expect(apiExe.status).toBe(400);
    expect((await apiExe.json()).error.fieldErrors.file).toContain("文件类型不允许");
    expect(await t.db.select().from(files).where(eq(files.projectId, p.id))).toHaveLength(0);
  });

  it("API: add a member (JSON), a credential and a certificate (multipart), edit, delete", async () => {
    const p = await entryProject();
    const bad = await apiCrew.action(args(apiReq("pm", `/projects/${p.id}/entry/crew`, { method: "POST", json: { name: "李四", position: "焊工", idNumber: "440101199003071230X" } }), { projectId: p.id }));
    expect(bad.status).toBe(400);
    const created = await apiCrew.action(args(apiReq("pm", `/projects/${p.id}/entry/crew`, { method: "POST", json: { name: "李四", position: "焊工", idNumber: ID.toLowerCase() } }), { projectId: p.id }));
    expect(created.status).toBe(201);
    const { id: memberId } = await created.json();
    const cred = await apiCredentials.action(args(apiReq("pm", `/projects/${p.id}/entry/crew/${memberId}/credentials`, { method: "POST", body: form({ type: "焊工证", number: "H1", expiresOn: "2028-01-01", file: { bytes: PDF, name: "h.pdf" } }) }), { projectId: p.id, memberId }));
    expect(cred.status).toBe(201);
    const { id: credentialId } = await cred.json();
    const edited = await apiEdit.action(args(apiReq("pm", `/projects/${p.id}/entry/credentials/${credentialId}`, { method: "PUT", json: { type: "焊工证", number: "H2", expiresOn: "2029-01-01" } }), { projectId: p.id, kind: "credentials", itemId: credentialId }));
    expect(edited.status).toBe(200);
    expect((await t.db.select().from(credentials).where(eq(credentials.id, credentialId)))[0]).toMatchObject({ number: "H2", expiresOn: "2029-01-01" });
    const cert = await apiCerts.action(args(apiReq("pm", `/projects/${p.id}/entry/certificates`, { method: "POST", json: { name: "保温棉合格证", kind: "material" } }), { projectId: p.id }));
    expect(cert.status).toBe(201);

    const view = await (await apiEntry.loader(args(apiReq("pm", `/projects/${p.id}/entry`), { projectId: p.id }))).json();
    expect(view.crew[0]).toMatchObject({ name: "李四", idNumberMasked: maskIdNumber(ID.toUpperCase()) });
    expect(view.crew[0].credentials[0].scan.url).toMatch(/^\/files\//);
    expect(view.certificates).toHaveLength(1);

    const del = await apiDelete.action(args(apiReq("pm", `/projects/${p.id}/entry/crew/${memberId}/delete`, { method: "POST" }), { projectId: p.id, kind: "crew", itemId: memberId }));
    expect(del.status).toBe(200);
    expect(await t.db.select().from(crewMembers).where(eq(crewMembers.projectId, p.id))).toHaveLength(0);
    expect(await t.db.select().from(credentials).where(eq(credentials.id, credentialId))).toHaveLength(0);
  });

  it("hides another pm's project (404) on the page and every API route; viewers read only", async () => {
    const p = await entryProject();
    await page.action(args(pageReq("pm", p.id, member()), { projectId: p.id }));
    const [m] = await t.db.select().from(crewMembers).where(eq(crewMembers.projectId, p.id));
    expect(statusOf(await thrown(page.loader(args(pageReq("other", p.id), { projectId: p.id }))))).toBe(404);
    expect(statusOf(await thrown(page.action(args(pageReq("other", p.id, { intent: `removeMember:${m.id}` }), { projectId: p.id }))))).toBe(404);
    const path = `/projects/${p.id}/entry`;
    expect((await apiEntry.loader(args(apiReq("other", path), { projectId: p.id }))).status).toBe(404);
    expect((await apiCrew.action(args(apiReq("other", `${path}/crew`, { method: "POST", json: { name: "x", position: "y", idNumber: ID } }), { projectId: p.id }))).status).toBe(404);
    expect((await apiCerts.action(args(apiReq("other", `${path}/certificates`, { method: "POST", json: { name: "x", kind: "material" } }), { projectId: p.id }))).status).toBe(404);
    expect((await apiCredentials.action(args(apiReq("other", `${path}/crew/${m.id}/credentials`, { method: "POST", json: { type: "x", number: "1", expiresOn: "2030-01-01" } }), { projectId: p.id, memberId: m.id }))).status).toBe(404);
    expect((await apiEdit.action(args(apiReq("other", `${path}/crew/${m.id}`, { method: "PUT", json: { name: "x", position: "y" } }), { projectId: p.id, kind: "crew", itemId: m.id }))).status).toBe(404);
    expect((await apiDelete.action(args(apiReq("other", `${path}/crew/${m.id}/delete`, { method: "POST" }), { projectId: p.id, kind: "crew", itemId: m.id }))).status).toBe(404);

    // A member id of another project, used on one's own project, is not found either.
    const mine = await makeProject(t.db, user.other, { stage: "entry", snapshot: reach("entry") });
    expect((await apiDelete.action(args(apiReq("other", `/projects/${mine.id}/entry/crew/${m.id}/delete`, { method: "POST" }), { projectId: mine.id, kind: "crew", itemId: m.id }))).status).toBe(404);
    expect(await t.db.select().from(crewMembers).where(eq(crewMembers.id, m.id))).toHaveLength(1);

    const viewer = payload(await page.loader(args(pageReq("mgmt", p.id), { projectId: p.id })));
    expect(viewer.canEdit).toBe(false);
    expect(viewer.entry.crew[0].idNumberMasked).not.toContain(ID.slice(6, 14));
    expect(statusOf(await page.action(args(pageReq("mgmt", p.id, { intent: `removeMember:${m.id}` }), { projectId: p.id })))).toBe(403);
  });
});
