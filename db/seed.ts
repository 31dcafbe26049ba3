import { eq } from "drizzle-orm";
import type { Db } from "./client";
import * as s from "./schema";
import { DEMO_COMPANIES, DEMO_CONTACTS, DEMO_PASSWORD, DEMO_PDF, DEMO_USERS, type DemoCompanyKey, type DemoUserKey } from "./seed-fixtures";
import { initialProjectSnapshot, PROJECT_MACHINE_VERSION, stageOf } from "../machines/runtime";
import type { Actor, EventType } from "../machines/types";
import { creditCodeCheckChar } from "../app/lib/credit-code";
import { hashPassword } from "../app/lib/password.server";
import { sha256Hex } from "../app/lib/tokens.server";
import { applyEvent } from "../app/services/projects/apply-event.server";
import { ARCHIVE_CHECKLIST } from "../app/services/projects/archive-checklist";
import { loadAcceptanceContent } from "../app/services/acceptance/acceptance-content.server";
import { contentSha256 } from "../app/services/review/record-signature.server";
import { settlementFigures } from "../app/services/settlement/settlement-math";
import { createTicket } from "../app/services/service/ticket-create.server";

type Ids = { companies: Record<DemoCompanyKey, string>; users: Record<DemoUserKey, string> };

const day = (iso: string) => new Date(`${iso}T10:00:00+08:00`);

/**
 * Demo data for a first run: companies, one user per role and projects in several stages. Every
 * stage is reached through applyEvent with its facts in place, exactly as users would get there.
 */
export async function seedDemoData(db: Db): Promise<void> {
  const ids = await seedPeople(db);
  const plans: [string, string, DemoUserKey, DemoCompanyKey, (p: ProjectDriver) => Promise<void>][] = [
    ["PRJ-2026-0001", "天河中心写字楼新风净化系统安装", "pm", "client", async (p) => p.quotes(["installerA", "installerB"])],
    ["PRJ-2026-0002", "岭南实验学校教学楼新风系统", "pm", "client2", async (p) => { await p.quotes(["installerA", "installerB", "installerC", "installerD"]); await p.recommend("installerB"); await p.send("SUBMIT_FOR_DECISION", "pm", {}, "2026-10-20"); }],
    ["PRJ-2026-0003", "珠江新城公寓 A 栋新风安装", "pm", "client", async (p) => { await p.toSurvey("2026-09-02"); }],
    ["PRJ-2026-0004", "华夏路商业中心净化工程", "pm", "client", async (p) => { await p.toSurvey("2026-07-10"); await p.toEntryReview("2026-08-01"); }],
    ["PRJ-2026-0005", "海珠区办公楼新风改造", "pm", "client", async (p) => { await p.toSurvey("2026-05-06"); await p.toEntryReview("2026-06-01"); await p.approveCommencement("2026-06-08"); }],
    ["PRJ-2025-0012", "白云区医院门诊楼新风净化", "pm", "client", async (p) => { await p.toSurvey("2025-09-01"); await p.toEntryReview("2025-10-08"); await p.approveCommencement("2025-10-15"); await p.accept("2025-12-20", "2025-12-12"); await p.draftSettlement("2026-01-08"); await p.serviceTicket(); }],
    ["PRJ-2026-0006", "番禺幼儿园新风系统安装", "pm2", "client2", async (p) => p.quotes(["installerC"])],
    ["PRJ-2026-0007", "南沙仓储中心通风工程", "pm", "client", async (p) => { await p.quotes(["installerA"]); await p.send("CANCEL", "management", { reason: "甲方项目暂停，合同解除" }, "2026-03-15"); }],
  ];
  for (const [code, name, pm, client, drive] of plans) {
    const project = await createProject(db, ids, { code, name, pm, client });
    await drive(new ProjectDriver(db, ids, project));
  }
}

