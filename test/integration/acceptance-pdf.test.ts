// The acceptance PDFs: the 竣工验收单 prints the content, every party's block and a signing record
// page with the content hash; it is re-issued only when something printed changed; B.0.10 has the
// supervisor's 预验收意见; the routes serve whoever may see the project and 404 everyone else.
import fs from "node:fs/promises";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import * as s from "#db/schema";
import { shanghaiDate } from "~/lib/calendar";
import { createSession } from "~/lib/session.server";
import { sha256Hex } from "~/lib/tokens.server";
import * as apiCertificate from "~/routes/api.v1.projects.$projectId.acceptance.certificate[.]pdf";
import * as applicationRoute from "~/routes/projects.$projectId.acceptance.application[.]pdf";
import * as certificateRoute from "~/routes/projects.$projectId.acceptance.certificate[.]pdf";
import { issueApiToken } from "~/services/admin/issue-api-token.server";
import { loadAcceptanceContent } from "~/services/acceptance/acceptance-content.server";
import { issueAcceptanceApplication, issueCompletionCertificate } from "~/services/acceptance/acceptance-pdfs.server";
import { applyEvent } from "~/services/projects/apply-event.server";
import { contentSha256 } from "~/services/review/record-signature.server";
import { makeCompany, makeUser } from "../support/factories";
import { pdfPageCount, pdfPageToPng, pdfText } from "../support/pdf";
import { png } from "../support/png";
import { createTestDatabase, testDriver, type TestDatabase } from "../support/test-db";
import { constructionProject, meetPreconditions } from "./acceptance-fixture";

/** A red round seal: a thick ring, an inner thin ring and a five-pointed star, transparent elsewhere. */
function sealPng(): Buffer {
  const size = 160;
  const c = size / 2;
  const star = (x: number, y: number) => {
    // Inside the star when the point is within the polygon of 10 alternating radii.
    const a = Math.atan2(y, x) + Math.PI / 2;
    const sector = ((a % (Math.PI / 2.5)) + Math.PI / 2.5) % (Math.PI / 2.5);
    const t = Math.abs(sector - Math.PI / 5) / (Math.PI / 5);
    return Math.hypot(x, y) < 14 + 20 * t;
  };
  return png(size, size, (x, y) => {
    const r = Math.hypot(x - c, y - c);
    const red = (r > 66 && r < 76) || (r > 58 && r < 60) || star(x - c, y - c);
    return red ? [210, 20, 30, 230] : [255, 255, 255, 0];
  });
}

/** A handwritten-looking stroke: a dark blue sine wave. */
function signaturePng(): Buffer {
  return png(240, 70, (x, y) => {
    const line = 35 + 18 * Math.sin(x / 14) * Math.cos(x / 37);
    return Math.abs(y - line) < 2.2 ? [20, 30, 90, 255] : [255, 255, 255, 0];
  });
}

const RARE = "喆堃赟昇峯犇";
const OUT = "/tmp/acc-pdf";

