import { renderDocument, type DocumentMeta } from "./base";
import { activeSigner, keyValueTable, sealedBlock, type AcceptancePdfData } from "./acceptance-common";
import { commissioningSummary, documentSummary } from "./acceptance-sections";

/**
 * 单位工程竣工验收报审表 (GB/T 50319-2013 表 B.0.10): the contractor's application to the project
 * supervision organisation with its attachments (the self-inspection and the function/archive
 * documents), and the supervisor's 预验收意见 with the 总监理工程师's signature and seal.
 */
export const ACCEPTANCE_APPLICATION_TITLE = "单位工程竣工验收报审表";

function preAcceptanceLines(data: AcceptancePdfData): string[] {
  const s = activeSigner(data, "supervisor");
  if (!s) return [""];
  const verdict = s.decision === "approved" ? "经预验收，该工程合格，可以组织正式验收。" : "经预验收，该工程不合格，不可以组织正式验收。";
  return [s.opinion, verdict];
}

export function drawAcceptanceApplication(data: AcceptancePdfData, meta: DocumentMeta & { companyName: string }): Promise<Buffer> {
  const c = data.content;
  return renderDocument({ title: ACCEPTANCE_APPLICATION_TITLE, companyName: meta.companyName, meta }, (frame) => {
    const { doc } = frame;
    frame.font(false, 9).text("表 B.0.10", frame.left, doc.y - 4, { width: frame.width, align: "right" });
    keyValueTable(frame, [
      ["工程名称", c.project.name, "项目编号", c.project.code],
      ["工程地点", c.project.siteAddress, "合同编号", c.contract?.number ?? "—"],
    ]);
    doc.y += 8;
    frame.paragraph(`致：${c.parties.supervision || "________"}（项目监理机构）`, { size: 10.5 });
    doc.y += 4;
    frame.paragraph(`    ${c.statement}`, { size: 10.5 });
    doc.y += 6;
    frame.paragraph("附件：", { size: 10, bold: true });
    frame.paragraph(`1. 工程质量验收报告（自检记录）：${commissioningSummary(c)}`);
    doc.y += 2;
    frame.paragraph(`2. 工程功能检验资料：${documentSummary(c)}`);
    doc.y += 10;
    sealedBlock(frame, {
      label: "施工单位",
      lines: ["工程已完工，经自检合格，请予以验收。"],
      unitLine: `施工项目经理部（盖章）：${c.parties.contractor}`,
      signerLabel: "项目经理",
      signed: null,
      typedName: c.pmName,
      date: data.requestedAt,
      minHeight: 100,
    });
    const supervisor = activeSigner(data, "supervisor");
    sealedBlock(frame, {
      label: "项目监理机构\n预验收意见",
      lines: preAcceptanceLines(data),
      unitLine: `项目监理机构（盖章）：${supervisor?.organisation || c.parties.supervision}`,
      signerLabel: "总监理工程师",
      signed: supervisor,
      minHeight: 150,
    });
  });
}
