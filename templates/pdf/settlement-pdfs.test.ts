// The 工程结算书 and 付款申请表 PDFs: every figure and line printed, the final total and the amount
// payable in Chinese uppercase from the same fen as the figures, rare CJK and markup printed as
// text, the guarantee variant, a long line list breaking across pages with the header repeated.
import fs from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { formatFen } from "~/lib/money";
import { rmbInWords } from "~/lib/rmb-uppercase";
import type { PaymentApplicationData, SettlementLine, SettlementStatementData } from "~/services/settlement/settlement-types";
import { pdfPageCount, pdfPageToPng, pdfText } from "../../test/support/pdf";
import { drawPaymentApplication, PAYMENT_APPLICATION_TITLE } from "./payment-application";
import { drawSettlementStatement, GUARANTEE_WORDING, SETTLEMENT_TITLE } from "./settlement-statement";

const meta = {
  number: "JS-PRJ-2026-0001-V1",
  shortCode: "ABCDEFGH",
  verifyUrl: "http://localhost/v/ABCDEFGH",
  version: 1,
  createdAt: new Date("2026-11-23T02:00:00Z"),
  companyName: "英德环境科技有限公司",
};

const PROJECT_NAME = "喆堃赟昇峯犇大厦新风系统安装工程";
const LONG_REASON =
  "三层会议室及走廊因业主调整吊顶标高，新风主管由 DN300 改为扁管 800×250，增加风口 12 个、软接及保温，并相应调整支吊架间距；经监理现场核实工程量，按合同附件单价计取";

const lines: SettlementLine[] = [
  { kind: "variation", number: "BG-001", reason: LONG_REASON, amountFen: 1_280_000, approvedBy: "陈代表", approvedOn: "2026-09-12" },
  { kind: "siteInstruction", number: "QZ-001", reason: "夜间施工增加照明及看护 <script>alert(1)</script>", amountFen: 345_050, approvedBy: "李总监", approvedOn: "2026-09-20" },
  { kind: "variation", number: "BG-002", reason: "取消二层卫生间排风扇 4 台", amountFen: -500_000, approvedBy: "陈代表", approvedOn: "2026-10-08" },
  { kind: "deduction", number: "KK-001", reason: "逾期 3 天完工违约金", amountFen: -120_000, approvedBy: "陈代表", approvedOn: null },
];

/** contract + variations + deductions; retention 3% rounded half-up to the fen; payable = total − retention − paid. */
function figuresFor(ls: SettlementLine[], { contract = 36_500_000, paid = 20_000_000, bp = 300 } = {}) {
  const variationsFen = ls.filter((l) => l.kind !== "deduction").reduce((s, l) => s + l.amountFen, 0);
  const deductionsFen = ls.filter((l) => l.kind === "deduction").reduce((s, l) => s + l.amountFen, 0);
  const finalTotalFen = contract + variationsFen + deductionsFen;
  const retentionFen = Math.floor((finalTotalFen * bp) / 10_000 + 0.5);
  return { contractAmountFen: contract, variationsFen, deductionsFen, finalTotalFen, retentionBasisPoints: bp, retentionFen, retentionDueOn: bp ? "2027-11-20" : null, paidFen: paid, payableNowFen: finalTotalFen - retentionFen - paid };
}

function statement(over: Partial<SettlementStatementData> = {}): SettlementStatementData {
  return {
    version: 1,
    project: { code: "PRJ-2026-0001", name: PROJECT_NAME, siteAddress: "广东省清远市英德市英城街道和平中路 88 号" },
    client: "英德市喆堃置业有限公司",
    contractor: "英德环境科技有限公司",
    contract: { number: "HT-2026-015", signedOn: "2026-06-01" },
    acceptedOn: "2026-11-20",
    lines,
    figures: figuresFor(lines),
    retention: { mode: "rate", defectMonths: 12, guaranteeNote: "" },
    basis: "1. 施工合同 HT-2026-015 及其附件工程量清单；2. 经批准的设计变更单、现场签证单；3. 竣工验收单（2026-11-20）；4. 建设工程质量保证金管理办法（建质〔2017〕138 号）。",
    preparedBy: "张编制",
    pmName: "王项目",
    financeName: null,
    approvedAt: "2026-11-22T06:30:00Z",
    ...over,
  };
}

const application: PaymentApplicationData = {
  version: 1,
  number: "FK-PRJ-2026-0001-01",
  project: { code: "PRJ-2026-0001", name: PROJECT_NAME },
  payer: "英德市喆堃置业有限公司",
  payee: { name: "英德环境科技有限公司", bank: "中国工商银行英德支行", account: "2018 0012 0910 0088 888" },
  contract: { number: "HT-2026-015", amountFen: 36_500_000 },
  thisPeriodFen: figuresFor(lines).payableNowFen,
  cumulativePaidFen: 20_000_000,
  attachments: ["工程结算书（JS-PRJ-2026-0001-V1）", "竣工验收单"],
  appliedOn: "2026-11-23",
  pmName: "王项目",
  financeName: "刘财务",
};

