import type { AcceptanceSigner } from "~/services/acceptance/content-types";
import { formatFen } from "~/lib/money";
import { renderDocument, type DocumentMeta, type PdfFrame } from "./base";
import { activeSigner, allApproved, keyValueTable, PARTY_LABELS, sealedBlock, type AcceptancePdfData } from "./acceptance-common";
import { drawCommissioning, drawDefects, drawDocuments, drawEquipment } from "./acceptance-sections";
import { drawSigningRecord } from "./acceptance-trail";
import { drawTable } from "./table";

/**
 * 竣工验收单 (completion acceptance certificate, laid out like GB 50300 表 H.0.1-1): the project
 * and contract, the parties, the equipment, the commissioning results, the document checklist,
 * the defects and their rectification, the conclusion and each party's signature and seal; then
 * a last page with the signing record. The acceptance date printed here starts the warranty.
 */
export const COMPLETION_CERTIFICATE_TITLE = "竣工验收单";

export const ACCEPTED_CONCLUSION = "经验收，该工程符合设计及合同要求，质量合格，同意验收。";
export const PENDING_CONCLUSION = "（待各方签章）";

const SIGNER_ROLES: Record<AcceptanceSigner["party"], string> = { supervisor: "总监理工程师", client: "建设单位项目负责人", designer: "设计单位项目负责人" };

function drawOverview(frame: PdfFrame, data: AcceptancePdfData): void {
  const c = data.content;
  const a = c.acceptance;
  frame.heading("一、工程概况");
  keyValueTable(frame, [
    ["工程名称", c.project.name, "项目编号", c.project.code],
    ["工程地点", c.project.siteAddress],
    ["合同编号", c.contract?.number ?? "—", "合同金额", c.contract ? formatFen(c.contract.amountFen) : "—"],
    ["合同签订日期", c.contract?.signedOn ?? "—", "项目经理", c.pmName || "—"],
    ["开工日期", c.startedOn ?? "—", "竣工日期", c.completedOn ?? "—"],
    ["验收日期", `${a.date}${a.startTime ? ` ${a.startTime}` : ""}`, "验收地点", a.place || "—"],
  ]);
}

function drawParties(frame: PdfFrame, data: AcceptancePdfData): void {
  const p = data.content.parties;
  frame.heading("二、参建单位");
  const rows: [string, string][] = [
    ["建设单位", p.client],
    ["监理单位", p.supervision],
    ...(p.design ? [["设计单位", p.design] as [string, string]] : []),
    ["施工单位", p.contractor],
    ["安装单位", p.installer],
  ];
  drawTable(frame, {
    columns: [{ header: "单位类别", width: 20 }, { header: "单位名称", width: 80 }],
    rows: rows.map(([kind, name]) => ({ cells: [{ text: kind, bold: true }, name || "—"] })),
  });
}

function drawSignatureBlocks(frame: PdfFrame, data: AcceptancePdfData): void {
  const c = data.content;
  frame.heading("八、参验单位签章", 110);
  sealedBlock(frame, {
    label: "施工单位",
    lines: ["工程已按合同及设计要求完成，经自检合格。"],
    unitLine: `施工单位（盖章）：${c.parties.contractor}`,
    signerLabel: "项目经理",
    signed: null,
    typedName: c.pmName,
    date: data.requestedAt,
    minHeight: 96,
  });
  const parties: AcceptanceSigner["party"][] = c.parties.design ? ["supervisor", "client", "designer"] : ["supervisor", "client"];
  const organisation = { supervisor: c.parties.supervision, client: c.parties.client, designer: c.parties.design };
  for (const party of parties) {
    const s = activeSigner(data, party);
    sealedBlock(frame, {
      label: `${PARTY_LABELS[party]}\n验收意见`,
      lines: s ? [`结论：${s.decision === "approved" ? "同意验收" : "不同意验收"}`, s.opinion] : [""],
      unitLine: `${PARTY_LABELS[party]}（盖章）：${s?.organisation || organisation[party]}`,
      signerLabel: s?.signerRole || SIGNER_ROLES[party],
      signed: s,
    });
  }
}

export function drawCompletionCertificate(data: AcceptancePdfData, meta: DocumentMeta & { companyName: string }): Promise<Buffer> {
  const c = data.content;
  return renderDocument({ title: COMPLETION_CERTIFICATE_TITLE, companyName: meta.companyName, meta }, (frame) => {
    drawOverview(frame, data);
    drawParties(frame, data);
    drawEquipment(frame, c);
    drawCommissioning(frame, c);
    drawDocuments(frame, c);
    drawDefects(frame, c);
    frame.heading("七、验收结论", 30);
    frame.paragraph(allApproved(data) ? ACCEPTED_CONCLUSION : PENDING_CONCLUSION, { size: 11, bold: true });
    drawSignatureBlocks(frame, data);
    drawSigningRecord(frame, data);
  });
}
