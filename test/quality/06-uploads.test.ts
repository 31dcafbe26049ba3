// quality.md, "Faults and bad inputs", line 6. Every route that takes files (found from the source:
// the route or the action service it imports calls readMultipartForm) is listed below, so a new
// upload endpoint fails the completeness test until it is covered. For each: a body declared larger
// than any limit is refused with 413 before its stream is read; an ELF, an MZ and a shell script
// renamed .pdf/.jpg/.png are refused with the Chinese "file type" message; nothing is written.
// Names with a path, backslashes or CRLF are stored without them and downloaded with a clean
// Content-Disposition.
import fs from "node:fs";
import path from "node:path";
import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as s from "#db/schema";
import { reach } from "#machines/fixtures";
import { translate } from "~/i18n";
import { sha256Hex } from "~/lib/tokens.server";
import { issueFormStamp } from "~/services/service/form-stamp.server";
import { ensureServiceCode } from "~/services/service/service-code.server";
import { createTicket } from "~/services/service/ticket-create.server";
import { constructionProject, TINY_PDF } from "../integration/acceptance-fixture";
import { PNG_1x1 } from "../integration/review-fixture";
import { acceptedSnapshot } from "../integration/warranty-fixture";
import { makeCompany, makeProject } from "../support/factories";
import { createTestDatabase, testDriver, type TestDatabase } from "../support/test-db";
import { caller, changedTables, fingerprint, loadRoute, outcome, requestAs, routeArgs, routeFiles, ROUTES_DIR, urlOf, type Caller } from "./support";

// The public form's stamp is signed with this key; set it so the test signs like the server does.
process.env.SERVICE_FORM_SECRET ||= "quality-06-uploads";

const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]), Buffer.alloc(120, 0)]);
const MZ = Buffer.concat([Buffer.from("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff", "latin1"), Buffer.alloc(120, 0)]);
const SCRIPT = Buffer.from("#!/bin/sh\nrm -rf / --no-preserve-root\n");
const FAKES: [string, Buffer, string][] = [["ELF as .pdf", ELF, "报告.pdf"], ["MZ as .jpg", MZ, "照片.jpg"], ["script as .png", SCRIPT, "图片.png"]];
const BAD_TYPE_ZH = translate("zh-CN", "upload.badType");

