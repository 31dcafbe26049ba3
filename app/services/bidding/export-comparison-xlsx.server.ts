// Use case: the comparison (比价) as an .xlsx workbook for people who keep working in Excel:
// sheet 比价 (matrix, totals, spread, terms, recommendation/decision) and sheet 报价历史 (every revision).
import ExcelJS from "exceljs";
import { translate } from "~/i18n";
import type { ComparisonData } from "./comparison-types";

const MONEY = "¥#,##0.00";
const QUANTITY = "#,##0.###";
const LOWEST_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD1FAE5" } };
const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF1F5F9" } };
const GREY = { argb: "FF94A3B8" };

/**
 * Text a spreadsheet would run as a formula (CSV/formula injection: = + - @, and tab/CR which some
 * programs strip before parsing) gets a leading apostrophe, so it is shown as typed, never evaluated.
 */
export function neutraliseCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** Yuan as a number for a ¥#,##0.00 cell; the integer fen are exact, the division only formats. */
const yuan = (fen: number) => fen / 100;

/** 2026-01-20T02:00:00Z → 2026-01-20 10:00 (Asia/Shanghai, no DST). */
export function shanghaiDateTime(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace("T", " ");
}

const zh = (key: string) => translate("zh-CN", key);

/** A row of plain values, every string neutralised. */
function addRow(sheet: ExcelJS.Worksheet, values: (string | number | null)[]): ExcelJS.Row {
  return sheet.addRow(values.map((v) => (typeof v === "string" ? neutraliseCell(v) : v)));
}

function styleHeader(row: ExcelJS.Row) {
  row.font = { bold: true };
  row.eachCell((c) => {
    c.fill = HEADER_FILL;
    c.alignment = { vertical: "middle", wrapText: true };
  });
}

export async function comparisonWorkbook(data: ComparisonData): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "工程安装售后管理";
  wb.created = new Date(data.generatedAt);
  matrixSheet(wb, data);
  historySheet(wb, data);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function matrixSheet(wb: ExcelJS.Workbook, data: ComparisonData) {
  const sheet = wb.addWorksheet("比价", { views: [{ state: "frozen", xSplit: 4, ySplit: 4 }] });
  const { companies } = data;
  const first = 5; // the first company's column (A–D: 序号 项目 规格 单位)
  const col = (i: number) => first + i * 3;

  addRow(sheet, [`安装单位比价表 · ${data.project.code} ${data.project.name}`]).font = { bold: true, size: 14 };
  addRow(sheet, [`建设单位：${data.project.clientName}　工程地址：${data.project.siteAddress}　项目经理：${data.project.pmName}　导出时间：${shanghaiDateTime(data.generatedAt)}　有效报价：${data.validCompanyCount} 家`]);
  const names = addRow(sheet, ["", "", "", "", ...companies.flatMap((c) => [c.valid ? c.vendorName : `${c.vendorName}（${c.invalidReasons.map(zh).join("、")}）`, "", ""]), "最低单价单位"]);
  companies.forEach((_, i) => sheet.mergeCells(3, col(i), 3, col(i) + 2));
  styleHeader(names);
  styleHeader(addRow(sheet, ["序号", "项目", "规格", "单位", ...companies.flatMap(() => ["数量", "单价", "金额"]), ""]));

  data.lines.forEach((line, n) => {
    const lowestNames = companies.filter((c) => line.lowestVendorIds.includes(c.vendorId)).map((c) => c.vendorName);
    const row = addRow(sheet, [
      n + 1,
      line.item,
      line.spec,
      line.unit,
      ...companies.flatMap((c) => {
        const cell = line.cells[c.vendorId];
        return cell ? [cell.quantityMilli / 1000, yuan(cell.unitPriceFen), yuan(cell.amountFen)] : [null, null, null];
      }),
      lowestNames.join("、"),
    ]);
    companies.forEach((c, i) => {
      row.getCell(col(i)).numFmt = QUANTITY;
      row.getCell(col(i) + 1).numFmt = MONEY;
      row.getCell(col(i) + 2).numFmt = MONEY;
      if (line.lowestVendorIds.includes(c.vendorId)) {
        row.getCell(col(i) + 1).fill = LOWEST_FILL;
        row.getCell(col(i) + 1).font = { bold: true };
      }
      if (!c.valid) [0, 1, 2].forEach((k) => (row.getCell(col(i) + k).font = { color: GREY }));
    });
  });

  const totals = addRow(sheet, ["", "合计", "", "", ...companies.flatMap((c) => [null, null, yuan(c.totalFen)])]);
  totals.font = { bold: true };
  companies.forEach((c, i) => {
    totals.getCell(col(i) + 2).numFmt = MONEY;
    if (c.isLowest) totals.getCell(col(i) + 2).fill = LOWEST_FILL;
  });
  const spread = addRow(sheet, ["", "较最低总价", "", "", ...companies.flatMap((c) => [null, null, c.valid ? Number((c.spreadPercent / 100).toFixed(4)) : "—"])]);
  companies.forEach((_, i) => (spread.getCell(col(i) + 2).numFmt = "0.0%"));

  addRow(sheet, []);
  styleHeader(addRow(sheet, ["", "非价格条款", "", "", ...companies.flatMap((c) => [c.vendorName, "", ""])]));
  const terms: [string, (c: ComparisonData["companies"][number]) => string | number | null][] = [
    ["报价状态", (c) => (c.valid ? "有效" : `无效：${c.invalidReasons.map(zh).join("、")}`)],
    ["报价版本", (c) => `第 ${c.revision} 版（${shanghaiDateTime(c.submittedAt)}）`],
    ["承包方式", (c) => c.terms.contractingMethod],
    ["施工范围", (c) => c.terms.scope],
    ["施工工期（天）", (c) => c.terms.durationDays],
    ["安装要求", (c) => c.terms.requirements],
    ["付款方式", (c) => c.terms.paymentTerms],
    ["售后维护", (c) => c.terms.maintenanceTerms],
    ["报价有效期至", (c) => c.terms.validUntil],
    ["报价来源", (c) => zh(`bidding.comparison.source.${c.source}`)],
  ];
  for (const [label, value] of terms) {
    const row = addRow(sheet, ["", label, "", "", ...companies.flatMap((c) => [value(c), "", ""])]);
    companies.forEach((_, i) => {
      sheet.mergeCells(row.number, col(i), row.number, col(i) + 2);
      row.getCell(col(i)).alignment = { wrapText: true, vertical: "top" };
    });
  }

  addRow(sheet, []);
  const rec = data.recommendation;
  addRow(sheet, ["", "项目经理推荐", "", "", rec ? `${rec.vendorName}：${rec.reason}（${rec.by}，${shanghaiDateTime(rec.at)}）` : "未填写"]);
  const d = data.decision;
  const decision = !d ? "尚未决定" : d.kind === "award" ? `定标：${d.vendorName ?? ""}${d.reason ? `；理由：${d.reason}` : ""}（${d.by}，${shanghaiDateTime(d.at)}）` : `退回重新比价：${d.reason}（${d.by}，${shanghaiDateTime(d.at)}）`;
  addRow(sheet, ["", "公司高层决定", "", "", decision]);

  sheet.getColumn(1).width = 6;
  sheet.getColumn(2).width = 22;
  sheet.getColumn(3).width = 16;
  sheet.getColumn(4).width = 8;
  companies.forEach((_, i) => [10, 14, 16].forEach((w, k) => (sheet.getColumn(col(i) + k).width = w)));
  sheet.getColumn(col(companies.length)).width = 20;
}