describe(`acceptance PDFs (${testDriver()})`, () => {
  let t: TestDatabase;
  let db: Db;
  let ctx: Awaited<ReturnType<typeof constructionProject>>;
  let signatureFileId: string;
  let sealFileId: string;

  const fileOf = async (doc: { fileId: string }) => Buffer.from((await db.select().from(s.files).where(eq(s.files.id, doc.fileId)))[0].bytes);
  const imageFile = async (name: string, bytes: Buffer) =>
    (await db.insert(s.files).values({ projectId: ctx.project.id, name, mime: "image/png", size: bytes.length, sha256: sha256Hex(bytes), bytes }).returning())[0].id;
  const sign = async (party: "supervisor" | "client" | "designer", fields: Partial<typeof s.signatures.$inferInsert> = {}) => {
    const content = (await loadAcceptanceContent(db, ctx.project.id))!;
    const org = { supervisor: ctx.supervision.name, client: ctx.client.name, designer: ctx.design!.name }[party];
    const who = { supervisor: ["李总监", "总监理工程师"], client: ["陈代表", "建设单位项目负责人"], designer: ["周设计", "设计负责人"] }[party];
    await db.insert(s.signatures).values({
      projectId: ctx.project.id, documentKind: "completion", documentVersion: content.round, party, decision: "approved",
      signerName: who[0], signerRole: who[1], organisation: org, opinion: `${who[0]}：资料齐全，观感质量良好，同意验收。<script>alert(1)</script>`,
      contentSha256: contentSha256(content), signatureFileId, sealFileId, ip: "203.0.113.7", userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) vitest", taskId: null,
      ...fields,
    });
    return content;
  };

  beforeAll(async () => {
    t = await createTestDatabase();
    db = t.db;
    await makeCompany(db, "own", "广州优氧环境科技有限公司");
    ctx = await constructionProject(db);
    await db.update(s.projects).set({ name: `天河写字楼新风系统${RARE}` }).where(eq(s.projects.id, ctx.project.id));
    await meetPreconditions(db, ctx.project.id, ctx.pm.id);
    signatureFileId = await imageFile("signature.png", signaturePng());
    sealFileId = await imageFile("seal.png", sealPng());
    await fs.mkdir(OUT, { recursive: true });
  });
  afterAll(async () => t?.drop());

  it("nothing to print before acceptance is requested", async () => {
    expect(await issueCompletionCertificate(db, { projectId: ctx.project.id, userId: ctx.pm.id })).toBeNull();
    expect(await issueAcceptanceApplication(db, { projectId: ctx.project.id, userId: ctx.pm.id })).toBeNull();
    expect(await issueCompletionCertificate(db, { projectId: "00000000-0000-0000-0000-000000000000", userId: null })).toBeNull();
  });

  it("after the request: the certificate waits for the parties; issuing again reuses it", async () => {
    const today = shanghaiDate(new Date().toISOString());
    const r = await applyEvent(db, {
      projectId: ctx.project.id, type: "REQUEST_ACCEPTANCE", payload: { acceptanceDate: today, startTime: "09:30", place: "现场会议室" },
      actor: { userId: ctx.pm.id, role: "pm", label: "王项目" }, info: { ip: "10.0.0.1", userAgent: "vitest" },
    });
    expect(r.ok).toBe(true);
    const doc = (await issueCompletionCertificate(db, { projectId: ctx.project.id, userId: ctx.pm.id }))!;
    expect(doc.version).toBe(1);
    expect(doc.number).toMatch(/^JG-/);
    const text = await pdfText(await fileOf(doc));
    expect(text).toContain("（待各方签章）");
    expect(text).toContain("本轮尚无签署");
    expect(text).toContain("现场会议室");
    const again = await issueCompletionCertificate(db, { projectId: ctx.project.id, userId: ctx.pm.id });
    expect(again!.id).toBe(doc.id);
    // B.0.10 before the supervisor's opinion: the 预验收意见 block is left blank to fill in.
    const application = await pdfText(await fileOf((await issueAcceptanceApplication(db, { projectId: ctx.project.id, userId: ctx.pm.id }))!));
    expect(application).toContain("预验收意见");
    expect(application).not.toContain("经预验收");
    expect(application).toContain("______年____月____日");
  });

  it("a signature makes version 2 and supersedes version 1; the hash it covers is stored", async () => {
    const content = await sign("supervisor");
    const doc = (await issueCompletionCertificate(db, { projectId: ctx.project.id, userId: ctx.pm.id }))!;
    expect(doc.version).toBe(2);
    expect(doc.signedContentSha256).toBe(contentSha256(content));
    const [v1] = await db.select().from(s.documents).where(eq(s.documents.number, doc.number.replace(/-V2$/, "-V1")));
    expect(v1.supersededAt).not.toBeNull();
    expect((await pdfText(await fileOf(doc)))).toContain("（待各方签章）");
  });

  it("all parties signed: content, parties, blocks, conclusion and the signing record", async () => {
    // A voided signature of the round: listed in the record, never in the signature blocks.
    await sign("client", { signerName: "作废签署人", voidedAt: new Date() });
    await sign("client");
    const longOpinion = `周设计：${"风管走向、风口位置与竣工图一致，设备选型符合设计文件要求；".repeat(12)}同意验收【完】`;
    const content = await sign("designer", { signatureFileId: null, typedSignature: "周设计", opinion: longOpinion });
    const doc = (await issueCompletionCertificate(db, { projectId: ctx.project.id, userId: ctx.pm.id }))!;
    expect(doc.version).toBe(3);
    const hash = contentSha256(content);
    expect(doc.signedContentSha256).toBe(hash);
    const pdf = await fileOf(doc);
    const text = await pdfText(pdf);
    const pages = text.split("\f").filter((p) => p.trim());
    const last = pages.at(-1)!;
    const recordFrom = pages.findIndex((p) => p.includes("签署记录"));
    expect(recordFrom).toBeGreaterThan(0);
    const body = pages.slice(0, recordFrom).join("\n");
    const record = pages.slice(recordFrom).join("\n");
    // For eyeballing the layout (fonts, signature and seal images, QR code): /tmp/acc-pdf/*.png.
    await fs.writeFile(`${OUT}/certificate.pdf`, pdf);
    await pdfPageToPng(pdf, `${OUT}/certificate-p1.png`, { page: 1, dpi: 70 });
    await pdfPageToPng(pdf, `${OUT}/certificate-last.png`, { page: pages.length, dpi: 70 });
    for (let p = 2; p < pages.length; p++) await pdfPageToPng(pdf, `${OUT}/certificate-p${p}.png`, { page: p, dpi: 70 });
    for (const expected of [
      `天河写字楼新风系统${RARE}`, "AZ-2026-031", "¥365,000.00", "2026-08-20", "YD-XF500", "XF5-2026-0001", "12000", "11500", "−4.2%", "301 会议室", "760",
      ctx.supervision.name, ctx.client.name, ctx.design!.name, ctx.installer.name, "广州优氧环境科技有限公司", "李总监", "陈代表", "周设计",
      "经验收，该工程符合设计及合同要求，质量合格，同意验收。", "<script>alert(1)</script>", "竣工图纸", "齐全", doc.shortCode,
    ]) expect(text).toContain(expected);
    // The long opinion wraps inside its block instead of being cut.
    expect(body).toContain("【完】");
    expect(body).not.toContain("作废签署人");
    expect(last).toContain(hash);
    expect(record).toContain("作废签署人");
    expect(record).toContain("已作废");
    expect(record).toContain("203.0.113.7");
    expect(last).toContain(doc.shortCode);
    expect(await pdfPageCount(pdf)).toBeGreaterThanOrEqual(2);
    const again = await issueCompletionCertificate(db, { projectId: ctx.project.id, userId: ctx.pm.id });
    expect(again!.id).toBe(doc.id);
  });

  it("B.0.10: the application with the supervisor's 预验收意见", async () => {
    const doc = (await issueAcceptanceApplication(db, { projectId: ctx.project.id, userId: ctx.pm.id }))!;
    expect(doc.number).toMatch(/^YS-/);
    expect(doc.version).toBe(2);
    const pdf = await fileOf(doc);
    const text = await pdfText(pdf);
    for (const expected of ["单位工程竣工验收报审表", "预验收意见", "经预验收，该工程合格，可以组织正式验收", "请予以验收", "AZ-2026-031", RARE, "王项目", "李总监", ctx.supervision.name, doc.shortCode]) {
      expect(text).toContain(expected);
    }
    await pdfPageToPng(pdf, `${OUT}/application-p1.png`, { page: 1, dpi: 70 });
  });

  it("routes: members of the project read; others and unrequested projects get 404", async () => {
    const cookieOf = async (userId: string) => (await createSession(db, userId, { ip: "", userAgent: "" })).split(";")[0];
    const call = (route: typeof certificateRoute, cookie: string, projectId = ctx.project.id) =>
      route.loader({ request: new Request("http://localhost/x", { headers: { Cookie: cookie } }), params: { projectId }, context: {} } as never).catch((e: unknown) => e);
    const status = (r: unknown) => (r instanceof Response ? r.status : (r as { init?: { status?: number } }).init?.status);

    const ok = (await call(certificateRoute, await cookieOf(ctx.pm.id))) as Response;
    expect(ok.headers.get("Content-Type")).toContain("application/pdf");
    const supervisor = await makeUser(db, ["supervisor"], { companyId: ctx.supervision.id });
    await db.insert(s.projectMembers).values({ projectId: ctx.project.id, userId: supervisor.id, party: "supervisor" });
    expect(status(await call(applicationRoute, await cookieOf(supervisor.id)))).toBe(200);
    expect(status(await call(certificateRoute, await cookieOf(supervisor.id)))).toBe(200);

    const outsider = await makeUser(db, ["supervisor"]);
    expect(status(await call(certificateRoute, await cookieOf(outsider.id)))).toBe(404);
    const otherPm = await makeUser(db, ["pm"]);
    expect(status(await call(applicationRoute, await cookieOf(otherPm.id)))).toBe(404);
    const unrequested = await constructionProject(db);
    expect(status(await call(certificateRoute, await cookieOf(unrequested.pm.id), unrequested.project.id))).toBe(404);

    const api = (token: string) =>
      apiCertificate.loader({ request: new Request("http://localhost/api", { headers: { Authorization: `Bearer ${token}` } }), params: { projectId: ctx.project.id }, context: {} } as never) as Promise<Response>;
    const good = await api((await issueApiToken(db, { userId: ctx.pm.id, name: "t" })).token);
    expect(good.status).toBe(200);
    expect(good.headers.get("Content-Type")).toContain("application/pdf");
    const refused = await api((await issueApiToken(db, { userId: otherPm.id, name: "t" })).token);
    expect(refused.status).toBe(404);
    expect((await refused.json()).error.code).toBe("NOT_FOUND");
  });
});
