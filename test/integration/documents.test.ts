// The document registry (versions, supersession, stored bytes), the public verification page
// /v/<code> (status, file comparison, 404, rate limit), the signed-in download and the API.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { documents, files } from "#db/schema";
import { renderDocument } from "#templates/pdf/base";
import { drawTable } from "#templates/pdf/table";
import { createSession, type SessionUser } from "~/lib/session.server";
import * as apiDoc from "~/routes/api.v1.documents.$shortCode";
import * as download from "~/routes/documents.$documentId[.]pdf";
import * as verify from "~/routes/v.$code";
import { issueApiToken } from "~/services/admin/issue-api-token.server";
import { issueDocument, type DocumentRow } from "~/services/documents/issue-document.server";
import { findDocumentByShortCode, getDocumentFile } from "~/services/documents/find-document.server";
import { makeProject, makeUser } from "../support/factories";
import { pdfText } from "../support/pdf";
import { createTestDatabase, testDriver, type TestDatabase } from "../support/test-db";

type Result = { status: number; data: Record<string, unknown> };
async function settle(promise: Promise<unknown>): Promise<Result> {
  try {
    const value = await promise;
    if (value instanceof Response) return { status: value.status, data: {} };
    const v = value as { init?: { status?: number } | null; data?: unknown };
    return { status: v?.init?.status ?? 200, data: ((v && "data" in v ? v.data : value) ?? {}) as Record<string, unknown> };
  } catch (e) {
    if (e instanceof Response) return { status: e.status, data: {} };
    const v = e as { init?: { status?: number }; data?: Record<string, unknown> };
    return { status: v.init?.status ?? 500, data: v.data ?? {} };
  }
}