function historySheet(wb: ExcelJS.Workbook, data: ComparisonData) {
  const sheet = wb.addWorksheet("报价历史", { views: [{ state: "frozen", ySplit: 1 }] });
  styleHeader(addRow(sheet, ["安装公司", "版本", "总价", "较上一版", "提交时间", "说明"]));
  for (const c of data.companies) {
    const revisions = [...c.history.map((h) => ({ ...h, latest: false })), { revision: c.revision, totalFen: c.totalFen, submittedAt: c.submittedAt, latest: true }];
    revisions.forEach((r, i) => {
      const previous = i > 0 ? revisions[i - 1]!.totalFen : null;
      const note = r.latest ? (c.valid ? "最新版本（有效）" : `最新版本（${c.invalidReasons.map(zh).join("、")}）`) : "历史版本";
      const row = addRow(sheet, [c.vendorName, r.revision, yuan(r.totalFen), previous === null ? null : yuan(r.totalFen - previous), shanghaiDateTime(r.submittedAt), note]);
      row.getCell(3).numFmt = MONEY;
      row.getCell(4).numFmt = `+${MONEY};-${MONEY};0.00`;
    });
  }
  [24, 8, 16, 16, 18, 28].forEach((w, i) => (sheet.getColumn(i + 1).width = w));
}

/** `比价-<code>.xlsx`, with an ASCII fallback for old clients. */
export function comparisonFileName(code: string): { ascii: string; utf8: string } {
  const safe = code.replace(/[^\w.-]+/g, "_").slice(0, 60);
  // RFC 5987: encodeURIComponent leaves ' ( ) * which are not attr-chars.
  const utf8 = encodeURIComponent(`比价-${code.replace(/[\u0000-\u001f"\\/]/g, "_")}.xlsx`).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return { ascii: `comparison-${safe}.xlsx`, utf8 };
}
