// The public verification page of a signed document: who signed (void signatures marked), the
// PDF itself for the parties' forms only (/v/<code>/pdf), the hash comparison, and the rate limit
// shared by the page and the PDF.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import * as s from "#db/schema";
import { renderDocument } from "#templates/pdf/base";
import type { SessionUser } from "~/lib/session.server";
import * as verifyPdf from "~/routes/v.$code_.pdf";
import * as verify from "~/routes/v.$code";
import type { DocumentKind } from "~/services/documents/document-kinds.server";
import { getDocumentFile } from "~/services/documents/find-document.server";
import { issueDocument, type DocumentRow } from "~/services/documents/issue-document.server";
import { makeProject, makeUser } from "../support/factories";
import { createTestDatabase, testDriver, type TestDatabase } from "../support/test-db";

type Result = { status: number; data: Record<string, unknown>; response?: Response };
async function settle(promise: Promise<unknown>): Promise<Result> {
  try {
    const value = await promise;
    if (value instanceof Response) return { status: value.status, data: {}, response: value };
    const v = value as { init?: { status?: number } | null; data?: unknown };
    return { status: v?.init?.status ?? 200, data: ((v && "data" in v ? v.data : value) ?? {}) as Record<string, unknown> };
  } catch (e) {
    if (e instanceof Response) return { status: e.status, data: {} };
    const v = e as { init?: { status?: number }; data?: Record<string, unknown> };
    return { status: v.init?.status ?? 500, data: v.data ?? {} };
  }
}

const SIGNED = "a".repeat(64);
const OTHER_HASH = "b".repeat(64);

