import type { ComparisonCompany, ComparisonData } from "~/services/bidding/comparison-types";
import { translate } from "~/i18n";
import { formatFen } from "~/lib/money";
import { formatQuantity } from "~/lib/quote-math";
import { COLORS, renderDocument, shanghaiDate, type DocumentMeta, type PdfFrame } from "./base";
import { drawTable, type Cell, type Column, type Row } from "./table";

/**
 * 安装单位比价审批表: the bid comparison the pm reports to management and management's decision
 * (seed 004 §3.1(1)). Portrait up to three companies, landscape beyond; more companies than fit
 * side by side are printed in groups, each repeating the item columns.
 */
export const BID_COMPARISON_TITLE = "安装单位比价审批表";

export interface BidComparisonMeta extends DocumentMeta {
  /** Our company, printed in the header. */
  companyName: string;
}

const PER_GROUP_PORTRAIT = 3;
const PER_GROUP_LANDSCAPE = 5;

/** Figures in the matrix go without ¥ (the heading says 元); totals carry it. */
const plain = (fen: number) => formatFen(fen).replace("¥", "");
const spreadText = (c: ComparisonCompany) => (c.isLowest ? "最低" : `+${c.spreadPercent.toFixed(1)}%`);
const companyLabel = (c: ComparisonCompany) => (c.valid ? c.vendorName : `${c.vendorName}（无效）`);

/** Splits the companies into balanced groups that fit side by side on one page width. */
function groupsOf(companies: ComparisonCompany[], perGroup: number): ComparisonCompany[][] {
  if (companies.length === 0) return [[]];
  const count = Math.ceil(companies.length / perGroup);
  const size = Math.ceil(companies.length / count);
  const groups: ComparisonCompany[][] = [];
  for (let i = 0; i < companies.length; i += size) groups.push(companies.slice(i, i + size));
  return groups;
}

function projectBlock(frame: PdfFrame, data: ComparisonData) {
  const label = (text: string): Cell => ({ text, bold: true, fill: COLORS.shade, align: "center" });
  const p = data.project;
  drawTable(frame, {
    header: false,
    fontSize: 9.5,
    columns: [{ header: "", width: 12 }, { header: "", width: 38 }, { header: "", width: 12 }, { header: "", width: 38 }],
    rows: [
      { cells: [label("项目编号"), p.code, label("项目名称"), p.name] },
      { cells: [label("建设单位"), p.clientName, label("工程地址"), p.siteAddress] },
      { cells: [label("项目经理"), p.pmName, label("有效报价"), `${data.validCompanyCount} 家（须不少于 3 家）`] },
    ],
  });
}

function matrix(frame: PdfFrame, data: ComparisonData, group: ComparisonCompany[]) {
  const columns: Column[] = [
    { header: "序号", width: 4, align: "center" },
    { header: "项目名称 / 规格型号", width: 17 },
    { header: "单位", width: 5, align: "center" },
    { header: "数量", width: 6, align: "right", nowrap: true },
  ];
  for (const c of group) {
    columns.push({ header: "单价", width: 9, align: "right", nowrap: true, group: companyLabel(c) });
    columns.push({ header: "金额", width: 10.5, align: "right", nowrap: true, group: companyLabel(c) });
  }
  const rows: Row[] = data.lines.map((line, index) => {
    const quantities = Object.values(line.cells).map((cell) => cell.quantityMilli);
    const common = quantities[0];
    const cells: Cell[] = [String(index + 1), { text: line.item, note: line.spec || undefined }, line.unit, common === undefined ? "" : formatQuantity(common)];
    for (const c of group) {
      const cell = line.cells[c.vendorId];
      if (!cell) {
        cells.push({ text: "未报", color: COLORS.light, align: "center" }, "");
        continue;
      }
      const lowest = line.lowestVendorIds.includes(c.vendorId);
      cells.push({ text: plain(cell.unitPriceFen), star: lowest, bold: lowest });
      cells.push({ text: plain(cell.amountFen), note: cell.quantityMilli !== common ? `数量 ${formatQuantity(cell.quantityMilli)}` : undefined });
    }
    return { cells };
  });
  const label = (text: string): Cell[] => ["", { text, bold: true, span: 3, align: "center" }];
  rows.push({
    fill: COLORS.shade,
    bold: true,
    cells: [...label("合计（含税总价）"), ...group.map((c): Cell => ({ text: formatFen(c.totalFen), star: c.isLowest, span: 2, align: "right" }))],
  });
  rows.push({
    fill: COLORS.shade,
    cells: [...label("较最低总价"), ...group.map((c): Cell => ({ text: c.valid ? spreadText(c) : "不计入比较", span: 2, align: "right", color: c.isLowest ? COLORS.accent : COLORS.text }))],
  });
  drawTable(frame, { columns, rows, fontSize: group.length > 3 ? 7.5 : 8.5, zebra: true });
}