describe(`document registry and verification (${testDriver()})`, () => {
  let database: TestDatabase;
  let db: Db;
  let pm: SessionUser;
  let projectId: string;
  let v1: DocumentRow;
  let v2: DocumentRow;
  let ipCounter = 0;
  const freshIp = () => `10.0.0.${++ipCounter}`;

  const issue = (content: string) =>
    issueDocument(db, {
      projectId,
      kind: "bidComparison",
      title: "安装单位比价审批表",
      contentHash: content,
      createdBy: pm.id,
      render: (meta) =>
        renderDocument({ title: "安装单位比价审批表", companyName: "英德环境科技有限公司", meta }, (frame) => {
          frame.paragraph(`内容 ${content}`);
          drawTable(frame, { columns: [{ header: "项目", width: 2 }, { header: "金额", width: 1, align: "right", nowrap: true }], rows: [{ cells: ["喆堃", { text: "¥1.00", star: true }] }] });
        }),
    });

  const page = (code: string, ip = freshIp()) => verify.loader({ request: new Request(`http://localhost/v/${code}`), params: { code }, context: { ip } } as never);
  const upload = (code: string, bytes: Buffer | null, ip = freshIp()) => {
    const form = new FormData();
    if (bytes) form.append("pdf", new Blob([new Uint8Array(bytes)], { type: "application/pdf" }), "收到的文件.pdf");
    return verify.action({ request: new Request(`http://localhost/v/${code}`, { method: "POST", body: form }), params: { code }, context: { ip } } as never);
  };
  const stored = async (d: DocumentRow) => (await getDocumentFile(db, d))!.bytes;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.db;
    pm = await makeUser(db, ["pm"]);
    projectId = (await makeProject(db, pm, { code: "PRJ-2026-0099" })).id;
  });
  afterAll(async () => {
    await database?.drop();
  });

  it("issues version 1 and stores the bytes with their SHA-256; unchanged content returns it again", async () => {
    v1 = await issue("hash-a");
    expect(v1).toMatchObject({ version: 1, number: "BJ-PRJ-2026-0099-V1", supersededAt: null });
    const bytes = await stored(v1);
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    const [file] = await db.select().from(files).where(eq(files.id, v1.fileId));
    expect(file).toMatchObject({ mime: "application/pdf", size: bytes.length, sha256: v1.sha256, projectId });
    const text = await pdfText(bytes);
    expect(text).toContain(`/v/${v1.shortCode}`);
    expect((await issue("hash-a")).id).toBe(v1.id);
  });

  it("changed content makes version 2, which supersedes version 1", async () => {
    v2 = await issue("hash-b");
    expect(v2).toMatchObject({ version: 2, number: "BJ-PRJ-2026-0099-V2", supersededAt: null });
    expect(v2.shortCode).not.toBe(v1.shortCode);
    const [old] = await db.select().from(documents).where(eq(documents.id, v1.id));
    expect(old.supersededAt).not.toBeNull();
    const found = await findDocumentByShortCode(db, v1.shortCode.toLowerCase());
    expect(found).toMatchObject({ current: false, currentVersion: { shortCode: v2.shortCode } });
    expect(found!.versions.map((v) => v.version)).toEqual([1, 2]);
  });

  it("two prints at once give one version, not two", async () => {
    const [a, b] = await Promise.all([issue("hash-c"), issue("hash-c")]);
    expect(a.id).toBe(b.id);
    expect(a.version).toBe(3);
  });

  it("the page shows the current status, or the superseded one with the current code", async () => {
    const latest = (await findDocumentByShortCode(db, v2.shortCode))!.currentVersion!;
    const current = await settle(page(latest.shortCode));
    expect(current.status).toBe(200);
    expect(current.data).toMatchObject({ current: true, number: "BJ-PRJ-2026-0099-V3", project: "PRJ-2026-0099 测试项目", title: "安装单位比价审批表", version: 3 });
    expect(current.data.issuedAt).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);
    const old = await settle(page(v1.shortCode));
    expect(old.data).toMatchObject({ current: false, sha256: v1.sha256, currentVersion: { shortCode: latest.shortCode } });
  });

  it("an unknown or malformed code is a 404 with the generic message", async () => {
    for (const code of ["ZZZZZZZZ", "0O1I0O1I", "<script>", "a".repeat(200)]) {
      const r = await settle(page(code));
      expect(r.status).toBe(404);
      expect(r.data.messageKey).toBe("error.notFound");
    }
  });

  it("accepts the genuine PDF and refuses one differing by one byte; spots another version", async () => {
    const genuine = await stored(v1);
    expect((await settle(upload(v1.shortCode, genuine))).data).toMatchObject({ result: "match", sha256: v1.sha256 });
    const altered = Buffer.from(genuine);
    const at = altered.indexOf("内容") > 0 ? altered.indexOf("内容") : altered.length - 20;
    altered[at] ^= 1;
    const refused = await settle(upload(v1.shortCode, altered));
    expect(refused.data).toMatchObject({ result: "mismatch" });
    expect(refused.data.other).toBeUndefined();
    const other = await settle(upload(v1.shortCode, await stored(v2)));
    expect(other.data).toMatchObject({ result: "otherVersion", other: { version: 2, shortCode: v2.shortCode, current: false } });
  });

  it("refuses a missing file and a non-PDF with a message", async () => {
    expect((await settle(upload(v1.shortCode, null))).data).toMatchObject({ error: "upload.empty" });
    expect((await settle(upload(v1.shortCode, Buffer.from("not a pdf at all, just text")))).data).toMatchObject({ error: "upload.badType" });
  });

  it("rate-limits one IP after 30 hits, for real and unknown codes alike", async () => {
    const ip = "10.9.9.9";
    for (let i = 0; i < 30; i++) await settle(page(i % 2 ? v1.shortCode : "ZZZZZZZZ", ip));
    const limited = await settle(page(v1.shortCode, ip));
    expect(limited.status).toBe(429);
    expect(limited.data.messageKey).toBe("link.rateLimited");
    expect((await settle(upload(v1.shortCode, await stored(v1), ip))).status).toBe(429);
    expect((await settle(page(v1.shortCode, "10.9.9.10"))).status).toBe(200);
  });

  it("downloads the stored bytes for the pm; 404 for another pm", async () => {
    const cookie = (await createSession(db, pm.id, { ip: "", userAgent: "" })).split(";")[0];
    const response = (await download.loader({ request: new Request(`http://localhost/documents/${v1.id}.pdf`, { headers: { Cookie: cookie } }), params: { documentId: v1.id }, context: {} } as never)) as Response;
    expect(response.headers.get("Content-Disposition")).toMatch(/^inline; filename="[^"]*"; filename\*=UTF-8''/);
    expect(Buffer.from(await response.arrayBuffer()).equals(await stored(v1))).toBe(true);
    const other = await makeUser(db, ["pm"]);
    const otherCookie = (await createSession(db, other.id, { ip: "", userAgent: "" })).split(";")[0];
    const refused = await settle(download.loader({ request: new Request(`http://localhost/documents/${v1.id}.pdf`, { headers: { Cookie: otherCookie } }), params: { documentId: v1.id }, context: {} } as never));
    expect(refused.status).toBe(404);
  });

  it("GET /api/v1/documents/:shortCode gives metadata and status to a token holder who sees the project", async () => {
    const token = (await issueApiToken(db, { userId: pm.id, name: "test" })).token;
    const call = async (code: string, bearer: string | null) => {
      const headers = new Headers(bearer ? { Authorization: `Bearer ${bearer}` } : {});
      return (await apiDoc.loader({ request: new Request(`http://localhost/api/v1/documents/${code}`, { headers }), params: { shortCode: code }, context: {} } as never)) as Response;
    };
    const ok = await call(v1.shortCode, token);
    expect(ok.status).toBe(200);
    const body = await ok.json();
    expect(body).toMatchObject({ number: "BJ-PRJ-2026-0099-V1", status: "superseded", sha256: v1.sha256, current: { version: 3 }, project: { code: "PRJ-2026-0099" } });
    expect(body.verifyUrl).toMatch(new RegExp(`/v/${v1.shortCode}$`));
    expect((await call(v1.shortCode, null)).status).toBe(401);
    expect((await call("ZZZZZZZZ", token)).status).toBe(404);
    const stranger = await makeUser(db, ["pm"]);
    const strangerToken = (await issueApiToken(db, { userId: stranger.id, name: "test" })).token;
    expect((await call(v1.shortCode, strangerToken)).status).toBe(404);
  });
});
