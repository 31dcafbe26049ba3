// The service reports as .xlsx, one sheet per report, the same figures as the page. Every text
// cell is neutralised so nothing typed into the app (a project or technician name) runs as a formula.
import ExcelJS from "exceljs";
import type { Db } from "#db/client";
import type { SessionUser } from "~/lib/session.server";
import { neutraliseCell } from "~/services/bidding/export-comparison-xlsx.server";
import type { MonthRange } from "./report-range";
import { CAUSE_KEYS, COVERAGE_KEYS, loadServiceReports, type ServiceReports } from "./service-reports.server";
import { CAUSE_CATEGORIES } from "./vocabulary";

export const SERVICE_REPORT_SHEETS = ["按故障原因", "按保修类别", "超时统计", "技术员评价", "保修到期"] as const;

const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF1F5F9" } };
const COVERAGE_ZH: Record<string, string> = { warranty: "保修期内免费", contract: "维保合同", paid: "有偿服务", undecided: "未判定" };
const causeZh = (key: string) => (key === "pending" ? "未确定" : (CAUSE_CATEGORIES.find((c) => c.code === key)?.zh ?? key));

type Cell = string | number | null;

function addRow(sheet: ExcelJS.Worksheet, values: Cell[]): ExcelJS.Row {
  return sheet.addRow(values.map((v) => (typeof v === "string" ? neutraliseCell(v) : v)));
}

function sheetWithHeader(wb: ExcelJS.Workbook, name: string, titles: string[], widths: number[]): ExcelJS.Worksheet {
  const sheet = wb.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
  const row = addRow(sheet, titles);
  row.font = { bold: true };
  row.eachCell((c) => {
    c.fill = HEADER_FILL;
    c.alignment = { vertical: "middle", wrapText: true };
  });
  widths.forEach((w, i) => (sheet.getColumn(i + 1).width = w));
  return sheet;
}

export async function serviceReportsWorkbook(r: ServiceReports): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "工程安装售后管理";
  wb.created = new Date();

  const byCause = sheetWithHeader(wb, SERVICE_REPORT_SHEETS[0], ["月份", ...CAUSE_KEYS.map(causeZh), "合计"], [10, ...CAUSE_KEYS.map(() => 14), 8]);
  for (const m of r.byCause) addRow(byCause, [m.month, ...CAUSE_KEYS.map((k) => m.counts[k] ?? 0), m.total]);

  const byCoverage = sheetWithHeader(wb, SERVICE_REPORT_SHEETS[1], ["月份", ...COVERAGE_KEYS.map((k) => COVERAGE_ZH[k] ?? k), "合计"], [10, 14, 12, 12, 10, 8]);
  for (const m of r.byCoverage) addRow(byCoverage, [m.month, ...COVERAGE_KEYS.map((k) => m.counts[k] ?? 0), m.total]);

  const sla = sheetWithHeader(wb, SERVICE_REPORT_SHEETS[2], ["月份", "服务单数", "联系超时（4 小时）", "到场超时（6/7 工作小时）"], [10, 10, 18, 22]);
  for (const m of r.sla) addRow(sla, [m.month, m.tickets, m.contactLate, m.arrivalLate]);

  const ratings = sheetWithHeader(wb, SERVICE_REPORT_SHEETS[3], ["技术员", "问卷数", "服务态度", "技术水平", "到达时间", "承诺兑现", "平均", "预警/投诉"], [16, 8, 10, 10, 10, 10, 8, 10]);
  for (const t of r.ratings) {
    const row = addRow(ratings, [t.name ?? "（未指派）", t.count, t.attitude, t.skill, t.arrivalTime, t.promisesKept, t.average, t.flagged]);
    for (const c of [3, 4, 5, 6, 7]) row.getCell(c).numFmt = "0.00";
  }

  const warranties = sheetWithHeader(wb, SERVICE_REPORT_SHEETS[4], ["到期月份", "项目编号", "项目名称", "保修截止日"], [10, 16, 32, 12]);
  for (const m of r.warranties) for (const p of m.projects) addRow(warranties, [m.month, p.code, p.name, p.warrantyEndsOn]);

  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The same checks as the page (404 for anyone but service, management and admin). */
export async function exportServiceReportsXlsx(db: Db, user: SessionUser, range: MonthRange, now = new Date()): Promise<Buffer> {
  return serviceReportsWorkbook(await loadServiceReports(db, user, range, now));
}

/** The download response (page and API alike): `售后服务报表-<from>_<to>.xlsx`. */
export function serviceReportsXlsxResponse(bytes: Buffer, range: MonthRange): Response {
  const ascii = `service-reports-${range.from}_${range.to}.xlsx`;
  const utf8 = encodeURIComponent(`售后服务报表-${range.from}_${range.to}.xlsx`);
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${utf8}`,
      "Content-Length": String(bytes.length),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
