// B.0.6 material requests and A.0.3/B.0.9 rectifications: validation, one-transaction writes with the
// supervisor's task, the link-side services (decide once, verify closes/reopens), facts, IDOR.
import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { contacts, materialInspections, projects, rectifications, reviewTasks } from "#db/schema";
import { createSession } from "~/lib/session.server";
import * as materialsPage from "~/routes/projects.$projectId.materials";
import * as rectPage from "~/routes/projects.$projectId.rectifications";
import * as materialsApi from "~/routes/api.v1.projects.$projectId.materials";
import * as rectApi from "~/routes/api.v1.projects.$projectId.rectifications";
import * as replyApi from "~/routes/api.v1.projects.$projectId.rectifications.$rectificationId.replies";
import { issueApiToken } from "~/services/admin/issue-api-token.server";
import { loadAcceptancePreconditions } from "~/services/projects/facts.server";
import { AlreadyDecidedError, decideMaterialInspection, loadMaterialInspection } from "~/services/site/material-decision.server";
import { issueRectificationByLink, loadRectification, verifyRectificationReply } from "~/services/site/rectification-link.server";
import { createTestDatabase, type TestDatabase } from "../support/test-db";
import { makeCompany, makeProject, makeUser } from "../support/factories";
import { payloadOf, statusOf, thrown } from "../support/route-results";

const PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const EXE = new TextEncoder().encode("MZ\u0090\u0000\u0003\u0000\u0000\u0000 this is not a pdf");