/** pdftotext breaks wrapped cells into lines: compare with all whitespace removed. */
const flat = (s: string) => s.replace(/\s+/g, "");

/** The printed row (pdftotext -layout keeps a table row on one line) that starts with `label`. */
async function rowOf(pdf: Buffer, label: string): Promise<string> {
  const rows = (await pdfText(pdf, { layout: true }))
    .split("\n")
    .map((l) => l.replace(/\s+/g, " ").trim())
    .filter((l) => l.startsWith(label));
  expect(rows, label).toHaveLength(1);
  return rows[0];
}

describe("settlement PDFs", () => {
  it("the settlement statement prints the parties, every line, the figures and the uppercase", async () => {
    const data = statement();
    const f = data.figures;
    expect(f.finalTotalFen).toBe(37_505_050);
    expect(f.retentionFen).toBe(1_125_152);
    expect(f.payableNowFen).toBe(16_379_898);
    const pdf = await drawSettlementStatement(data, meta);
    await fs.mkdir("/tmp/settle-pdf", { recursive: true });
    await fs.writeFile("/tmp/settle-pdf/settlement.pdf", pdf);
    expect(await pdfPageToPng(pdf, "/tmp/settle-pdf/settlement-p1.png", { dpi: 70 })).toMatch(/settlement-p1\.png$/);
    const text = await pdfText(pdf);
    const t = flat(text);
    for (const s of [SETTLEMENT_TITLE, meta.companyName, PROJECT_NAME, "喆堃赟昇峯犇", "工程概况", "结算汇总", "变更/签证及扣款明细", "编制依据", "发包人", "承包人", data.client, "HT-2026-015", "2026-06-01", "2026-11-20"]) expect(t).toContain(flat(s));
    for (const l of data.lines) {
      expect(t).toContain(l.number);
      expect(t).toContain(flat(l.reason));
    }
    expect(t).toContain("<script>alert(1)</script>");
    for (const s of ["¥365,000.00", "+¥12,800.00", "+¥3,450.50", "-¥5,000.00", "-¥1,200.00", "+¥11,250.50", "¥375,050.50", "¥11,251.52", "¥200,000.00", "¥163,798.98"]) expect(t).toContain(s);
    expect(formatFen(f.finalTotalFen)).toBe("¥375,050.50");
    // Figures and words from the same fen: the statement is void if they disagree.
    expect(t).toContain(flat(rmbInWords(f.finalTotalFen)));
    expect(t).toContain(flat(rmbInWords(f.payableNowFen)));
    expect(rmbInWords(f.payableNowFen)).toMatch(/^人民币(壹)?拾陆万叁仟柒佰玖拾捌元玖角捌分$/);
    for (const s of ["3%", "缺陷责任期12个月", "到期日2027-11-20", "编制人", "项目经理", "财务审核", "（单位盖章）", "王项目", "张编制", "2026-11-22"]) expect(t).toContain(s);
    // Each summary row: figures and uppercase side by side, from the same fen.
    expect(await rowOf(pdf, "4 结算总价（1+2+3）")).toContain(`¥375,050.50 大写：${rmbInWords(f.finalTotalFen)}`);
    expect(await rowOf(pdf, "7 本次应付金额（4-5-6）")).toContain(`¥163,798.98 大写：${rmbInWords(f.payableNowFen)}`);
    expect(await rowOf(pdf, "5 质量保证金（3%）")).toContain("¥11,251.52 按结算总价的 3% 预留");
    expect(await rowOf(pdf, "3 变更 BG-002")).toMatch(/^3 变更 BG-002 取消二层卫生间排风扇 4 台 -¥5,000\.00 陈代表 2026-10-08/);
    expect(await rowOf(pdf, "合计")).toContain("+¥10,050.50");
    expect(t).toContain("ABCDEFGH");
    expect(t).toContain("第1页/共1页");
    expect(await pdfPageCount(pdf)).toBe(1);
  });

  it("guarantee mode prints the guarantee wording and no retention", async () => {
    const figures = figuresFor(lines, { bp: 0 });
    const data = statement({ figures, retention: { mode: "guarantee", defectMonths: 24, guaranteeNote: "已提交银行履约保函 BH-2026-009" } });
    expect(figures.retentionFen).toBe(0);
    const pdf = await drawSettlementStatement(data, meta);
    const t = flat(await pdfText(pdf));
    expect(t).toContain(GUARANTEE_WORDING);
    expect(t).toContain("以保函替代，不预留");
    expect(t).toContain("已提交银行履约保函BH-2026-009");
    expect(t).toContain("缺陷责任期24个月");
    expect(await rowOf(pdf, "5 质量保证金")).toMatch(/^5 质量保证金 ¥0\.00 以保函替代，不预留/);
    expect(t).not.toContain("质量保证金（3%）");
    expect(t).toContain(flat(rmbInWords(figures.payableNowFen)));
    expect(t).toContain(formatFen(figures.payableNowFen));
    await fs.mkdir("/tmp/settle-pdf", { recursive: true });
    await pdfPageToPng(pdf, "/tmp/settle-pdf/settlement-guarantee-p1.png", { dpi: 70 });
  });

  it("no lines and an overpayment: '无', a negative amount payable with the refund in words", async () => {
    const figures = figuresFor([], { paid: 36_000_000 });
    expect(figures.payableNowFen).toBe(-595_000);
    const pdf = await drawSettlementStatement(statement({ lines: [], figures, financeName: "刘财务", approvedAt: null }), meta);
    const t = flat(await pdfText(pdf));
    expect(t).toContain("无变更、签证或扣款");
    expect(await rowOf(pdf, "7 本次应付金额（4-5-6）")).toContain(`-¥5,950.00 大写：${rmbInWords(595_000)}（负数，应退还）`);
    expect(t).toContain("刘财务");
    expect(t).toContain("日期：______年____月____日");
  });

  it("30 lines break across pages with the table header and running header repeated", async () => {
    const many: SettlementLine[] = Array.from({ length: 30 }, (_, i) => ({
      kind: i % 10 === 9 ? "deduction" : i % 2 ? "siteInstruction" : "variation",
      number: `BG-${String(i + 1).padStart(3, "0")}`,
      reason: `第 ${i + 1} 项：${LONG_REASON.slice(0, 40 + (i % 4) * 15)}`,
      amountFen: i % 10 === 9 ? -10_000 * (i + 1) : 50_000 * (i + 1),
      approvedBy: "陈代表",
      approvedOn: "2026-10-01",
    }));
    const pdf = await drawSettlementStatement(statement({ lines: many, figures: figuresFor(many) }), meta);
    const pages = await pdfPageCount(pdf);
    expect(pages).toBeGreaterThanOrEqual(2);
    const text = await pdfText(pdf);
    const perPage = text.split("\f").filter((p) => p.trim()).map(flat);
    expect(perPage).toHaveLength(pages);
    for (const l of many) expect(flat(text)).toContain(l.number);
    // A page that continues the line table starts with the running header and the table header.
    const continued = perPage.slice(1).filter((p) => /BG-0\d\d/.test(p));
    expect(continued.length).toBeGreaterThan(0);
    for (const p of continued) {
      expect(p).toContain(`${SETTLEMENT_TITLE}（续）`);
      for (const h of ["序号", "类别", "编号", "事由", "金额（元）", "批准人", "批准日期"]) expect(p).toContain(h);
    }
    perPage.forEach((p, i) => {
      expect(p).toContain("ABCDEFGH");
      expect(p).toContain(`第${i + 1}页/共${pages}页`);
    });
    await fs.mkdir("/tmp/settle-pdf", { recursive: true });
    await pdfPageToPng(pdf, "/tmp/settle-pdf/settlement-30-p2.png", { page: 2, dpi: 70 });
  });

  it("the payment application prints payee, bank, contract, the amount in figures and in uppercase", async () => {
    const pdf = await drawPaymentApplication(application, { ...meta, number: "FK-PRJ-2026-0001-01" });
    await fs.mkdir("/tmp/settle-pdf", { recursive: true });
    await fs.writeFile("/tmp/settle-pdf/payment.pdf", pdf);
    await pdfPageToPng(pdf, "/tmp/settle-pdf/payment-p1.png", { dpi: 70 });
    const text = await pdfText(pdf);
    const t = flat(text);
    for (const s of [PAYMENT_APPLICATION_TITLE, PROJECT_NAME, "申请编号", "FK-PRJ-2026-0001-01", "付款单位", application.payer, "收款单位", application.payee.name, "开户银行", "中国工商银行英德支行", "银行账号", application.payee.account, "合同编号", "HT-2026-015", "合同金额", "¥365,000.00", "累计已付", "¥200,000.00", "工程结算书", "竣工验收单", "申请日期", "2026-11-23", "项目经理", "王项目", "财务", "刘财务", "（单位盖章）", "ABCDEFGH"]) expect(t).toContain(flat(s));
    expect(await rowOf(pdf, "本期申请金额（小写）")).toMatch(/^本期申请金额（小写） ¥163,798\.98\s*$/);
    // The uppercase on its own line, prefixed 人民币, as rmbInWords gives it for the same fen.
    const words = rmbInWords(application.thisPeriodFen);
    expect(words.startsWith("人民币")).toBe(true);
    expect(text.split("\n").map((l) => l.trim())).toContain(words);
    expect(await pdfPageCount(pdf)).toBe(1);
  });

  it("a missing finance name leaves a blank line; rendering is deterministic", async () => {
    const a = await drawPaymentApplication({ ...application, financeName: null }, meta);
    const b = await drawPaymentApplication({ ...application, financeName: null }, meta);
    expect(a.equals(b)).toBe(true);
    const t = flat(await pdfText(a));
    expect(t).not.toContain("刘财务");
    expect(t).toContain("财务（签字）：");
  });
});
