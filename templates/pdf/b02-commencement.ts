import type { CommencementContent } from "~/services/site/commencement-content.server";
import { COLORS, renderDocument, shanghaiDate, type DocumentMeta, type PdfFrame } from "./base";
import { drawTable } from "./table";
import { drawInk } from "./ink";

/**
 * 工程开工报审表 (GB/T 50319 表 B.0.2): the contractor's application addressed to the client and
 * the project supervision organisation, its attachments, and the three opinion blocks — 施工单位,
 * 项目监理机构 (审核意见, 总监理工程师 signature and seal) and 建设单位 (审批意见, representative's
 * signature and seal). Drawn signatures and seals are printed from the stored images.
 */
export const COMMENCEMENT_TITLE = "工程开工报审表";

export interface SignedOpinion {
  decision: "approved" | "rejected" | string;
  opinion: string;
  signerName: string;
  signerRole: string;
  organisation: string;
  signedAt: string;
  typedSignature: string;
  signaturePng: Buffer | null;
  sealImage: Buffer | null;
}

export interface CommencementPdfData {
  content: CommencementContent;
  submittedOn: string | null;
  supervisor: SignedOpinion | null;
  client: SignedOpinion | null;
}

const LABEL_WIDTH = 78;

/** One opinion block with room for a drawn signature and a seal; blank lines when not yet signed. */
function signedBlock(frame: PdfFrame, o: { label: string; lines: string[]; unitLine: string; signerLabel: string; signed: SignedOpinion | null; height?: number }) {
  const { doc } = frame;
  const height = o.height ?? 132;
  frame.ensureSpace(height);
  const x = frame.left;
  const y = doc.y;
  const bodyX = x + LABEL_WIDTH + 8;
  const bodyWidth = frame.width - LABEL_WIDTH - 16;
  doc.lineWidth(0.7).strokeColor(COLORS.rule);
  doc.rect(x, y, frame.width, height).stroke();
  doc.rect(x, y, LABEL_WIDTH, height).fillAndStroke(COLORS.shade, COLORS.rule);
  frame.font(true, 10);
  const labelLines = o.label.split("\n");
  labelLines.forEach((line, i) => doc.text(line, x + 4, y + height / 2 - (labelLines.length * 14) / 2 + i * 14, { width: LABEL_WIDTH - 8, align: "center", lineBreak: false }));
  frame.font(false, 9.5);
  doc.text(o.lines.join("\n") || " ", bodyX, y + 6, { width: bodyWidth, lineGap: 2, height: height - 66, ellipsis: "…" });
  // Bottom area: unit (盖章), signer with the drawn signature, date; the seal over the unit's name.
  const baseY = y + height - 50;
  frame.font(false, 9.5);
  doc.text(o.unitLine, bodyX, baseY, { width: bodyWidth * 0.55, lineBreak: false });
  const signerText = `${o.signerLabel}（签字）：`;
  doc.text(signerText, bodyX, baseY + 24, { lineBreak: false });
  const sigX = bodyX + doc.widthOfString(signerText);
  const s = o.signed;
  if (s?.signaturePng) {
    try {
      drawInk(doc, s.signaturePng, sigX, baseY + 8, { fit: [110, 34] });
    } catch {
      doc.text(s.signerName, sigX, baseY + 24, { lineBreak: false });
    }
  } else {
    doc.text(s ? s.typedSignature || s.signerName : "__________", sigX, baseY + 24, { lineBreak: false });
  }
  if (s) frame.font(false, 7.5, COLORS.muted).text(`${s.signerRole} ${s.signerName}`, sigX, baseY + 38, { width: 150, lineBreak: false });
  if (s?.sealImage) {
    try {
      drawInk(doc, s.sealImage, bodyX + bodyWidth * 0.55 - 30, baseY - 30, { fit: [72, 72] });
    } catch {
      /* an unreadable seal image is left out rather than failing the document */
    }
  }
  frame.font(false, 9.5);
  doc.text(`日期：${s?.signedAt ? shanghaiDate(s.signedAt) : "______年____月____日"}`, bodyX + bodyWidth - 150, baseY + 24, { width: 150, align: "right", lineBreak: false });
  doc.x = frame.left;
  doc.y = y + height;
}

