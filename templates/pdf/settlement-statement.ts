import { formatFen } from "~/lib/money";
import { rmbInWords } from "~/lib/rmb-uppercase";
import type { SettlementLine, SettlementStatementData } from "~/services/settlement/settlement-types";
import { dateOrBlank, keyValueTable } from "./acceptance-common";
import { COLORS, renderDocument, shanghaiDate, type DocumentMeta, type PdfFrame } from "./base";
import { drawTable, type Cell, type Row } from "./table";

/**
 * 工程结算书 (settlement statement): the project and parties, the summary from the contract amount
 * to the amount now payable (the final total and the payable amount also in Chinese uppercase,
 * from the same fen as the figures), every approved variation / site instruction / deduction with
 * its reason, the basis of preparation, and the preparer / pm / finance signatures and the seal.
 */
export const SETTLEMENT_TITLE = "工程结算书";

export const GUARANTEE_WORDING = "以保函替代，不预留";

export const LINE_KIND_LABELS: Record<SettlementLine["kind"], string> = { variation: "变更", siteInstruction: "签证", deduction: "扣款" };

/** "+¥1,200.00" / "-¥1,200.00" / "¥0.00": a line's effect on the price, sign always shown. */
export function signedFen(fen: number): string {
  return fen > 0 ? `+${formatFen(fen)}` : formatFen(fen);
}

/** 300 basis points → "3%", 250 → "2.5%". */
export function basisPointsPercent(bp: number): string {
  return `${(bp / 100).toFixed(2).replace(/\.?0+$/, "")}%`;
}

/**
 * The uppercase of a summary amount, printed next to its figures. rmbInWords writes non-negative
 * amounts only; a negative amount payable (paid more than is due) is printed as the sum to be
 * refunded, saying so.
 */
function wordsCell(fen: number): Cell {
  const words = fen < 0 ? `${rmbInWords(-fen)}（负数，应退还）` : rmbInWords(fen);
  return { text: `大写：${words}`, bold: true };
}

const orDash = (value: string | null | undefined) => (value && value.trim() ? value : "—");
const label = (text: string): Cell => ({ text, bold: true, fill: COLORS.shade });

/**
 * Names over lines, side by side ("编制人：张三____  项目经理：____"), the date and the seal line
 * under them. A missing name leaves a blank line to sign on paper. Shared with the 付款申请表.
 */
export const SIGNATURE_BLOCK_HEIGHT = 62;

export function signatureBlock(frame: PdfFrame, o: { signers: { role: string; name: string | null }[]; date: string | null; sealLine: string }): void {
  const { doc } = frame;
  frame.ensureSpace(SIGNATURE_BLOCK_HEIGHT);
  const top = doc.y;
  const each = frame.width / o.signers.length;
  o.signers.forEach((s, i) => {
    const x = frame.left + i * each;
    const text = `${s.role}（签字）：`;
    frame.font(false, 10).text(text, x, top + 10, { lineBreak: false });
    const lineX = x + doc.widthOfString(text);
    const lineEnd = x + each - 14;
    if (s.name) frame.font(false, 10).text(s.name, lineX + 2, top + 10, { width: lineEnd - lineX - 4, lineBreak: false, ellipsis: "…" });
    doc.lineWidth(0.6).strokeColor(COLORS.rule).moveTo(lineX, top + 24).lineTo(lineEnd, top + 24).stroke();
  });
  frame.font(false, 10).text(`日期：${dateOrBlank(o.date)}`, frame.left, top + 38, { width: frame.width / 2, lineBreak: false });
  frame.font(true, 10).text(o.sealLine, frame.left + frame.width / 2, top + 38, { width: frame.width / 2 - 14, align: "right", lineBreak: false, ellipsis: "…" });
  doc.x = frame.left;
  doc.y = top + SIGNATURE_BLOCK_HEIGHT;
}

function drawOverview(frame: PdfFrame, data: SettlementStatementData): void {
  frame.heading("一、工程概况");
  keyValueTable(frame, [
    ["工程名称", data.project.name, "项目编号", data.project.code],
    ["工程地点", orDash(data.project.siteAddress)],
    ["发包人", orDash(data.client), "承包人", orDash(data.contractor)],
    ["合同编号", orDash(data.contract.number), "合同签订日期", orDash(data.contract.signedOn)],
    ["竣工验收日期", orDash(data.acceptedOn), "结算版本", `V${data.version}`],
  ]);
}

