// The technical archive checklist (upload rules, the revision it causes under review, the freeze
// after acceptance) and the 竣工资料归档: the ZIP's order, its index page, byte-identical entries,
// the ARCHIVE event, and who may download it.
import crypto from "node:crypto";
import { and, eq } from "drizzle-orm";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import * as s from "#db/schema";
import type { Party } from "#machines/types";
import { shanghaiDate } from "~/lib/calendar";
import { createSession, type SessionUser } from "~/lib/session.server";
import * as archiveApi from "~/routes/api.v1.projects.$projectId.archive[.]zip";
import * as documentsApi from "~/routes/api.v1.projects.$projectId.acceptance.documents";
import * as zipRoute from "~/routes/projects.$projectId.archive[.]zip";
import { issueApiToken } from "~/services/admin/issue-api-token.server";
import { requireAcceptanceAccess } from "~/services/acceptance/acceptance-access.server";
import { handleArchiveIntent } from "~/services/acceptance/archive-actions.server";
import { buildProjectArchive } from "~/services/acceptance/archive-bundle.server";
import { loadArchiveChecklist } from "~/services/acceptance/archive-checklist-load.server";
import type { IntentResult } from "~/services/acceptance/intent-result";
import { issueComparisonPdf } from "~/services/bidding/issue-comparison-pdf.server";
import { applyEvent } from "~/services/projects/apply-event.server";
import { makeCompany, makeUser } from "../support/factories";
import { pdfText } from "../support/pdf";
import { statusOf, thrown } from "../support/route-results";
import { createTestDatabase, testDriver, type TestDatabase } from "../support/test-db";
import { constructionProject, meetPreconditions, TINY_PDF } from "./acceptance-fixture";

const info = { ip: "203.0.113.9", userAgent: "vitest" };
const sha = (b: Buffer | Uint8Array) => crypto.createHash("sha256").update(b).digest("hex");
const today = () => shanghaiDate(new Date().toISOString());
const MZ_EXE = Buffer.concat([Buffer.from("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00", "latin1"), Buffer.alloc(512, 0)]);

type Fixture = Awaited<ReturnType<typeof constructionProject>>;

