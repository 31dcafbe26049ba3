import type { AcceptanceContent, CommissioningLine } from "~/services/acceptance/content-types";
import { COLORS, type PdfFrame } from "./base";
import { drawTable, type Cell } from "./table";

/**
 * The body sections of the 竣工验收单 (equipment, commissioning, documents, defects) and the
 * one-line summaries B.0.10 lists as its attachments. Figures are printed as stored.
 */
const ok = (passed: boolean): Cell => ({ text: passed ? "合格" : "不合格", color: passed ? COLORS.text : COLORS.accent, bold: !passed });
const hash12 = (sha: string | null) => (sha ? sha.slice(0, 12) : "—");
const DEFECT_CLOSED = new Set(["closed"]);

export function commissioningSummary(c: AcceptanceContent): string {
  const k = c.commissioning;
  if (!k) return "未记录";
  const failed = k.items.filter((i) => !i.ok).length;
  const parts = [
    `${k.inspectedOn ?? ""} 现场负责人 ${k.foremanName}`.trim(),
    `检查项目 ${k.items.length} 项${failed ? `，${failed} 项不合格` : "，全部合格"}`,
    `试运行 ${k.trialRun.hours} 小时，${k.trialRun.passed ? "合格" : "不合格"}`,
  ];
  if (k.system) parts.push(`系统总风量 设计 ${k.system.designM3h} m³/h，实测 ${k.system.measuredM3h} m³/h，偏差 ${k.system.deviationPct}%，${k.system.passed ? "合格" : "不合格"}`);
  const badOutlets = k.outlets.filter((o) => !o.passed).length;
  if (k.outlets.length) parts.push(`风口 ${k.outlets.length} 个，${badOutlets ? `${badOutlets} 个不合格` : "全部合格"}`);
  parts.push(`自检结论：${k.passed ? "合格" : "不合格"}`);
  return parts.join("；");
}

export function documentSummary(c: AcceptanceContent): string {
  const missing = c.documents.filter((d) => !d.fileId).length;
  const list = c.documents.map((d, i) => `(${i + 1}) ${d.label}${d.fileId ? "" : "（缺）"}`).join("；");
  return `${list}。共 ${c.documents.length} 项${missing ? `，缺 ${missing} 项` : "，齐全"}。`;
}

export function drawEquipment(frame: PdfFrame, c: AcceptanceContent): void {
  frame.heading("三、设备清单");
  if (!c.equipment.length) return frame.paragraph("无");
  drawTable(frame, {
    columns: [
      { header: "序号", width: 6, align: "center" },
      { header: "名称", width: 20 },
      { header: "型号", width: 15 },
      { header: "数量", width: 7, align: "right" },
      { header: "安装位置", width: 20 },
      { header: "序列号", width: 32 },
    ],
    rows: c.equipment.map((e, i) => ({ cells: [String(i + 1), e.name, e.model, String(e.quantity), e.location, e.serialNumbers.join("、") || "—"] })),
  });
}

function airflowRow(label: string, line: CommissioningLine, tolerance: string): { cells: Cell[] } {
  return { cells: [label, String(line.designM3h), String(line.measuredM3h), `${line.deviationPct}%`, tolerance, ok(line.passed)] };
}

export function drawCommissioning(frame: PdfFrame, c: AcceptanceContent): void {
  frame.heading("四、调试及试运行结果");
  const k = c.commissioning;
  if (!k) return frame.paragraph("未记录自检及调试结果。");
  frame.paragraph(`自检日期：${k.inspectedOn ?? "—"}    现场负责人：${k.foremanName || "—"}`);
  frame.doc.y += 3;
  drawTable(frame, {
    columns: [
      { header: "序号", width: 6, align: "center" },
      { header: "检查项目", width: 50 },
      { header: "结果", width: 10, align: "center" },
      { header: "备注", width: 34 },
    ],
    rows: [
      ...k.items.map((item, i) => ({ cells: [String(i + 1), item.name, ok(item.ok), item.note] })),
      { cells: [String(k.items.length + 1), `设备试运行（${k.trialRun.hours} 小时）`, ok(k.trialRun.passed), k.trialRun.note] },
    ],
  });
  frame.doc.y += 3;
  const rows = [
    ...(k.system ? [airflowRow("系统总风量", k.system, "±10%")] : []),
    ...k.outlets.map((o) => airflowRow(`风口：${o.location}`, o, "±15%")),
  ];
  if (rows.length) {
    drawTable(frame, {
      columns: [
        { header: "风量测试", width: 30 },
        { header: "设计风量 (m³/h)", width: 15, align: "right", nowrap: true },
        { header: "实测风量 (m³/h)", width: 15, align: "right", nowrap: true },
        { header: "偏差", width: 12, align: "right", nowrap: true },
        { header: "允许偏差", width: 13, align: "center" },
        { header: "结论", width: 15, align: "center" },
      ],
      rows,
    });
  }
  frame.paragraph(`自检结论：${k.passed ? "合格" : "不合格"}`, { bold: true, size: 10 });
}

export function drawDocuments(frame: PdfFrame, c: AcceptanceContent): void {
  frame.heading("五、竣工资料核查");
  drawTable(frame, {
    columns: [
      { header: "序号", width: 6, align: "center" },
      { header: "资料名称", width: 32 },
      { header: "文件", width: 32 },
      { header: "SHA-256（前12位）", width: 18, nowrap: true },
      { header: "核查", width: 12, align: "center" },
    ],
    rows: c.documents.map((d, i) => ({
      cells: [String(i + 1), d.label, d.fileName ?? "—", hash12(d.fileSha256), d.fileId ? "齐全" : { text: "缺", color: COLORS.accent, bold: true }],
    })),
  });
}

export function drawDefects(frame: PdfFrame, c: AcceptanceContent): void {
  frame.heading("六、质量问题及整改情况");
  if (!c.defects.length) return frame.paragraph("无");
  drawTable(frame, {
    columns: [
      { header: "通知单编号", width: 18 },
      { header: "事由", width: 48 },
      { header: "整改情况", width: 14, align: "center" },
      { header: "整改完成日期", width: 20, align: "center" },
    ],
    rows: c.defects.map((d) => ({
      cells: [d.number || "—", d.subject, DEFECT_CLOSED.has(d.status) ? "已整改" : { text: "未整改", color: COLORS.accent, bold: true }, d.closedOn ?? "—"],
    })),
  });
}