async function seedPeople(db: Db): Promise<Ids> {
  const companies = {} as Record<DemoCompanyKey, string>;
  for (const [key, c] of Object.entries(DEMO_COMPANIES) as [DemoCompanyKey, (typeof DEMO_COMPANIES)[DemoCompanyKey]][]) {
    const [row] = await db.insert(s.companies).values({ kind: c.kind, name: c.name, phone: c.phone, address: c.address }).returning({ id: s.companies.id });
    companies[key] = row.id;
  }
  await db.insert(s.contacts).values(DEMO_CONTACTS.map((c) => ({ companyId: companies[c.company], name: c.name, title: c.title, phone: c.phone, email: c.email })));
  await seedInstallerCredentials(db, companies);
  // One hash for every demo account: hashing ten times would only slow the first start.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const users = {} as Record<DemoUserKey, string>;
  for (const u of DEMO_USERS) {
    const [row] = await db.insert(s.users).values({ email: u.email, name: u.name, passwordHash, companyId: companies[u.company] }).returning({ id: s.users.id });
    users[u.key] = row.id;
    await db.insert(s.userRoles).values(u.roles.map((role) => ({ userId: row.id, role })));
  }
  return { companies, users };
}

/** Valid credit codes and the three qualifications; one licence about to expire, so the warning shows. */
async function seedInstallerCredentials(db: Db, companies: Record<DemoCompanyKey, string>) {
  const installers = ["installerA", "installerB", "installerC", "installerD"] as const;
  const [scan] = await db.insert(s.files).values({ name: "资质扫描件.pdf", mime: "application/pdf", size: DEMO_PDF.length, sha256: sha256Hex(DEMO_PDF), bytes: DEMO_PDF }).returning({ id: s.files.id });
  for (const [i, key] of installers.entries()) {
    const base = `9144010${i + 1}MA5CXY${String(i + 1).padStart(3, "0")}`;
    await db.update(s.companies).set({ creditCode: base + creditCodeCheckChar(base) }).where(eq(s.companies.id, companies[key]));
    await db.insert(s.companyQualifications).values([
      { companyId: companies[key], kind: "businessLicence", number: base + creditCodeCheckChar(base), expiresOn: null, fileId: scan.id },
      { companyId: companies[key], kind: "qualificationCertificate", number: `D2440${i + 1}0123`, expiresOn: "2028-06-30", fileId: scan.id },
      { companyId: companies[key], kind: "safetyProductionLicence", number: `(粤)JZ安许证字[2024]01000${i + 1}`, expiresOn: key === "installerD" ? "2026-12-10" : "2027-09-30", fileId: scan.id },
    ]);
  }
}

async function createProject(db: Db, ids: Ids, p: { code: string; name: string; pm: DemoUserKey; client: DemoCompanyKey }) {
  const snapshot = initialProjectSnapshot();
  const year = Number(p.code.slice(4, 8));
  const created = day(`${year}-01-${String(5 + (Number(p.code.slice(-2)) % 20)).padStart(2, "0")}`);
  const [row] = await db
    .insert(s.projects)
    .values({
      code: p.code,
      name: p.name,
      clientId: ids.companies[p.client],
      siteAddress: DEMO_COMPANIES[p.client].address,
      clientContractNo: `HT-${p.code.slice(4)}`,
      clientContractAmountFen: 86_800_000 + Number(p.code.slice(-2)) * 1_234_500,
      clientContractSignedOn: created.toISOString().slice(0, 10),
      pmId: ids.users[p.pm],
      supervisionCompanyId: ids.companies.supervision,
      designCompanyId: ids.companies.design,
      plannedStartOn: `${year}-${p.code.endsWith("12") ? "10" : "08"}-15`,
      plannedFinishOn: `${year}-12-20`,
      stage: stageOf(snapshot.value),
      snapshot,
      machineVersion: PROJECT_MACHINE_VERSION,
      createdAt: created,
      updatedAt: created,
      stageChangedAt: created,
    })
    .returning();
  await db.insert(s.projectEquipment).values([
    { projectId: row.id, position: 1, model: "YD-XF500 全热交换新风机", quantity: 6, location: "各层设备间" },
    { projectId: row.id, position: 2, model: "YD-JH200 静电净化模块", quantity: 12, location: "新风主管" },
    { projectId: row.id, position: 3, model: "YD-CK 智能控制面板", quantity: 24, location: "各办公室" },
  ]);
  await db.insert(s.auditEvents).values({ projectId: row.id, actorUserId: ids.users[p.pm], actorLabel: "演示数据", role: "pm", event: "PROJECT_CREATED", toStage: "bidding", payload: {}, at: created });
  const parties = [["supervisor", "supervisor"], ["client", "client"], ["designer", "designer"]] as const;
  if (p.client === "client") await db.insert(s.projectMembers).values(parties.map(([user, party]) => ({ projectId: row.id, userId: ids.users[user], party })));
  return row;
}

