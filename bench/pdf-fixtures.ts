// Realistic inputs for the PDF benchmark, built in memory (no database): what
// loadAcceptancePdfData and the settlement loader would hand the templates for a busy project.
// Sizes follow the brief: 3 signers with PNG signature + seal, 10 equipment lines, 8 check items,
// 6 outlets, 6 documents, 3 defects; the settlement statement with 8 lines.
import type { AcceptancePdfData, AcceptancePdfSigner } from "#templates/pdf/acceptance-common";
import type { DocumentMeta } from "#templates/pdf/base";
import type { AcceptanceContent, CommissioningLine } from "~/services/acceptance/content-types";
import type { SettlementLine, SettlementStatementData } from "~/services/settlement/settlement-types";
import { png } from "../test/support/png";

export type Meta = DocumentMeta & { companyName: string };

const COMPANY = "广州优氧环境科技有限公司";

export const certificateMeta: Meta = {
  number: "JG-PRJ-2026-0001-V3",
  shortCode: "K7QW2MZP",
  verifyUrl: "https://tracker.example.cn/v/K7QW2MZP",
  version: 3,
  createdAt: new Date("2026-11-20T08:30:00Z"),
  companyName: COMPANY,
};

export const settlementMeta: Meta = {
  number: "JS-PRJ-2026-0001-V1",
  shortCode: "ABCDEFGH",
  verifyUrl: "https://tracker.example.cn/v/ABCDEFGH",
  version: 1,
  createdAt: new Date("2026-11-23T02:00:00Z"),
  companyName: COMPANY,
};

