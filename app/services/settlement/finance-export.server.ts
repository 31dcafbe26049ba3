// The finance export for accounting (.xlsx): sheet 结算 (one row per project with a submitted or
// approved settlement), 收款 (payments received), 发票 (invoices), 安装单位付款 (what we owe the
// installers). Money cells are numbers in yuan with two decimals; dates are YYYY-MM-DD text; every
// text cell is neutralised so nothing typed into the app runs as a spreadsheet formula.
import ExcelJS from "exceljs";
import { asc, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "#db/client";
import { companies, invoices, payments, projects, settlements } from "#db/schema";
import { compareDates } from "~/lib/calendar";
import { notFound } from "~/lib/http.server";
import type { SessionUser } from "~/lib/session.server";
import { neutraliseCell } from "~/services/bidding/export-comparison-xlsx.server";
import { invoiceTotals, paymentTotals, settlementSubstate } from "./finance-inbox.server";
import { canViewFinance, listVendorPayments } from "./vendor-payments.server";

const MONEY = "#,##0.00";
const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF1F5F9" } };
const OVERDUE_FONT: Partial<ExcelJS.Font> = { color: { argb: "FFB91C1C" }, bold: true };

/** Yuan for a number cell: the integer fen are exact, the division only formats (2 decimals). */
const yuan = (fen: number) => fen / 100;

type Cell = string | number | null;

function addRow(sheet: ExcelJS.Worksheet, values: Cell[], moneyColumns: number[] = []): ExcelJS.Row {
  const row = sheet.addRow(values.map((v) => (typeof v === "string" ? neutraliseCell(v) : v)));
  for (const c of moneyColumns) row.getCell(c).numFmt = MONEY;
  return row;
}

function header(sheet: ExcelJS.Worksheet, titles: string[], widths: number[]) {
  const row = addRow(sheet, titles);
  row.font = { bold: true };
  row.eachCell((c) => {
    c.fill = HEADER_FILL;
    c.alignment = { vertical: "middle", wrapText: true };
  });
  widths.forEach((w, i) => (sheet.getColumn(i + 1).width = w));
}

const SUBSTATE_LABEL: Record<string, string> = {
  awaitingPayment: "待收款",
  retentionHeld: "已收款，质保金未到期",
  retentionReleaseRequested: "质保金到期待退还",
  retentionReleased: "已结清",
};

function statusLabel(status: string, substate: string | null, stage: string): string {
  if (status === "submitted") return "待财务审核";
  if (stage === "closed") return "已结清";
  return SUBSTATE_LABEL[substate ?? ""] ?? "已审批";
}

const KIND_LABEL: Record<string, string> = { progress: "进度款", retention: "质保金" };

export async function exportFinanceXlsx(db: Db, user: SessionUser, today: string): Promise<Buffer> {
  if (!canViewFinance(user)) notFound();
  const paid = paymentTotals(db);
  const invoiced = invoiceTotals(db);

  const [settlementRows, paymentRows, invoiceRows, vendorRows] = await Promise.all([
    // The newest submitted or approved version of each project.
    db
      .selectDistinctOn([settlements.projectId], {
        code: projects.code,
        name: projects.name,
        stage: projects.stage,
        substate: settlementSubstate,
        clientName: companies.name,
        version: settlements.version,
        status: settlements.status,
        totalFen: settlements.totalFen,
        retentionFen: settlements.retentionFen,
        retentionDueOn: settlements.retentionDueOn,
        paidBeforeFen: settlements.paidBeforeFen,
        paymentDueOn: settlements.paymentDueOn,
        progressFen: paid.progressFen,
        retentionPaidFen: paid.retentionPaidFen,
        invoicedFen: invoiced.invoicedFen,
      })
      .from(settlements)
      .innerJoin(projects, eq(projects.id, settlements.projectId))
      .leftJoin(companies, eq(companies.id, projects.clientId))
      .leftJoin(paid, eq(paid.projectId, projects.id))
      .leftJoin(invoiced, eq(invoiced.projectId, projects.id))
      .where(inArray(settlements.status, ["submitted", "approved"]))
      .orderBy(settlements.projectId, desc(settlements.version)),
    db
      .select({ code: projects.code, name: projects.name, version: settlements.version, receivedOn: payments.receivedOn, amountFen: payments.amountFen, kind: payments.kind, reference: payments.reference })
      .from(payments)
      .innerJoin(projects, eq(projects.id, payments.projectId))
      .innerJoin(settlements, eq(settlements.id, payments.settlementId))
      .orderBy(asc(payments.receivedOn), asc(projects.code), asc(payments.createdAt)),
    db
      .select({ code: projects.code, name: projects.name, version: settlements.version, number: invoices.number, issuedOn: invoices.issuedOn, amountFen: invoices.amountFen })
      .from(invoices)
      .innerJoin(projects, eq(projects.id, invoices.projectId))
      .innerJoin(settlements, eq(settlements.id, invoices.settlementId))
      .orderBy(asc(invoices.issuedOn), asc(projects.code), asc(invoices.number)),
    listVendorPayments(db, { today, limit: 100_000 }),
  ]);

  const wb = new ExcelJS.Workbook();
  wb.creator = "工程安装售后管理";
  wb.created = new Date();

  const s1 = wb.addWorksheet("结算", { views: [{ state: "frozen", ySplit: 1 }] });
  header(s1, ["项目编号", "项目名称", "建设单位", "结算版本", "状态", "结算总价", "质保金", "质保金到期日", "已收款", "未收款（不含质保金）", "付款期限", "逾期", "已开票"], [14, 28, 22, 8, 18, 16, 14, 12, 16, 16, 12, 6, 16]);
  const sorted = [...settlementRows].sort((a, b) => a.code.localeCompare(b.code));
  for (const r of sorted) {
    const total = Number(r.totalFen);
    const retention = Number(r.retentionFen);
    const progress = Number(r.progressFen ?? 0);
    const paidFen = Number(r.paidBeforeFen) + progress + Number(r.retentionPaidFen ?? 0);
    const outstanding = Math.max(0, total - retention - Number(r.paidBeforeFen) - progress);
    const overdue = r.status === "approved" && outstanding > 0 && r.paymentDueOn !== null && compareDates(today, r.paymentDueOn) > 0;
    const row = addRow(
      s1,
      [r.code, r.name, r.clientName ?? "", r.version, statusLabel(r.status, r.substate, r.stage), yuan(total), yuan(retention), r.retentionDueOn ?? "", yuan(paidFen), yuan(outstanding), r.paymentDueOn ?? "", overdue ? "是" : "否", yuan(Number(r.invoicedFen ?? 0))],
      [6, 7, 9, 10, 13],
    );
    if (overdue) [10, 11, 12].forEach((c) => (row.getCell(c).font = OVERDUE_FONT));
  }

  const s2 = wb.addWorksheet("收款", { views: [{ state: "frozen", ySplit: 1 }] });
  header(s2, ["项目编号", "项目名称", "结算版本", "收款日期", "金额", "类别", "凭证号"], [14, 28, 8, 12, 16, 10, 24]);
  for (const p of paymentRows) addRow(s2, [p.code, p.name, p.version, p.receivedOn, yuan(Number(p.amountFen)), KIND_LABEL[p.kind] ?? p.kind, p.reference], [5]);

  const s3 = wb.addWorksheet("发票", { views: [{ state: "frozen", ySplit: 1 }] });
  header(s3, ["项目编号", "项目名称", "结算版本", "发票号", "开票日期", "金额"], [14, 28, 8, 20, 12, 16]);
  for (const i of invoiceRows) addRow(s3, [i.code, i.name, i.version, i.number, i.issuedOn, yuan(Number(i.amountFen))], [6]);

  const s4 = wb.addWorksheet("安装单位付款", { views: [{ state: "frozen", ySplit: 1 }] });
  header(s4, ["项目编号", "项目名称", "安装单位", "付款节点", "金额", "应付日期", "状态", "付款日期", "凭证号", "逾期"], [14, 28, 22, 14, 16, 12, 8, 12, 24, 6]);
  for (const v of vendorRows) {
    const row = addRow(s4, [v.projectCode, v.projectName, v.vendorName, v.label, yuan(v.amountFen), v.dueOn, v.status === "paid" ? "已付" : "待付", v.paidOn ?? "", v.reference, v.overdue ? "是" : "否"], [5]);
    if (v.overdue) [6, 10].forEach((c) => (row.getCell(c).font = OVERDUE_FONT));
  }

  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** `财务台账-<date>.xlsx`, with an ASCII fallback for old clients. */
export function financeExportFileName(today: string): { ascii: string; utf8: string } {
  return { ascii: `finance-${today}.xlsx`, utf8: encodeURIComponent(`财务台账-${today}.xlsx`) };
}

/** The response headers of the download (page and API alike). */
export function xlsxResponse(bytes: Buffer, today: string): Response {
  const name = financeExportFileName(today);
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="${name.ascii}"; filename*=UTF-8''${name.utf8}`,
      "Content-Length": String(bytes.length),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