/** Puts the facts for each step in place, then sends the event as the right person would. */
class ProjectDriver {
  constructor(private db: Db, private ids: Ids, private project: typeof s.projects.$inferSelect) {}

  async send(type: EventType, who: DemoUserKey | "system", payload: Record<string, unknown>, on: string) {
    const user = DEMO_USERS.find((u) => u.key === who);
    const role = (user?.roles[0] ?? "system") as Actor["role"];
    const party = role === "supervisor" || role === "client" || role === "designer" ? role : null;
    const actor: Actor = { userId: who === "system" ? null : this.ids.users[who], role, party, label: user?.name ?? "系统" };
    const result = await applyEvent(this.db, { projectId: this.project.id, type, payload, actor, info: { ip: "127.0.0.1", userAgent: "seed" }, at: day(on) });
    if (!result.ok) throw new Error(`seed: ${this.project.code} ${type} refused: ${JSON.stringify(result.refusals)}`);
  }

  async quotes(vendors: DemoCompanyKey[]) {
    let i = 0;
    for (const v of vendors) {
      i++;
      const [q] = await this.db
        .insert(s.quotes)
        .values({ projectId: this.project.id, vendorId: this.ids.companies[v], revision: 1, contractingMethod: "包工包料", scope: "新风主机、风管及末端安装调试", durationDays: 45 + i * 5, paymentTerms: "进场 30%，验收 67%，质保金 3%", maintenanceTerms: "安装质保一年", validUntil: "2027-06-30", totalFen: 0, source: "seed", submittedAt: day("2026-01-20") })
        .returning({ id: s.quotes.id });
      const lines = [
        { item: "新风主机安装", spec: "YD-XF500", unit: "台", quantity: "6", unitPriceFen: 180_000 + i * 9_000 },
        { item: "镀锌风管制作安装", spec: "δ=0.75mm", unit: "m²", quantity: "820.5", unitPriceFen: 9_800 + i * 350 },
        { item: "系统调试", spec: "含风量测试", unit: "项", quantity: "1", unitPriceFen: 1_500_000 - i * 40_000 },
      ].map((l, position) => ({ ...l, quoteId: q.id, position, amountFen: Math.round(Number(l.quantity) * l.unitPriceFen) }));
      await this.db.insert(s.quoteLines).values(lines);
      await this.db.update(s.quotes).set({ totalFen: lines.reduce((sum, l) => sum + l.amountFen, 0) }).where(eq(s.quotes.id, q.id));
    }
  }

  async recommend(vendor: DemoCompanyKey) {
    await this.db.insert(s.bidRecommendations).values({ projectId: this.project.id, vendorId: this.ids.companies[vendor], reason: "报价合理，工期最短，有同类学校项目经验", createdBy: this.ids.users.pm });
  }

  async toSurvey(on: string) {
    await this.quotes(["installerA", "installerB", "installerC"]);
    await this.recommend("installerA");
    await this.send("SUBMIT_FOR_DECISION", "pm", {}, on);
    await this.send("AWARD", "management", { vendorId: this.ids.companies.installerA, reason: "" }, on);
    const [file] = await this.db.insert(s.files).values({ projectId: this.project.id, name: "安装合同扫描件.pdf", mime: "application/pdf", size: DEMO_PDF.length, sha256: sha256Hex(DEMO_PDF), bytes: DEMO_PDF }).returning({ id: s.files.id });
    // 进场 30%，验收 67%，质保期满 3% — the installer's milestones become finance's payment requests.
    const milestones = [
      { trigger: "entry", label: "进场后支付 30%", basisPoints: 3000, amountFen: 10_950_000 },
      { trigger: "acceptance", label: "竣工验收后支付 67%", basisPoints: 6700, amountFen: 24_455_000 },
      { trigger: "warrantyEnd", label: "质保期满支付 3%", basisPoints: 300, amountFen: 1_095_000 },
    ];
    await this.send("RECORD_CONTRACT", "pm", { contractNo: `AZ-${this.project.code.slice(4)}`, amountFen: 36_500_000, signedOn: on, fileId: file.id, milestones }, on);
  }