function retentionNote(data: SettlementStatementData): string {
  const { retention: r, figures: f } = data;
  const period = `缺陷责任期 ${r.defectMonths} 个月${f.retentionDueOn ? `，到期日 ${f.retentionDueOn}` : ""}`;
  if (r.mode === "guarantee") return `${GUARANTEE_WORDING}${r.guaranteeNote.trim() ? `（${r.guaranteeNote.trim()}）` : ""}；${period}`;
  return `按结算总价的 ${basisPointsPercent(f.retentionBasisPoints)} 预留；${period}`;
}

function drawSummary(frame: PdfFrame, data: SettlementStatementData): void {
  const f = data.figures;
  frame.heading("二、结算汇总", 120);
  const rows: Row[] = [
    { cells: ["1", label("合同金额"), formatFen(f.contractAmountFen), "经双方签订的合同价款"] },
    { cells: ["2", label("变更/签证"), signedFen(f.variationsFen), "经批准的设计变更及现场签证增减合计，见明细"] },
    { cells: ["3", label("扣款"), signedFen(f.deductionsFen), "扣款合计，见明细"] },
    { cells: ["4", label("结算总价（1+2+3）"), { text: formatFen(f.finalTotalFen), bold: true }, wordsCell(f.finalTotalFen)], fill: "#f4f6f8" },
    {
      cells: [
        "5",
        label(data.retention.mode === "guarantee" ? "质量保证金" : `质量保证金（${basisPointsPercent(f.retentionBasisPoints)}）`),
        formatFen(f.retentionFen),
        retentionNote(data),
      ],
    },
    { cells: ["6", label("已付金额"), formatFen(f.paidFen), "截至本结算书编制日累计已付"] },
    { cells: ["7", label("本次应付金额（4-5-6）"), { text: formatFen(f.payableNowFen), bold: true }, wordsCell(f.payableNowFen)], fill: "#f4f6f8" },
  ];
  drawTable(frame, {
    fontSize: 9,
    columns: [
      { header: "序号", width: 6, align: "center" },
      { header: "项目", width: 22 },
      { header: "金额（元）", width: 17, align: "right", nowrap: true },
      { header: "说明", width: 55 },
    ],
    rows,
  });
}

function drawLines(frame: PdfFrame, data: SettlementStatementData): void {
  frame.heading("三、变更/签证及扣款明细");
  if (!data.lines.length) {
    frame.paragraph("无变更、签证或扣款。");
    return;
  }
  const total = data.lines.reduce((sum, l) => sum + l.amountFen, 0);
  drawTable(frame, {
    columns: [
      { header: "序号", width: 6, align: "center" },
      { header: "类别", width: 7, align: "center" },
      { header: "编号", width: 11 },
      { header: "事由", width: 43 },
      { header: "金额（元）", width: 14, align: "right", nowrap: true },
      { header: "批准人", width: 8, align: "center" },
      { header: "批准日期", width: 11, align: "center", nowrap: true },
    ],
    rows: [
      ...data.lines.map(
        (l, i): Row => ({
          cells: [
            String(i + 1),
            LINE_KIND_LABELS[l.kind],
            l.number,
            l.reason,
            { text: signedFen(l.amountFen), color: l.amountFen < 0 ? COLORS.accent : undefined },
            orDash(l.approvedBy),
            l.approvedOn ? shanghaiDate(l.approvedOn) : "—",
          ],
        }),
      ),
      { cells: [{ text: "合计", span: 4, align: "center" }, signedFen(total), "", ""], bold: true, fill: "#f4f6f8" },
    ],
  });
}

export function drawSettlementStatement(data: SettlementStatementData, meta: DocumentMeta & { companyName: string }): Promise<Buffer> {
  return renderDocument({ title: SETTLEMENT_TITLE, companyName: meta.companyName, meta }, (frame) => {
    drawOverview(frame, data);
    drawSummary(frame, data);
    drawLines(frame, data);
    // The basis and the signatures stay together, so a signature never stands alone on a page.
    const basis = data.basis.trim() || "—";
    frame.font(false, 9.5);
    const together = 24 + frame.doc.heightOfString(basis, { width: frame.width }) + SIGNATURE_BLOCK_HEIGHT;
    if (together < frame.bottom - frame.top) frame.ensureSpace(together);
    frame.heading("四、编制依据", 0);
    frame.paragraph(basis, { size: 9.5 });
    signatureBlock(frame, {
      signers: [
        { role: "编制人", name: data.preparedBy || null },
        { role: "项目经理", name: data.pmName || null },
        { role: "财务审核", name: data.financeName },
      ],
      date: data.approvedAt,
      sealLine: `${meta.companyName}（单位盖章）`,
    });
  });
}