describe(`acceptance archive (${testDriver()})`, () => {
  let t: TestDatabase;
  let db: Db;

  /** Runs a page intent as the lead's page does: the URL names it, the body is the form. */
  async function intent(name: string, user: SessionUser, projectId: string, body?: FormData): Promise<IntentResult> {
    const request = new Request(`http://localhost/projects/${projectId}/acceptance?intent=${name}`, { method: "POST", body: body ?? new FormData() });
    const access = await requireAcceptanceAccess(db, user, projectId);
    const result = await handleArchiveIntent(name, { request, db, user, access, info, locale: "zh-CN" });
    if (!result) throw new Error(`intent ${name} not handled`);
    return result;
  }

  function uploadForm(kind: string, bytes: Buffer, name: string, type = "application/pdf"): FormData {
    const fd = new FormData();
    fd.set("kind", kind);
    fd.set("file", new Blob([new Uint8Array(bytes)], { type }), name);
    return fd;
  }

  const pdfBytes = (tag: string) => Buffer.concat([TINY_PDF, Buffer.from(`% ${tag} ${crypto.randomUUID()}\n`)]);

  async function stateOf(projectId: string) {
    const [p] = await db.select().from(s.projects).where(eq(s.projects.id, projectId));
    return p;
  }

  /** A party's approval as the signing link records it: the signature row, then SIGN. */
  async function sign(projectId: string, party: Party, name: string, organisation: string) {
    const [plan] = await db.select().from(s.acceptancePlans).where(eq(s.acceptancePlans.projectId, projectId));
    // Read before the event's transaction (PGlite has one connection: no queries beside it).
    const contentSha256 = await currentContentSha(projectId);
    const result = await applyEvent(db, {
      projectId,
      type: "SIGN",
      payload: { opinion: "合格" },
      actor: { userId: null, role: party, party, label: name },
      info,
      record: async (tx) => {
        await tx.insert(s.signatures).values({
          projectId, documentKind: "completion", documentVersion: plan.round, party, signerName: name, organisation,
          opinion: "合格", contentSha256, signerRole: "代表", typedSignature: name,
        });
      },
    });
    expect(result.ok, JSON.stringify(result)).toBe(true);
  }

  /** What the signers sign: the hash of the current acceptance content (as the signing page computes it). */
  async function currentContentSha(projectId: string): Promise<string> {
    const { loadAcceptanceContent } = await import("~/services/acceptance/acceptance-content.server");
    const { contentSha256 } = await import("~/services/review/record-signature.server");
    return contentSha256(await loadAcceptanceContent(db, projectId));
  }

  async function requestAcceptance(f: Fixture) {
    const result = await applyEvent(db, {
      projectId: f.project.id,
      type: "REQUEST_ACCEPTANCE",
      payload: { acceptanceDate: today(), startTime: "09:30", place: "项目部会议室" },
      actor: { userId: f.pm.id, role: "pm", label: f.pm.name },
      info,
    });
    expect(result.ok, JSON.stringify(result)).toBe(true);
  }

  async function reachHandover(f: Fixture) {
    await meetPreconditions(db, f.project.id, f.pm.id);
    await requestAcceptance(f);
    await sign(f.project.id, "supervisor", "李总监", f.supervision.name);
    await sign(f.project.id, "client", "陈代表", f.client.name);
    await sign(f.project.id, "designer", "周设计", f.design!.name);
    expect((await stateOf(f.project.id)).stage).toBe("handover");
  }

  beforeAll(async () => {
    t = await createTestDatabase();
    db = t.db;
    await makeCompany(db, "own", "粤达环境科技有限公司");
  });
  afterAll(async () => t?.drop());

  describe("archive checklist uploads", () => {
    let f: Fixture;
    beforeAll(async () => {
      f = await constructionProject(db);
    });

    it("refuses an unknown kind and a missing file beside their fields, writing nothing", async () => {
      const fd = new FormData();
      fd.set("kind", "../../etc/passwd");
      const r = await intent("archiveUpload", f.pm, f.project.id, fd);
      expect(r).toMatchObject({ ok: false, values: { kind: "../../etc/passwd" }, errors: { kind: "acceptanceArchive.kind.invalid", file: "acceptanceArchive.upload.empty" } });
      expect(await db.select().from(s.archiveDocuments).where(eq(s.archiveDocuments.projectId, f.project.id))).toHaveLength(0);
    });

    it("judges the file by its bytes: an .exe renamed .pdf is refused", async () => {
      const r = await intent("archiveUpload", f.pm, f.project.id, uploadForm("asBuiltDrawings", MZ_EXE, "竣工图.pdf"));
      expect(r).toMatchObject({ ok: false, errors: { file: "acceptanceArchive.upload.badType" } });
      const csv = await intent("archiveUpload", f.pm, f.project.id, uploadForm("constructionLog", Buffer.from("日期,内容\n2026-10-01,进场\n"), "施工日志.csv", "text/csv"));
      expect(csv).toMatchObject({ ok: false, errors: { file: "acceptanceArchive.upload.badType" } });
      expect(await db.select().from(s.archiveDocuments).where(eq(s.archiveDocuments.projectId, f.project.id))).toHaveLength(0);
    });

    it("refuses a file over 20 MB", async () => {
      const big = Buffer.concat([TINY_PDF, Buffer.alloc(20 * 1024 * 1024 + 1 - TINY_PDF.length, 0x20)]);
      const r = await intent("archiveUpload", f.pm, f.project.id, uploadForm("asBuiltDrawings", big, "big.pdf"));
      expect(r).toMatchObject({ ok: false, errors: { file: "acceptanceArchive.upload.tooLarge" } });
      // 20 MB exactly is fine.
      const edge = Buffer.concat([TINY_PDF, Buffer.alloc(20 * 1024 * 1024 - TINY_PDF.length, 0x20)]);
      expect(await intent("archiveUpload", f.pm, f.project.id, uploadForm("operationManual", edge, "manual.pdf"))).toMatchObject({ ok: true });
    });

    it("stores a file under a safe name (no path, no CR/LF) and lists it newest first", async () => {
      const first = pdfBytes("first");
      expect(await intent("archiveUpload", f.pm, f.project.id, uploadForm("asBuiltDrawings", first, "..\\..\\evil\r\nSet-Cookie: x.pdf"))).toEqual({ intent: "archiveUpload", ok: true, notice: "acceptanceArchive.uploaded" });
      const second = pdfBytes("second");
      expect(await intent("archiveUpload", f.pm, f.project.id, uploadForm("asBuiltDrawings", second, "../../竣工图纸-终版.pdf"))).toMatchObject({ ok: true });
      const item = (await loadArchiveChecklist(db, f.project.id)).find((i) => i.kind === "asBuiltDrawings")!;
      expect(item.present).toBe(true);
      expect(item.files.map((x) => x.sha256)).toEqual([sha(second), sha(first)]);
      expect(item.files[0].name).toBe("竣工图纸-终版.pdf");
      for (const file of item.files) {
        expect(file.name).not.toMatch(/[\\/\r\n]/);
        expect(file.name.startsWith(".")).toBe(false);
      }
      const [stored] = await db.select().from(s.files).where(eq(s.files.id, item.files[0].fileId));
      expect(stored.projectId).toBe(f.project.id);
      expect(stored.uploadedBy).toBe(f.pm.id);
      expect(sha(Buffer.from(stored.bytes))).toBe(sha(second));
      const missing = (await loadArchiveChecklist(db, f.project.id)).filter((i) => !i.present).map((i) => i.kind);
      expect(missing).toEqual(["equipmentCertificates", "materialEntryRecords", "constructionLog", "commissioningRecords"]);
    });

    it("a file name with = or ; is taken (made safe), not a crash", async () => {
      const r = await intent("archiveUpload", f.pm, f.project.id, uploadForm("constructionLog", pdfBytes("eq"), "日志 a=1;终版.pdf"));
      expect(r).toMatchObject({ ok: true });
      const list = await loadArchiveChecklist(db, f.project.id);
      expect(list.find((i) => i.kind === "constructionLog")!.files[0].name).toBe("日志 a_1_终版.pdf");
    });

    it("only the project's pm uploads: management sees the checklist but is refused", async () => {
      const boss = await makeUser(db, ["management"]);
      const r = await intent("archiveUpload", boss, f.project.id, uploadForm("constructionLog", pdfBytes("boss"), "log.pdf"));
      expect(r).toMatchObject({ ok: false, formError: "error.forbidden" });
      const otherPm = await makeUser(db, ["pm"]);
      expect(statusOf(await thrown(requireAcceptanceAccess(db, otherPm, f.project.id)))).toBe(404);
    });

    it("the API lists the checklist and takes the same multipart upload with the same messages", async () => {
      const { token } = await issueApiToken(db, { userId: f.pm.id, name: "test" });
      const call = (method: string, body?: FormData) => {
        const request = new Request(`http://localhost/api/v1/projects/${f.project.id}/acceptance/documents`, { method, headers: { Authorization: `Bearer ${token}` }, body });
        const args = { request, params: { projectId: f.project.id }, context: {} } as never;
        return method === "GET" ? documentsApi.loader(args) : documentsApi.action(args);
      };
      const bad = await call("POST", uploadForm("constructionLog", MZ_EXE, "log.pdf"));
      expect(bad.status).toBe(400);
      expect((await bad.json()).error.fieldErrors.file).toContain("只接受 PDF");
      const ok = await call("POST", uploadForm("constructionLog", pdfBytes("api"), "施工日志.pdf"));
      expect(ok.status).toBe(201);
      expect(await ok.json()).toMatchObject({ ok: true, revised: false, kind: "constructionLog", item: { present: true, label: "施工日志" } });
      const list = await (await call("GET")).json();
      expect(list.editable).toBe(true);
      expect(list.items.find((i: { kind: string }) => i.kind === "constructionLog").files[0].url).toMatch(/^\/files\//);
    });
  });

  describe("under acceptance review and after acceptance", () => {
    let f: Fixture;
    beforeAll(async () => {
      f = await constructionProject(db);
      await meetPreconditions(db, f.project.id, f.pm.id);
      await requestAcceptance(f);
      await sign(f.project.id, "supervisor", "李总监", f.supervision.name);
    });

    it("replacing a file in review voids the signatures: REVISE_ACCEPTANCE, a new round", async () => {
      const r = await intent("archiveUpload", f.pm, f.project.id, uploadForm("commissioningRecords", pdfBytes("revised"), "调试记录-更正.pdf"));
      expect(r).toEqual({ intent: "archiveUpload", ok: true, notice: "acceptanceArchive.uploadedRevised" });
      const [plan] = await db.select().from(s.acceptancePlans).where(eq(s.acceptancePlans.projectId, f.project.id));
      expect(plan.round).toBe(2);
      const audit = await db.select().from(s.auditEvents).where(and(eq(s.auditEvents.projectId, f.project.id), eq(s.auditEvents.event, "REVISE_ACCEPTANCE")));
      expect(audit).toHaveLength(1);
      expect(JSON.stringify(audit[0].payload)).toContain("更换了竣工资料：系统调试及风量测试记录");
      const sigs = await db.select().from(s.signatures).where(eq(s.signatures.projectId, f.project.id));
      expect(sigs.every((x) => x.voidedAt !== null)).toBe(true);
      expect((await stateOf(f.project.id)).stage).toBe("acceptanceReview");
    });

    it("after acceptance the checklist is frozen", async () => {
      await sign(f.project.id, "supervisor", "李总监", f.supervision.name);
      await sign(f.project.id, "client", "陈代表", f.client.name);
      await sign(f.project.id, "designer", "周设计", f.design!.name);
      expect((await stateOf(f.project.id)).stage).toBe("handover");
      const before = await db.select().from(s.archiveDocuments).where(eq(s.archiveDocuments.projectId, f.project.id));
      const r = await intent("archiveUpload", f.pm, f.project.id, uploadForm("asBuiltDrawings", pdfBytes("late"), "late.pdf"));
      expect(r).toMatchObject({ ok: false, formError: "acceptance.frozen" });
      expect(await db.select().from(s.archiveDocuments).where(eq(s.archiveDocuments.projectId, f.project.id))).toHaveLength(before.length);
    });
  });

  describe("the archive ZIP and ARCHIVE", () => {
    let f: Fixture;
    let comparisonId: string;
    beforeAll(async () => {
      f = await constructionProject(db);
      comparisonId = (await issueComparisonPdf(db, { projectId: f.project.id, user: f.pm })).id;
      await reachHandover(f);
    });

    it("holds the index, the signed documents in stage order and the checklist files, byte for byte", async () => {
      const archive = (await buildProjectArchive(db, { projectId: f.project.id, userId: f.pm.id }))!;
      expect(archive.filename).toBe(`竣工资料-${f.project.code}.zip`);
      const zip = await JSZip.loadAsync(archive.bytes);
      const names = Object.values(zip.files).filter((e) => !e.dir).map((e) => e.name);
      const docs = await db.select().from(s.documents).where(eq(s.documents.projectId, f.project.id));
      const current = (kind: string) => docs.find((d) => d.kind === kind && d.supersededAt === null)!;
      const [comparison, commencement, application, completion] = [current("bidComparison"), current("commencement"), current("acceptanceApplication"), current("completion")];
      expect(comparison.id).toBe(comparisonId);
      expect(names).toEqual([
        "00-归档目录.pdf",
        `01-安装单位比价审批表-${comparison.number}.pdf`,
        `02-工程开工报审表-${commencement.number}.pdf`,
        `03-单位工程竣工验收报审表-${application.number}.pdf`,
        `04-竣工验收单-${completion.number}.pdf`,
        "资料/05-竣工图纸.pdf",
        "资料/06-设备及材料合格证、检测报告.pdf",
        "资料/07-材料设备进场报审记录.pdf",
        "资料/08-施工日志.pdf",
        "资料/09-系统调试及风量测试记录.pdf",
        "资料/10-设备使用说明书及操作培训记录.pdf",
      ]);
      expect(names.every((n) => !n.includes("..") && !n.startsWith("/"))).toBe(true);

      // Every entry is the stored file, unchanged.
      const files = await db.select({ id: s.files.id, sha256: s.files.sha256 }).from(s.files).where(eq(s.files.projectId, f.project.id));
      const shaOfFile = new Map(files.map((x) => [x.id, x.sha256]));
      const checklist = await loadArchiveChecklist(db, f.project.id);
      const expected = [archive.index, comparison, commencement, application, completion].map((d) => d.sha256).concat(checklist.map((i) => i.files[0].sha256));
      const actual = await Promise.all(names.map(async (n) => sha(await zip.file(n)!.async("uint8array"))));
      expect(actual).toEqual(expected);
      expect(shaOfFile.get(completion.fileId)).toBe(completion.sha256);

      // The index lists every entry: titles, numbers, signers, short hashes, names in the ZIP.
      const text = (await pdfText(Buffer.from(await zip.file("00-归档目录.pdf")!.async("uint8array")))).replace(/\s+/g, "");
      expect(text).toContain("竣工资料归档目录");
      expect(text).toContain(archive.index.number);
      for (const d of [comparison, commencement, application, completion]) {
        expect(text).toContain(d.title);
        expect(text).toContain(d.number);
        expect(text).toContain(`${d.sha256.slice(0, 16)}…`);
      }
      for (const item of checklist) expect(text).toContain(item.label["zh-CN"]);
      for (const name of ["李总监", "陈代表", "周设计", f.supervision.name, f.client.name]) expect(text).toContain(name);
      expect(text).toContain("资料/05-竣工图纸.pdf");
      expect(text).toContain("待归档");
    });

    it("downloading unchanged data again gives the same index document and the same bytes", async () => {
      const a = (await buildProjectArchive(db, { projectId: f.project.id, userId: f.pm.id }))!;
      const b = (await buildProjectArchive(db, { projectId: f.project.id, userId: f.pm.id }))!;
      expect(b.index.id).toBe(a.index.id);
      expect(sha(b.bytes)).toBe(sha(a.bytes));
    });

    it("the zip route: the pm gets it, a client-party user and a supervisor get 404; the API the same", async () => {
      const cookie = async (u: { id: string }) => (await createSession(db, u.id, { ip: "", userAgent: "" })).split(";")[0];
      const get = (c: string) =>
        zipRoute.loader({ request: new Request(`http://localhost/projects/${f.project.id}/archive.zip`, { headers: { Cookie: c } }), params: { projectId: f.project.id }, context: {} } as never);
      const ok = (await get(await cookie(f.pm))) as Response;
      expect(ok.status).toBe(200);
      expect(ok.headers.get("Content-Type")).toBe("application/zip");
      expect(ok.headers.get("Content-Disposition")).toContain(`filename*=UTF-8''${encodeURIComponent(`竣工资料-${f.project.code}.zip`)}`);
      const finance = await makeUser(db, ["finance"]);
      expect(((await get(await cookie(finance))) as Response).status).toBe(200);

      const clientUser = await makeUser(db, ["client"]);
      const supervisorUser = await makeUser(db, ["supervisor"]);
      await db.insert(s.projectMembers).values([
        { projectId: f.project.id, userId: clientUser.id, party: "client" },
        { projectId: f.project.id, userId: supervisorUser.id, party: "supervisor" },
      ]);
      expect(statusOf(await thrown(get(await cookie(clientUser))))).toBe(404);
      expect(statusOf(await thrown(get(await cookie(supervisorUser))))).toBe(404);
      const service = await makeUser(db, ["service"]);
      expect(statusOf(await thrown(get(await cookie(service))))).toBe(404);

      const api = async (u: { id: string }) => {
        const { token } = await issueApiToken(db, { userId: u.id, name: "test" });
        return archiveApi.loader({ request: new Request(`http://localhost/api/v1/projects/${f.project.id}/archive.zip`, { headers: { Authorization: `Bearer ${token}` } }), params: { projectId: f.project.id }, context: {} } as never);
      };
      expect((await api(f.pm)).headers.get("Content-Type")).toBe("application/zip");
      expect((await api(clientUser)).status).toBe(404);
    });

    it("ARCHIVE: only the pm; it moves the archive region to archived and fixes a new index", async () => {
      const before = (await buildProjectArchive(db, { projectId: f.project.id, userId: f.pm.id }))!.index;
      const boss = await makeUser(db, ["management"]);
      expect(await intent("archive", boss, f.project.id)).toMatchObject({ ok: false, formError: "acceptanceArchive.archive.notPm" });
      expect(await intent("archive", f.pm, f.project.id)).toEqual({ intent: "archive", ok: true, notice: "acceptanceArchive.archive.done" });
      const project = await stateOf(f.project.id);
      expect((project.snapshot as { value: { handover: { archive: string } } }).value.handover.archive).toBe("archived");
      const [index] = await db.select().from(s.documents).where(and(eq(s.documents.projectId, f.project.id), eq(s.documents.kind, "archiveIndex"), eq(s.documents.version, before.version + 1)));
      expect(index.supersededAt).toBeNull();
      const [file] = await db.select().from(s.files).where(eq(s.files.id, index.fileId));
      expect((await pdfText(Buffer.from(file.bytes))).replace(/\s+/g, "")).toContain(`已归档（${today()}，${f.pm.name}）`);
      // Archived once: a second ARCHIVE is refused by the machine, with its message.
      const again = await intent("archive", f.pm, f.project.id);
      expect(again.ok).toBe(false);
      expect(again.ok ? [] : again.formErrorText).not.toHaveLength(0);
      // And the next download reuses the archived index.
      expect((await buildProjectArchive(db, { projectId: f.project.id, userId: f.pm.id }))!.index.id).toBe(index.id);
    });

    it("ARCHIVE is refused outside handover, and there is no archive to download before acceptance", async () => {
      const g = await constructionProject(db);
      expect(await intent("archive", g.pm, g.project.id)).toMatchObject({ ok: false, formError: "acceptanceArchive.archive.notHandover" });
      const direct = await applyEvent(db, { projectId: g.project.id, type: "ARCHIVE", payload: {}, actor: { userId: g.pm.id, role: "pm", label: g.pm.name }, info });
      expect(direct.ok).toBe(false);
      expect((await stateOf(g.project.id)).stage).toBe("construction");
      expect(await buildProjectArchive(db, { projectId: g.project.id, userId: g.pm.id })).toBeNull();
      const c = (await createSession(db, g.pm.id, { ip: "", userAgent: "" })).split(";")[0];
      const refused = await thrown(
        zipRoute.loader({ request: new Request("http://localhost/x", { headers: { Cookie: c } }), params: { projectId: g.project.id }, context: {} } as never),
      );
      expect(statusOf(refused)).toBe(404);
    });
  });
});