  async toEntryReview(on: string) {
    const pid = this.project.id;
    await this.db.insert(s.surveys).values({ projectId: pid, siteLeadName: "赵志强", crewLeadName: "赵志强", surveyedOn: on, conditions: "吊顶已封闭约 30%，设备间具备安装条件，临时用电已到位", drawingsConfirmed: true });
    await this.db.insert(s.surveyObstacles).values({ projectId: pid, description: "三层走廊消防喷淋管与风管标高冲突", plan: "风管局部降低 150mm，经设计确认" });
    await this.send("COMPLETE_SURVEY", "pm", {}, on);
    await this.db.insert(s.certificates).values([{ projectId: pid, name: "YD-XF500 产品合格证", number: "HG-2026-0811" }, { projectId: pid, name: "镀锌钢板材质证明", number: "CZ-55821" }]);
    const [lead] = await this.db.insert(s.crewMembers).values({ projectId: pid, name: "赵志强", position: "施工队长", idNumber: "440101198001011234" }).returning({ id: s.crewMembers.id });
    const [worker] = await this.db.insert(s.crewMembers).values({ projectId: pid, name: "黄大明", position: "电工", idNumber: "440102198502023456" }).returning({ id: s.crewMembers.id });
    await this.db.insert(s.credentials).values([
      { crewMemberId: lead.id, type: "建造师证", number: "粤244141500001", expiresOn: "2028-12-31" },
      { crewMemberId: worker.id, type: "特种作业操作证（电工）", number: "T440102198502023456", expiresOn: "2027-05-31" },
    ]);
    await this.send("SUBMIT_COMMENCEMENT", "pm", {}, on);
  }

  async approveCommencement(on: string) {
    await this.send("APPROVE_COMMENCEMENT", "supervisor", { opinion: "开工条件已具备，同意开工" }, on);
    await this.send("APPROVE_COMMENCEMENT", "client", { opinion: "同意" }, on);
  }