describe(`verification page: signers and the PDF (${testDriver()})`, () => {
  let database: TestDatabase;
  let db: Db;
  let pm: SessionUser;
  let projectId: string;
  let completion: DocumentRow;
  let comparison: DocumentRow;
  let archiveIndex: DocumentRow;
  let ipCounter = 0;
  const freshIp = () => `10.1.0.${++ipCounter}`;

  const issue = (kind: DocumentKind, title: string, content: string, signedContentSha256?: string) =>
    issueDocument(db, {
      projectId,
      kind,
      title,
      contentHash: content,
      signedContentSha256,
      createdBy: pm.id,
      render: (meta) => renderDocument({ title, companyName: "英德环境科技有限公司", meta }, (frame) => frame.paragraph(`内容 ${content}`)),
    });

  const page = (code: string, ip = freshIp()) => settle(verify.loader({ request: new Request(`http://localhost/v/${code}`), params: { code }, context: { ip } } as never));
  const pdf = (code: string, ip = freshIp()) => settle(verifyPdf.loader({ request: new Request(`http://localhost/v/${code}/pdf`), params: { code }, context: { ip } } as never));
  const upload = (code: string, bytes: Buffer, ip = freshIp()) => {
    const form = new FormData();
    form.append("pdf", new Blob([new Uint8Array(bytes)], { type: "application/pdf" }), "竣工验收单.pdf");
    return settle(verify.action({ request: new Request(`http://localhost/v/${code}`, { method: "POST", body: form }), params: { code }, context: { ip } } as never));
  };
  const stored = async (d: DocumentRow) => (await getDocumentFile(db, d))!.bytes;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.db;
    pm = await makeUser(db, ["pm"]);
    projectId = (await makeProject(db, pm, { code: "PRJ-2026-0077" })).id;
    const otherProjectId = (await makeProject(db, pm, { code: "PRJ-2026-0078" })).id;
    completion = await issue("completion", "竣工验收单", "c1", SIGNED);
    comparison = await issue("bidComparison", "安装单位比价审批表", "p1");
    archiveIndex = await issue("archiveIndex", "竣工资料归档目录", "g1");
    const sig = (fields: Partial<typeof s.signatures.$inferInsert>) => ({
      projectId,
      documentKind: "completion",
      documentVersion: 1,
      contentSha256: SIGNED,
      ip: "203.0.113.77",
      userAgent: "SecretBrowser/1.0",
      opinion: "内部意见不公开",
      ...fields,
    }) as typeof s.signatures.$inferInsert;
    await db.insert(s.signatures).values([
      // 10:30 Beijing time on 2026-11-20 = 02:30 UTC.
      sig({ party: "supervisor", organisation: "华南监理有限公司", signerName: "李总监", signerRole: "总监理工程师", signedAt: new Date("2026-11-20T02:30:00Z") }),
      sig({ party: "client", organisation: "天河置业", signerName: "陈代表", signerRole: "甲方代表", signedAt: new Date("2026-11-20T16:05:00Z") }),
      sig({ party: "designer", organisation: "省建筑设计院", signerName: "周设计", signerRole: "设计负责人", decision: "rejected", signedAt: new Date("2026-11-21T01:00:00Z"), voidedAt: new Date("2026-11-22T01:00:00Z") }),
      // Not this document's content, or not this project: never listed.
      sig({ party: "supervisor", organisation: "旧内容", signerName: "旧签署", contentSha256: OTHER_HASH, signedAt: new Date("2026-11-01T00:00:00Z") }),
      sig({ projectId: otherProjectId, party: "client", organisation: "别的项目", signerName: "别人", signedAt: new Date("2026-11-20T03:00:00Z") }),
    ]);
  });
  afterAll(async () => {
    await database?.drop();
  });

  it("lists the signers of the signed content, in signing order, times in Beijing time, void ones marked", async () => {
    const r = await page(completion.shortCode);
    expect(r.status).toBe(200);
    expect(r.data).toMatchObject({ current: true, signedContentSha256: SIGNED, number: "JG-PRJ-2026-0077-V1" });
    expect(r.data.signers).toEqual([
      { party: "supervisor", organisation: "华南监理有限公司", signerName: "李总监", signerRole: "总监理工程师", decision: "approved", signedAt: "2026-11-20 10:30", voided: false },
      { party: "client", organisation: "天河置业", signerName: "陈代表", signerRole: "甲方代表", decision: "approved", signedAt: "2026-11-21 00:05", voided: false },
      { party: "designer", organisation: "省建筑设计院", signerName: "周设计", signerRole: "设计负责人", decision: "rejected", signedAt: "2026-11-21 09:00", voided: true },
    ]);
    // The trail of a signature (where from, what browser, the opinion) stays private.
    const json = JSON.stringify(r.data);
    for (const secret of ["203.0.113.77", "SecretBrowser", "内部意见不公开", "旧签署", "别人"]) expect(json).not.toContain(secret);
  });

  it("a document without signed content lists no signers", async () => {
    const r = await page(comparison.shortCode);
    expect(r.data).toMatchObject({ signedContentSha256: null, signers: [] });
  });

  it("links the PDF only for the parties' forms", async () => {
    expect((await page(completion.shortCode)).data.pdfUrl).toBe(`/v/${completion.shortCode}/pdf`);
    expect((await page(comparison.shortCode)).data.pdfUrl).toBeNull();
    expect((await page(archiveIndex.shortCode)).data.pdfUrl).toBeNull();
  });

  it("serves the completion PDF as issued; bid comparison, archive index and unknown codes get the generic 404", async () => {
    const ok = await pdf(completion.shortCode.toLowerCase());
    expect(ok.status).toBe(200);
    expect(ok.response!.headers.get("Content-Type")).toBe("application/pdf");
    expect(ok.response!.headers.get("Content-Disposition")).toMatch(/^inline; filename="[^"]*"; filename\*=UTF-8''/);
    expect(Buffer.from(await ok.response!.arrayBuffer()).equals(await stored(completion))).toBe(true);
    for (const code of [comparison.shortCode, archiveIndex.shortCode, "ZZZZZZZZ", "<script>"]) {
      const refused = await pdf(code);
      expect(refused.status, code).toBe(404);
      expect(refused.data.messageKey).toBe("error.notFound");
    }
  });

  it("a superseded version says so, links the current one, and still shows its own PDF", async () => {
    const v2 = await issue("completion", "竣工验收单", "c2", SIGNED);
    expect(v2.version).toBe(2);
    const old = await page(completion.shortCode);
    expect(old.data).toMatchObject({ current: false, currentVersion: { number: "JG-PRJ-2026-0077-V2", shortCode: v2.shortCode } });
    const served = await pdf(completion.shortCode);
    expect(Buffer.from(await served.response!.arrayBuffer()).equals(await stored(completion))).toBe(true);
    expect((await page(v2.shortCode)).data).toMatchObject({ current: true, currentVersion: null, pdfUrl: `/v/${v2.shortCode}/pdf` });
  });

  it("the genuine PDF matches; one flipped byte does not", async () => {
    const genuine = await stored(completion);
    expect((await upload(completion.shortCode, genuine)).data).toMatchObject({ result: "match", sha256: completion.sha256 });
    for (const at of [Math.floor(genuine.length / 2), genuine.length - 1]) {
      const altered = Buffer.from(genuine);
      altered[at] ^= 0x01;
      const r = await upload(completion.shortCode, altered);
      expect(r.data, `byte ${at}`).toMatchObject({ result: "mismatch" });
      expect(r.data.sha256).not.toBe(completion.sha256);
      expect(r.data.other).toBeUndefined();
    }
  });

  it("page and PDF share one rate limit per IP", async () => {
    const ip = "10.1.9.9";
    for (let i = 0; i < 15; i++) expect((await page(completion.shortCode, ip)).status).toBe(200);
    for (let i = 0; i < 15; i++) expect((await pdf(i % 2 ? completion.shortCode : "ZZZZZZZZ", ip)).status).toBe(i % 2 ? 200 : 404);
    const limitedPdf = await pdf(completion.shortCode, ip);
    expect(limitedPdf.status).toBe(429);
    expect(limitedPdf.data.messageKey).toBe("link.rateLimited");
    expect((await page(completion.shortCode, ip)).status).toBe(429);
    expect((await upload(completion.shortCode, await stored(completion), ip)).status).toBe(429);
    expect((await pdf(completion.shortCode, "10.1.9.10")).status).toBe(200);
  });
});