describe("materials and rectifications", () => {
  let t: TestDatabase;
  let db: Db;
  const cookie: Record<string, string> = {};
  const token: Record<string, string> = {};
  let projectId = "";
  let otherId = "";

  beforeAll(async () => {
    t = await createTestDatabase();
    db = t.db;
    const users: Record<string, { id: string }> = {};
    for (const [name, roles] of [["pm", ["pm"]], ["pm2", ["pm"]], ["boss", ["management"]]] as const) {
      users[name] = await makeUser(db, [...roles], { name: `用户${name}` });
      cookie[name] = (await createSession(db, users[name]!.id, { ip: "", userAgent: "" })).split(";")[0]!;
      token[name] = (await issueApiToken(db, { userId: users[name]!.id, name: "t" })).token;
    }
    const sup = await makeCompany(db, "supervision" as never, "某监理公司");
    await db.insert(contacts).values({ companyId: sup.id, name: "王总监", email: "jl@sup.cn" });
    projectId = (await makeProject(db, users.pm!, { stage: "construction", supervisionCompanyId: sup.id })).id;
    otherId = (await makeProject(db, users.pm2!, { stage: "construction" })).id;
  });
  afterAll(async () => t?.drop());

  const materialForm = (over: Record<string, string> = {}, file: { bytes: Uint8Array; name: string } | null = { bytes: PDF, name: "合格证.pdf" }) => {
    const fd = new FormData();
    const fields = { intent: "create", title: "电缆进场", enteredOn: "2026-05-01", placeOfUse: "一层配电间", selfCheck: "经我方检验合格", "items[0].name": "电力电缆", "items[0].spec": "YJV-4×25", "items[0].quantity": "200 米", ...over };
    for (const [k, v] of Object.entries(fields)) fd.append(k, v);
    if (file) fd.append("items[0].certificate", new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: "application/pdf" }), file.name);
    return fd;
  };
  const post = (mod: { action: (a: never) => Promise<unknown> }, path: string, who: string, id: string, body: FormData) =>
    mod.action({ request: new Request(`http://localhost/projects/${id}/${path}`, { method: "POST", headers: { Cookie: cookie[who]! }, body }), params: { projectId: id }, context: { ip: "127.0.0.1" } } as never);
  const get = (mod: { loader: (a: never) => Promise<unknown> }, path: string, who: string, id: string) =>
    mod.loader({ request: new Request(`http://localhost/projects/${id}/${path}`, { headers: { Cookie: cookie[who]! } }), params: { projectId: id }, context: {} } as never);

  it("refuses an item without certificate and a renamed .exe, writing nothing", async () => {
    const noFile = await post(materialsPage, "materials", "pm", projectId, materialForm({}, null));
    expect(statusOf(noFile)).toBe(400);
    expect(payloadOf<{ errors: Record<string, string> }>(noFile).errors["items[0].certificate"]).toBe("materials.certificateRequired");
    const exe = await post(materialsPage, "materials", "pm", projectId, materialForm({}, { bytes: EXE, name: "合格证.pdf" }));
    expect(payloadOf<{ errors: Record<string, string>; values: Record<string, string> }>(exe).errors["items[0].certificate"]).toBe("upload.badType");
    expect(payloadOf<{ values: Record<string, string> }>(exe).values.title).toBe("电缆进场");
    const [n] = await db.select({ n: count() }).from(materialInspections).where(eq(materialInspections.projectId, projectId));
    expect(n!.n).toBe(0);
  });

  it("creates a pending request with a supervisor task; decide twice → one wins; rejected blocks until resolved", async () => {
    const ok = await post(materialsPage, "materials", "pm", projectId, materialForm());
    expect(statusOf(ok)).toBe(302);
    const [row] = await db.select().from(materialInspections).where(eq(materialInspections.projectId, projectId));
    const [task] = await db.select().from(reviewTasks).where(and(eq(reviewTasks.subjectId, row!.id), eq(reviewTasks.kind, "materialInspection")));
    expect(task?.recipientEmail).toBe("jl@sup.cn");
    expect((await loadAcceptancePreconditions(db, projectId)).pendingMaterialInspections).toBe(1);
    const view = await loadMaterialInspection(db, row!.id);
    expect(view?.items[0]).toMatchObject({ name: "电力电缆", quantity: "200 米" });

    const decide = (decision: "approved" | "rejected") => db.transaction((tx) => decideMaterialInspection(tx, { inspectionId: row!.id, decision, comment: "<b>规格不符</b>", signerName: "王总监" }));
    const results = await Promise.allSettled([decide("rejected"), decide("approved")]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")!.reason).toBeInstanceOf(AlreadyDecidedError);
    await db.update(materialInspections).set({ status: "rejected" }).where(eq(materialInspections.id, row!.id));
    expect((await loadAcceptancePreconditions(db, projectId)).unresolvedRejectedMaterialInspections).toBe(1);

    const resolve = (who: string, id: string) => {
      const fd = new FormData();
      fd.append("intent", "resolve");
      fd.append("inspectionId", row!.id);
      fd.append("note", "已清退出场");
      return post(materialsPage, "materials", who, id, fd);
    };
    expect(statusOf(await thrown(resolve("pm2", projectId)))).toBe(404);
    expect(statusOf(await resolve("pm2", otherId))).toBe(404); // not that project's record: 404, as for any foreign id
    expect(statusOf(await resolve("pm", projectId))).toBe(302);
    expect(statusOf(await resolve("pm", projectId))).toBe(409);
    expect((await loadAcceptancePreconditions(db, projectId)).unresolvedRejectedMaterialInspections).toBe(0);
  });

  it("records a paper notice, reply, rejected verification reopens, accepted closes; no pm close path", async () => {
    const fd = new FormData();
    for (const [k, v] of Object.entries({ intent: "paper", subject: "临边防护缺失", content: "二层临边无防护", deadlineOn: "2020-01-01", issuedBy: "王总监" })) fd.append(k, v);
    expect(statusOf(await post(rectPage, "rectifications", "pm", projectId, fd))).toBe(302);
    const [notice] = await db.select().from(rectifications).where(eq(rectifications.projectId, projectId));
    expect(notice).toMatchObject({ number: "JL-TZ-001", issuedVia: "paper", status: "open" });
    const list = payloadOf<{ notices: { overdue: boolean }[] }>(await get(rectPage, "rectifications", "pm", projectId));
    expect(list.notices[0]!.overdue).toBe(true);

    const reply = async () => {
      const res = await replyApi.action({ request: new Request(`http://localhost/api/v1/projects/${projectId}/rectifications/${notice!.id}/replies`, { method: "POST", headers: { Authorization: `Bearer ${token.pm}`, "Content-Type": "application/json" }, body: JSON.stringify({ content: "已加设防护栏杆" }) }), params: { projectId, rectificationId: notice!.id }, context: {} } as never);
      return res as Response;
    };
    const r1 = await reply();
    expect(r1.status).toBe(201);
    expect((await reply()).status).toBe(409); // awaiting verification: no second reply
    const { replyId } = (await r1.json()) as { replyId: string };
    await db.transaction((tx) => verifyRectificationReply(tx, { replyId, verdict: "rejected", comment: "栏杆高度不足", verifierName: "王总监" }));
    expect((await loadRectification(db, notice!.id))?.status).toBe("open");
    await expect(db.transaction((tx) => verifyRectificationReply(tx, { replyId, verdict: "accepted", comment: "", verifierName: "王总监" }))).rejects.toBeInstanceOf(AlreadyDecidedError);
    const r2 = (await (await reply()).json()) as { replyId: string };
    await db.transaction((tx) => verifyRectificationReply(tx, { replyId: r2.replyId, verdict: "accepted", comment: "合格", verifierName: "王总监" }));
    const closed = await loadRectification(db, notice!.id);
    expect(closed?.status).toBe("closed");
    expect(closed?.replies.map((r) => r.verdict)).toEqual(["rejected", "accepted"]);
    const close = new FormData();
    close.append("intent", "close");
    close.append("rectificationId", notice!.id);
    expect(statusOf(await post(rectPage, "rectifications", "pm", projectId, close))).toBe(400);
    expect((await loadAcceptancePreconditions(db, projectId)).openRectifications).toBe(0);

    const linked = await db.transaction((tx) => issueRectificationByLink(tx, { projectId, subject: "材料堆放", content: "x", deadlineOn: "2099-01-01", issuedBy: "王总监" }));
    expect((await loadRectification(db, linked))?.number).toBe("JL-TZ-002");
  });

  it("hides pages and API of another pm's project (404) and refuses writes outside construction", async () => {
    expect(statusOf(await thrown(get(materialsPage, "materials", "pm2", projectId)))).toBe(404);
    expect(statusOf(await thrown(get(rectPage, "rectifications", "pm2", projectId)))).toBe(404);
    const api = (mod: { loader: (a: never) => Promise<unknown> }, path: string) =>
      mod.loader({ request: new Request(`http://localhost/api/v1/projects/${projectId}/${path}`, { headers: { Authorization: `Bearer ${token.pm2}` } }), params: { projectId }, context: {} } as never) as Promise<Response>;
    expect((await api(materialsApi, "materials")).status).toBe(404);
    expect((await api(rectApi, "rectifications")).status).toBe(404);
    const boss = await get(materialsPage, "materials", "boss", projectId);
    expect(payloadOf<{ canWrite: boolean }>(boss).canWrite).toBe(false);
    expect(statusOf(await post(materialsPage, "materials", "boss", projectId, materialForm()))).toBe(403);
    await db.update(projects).set({ stage: "acceptanceReview" }).where(eq(projects.id, otherId));
    const res = await post(materialsPage, "materials", "pm2", otherId, materialForm());
    expect(payloadOf<{ formError: string }>(res).formError).toBe("materials.notConstruction");
  });
});