  async accept(on: string, completedOn: string) {
    const pid = this.project.id;
    const pm = this.ids.users.pm;
    await this.db.insert(s.completionChecks).values({ projectId: pid, confirmedBy: pm, completedOn, note: "新风系统设备、风管及控制系统均已按图纸和合同完成安装调试" });
    await this.db.insert(s.selfInspections).values({
      projectId: pid, passed: true, foremanName: "赵志强", inspectedOn: completedOn, recordedBy: pm,
      items: ["设备安装牢固、减振措施到位", "风管连接严密、无漏风", "风管及设备保温完好", "电气接线规范、接地可靠", "控制面板及传感器工作正常", "过滤网安装正确"].map((name) => ({ name, ok: true, note: "" })),
      trialRunPassed: true, trialRunHours: 8, trialRunNote: "连续试运行 8 小时，运行平稳无异响",
      systemDesignM3h: 30000, systemMeasuredM3h: 28900,
      outlets: [{ location: "一层门诊大厅", designM3h: 2400, measuredM3h: 2310 }, { location: "二层诊室 201", designM3h: 1200, measuredM3h: 1265 }, { location: "三层诊室 301", designM3h: 1200, measuredM3h: 1130 }],
    });
    await this.db.insert(s.installedUnits).values({ projectId: pid, name: "全热交换新风机", model: "YD-XF500", quantity: 2, location: "屋面设备间", serialNumbers: ["XF5-2025-0311", "XF5-2025-0312"], createdAt: day(completedOn) });
    await this.db.insert(s.installedUnits).values({ projectId: pid, name: "智能控制面板", model: "YD-CK", quantity: 24, location: "各诊室", serialNumbers: [], createdAt: new Date(day(completedOn).getTime() + 1000) });
    for (const c of ARCHIVE_CHECKLIST) {
      const [doc] = await this.db.insert(s.files).values({ projectId: pid, name: `${c.label["zh-CN"]}.pdf`, mime: "application/pdf", size: DEMO_PDF.length, sha256: sha256Hex(DEMO_PDF), bytes: DEMO_PDF }).returning({ id: s.files.id });
      await this.db.insert(s.archiveDocuments).values({ projectId: pid, kind: c.kind, fileId: doc.id, createdAt: day(completedOn) });
    }
    await this.send("REQUEST_ACCEPTANCE", "pm", { acceptanceDate: on, startTime: "09:30", place: "门诊楼一楼会议室" }, on);
    // Each party signs the exact content of the round, as through its link.
    const content = await loadAcceptanceContent(this.db, pid);
    for (const [who, party, org, role] of [["supervisor", "supervisor", "supervision", "总监理工程师"], ["client", "client", "client", "建设单位项目负责人"], ["designer", "designer", "design", "设计单位项目负责人"]] as const) {
      await this.send("SIGN", who, { opinion: party === "supervisor" ? "经预验收，工程质量合格，同意组织正式验收" : "验收合格" }, on);
      const user = DEMO_USERS.find((u) => u.key === who)!;
      await this.db.insert(s.signatures).values({
        projectId: pid, documentKind: "completion", documentVersion: content?.round ?? 1, party, signerName: user.name, signerRole: role, organisation: DEMO_COMPANIES[org].name,
        opinion: party === "supervisor" ? "经预验收，工程质量合格，同意组织正式验收" : "验收合格", contentSha256: contentSha256(content), typedSignature: user.name, ip: "127.0.0.1", userAgent: "seed", signedAt: day(on),
      });
    }
    // The links mailed for this round were answered on paper at the meeting.
    await this.db.update(s.reviewTasks).set({ createdAt: day(on), openedAt: day(on), decidedAt: day(on), decision: "approved" }).where(eq(s.reviewTasks.projectId, pid));
  }
  /** A settlement statement drafted by the pm (a variation, a site instruction and a deduction), not yet submitted. */
  async draftSettlement(on: string) {
    const pid = this.project.id;
    const lines = [
      { kind: "variation" as const, number: "BG-001", reason: "门诊大厅增设两台新风末端（甲方变更）", amountFen: 1_860_000, approvedBy: "刘建国（建设单位）", approvedOn: "2025-11-03" },
      { kind: "siteInstruction" as const, number: "QZ-002", reason: "夜间施工照明及看护（现场签证）", amountFen: 345_050, approvedBy: "张宏伟（监理）", approvedOn: "2025-11-20" },
      { kind: "deduction" as const, number: "KK-001", reason: "逾期 2 天完工违约金", amountFen: -120_000, approvedBy: "刘建国（建设单位）", approvedOn: "2025-12-20" },
    ];
    const figures = settlementFigures({
      contractAmountFen: this.project.clientContractAmountFen, lines: lines.map((l) => ({ ...l })), acceptedOn: "2025-12-20",
      retention: { mode: "rate", basisPoints: 300, defectMonths: 12 }, paidFen: 30_000_000,
    });
    const [row] = await this.db.insert(s.settlements).values({
      projectId: pid, version: 1, status: "draft", contractAmountFen: figures.contractAmountFen, totalFen: figures.finalTotalFen,
      retentionMode: "rate", retentionBasisPoints: 300, defectMonths: 12, retentionFen: figures.retentionFen, retentionDueOn: figures.retentionDueOn,
      paidBeforeFen: 30_000_000, paymentDueOn: "2026-02-28", basis: `施工合同 ${this.project.clientContractNo}、设计变更单及现场签证单、竣工验收单`,
      payeeBank: "中国工商银行广州天河支行", payeeAccount: "3602 0000 1920 0123 456", preparedBy: this.ids.users.pm, createdAt: day(on), updatedAt: day(on),
    }).returning({ id: s.settlements.id });
    await this.db.insert(s.settlementLines).values(lines.map((l, i) => ({ ...l, settlementId: row.id, position: i + 1 })));
  }
  /** A hotline call not yet answered: the service desk sees it overdue for contact. */
  async serviceTicket() {
    const created = await this.db.transaction((tx) => createTicket(tx, {
      projectId: this.project.id, channel: "hotline", reporterName: "刘建国", contactPhone: "13800138001", contactEmail: "liu.jianguo@client.demo.cn",
      siteAddress: this.project.siteAddress, area: "city", description: "二层诊室 201 出风口有异响，夜间更明显", serialNumber: "XF5-2025-0312",
      createdBy: this.ids.users.service, now: new Date(Date.now() - 6 * 3_600_000),
    }));
    if (!created.ok) throw new Error(`seed: service ticket refused: ${JSON.stringify(created.errors)}`);
  }
}