/** The same red round seal the acceptance PDF test draws (160×160 RGBA, transparent outside). */
function sealPng(): Buffer {
  const size = 160;
  const c = size / 2;
  const star = (x: number, y: number) => {
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

/** A drawn signature as the signing pad exports it: 480×140 RGBA, a dark blue stroke. */
function signaturePng(seed: number): Buffer {
  return png(480, 140, (x, y) => {
    const line = 70 + 36 * Math.sin(x / (22 + seed * 3)) * Math.cos(x / (61 + seed * 5));
    return Math.abs(y - line) < 3.5 ? [20, 30, 90, 255] : [255, 255, 255, 0];
  });
}

function airflow(design: number, measured: number, tolerancePct: number): CommissioningLine {
  const dev = ((measured - design) / design) * 100;
  return { designM3h: design, measuredM3h: measured, deviationPct: dev.toFixed(1), passed: Math.abs(dev) <= tolerancePct };
}

const sha = (n: number) => n.toString(16).padStart(2, "0").repeat(32);

export function certificateData(): AcceptancePdfData {
  const equipment = Array.from({ length: 10 }, (_, i) => ({
    name: i % 3 === 0 ? "全热交换新风机组" : i % 3 === 1 ? "管道式排风机" : "静电除尘过滤箱",
    model: i % 3 === 0 ? `XF-${(i + 2) * 500}D` : i % 3 === 1 ? `PF-${(i + 1) * 300}` : `JD-${(i + 1) * 200}-H13`,
    quantity: 1 + (i % 4),
    location: `${1 + (i % 5)} 层 ${["设备间", "吊顶内", "屋面", "走廊", "机房"][i % 5]}`,
    serialNumbers: Array.from({ length: 1 + (i % 4) }, (_, k) => `SN2026${String(i).padStart(2, "0")}${String(k + 1).padStart(4, "0")}`),
  }));
  const items = [
    "设备安装牢固、减振措施到位",
    "风管连接严密、无漏风",
    "风管及设备保温完好",
    "电气接线规范、接地可靠",
    "控制面板及传感器工作正常",
    "过滤网安装正确",
    "冷凝水排放通畅、无渗漏",
    "噪声符合设计要求（≤45 dB(A)）",
  ].map((name, i) => ({ name, ok: i !== 6, note: i === 6 ? "三层机房冷凝水管坡度不足，已整改复查合格" : "" }));
  const outlets = [
    ["一层门诊大厅", 2400, 2310],
    ["二层诊室 201", 1200, 1265],
    ["三层诊室 301", 1200, 1130],
    ["四层会议室", 1800, 1722],
    ["五层办公区 A", 1600, 1690],
    ["五层办公区 B", 1600, 1355],
  ].map(([location, d, m]) => ({ location: location as string, ...airflow(d as number, m as number, 15) }));
  const docKinds = ["竣工图", "设备合格证及说明书", "隐蔽工程验收记录", "风量测试记录", "施工日志", "竣工结算资料"];
  const documents = docKinds.map((label, i) => ({
    kind: `doc${i}`,
    label,
    fileId: i === 5 ? null : `00000000-0000-0000-0000-00000000000${i}`,
    fileName: i === 5 ? null : `${label}-PRJ-2026-0001.pdf`,
    fileSha256: i === 5 ? null : sha(i + 17),
  }));
  const content: AcceptanceContent = {
    form: "B.0.10",
    title: "竣工验收单",
    round: 2,
    project: { code: "PRJ-2026-0001", name: "天河写字楼新风系统改造工程喆堃赟昇峯犇", siteAddress: "广东省广州市天河区天河路 385 号太古汇写字楼 1–5 层" },
    contract: { number: "HT-2026-015", amountFen: 36_500_000, signedOn: "2026-06-01" },
    parties: {
      contractor: COMPANY,
      installer: "广州优氧机电安装工程有限公司",
      supervision: "广东华建工程监理咨询有限公司",
      client: "广州天河喆堃置业有限公司",
      design: "广州市建筑设计研究院有限公司",
    },
    pmName: "王项目",
    statement: "我方已按合同及设计要求完成该工程，经自检合格，请予以验收。",
    startedOn: "2026-07-01",
    completedOn: "2026-11-10",
    acceptance: { date: "2026-11-20", startTime: "09:30", place: "太古汇写字楼 5 层会议室" },
    equipment,
    commissioning: {
      inspectedOn: "2026-11-12",
      foremanName: "赵工长",
      items,
      trialRun: { passed: true, hours: 8, note: "连续运行 8 小时，无异响、无振动" },
      system: airflow(9800, 9472, 10),
      outlets,
      passed: true,
    },
    documents,
    defects: [
      { number: "JL-TZ-2026-003", subject: "二层风管吊架间距过大，局部下垂", status: "closed", deadlineOn: "2026-09-15", closedOn: "2026-09-12" },
      { number: "JL-TZ-2026-007", subject: "三层机房冷凝水管坡度不足，存在积水", status: "closed", deadlineOn: "2026-10-20", closedOn: "2026-10-18" },
      { number: "JL-TZ-2026-011", subject: "五层办公区 B 风口风量偏低，需调整风阀开度", status: "open", deadlineOn: "2026-11-25", closedOn: null },
    ],
  };
  const contentSha256 = sha(201);
  const seal = sealPng();
  const who: [AcceptancePdfSigner["party"], string, string, string][] = [
    ["supervisor", "李总监", "总监理工程师", content.parties.supervision],
    ["client", "陈代表", "建设单位项目负责人", content.parties.client],
    ["designer", "周设计", "设计单位项目负责人", content.parties.design],
  ];
  const signers: AcceptancePdfSigner[] = who.map(([party, name, role, organisation], i) => ({
    party,
    decision: "approved",
    opinion: `${name}：资料齐全，观感质量良好，调试记录完整，风量偏差在允许范围内，同意验收。`,
    signerName: name,
    signerRole: role,
    organisation,
    signedAt: `2026-11-20T0${2 + i}:1${i}:0${i}Z`,
    signatureFileId: `sig-${i}`,
    typedSignature: "",
    sealFileId: `seal-${i}`,
    contentSha256,
    ip: `203.0.113.${7 + i}`,
    userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
    sentAt: `2026-11-19T0${1 + i}:00:00Z`,
    openedAt: `2026-11-19T0${3 + i}:20:00Z`,
    recipientEmail: `${party}@example.cn`,
    voided: false,
    signaturePng: signaturePng(i),
    sealImage: seal,
  }));
  return { content, signers, requestedAt: "2026-11-15T01:00:00Z", contentSha256 };
}

/** The fixture of templates/pdf/settlement-pdfs.test.ts, with 8 lines instead of 4. */
const LONG_REASON =
  "三层会议室及走廊因业主调整吊顶标高，新风主管由 DN300 改为扁管 800×250，增加风口 12 个、软接及保温，并相应调整支吊架间距；经监理现场核实工程量，按合同附件单价计取";

export function settlementData(): SettlementStatementData {
  const lines: SettlementLine[] = [
    { kind: "variation", number: "BG-001", reason: LONG_REASON, amountFen: 1_280_000, approvedBy: "陈代表", approvedOn: "2026-09-12" },
    { kind: "siteInstruction", number: "QZ-001", reason: "夜间施工增加照明及看护", amountFen: 345_050, approvedBy: "李总监", approvedOn: "2026-09-20" },
    { kind: "variation", number: "BG-002", reason: "取消二层卫生间排风扇 4 台", amountFen: -500_000, approvedBy: "陈代表", approvedOn: "2026-10-08" },
    { kind: "siteInstruction", number: "QZ-002", reason: "四层会议室增设检修口 2 处（600×600）", amountFen: 86_000, approvedBy: "李总监", approvedOn: "2026-10-11" },
    { kind: "variation", number: "BG-003", reason: "屋面新风机组基础由型钢支架改为混凝土基础，含防水收口", amountFen: 412_500, approvedBy: "陈代表", approvedOn: "2026-10-15" },
    { kind: "siteInstruction", number: "QZ-003", reason: "业主要求提前进场，增加临时用电及垂直运输费用", amountFen: 158_800, approvedBy: "李总监", approvedOn: "2026-10-22" },
    { kind: "deduction", number: "KK-001", reason: "逾期 3 天完工违约金", amountFen: -120_000, approvedBy: "陈代表", approvedOn: null },
    { kind: "deduction", number: "KK-002", reason: "代缴施工期间水电费", amountFen: -36_720, approvedBy: "陈代表", approvedOn: "2026-11-18" },
  ];
  const contract = 36_500_000;
  const paid = 20_000_000;
  const bp = 300;
  const variationsFen = lines.filter((l) => l.kind !== "deduction").reduce((s, l) => s + l.amountFen, 0);
  const deductionsFen = lines.filter((l) => l.kind === "deduction").reduce((s, l) => s + l.amountFen, 0);
  const finalTotalFen = contract + variationsFen + deductionsFen;
  const retentionFen = Math.floor((finalTotalFen * bp) / 10_000 + 0.5);
  return {
    version: 1,
    project: { code: "PRJ-2026-0001", name: "喆堃赟昇峯犇大厦新风系统安装工程", siteAddress: "广东省清远市英德市英城街道和平中路 88 号" },
    client: "英德市喆堃置业有限公司",
    contractor: COMPANY,
    contract: { number: "HT-2026-015", signedOn: "2026-06-01" },
    acceptedOn: "2026-11-20",
    lines,
    figures: { contractAmountFen: contract, variationsFen, deductionsFen, finalTotalFen, retentionBasisPoints: bp, retentionFen, retentionDueOn: "2027-11-20", paidFen: paid, payableNowFen: finalTotalFen - retentionFen - paid },
    retention: { mode: "rate", defectMonths: 12, guaranteeNote: "" },
    basis: "1. 施工合同 HT-2026-015 及其附件工程量清单；2. 经批准的设计变更单、现场签证单；3. 竣工验收单（2026-11-20）；4. 建设工程质量保证金管理办法（建质〔2017〕138 号）。",
    preparedBy: "张编制",
    pmName: "王项目",
    financeName: "刘财务",
    approvedAt: "2026-11-22T06:30:00Z",
  };
}
