// Shared set-up of the acceptance tests (not a test file itself): a project in construction with
// supervision, client and design companies that each have a contact with an e-mail, an installer
// under contract, and — with meetPreconditions — every acceptance precondition met.
import { eq } from "drizzle-orm";
import type { Db } from "#db/client";
import * as s from "#db/schema";
import { reach } from "#machines/fixtures";
import { shanghaiDate } from "~/lib/calendar";
import { sha256Hex } from "~/lib/tokens.server";
import { applyEvent } from "~/services/projects/apply-event.server";
import { ARCHIVE_CHECKLIST } from "~/services/projects/archive-checklist";
import { makeCompany, makeProject, makeUser } from "../support/factories";

const tag = () => Math.random().toString(36).slice(2, 6);
/** A minimal but real PDF file body (pdftotext/pdfinfo accept it). */
export const TINY_PDF = Buffer.from("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");

export async function constructionProject(db: Db, opts: { design?: boolean; startedOn?: string } = {}) {
  const pm = await makeUser(db, ["pm"], { name: "王项目" });
  const supervision = await makeCompany(db, "supervision", `华南监理-${tag()}`);
  const client = await makeCompany(db, "client", `天河置业-${tag()}`);
  const design = opts.design === false ? null : await makeCompany(db, "design", `省建筑设计院-${tag()}`);
  const installer = await makeCompany(db, "installer", `粤安机电-${tag()}`);
  await db.insert(s.contacts).values([
    { companyId: supervision.id, name: "李总监", email: "li@jianli.test" },
    { companyId: client.id, name: "陈代表", email: "chen@client.test" },
    ...(design ? [{ companyId: design.id, name: "周设计", email: "zhou@design.test" }] : []),
  ]);
  const snapshot = reach("construction");
  snapshot.context = { ...snapshot.context, awardedVendorId: installer.id, startedOn: opts.startedOn ?? "2026-09-01" };
  const project = await makeProject(db, pm, {
    name: "天河写字楼新风系统", clientId: client.id, supervisionCompanyId: supervision.id, designCompanyId: design?.id ?? null,
    stage: "construction", snapshot,
  });
  const [contractFile] = await db.insert(s.files).values({ projectId: project.id, name: "合同.pdf", mime: "application/pdf", size: TINY_PDF.length, sha256: sha256Hex(TINY_PDF), bytes: TINY_PDF }).returning();
  await db.insert(s.vendorContracts).values({ projectId: project.id, vendorId: installer.id, contractNo: "AZ-2026-031", amountFen: 36_500_000, signedOn: "2026-08-20", fileId: contractFile.id });
  return { pm, project, supervision, client, design, installer };
}

/** Every precondition of REQUEST_ACCEPTANCE met, written straight to the tables. */
export async function meetPreconditions(db: Db, projectId: string, pmId: string) {
  await db.insert(s.completionChecks).values({ projectId, confirmedBy: pmId, completedOn: "2026-11-15", note: "全部完成" });
  await db.insert(s.selfInspections).values({
    projectId, passed: true, foremanName: "赵志强", inspectedOn: "2026-11-16", recordedBy: pmId,
    items: [{ name: "设备安装牢固、减振措施到位", ok: true, note: "" }, { name: "风管连接严密、保温完好", ok: true, note: "" }],
    trialRunPassed: true, trialRunHours: 8, trialRunNote: "连续运行 8 小时无异常",
    systemDesignM3h: 12000, systemMeasuredM3h: 11500,
    outlets: [{ location: "301 会议室", designM3h: 800, measuredM3h: 760 }, { location: "302 办公室", designM3h: 600, measuredM3h: 650 }],
  });
  // One at a time, as the page adds them: the list is in the order entered.
  await db.insert(s.installedUnits).values({ projectId, name: "新风净化主机", model: "YD-XF500", quantity: 2, location: "屋面设备间", serialNumbers: ["XF5-2026-0001", "XF5-2026-0002"], createdAt: new Date(Date.now() - 1000) });
  await db.insert(s.installedUnits).values({ projectId, name: "智能控制面板", model: "YD-CP10", quantity: 12, location: "各办公室" });
  for (const c of ARCHIVE_CHECKLIST) {
    const bytes = Buffer.concat([TINY_PDF, Buffer.from(`% ${c.kind}\n`)]);
    const [file] = await db.insert(s.files).values({ projectId, name: `${c.label["zh-CN"]}.pdf`, mime: "application/pdf", size: bytes.length, sha256: sha256Hex(bytes), bytes }).returning();
    await db.insert(s.archiveDocuments).values({ projectId, kind: c.kind, fileId: file.id });
  }
}

const INFO = { ip: "127.0.0.1", userAgent: "vitest" };

/** Accepted today: REQUEST_ACCEPTANCE, then each party's signature row and SIGN, as their links record them. */
export async function acceptToday(db: Db, f: { project: { id: string }; pm: { id: string; name: string } }) {
  const today = shanghaiDate(new Date().toISOString());
  const requested = await applyEvent(db, { projectId: f.project.id, type: "REQUEST_ACCEPTANCE", payload: { acceptanceDate: today, startTime: "09:30", place: "项目部会议室" }, actor: { userId: f.pm.id, role: "pm", label: f.pm.name }, info: INFO });
  if (!requested.ok) throw new Error(JSON.stringify(requested));
  for (const [party, name] of [["supervisor", "李总监"], ["client", "陈代表"], ["designer", "周设计"]] as const) {
    const [plan] = await db.select().from(s.acceptancePlans).where(eq(s.acceptancePlans.projectId, f.project.id));
    const signed = await applyEvent(db, {
      projectId: f.project.id, type: "SIGN", payload: { opinion: "合格" }, actor: { userId: null, role: party, party, label: name }, info: INFO,
      record: async (tx) => void (await tx.insert(s.signatures).values({ projectId: f.project.id, documentKind: "completion", documentVersion: plan.round, party, signerName: name, organisation: name, opinion: "合格", contentSha256: "0".repeat(64), signerRole: "代表", typedSignature: name })),
    });
    if (!signed.ok) throw new Error(JSON.stringify(signed));
  }
}