function terms(frame: PdfFrame, group: ComparisonCompany[]) {
  const columns: Column[] = [{ header: "条件", width: 12, align: "center" }, ...group.map((c) => ({ header: companyLabel(c), width: 88 / Math.max(1, group.length) }))];
  const row = (label: string, value: (c: ComparisonCompany) => string): Row => ({ cells: [{ text: label, bold: true, fill: COLORS.shade, align: "center" }, ...group.map((c) => value(c) || "—")] });
  drawTable(frame, {
    columns,
    fontSize: group.length > 3 ? 7.5 : 8.5,
    rows: [
      row("承包方式", (c) => c.terms.contractingMethod),
      row("施工范围", (c) => c.terms.scope),
      row("工期", (c) => (c.terms.durationDays === null ? "" : `${c.terms.durationDays} 天`)),
      row("安装要求", (c) => c.terms.requirements),
      row("付款方式", (c) => c.terms.paymentTerms),
      row("售后维护", (c) => c.terms.maintenanceTerms),
      row("报价有效期", (c) => `至 ${c.terms.validUntil}`),
      row("报价版本", (c) => `第 ${c.revision} 版，${shanghaiDate(c.submittedAt)}`),
    ],
  });
}

function revisions(frame: PdfFrame, data: ComparisonData) {
  const rows: Row[] = [];
  data.companies.forEach((c, n) => {
    const all = [...c.history, { revision: c.revision, totalFen: c.totalFen, submittedAt: c.submittedAt }];
    all.forEach((h, i) => {
      const previous = all[i - 1];
      const change = previous ? h.totalFen - previous.totalFen : null;
      rows.push({
        fill: n % 2 === 1 ? "#f7f7f7" : undefined,
        cells: [
          i === 0 ? c.vendorName : { text: "〃", color: COLORS.light, align: "center" },
          `第 ${h.revision} 版${h.revision === c.revision ? "（现行）" : ""}`,
          formatFen(h.totalFen),
          change === null ? "—" : `${change > 0 ? "+" : change < 0 ? "-" : ""}${formatFen(Math.abs(change))}`,
          shanghaiDate(h.submittedAt),
        ],
      });
    });
  });
  drawTable(frame, {
    fontSize: 8.5,
    columns: [
      { header: "报价单位", width: 34 },
      { header: "版本", width: 14, align: "center" },
      { header: "报价总价", width: 18, align: "right", nowrap: true },
      { header: "较上一版", width: 18, align: "right", nowrap: true },
      { header: "提交日期", width: 16, align: "center", nowrap: true },
    ],
    rows: rows.length ? rows : [{ cells: [{ text: "暂无报价", span: 5, align: "center", color: COLORS.muted }] }],
  });
}

function decisionBody(data: ComparisonData): string[] {
  const d = data.decision;
  if (!d) return ["□ 同意项目经理推荐的单位", "□ 改选单位：______________________  理由：______________________________", "□ 不予授予，重新询价  理由：______________________________"];
  if (d.kind === "reopen") return ["决定：不予授予，重新询价（退回比价）。", `理由：${d.reason}`];
  const recommended = data.recommendation?.vendorId === d.vendorId;
  return [
    `决定：授予 ${d.vendorName ?? ""} 承接本项目安装工程${recommended ? "（同意项目经理推荐）" : ""}。`,
    ...(recommended ? (d.reason ? [`说明：${d.reason}`] : []) : [`未采纳推荐单位${data.recommendation ? `（${data.recommendation.vendorName}）` : ""}的理由：${d.reason}`]),
  ];
}

/** Renders the form; `meta` comes from the document registry (number, short code, verify URL). */
export function drawBidComparison(data: ComparisonData, meta: BidComparisonMeta): Promise<Buffer> {
  const landscape = data.companies.length > 3;
  const { companyName, ...documentMeta } = meta;
  return renderDocument({ title: BID_COMPARISON_TITLE, companyName, meta: documentMeta, landscape }, (frame) => {
    projectBlock(frame, data);
    const groups = groupsOf(data.companies, landscape ? PER_GROUP_LANDSCAPE : PER_GROUP_PORTRAIT);
    const part = (i: number) => (groups.length > 1 ? `（第 ${i + 1} 组，共 ${groups.length} 组）` : "");
    groups.forEach((group, i) => {
      frame.heading(`一、分项报价对比${part(i)}　金额单位：元`);
      matrix(frame, data, group);
    });
    frame.paragraph("注：★ 为该分项最低单价；合计行 ★ 为最低总价；“较最低总价”按有效报价计算。", { size: 8, color: COLORS.muted });
    const invalid = data.companies.filter((c) => !c.valid);
    if (invalid.length) {
      const why = (c: ComparisonCompany) => c.invalidReasons.map((k) => translate("zh-CN", k)).join("、");
      frame.paragraph(`以下单位的报价不计入有效报价：${invalid.map((c) => `${c.vendorName}（${why(c)}）`).join("；")}`, { size: 8, color: COLORS.accent });
    }
    groups.forEach((group, i) => {
      frame.heading(`二、商务条件对比${part(i)}`);
      terms(frame, group);
    });
    frame.heading("三、报价修订记录（议价过程）");
    revisions(frame, data);
    frame.heading("四、审批意见", 160);
    const r = data.recommendation;
    frame.opinionBlock({
      label: "项目经理\n推荐意见",
      body: r ? [`推荐单位：${r.vendorName}`, `推荐理由：${r.reason}`] : ["推荐单位：", "推荐理由："],
      signer: "项目经理",
      name: r?.by,
      date: r ? shanghaiDate(r.at) : undefined,
    });
    const d = data.decision;
    frame.opinionBlock({ label: "公司高层\n决定", body: decisionBody(data), signer: "公司高层", name: d?.by, date: d ? shanghaiDate(d.at) : undefined, minHeight: 84 });
    frame.signatureLines(["经办人/项目经理", "公司高层"]);
  });
}