function decisionLines(s: SignedOpinion | null, approve: string, reject: string): string[] {
  if (!s) return [""];
  // Plain words rather than ☑/☐: the embedded font has no ballot-box glyphs.
  return [`结论：${s.decision === "approved" ? approve : reject}`, s.opinion];
}

export function drawCommencement(data: CommencementPdfData, meta: DocumentMeta & { companyName: string }): Promise<Buffer> {
  const c = data.content;
  return renderDocument({ title: COMMENCEMENT_TITLE, companyName: meta.companyName, meta }, (frame) => {
    const { doc } = frame;
    drawTable(frame, {
      header: false,
      columns: [{ header: "", width: 16 }, { header: "", width: 44 }, { header: "", width: 14 }, { header: "", width: 26 }],
      rows: [
        { cells: [{ text: "工程名称", bold: true, fill: COLORS.shade }, c.project.name, { text: "项目编号", bold: true, fill: COLORS.shade }, c.project.code] },
        { cells: [{ text: "工程地点", bold: true, fill: COLORS.shade }, c.project.siteAddress, { text: "计划开工", bold: true, fill: COLORS.shade }, c.plannedStartOn ?? ""] },
      ],
    });
    doc.y += 8;
    frame.paragraph(`致：${c.addressedTo.client || "________"}（建设单位）`, { size: 10.5 });
    frame.paragraph(`    ${c.addressedTo.supervision || "________"}（项目监理机构）`, { size: 10.5 });
    doc.y += 4;
    frame.paragraph(`    ${c.statement}`, { size: 10.5 });
    doc.y += 6;
    frame.paragraph("附件：", { size: 10, bold: true });
    const certs = c.certificates.map((x) => `${x.name}${x.number ? `（${x.number}）` : ""}${x.expiresOn ? ` 有效期至 ${x.expiresOn}` : ""}`);
    frame.paragraph(`1. 设备、辅料合格证 ${c.certificates.length} 份：${certs.join("；") || "无"}`);
    const crew = c.crew.map((m) => `${m.name}${m.position ? `（${m.position}）` : ""} ${m.idNumber} ${m.credentials.map((k) => `${k.type} ${k.number}`).join("、")}`);
    frame.paragraph(`2. 施工人员及证件 ${c.crew.length} 人：${crew.join("；") || "无"}`);
    const sv = c.survey;
    frame.paragraph(`3. 现场勘察记录：${sv ? `${sv.surveyedOn ?? ""} 现场负责人 ${sv.siteLeadName}；${sv.conditions}${sv.obstacles.length ? `；障碍 ${sv.obstacles.length} 项均有处理方案` : ""}` : "无"}`);
    doc.y += 8;
    signedBlock(frame, {
      label: "施工单位",
      lines: ["申请开工，请予以审批。"],
      unitLine: `施工单位（盖章）：${c.applicant.company}`,
      signerLabel: "项目负责人",
      signed: { decision: "approved", opinion: "", signerName: c.applicant.pmName, signerRole: "项目负责人", organisation: c.applicant.company, signedAt: data.submittedOn ?? "", typedSignature: c.applicant.pmName, signaturePng: null, sealImage: null },
      height: 96,
    });
    signedBlock(frame, {
      label: "项目监理机构\n审核意见",
      lines: decisionLines(data.supervisor, "同意开工", "不同意开工（退回施工单位）"),
      unitLine: `项目监理机构（盖章）：${data.supervisor?.organisation ?? c.addressedTo.supervision}`,
      signerLabel: "总监理工程师",
      signed: data.supervisor,
    });
    signedBlock(frame, {
      label: "建设单位\n审批意见",
      lines: decisionLines(data.client, "同意开工", "不同意开工（退回施工单位）"),
      unitLine: `建设单位（盖章）：${data.client?.organisation ?? c.addressedTo.client}`,
      signerLabel: "建设单位代表",
      signed: data.client,
    });
  });
}