type Part = { name: string; value?: string; filename?: string; type?: string; bytes?: Buffer };
/** A multipart body written by hand, so a file name can carry what a browser would escape (CR/LF). */
function multipart(parts: Part[]): { body: Uint8Array<ArrayBuffer>; type: string } {
  const boundary = `----quality${Math.random().toString(36).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = `Content-Disposition: form-data; name="${p.name}"${p.filename !== undefined ? `; filename="${p.filename}"` : ""}\r\n`;
    chunks.push(Buffer.from(`--${boundary}\r\n${disposition}${p.type ? `Content-Type: ${p.type}\r\n` : ""}\r\n`, "utf8"), p.bytes ?? Buffer.from(p.value ?? "", "utf8"), Buffer.from("\r\n"));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: new Uint8Array(Buffer.concat(chunks)), type: `multipart/form-data; boundary=${boundary}` };
}

interface Endpoint {
  /** Route file; page routes may take files through an action service they import. */
  file: string;
  who: "pm" | "service" | "public";
  params: () => Record<string, string>;
  /** The file field and the other fields of a valid submission. */
  field: string;
  kind: "pdf" | "image";
  fields: () => Record<string, string>;
  /** Pages that take the intent in the query string. */
  query?: string;
}

describe("Uploads: over the size limit (refused before buffering), a renamed executable, path traversal or CRLF in the file name", () => {
  let t: TestDatabase;
  const who = {} as Record<"pm" | "service", Caller>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestDatabase();
    const db = t.db;
    const f = await constructionProject(db);
    ids.construction = f.project.id;
    ids.installer = f.installer.id;
    who.pm = await caller(db, f.pm);
    const service = { id: (await db.insert(s.users).values({ email: "svc@q.test", name: "售后", passwordHash: "x" }).returning())[0].id };
    await db.insert(s.userRoles).values({ userId: service.id, role: "service" });
    who.service = await caller(db, service);
    const clientId = f.client.id;
    for (const stage of ["bidding", "contracting", "survey", "entry"] as const) {
      ids[stage] = (await makeProject(db, f.pm, { clientId, supervisionCompanyId: f.supervision.id, stage, snapshot: reach(stage) })).id;
    }
    const handover = await makeProject(db, f.pm, { clientId, supervisionCompanyId: f.supervision.id, stage: "handover", snapshot: acceptedSnapshot("2026-01-10") });
    ids.handover = handover.id;
    ids.handoverCode = handover.code;
    await db.insert(s.installedUnits).values({ projectId: handover.id, name: "新风主机", model: "XF", quantity: 1, location: "机房", serialNumbers: ["SN-Q-1"] });
    ids.code = await ensureServiceCode(db, handover.id);
    const ticket = await db.transaction((tx) => createTicket(tx, { projectId: handover.id, channel: "hotline", reporterName: "刘", contactPhone: "13800138001", siteAddress: "广州", area: "city", description: "异响", serialNumber: "SN-Q-1", createdBy: service.id } as never));
    if (!ticket.ok) throw new Error(JSON.stringify(ticket));
    ids.ticket = ticket.ticketId;
    // On site: the step that takes resolution photos is the one open now.
    await db.update(s.serviceTickets).set({ status: "onSite", onSiteAt: new Date() }).where(eq(s.serviceTickets.id, ticket.ticketId));
    const [rect] = await db.insert(s.rectifications).values({ projectId: f.project.id, subject: "风管保温破损" }).returning();
    ids.rectification = rect.id;
    const [member] = await db.insert(s.crewMembers).values({ projectId: ids.entry, name: "张三", position: "电工", idNumber: "440101199001011234" }).returning();
    ids.member = member.id;
    ids.reviewToken = "quality-review-token-0123456789abcdefghijkl";
    await db.insert(s.reviewTasks).values({ projectId: f.project.id, kind: "commencement", party: "supervisor", recipientEmail: "li@jianli.test", tokenHash: sha256Hex(ids.reviewToken), expiresAt: new Date(Date.now() + 86_400_000) });
    ids.quoteToken = "quality-quote-token-0123456789abcdefghijklm";
    await db.insert(s.quoteInvitations).values({ projectId: ids.bidding, vendorId: f.installer.id, email: "v@q.test", tokenHash: sha256Hex(ids.quoteToken), deadline: new Date(Date.now() + 86_400_000) });
    const [docFile] = await db.insert(s.files).values({ projectId: handover.id, name: "验收单.pdf", mime: "application/pdf", size: TINY_PDF.length, sha256: sha256Hex(TINY_PDF), bytes: TINY_PDF }).returning();
    ids.docCode = "QUPLAD23";
    await db.insert(s.documents).values({ projectId: handover.id, kind: "completion", version: 1, title: "竣工验收单", number: "DOC-Q-1", shortCode: ids.docCode, sha256: sha256Hex(TINY_PDF), contentHash: "0".repeat(64), fileId: docFile.id });
    const vendor = await makeCompany(db, "installer", "上传测试安装公司");
    ids.vendor = vendor.id;
  }, 120_000);
  afterAll(async () => t?.drop());

  const P = (key: string) => () => ({ projectId: ids[key] });
  const ENDPOINTS: Endpoint[] = [
    { file: "api.v1.projects.$projectId.files.ts", who: "pm", params: P("construction"), field: "file", kind: "pdf", fields: () => ({}) },
    { file: "api.v1.projects.$projectId.survey.photos.ts", who: "pm", params: P("survey"), field: "photos", kind: "image", fields: () => ({ caption: "现场" }) },
    { file: "api.v1.projects.$projectId.rectifications.$rectificationId.replies.ts", who: "pm", params: () => ({ projectId: ids.construction, rectificationId: ids.rectification }), field: "photos", kind: "image", fields: () => ({ content: "已整改完毕" }) },
    { file: "api.v1.projects.$projectId.progress.ts", who: "pm", params: P("construction"), field: "photos", kind: "image", fields: () => ({ entryDate: "2026-09-10", percentComplete: "30", note: "进度" }) },
    { file: "api.v1.projects.$projectId.materials.ts", who: "pm", params: P("construction"), field: "items[0].certificate", kind: "pdf", fields: () => ({ title: "电缆进场", enteredOn: "2026-09-10", placeOfUse: "配电间", selfCheck: "合格", "items[0].name": "电缆", "items[0].spec": "YJV", "items[0].quantity": "200 米" }) },
    { file: "api.v1.projects.$projectId.entry.certificates.ts", who: "pm", params: P("entry"), field: "file", kind: "pdf", fields: () => ({ name: "主机合格证", number: "HG-9", expiresOn: "2030-01-01" }) },
    { file: "api.v1.projects.$projectId.entry.crew.ts", who: "pm", params: P("entry"), field: "credentialFile", kind: "pdf", fields: () => ({ name: "李四", position: "焊工", idNumber: "440101199001011234", credentialType: "焊工证", credentialNumber: "H-1", credentialExpiresOn: "2030-01-01" }) },
    { file: "api.v1.projects.$projectId.entry.crew.$memberId.credentials.ts", who: "pm", params: () => ({ projectId: ids.entry, memberId: ids.member }), field: "file", kind: "pdf", fields: () => ({ type: "电工证", number: "D-1", expiresOn: "2030-01-01" }) },
    { file: "api.v1.projects.$projectId.acceptance.documents.ts", who: "pm", params: P("construction"), field: "file", kind: "pdf", fields: () => ({ kind: "asBuiltDrawings" }) },
    { file: "api.v1.vendors.$vendorId.qualifications.ts", who: "pm", params: () => ({ vendorId: ids.vendor }), field: "file", kind: "pdf", fields: () => ({ kind: "qualificationCertificate", number: "Q-1", expiresOn: "2030-01-01" }) },
    { file: "projects.$projectId.rectifications.tsx", who: "pm", params: P("construction"), field: "photos", kind: "image", fields: () => ({ intent: "reply", rectificationId: ids.rectification, content: "已整改" }) },
    { file: "projects.$projectId.materials.tsx", who: "pm", params: P("construction"), field: "items[0].certificate", kind: "pdf", fields: () => ({ intent: "create", title: "电缆进场", enteredOn: "2026-09-10", placeOfUse: "配电间", selfCheck: "合格", "items[0].name": "电缆", "items[0].spec": "YJV", "items[0].quantity": "200 米" }) },
    { file: "projects.$projectId.survey.tsx", who: "pm", params: P("survey"), field: "photos", kind: "image", fields: () => ({ intent: "save", siteLead: "赵", conditions: "良好" }) },
    { file: "projects.$projectId.construction.tsx", who: "pm", params: P("construction"), field: "photos", kind: "image", fields: () => ({ intent: "addProgress", entryDate: "2026-09-10", percentComplete: "30" }) },
    { file: "projects.$projectId.contract.tsx", who: "pm", params: P("contracting"), field: "file", kind: "pdf", fields: () => ({ version: "1", contractNo: "C-1", amount: "1000.00", signedOn: "2026-09-01", "milestones[0].trigger": "signing", "milestones[0].label": "签约", "milestones[0].percent": "100" }) },
    { file: "projects.$projectId.bidding.tsx", who: "pm", params: P("bidding"), field: "attachments", kind: "pdf", fields: () => ({ intent: "quote.save", vendorId: ids.installer, contractingMethod: "包工包料", validUntil: "2099-12-31", "lines[0].item": "主机", "lines[0].unit": "台", "lines[0].quantity": "1", "lines[0].unitPrice": "100" }) },
    { file: "projects.$projectId.entry.tsx", who: "pm", params: P("entry"), field: "file", kind: "pdf", fields: () => ({ intent: "addCertificate", name: "主机合格证", number: "HG-9", expiresOn: "2030-01-01" }) },
    { file: "projects.$projectId.acceptance.tsx", who: "pm", params: P("construction"), field: "file", kind: "pdf", fields: () => ({ kind: "asBuiltDrawings" }), query: "?intent=archiveUpload" },
    { file: "vendors.$vendorId.tsx", who: "pm", params: () => ({ vendorId: ids.vendor }), field: "file", kind: "pdf", fields: () => ({ intent: "saveQualification", kind: "qualificationCertificate", number: "Q-1", expiresOn: "2030-01-01" }) },
    { file: "service.tickets.$ticketId.tsx", who: "service", params: () => ({ ticketId: ids.ticket }), field: "photos", kind: "image", fields: () => ({ step: "resolve", version: "1", causeCategory: "installationError", minutesSpent: "30", resolution: "重新紧固风机" }) },
    { file: "s.$code.tsx", who: "public", params: () => ({ code: ids.code }), field: "photos", kind: "image", fields: () => ({ reporterName: "刘", contactPhone: "13800138001", description: "异响", _stamp: issueFormStamp(ids.code, new Date(Date.now() - 60_000)) }) },
    { file: "q.$token.tsx", who: "public", params: () => ({ token: ids.quoteToken }), field: "attachments", kind: "pdf", fields: () => ({ intent: "quote", contractingMethod: "包工包料", validUntil: "2099-12-31" }) },
    { file: "r.$token.tsx", who: "public", params: () => ({ token: ids.reviewToken }), field: "seal", kind: "image", fields: () => ({ decision: "approve", signerName: "李总监", opinion: "同意" }) },
    { file: "v.$code.tsx", who: "public", params: () => ({ code: ids.docCode }), field: "pdf", kind: "pdf", fields: () => ({}) },
  ];

  const callerOf = (e: Endpoint) => (e.who === "public" ? null : who[e.who]);
  async function send(e: Endpoint, body: BodyInit, headers: Record<string, string>, ip = "10.6.0.1") {
    const mod = await loadRoute(e.file);
    const params = e.params();
    const base = requestAs(callerOf(e), e.file, urlOf(e.file, params) + (e.query ?? ""), { headers });
    const request = new Request(base.url, { method: "POST", headers: base.headers, body, duplex: "half" } as RequestInit);
    return outcome(() => mod.action!(routeArgs(request, params, ip)));
  }

  it("lists every route that takes files (a new upload endpoint must be added here)", () => {
    const takesFiles = routeFiles().filter((f) => {
      const src = fs.readFileSync(path.join(ROUTES_DIR, f), "utf8");
      if (src.includes("readMultipartForm")) return true;
      return [...src.matchAll(/from "~\/services\/([\w/.-]+)"/g)].some((m) => {
        const p = path.resolve(ROUTES_DIR, "../services", `${m[1]}.ts`);
        return fs.existsSync(p) && /readMultipartForm\(/.test(fs.readFileSync(p, "utf8"));
      });
    });
    expect(takesFiles.filter((f) => !ENDPOINTS.some((e) => e.file === f))).toEqual([]);
    // One parser for every upload, so the limits and the sniffing cannot be skipped.
    const parsers = execGrep("unstable_parseMultipartFormData", path.resolve(ROUTES_DIR, ".."));
    expect(parsers).toEqual(["lib/uploads.server.ts"]);
  });

  for (const [i] of Array.from({ length: 24 }).entries()) {
    it(`endpoint ${i + 1}: an oversized body is refused with 413 before its stream is read; nothing written`, async () => {
      const e = ENDPOINTS[i];
      if (!e) return expect(ENDPOINTS.length).toBeLessThanOrEqual(i);
      let pulls = 0;
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          pulls++;
          controller.enqueue(new Uint8Array(1024 * 1024));
          if (pulls > 2048) controller.close();
        },
      });
      const before = await fingerprint(t.db);
      const o = await send(e, stream, { "Content-Type": "multipart/form-data; boundary=x", "Content-Length": String(2 * 1024 ** 3) });
      // The API answers 413; a page may instead draw its form again (400) with the "too large"
      // message beside the field — either way before reading the body.
      if (e.file.startsWith("api.")) expect(o.status, `${e.file}: ${o.text.slice(0, 200)}`).toBe(413);
      else expect(o.status === 413 || (o.status === 400 && /tooLarge/.test(o.text)), `${e.file}: ${o.status} ${o.text.slice(0, 200)}`).toBe(true);
      // The stream starts with one chunk queued; nothing beyond it was asked for.
      expect(pulls, e.file).toBeLessThanOrEqual(1);
      expect(changedTables(before, await fingerprint(t.db)), e.file).toEqual([]);
    });
  }

  it("a file over the per-file limit inside an allowed body is refused, nothing written (streamed, not kept)", async () => {
    for (const e of ENDPOINTS.filter((x) => x.file === "api.v1.projects.$projectId.files.ts" || x.file === "projects.$projectId.rectifications.tsx")) {
      const big = Buffer.alloc(10 * 1024 * 1024 + 1, 0x20);
      TINY_PDF.copy(big);
      const { body, type } = multipart([...Object.entries(e.fields()).map(([name, value]) => ({ name, value })), { name: e.field, filename: "大文件.pdf", type: "application/pdf", bytes: big }]);
      const before = await fingerprint(t.db);
      const o = await send(e, body, { "Content-Type": type, "Content-Length": String(body.length) });
      expect(o.status === 413 || (o.status === 400 && /tooLarge/.test(o.text)), `${e.file}: ${o.status} ${o.text.slice(0, 200)}`).toBe(true);
      expect(changedTables(before, await fingerprint(t.db)), e.file).toEqual([]);
    }
  });

  for (const [label, bytes, name] of FAKES) {
    it(`${label}: refused by its bytes with the Chinese message at every endpoint, nothing written`, async () => {
      const problems: string[] = [];
      const before = await fingerprint(t.db);
      for (const e of ENDPOINTS) {
        const { body, type } = multipart([...Object.entries(e.fields()).map(([n, value]) => ({ name: n, value })), { name: e.field, filename: name, type: e.kind === "pdf" ? "application/pdf" : "image/jpeg", bytes }]);
        const o = await send(e, body, { "Content-Type": type, "Content-Length": String(body.length) }, `10.6.1.${ENDPOINTS.indexOf(e)}`);
        // The archive checklist and the public request form have their own keys; the rest the shared one.
        const said = o.text.includes(BAD_TYPE_ZH) || /"[\w.]*upload\.badType"|"serviceTickets\.form\.photoBadType"|文件类型/.test(o.text);
        if (o.status < 400 || o.status >= 500 || !said) problems.push(`${e.file}: ${o.status} ${o.text.slice(0, 700)}`);
      }
      expect(problems).toEqual([]);
      expect(changedTables(before, await fingerprint(t.db))).toEqual([]);
      expect(BAD_TYPE_ZH).toMatch(/[\u4e00-\u9fff]/);
    });
  }

  const NAMES = ["../../etc/passwd.pdf", "a\r\nX-Injected: 1.pdf", "..\\..\\x.pdf", "/abs/path/报告.pdf", "..%2F..%2Fy.pdf"];
  it("names with a path, backslashes or CRLF are stored without them and downloaded with a clean Content-Disposition", async () => {
    const e = ENDPOINTS[0];
    const download = await loadRoute("files.$fileId.ts");
    for (const name of NAMES) {
      const { body, type } = multipart([{ name: "file", filename: name, type: "application/pdf", bytes: TINY_PDF }]);
      const o = await send(e, body, { "Content-Type": type, "Content-Length": String(body.length) });
      if (o.status >= 400) {
        // Refusing such a name outright is fine too, as long as it is a clear 4xx and nothing is stored.
        expect(o.status, `${JSON.stringify(name)}: ${o.text}`).toBeLessThan(500);
        continue;
      }
      const [stored] = await t.db.select().from(s.files).where(eq(s.files.projectId, ids.construction)).orderBy(desc(s.files.createdAt)).limit(1);
      expect(stored.name, JSON.stringify(name)).not.toMatch(/[\\/\r\n]|^\.\./);
      const res = await download.loader!(routeArgs(requestAs(who.pm, "files.$fileId.ts", `/files/${stored.id}`), { fileId: stored.id })) as Response;
      expect(res.status).toBe(200);
      const cd = res.headers.get("Content-Disposition") ?? "";
      expect(cd, JSON.stringify(name)).not.toMatch(/[\r\n]|\.\.\/|\.\.\\|X-Injected:/);
      expect(res.headers.get("X-Injected")).toBeNull();
    }
  });

  it("the same names through a page upload (rectification reply photos) are stored safely", async () => {
    const e = ENDPOINTS.find((x) => x.file === "projects.$projectId.rectifications.tsx")!;
    for (const name of ["../../etc/passwd.png", "a\r\nX-Injected: 1.png", "..\\..\\x.png"]) {
      const { body, type } = multipart([...Object.entries(e.fields()).map(([n, value]) => ({ name: n, value })), { name: "photos", filename: name, type: "image/png", bytes: PNG_1x1 }]);
      const o = await send(e, body, { "Content-Type": type, "Content-Length": String(body.length) });
      expect(o.status, o.text.slice(0, 200)).toBeLessThan(500);
    }
    const names = (await t.db.select({ name: s.files.name }).from(s.files)).map((r) => r.name);
    expect(names.filter((n) => /[\\/\r\n]|^\.\./.test(n))).toEqual([]);
  });

  it(`runs on ${testDriver()}`, () => expect(["pglite", "postgres"]).toContain(testDriver()));
});

/** Files under `dir` (relative paths) whose text contains `needle`, tests left out. */
function execGrep(needle: string, dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (/\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && fs.readFileSync(p, "utf8").includes(needle)) out.push(path.relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}
