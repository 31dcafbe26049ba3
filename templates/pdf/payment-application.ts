import { formatFen } from "~/lib/money";
import { rmbInWords } from "~/lib/rmb-uppercase";
import type { PaymentApplicationData } from "~/services/settlement/settlement-types";
import { keyValueTable } from "./acceptance-common";
import { COLORS, renderDocument, type DocumentMeta } from "./base";
import { signatureBlock } from "./settlement-statement";
import { drawTable, type Cell } from "./table";

/**
 * 付款申请表 (payment application, laid out like GB/T 50319 表 B.0.11 工程款支付报审表): the payee
 * and its bank account, the project and contract, this period's amount in figures and — on its
 * own line, from the same fen — in Chinese uppercase, the cumulative paid, the attachments, the
 * pm's and finance's signatures with the payee's seal, and a blank block for the payer's decision.
 */
export const PAYMENT_APPLICATION_TITLE = "付款申请表";

const orDash = (value: string | null | undefined) => (value && value.trim() ? value : "—");
const label = (text: string): Cell => ({ text, bold: true, fill: COLORS.shade });

export function drawPaymentApplication(data: PaymentApplicationData, meta: DocumentMeta & { companyName: string }): Promise<Buffer> {
  return renderDocument({ title: PAYMENT_APPLICATION_TITLE, companyName: meta.companyName, meta }, (frame) => {
    const { doc } = frame;
    frame.font(false, 9, COLORS.muted).text("参照 GB/T 50319 表 B.0.11", frame.left, doc.y - 4, { width: frame.width, align: "right" });
    doc.y += 2;
    keyValueTable(frame, [
      ["申请编号", data.number, "申请日期", data.appliedOn],
      ["工程名称", data.project.name, "项目编号", data.project.code],
      ["付款单位", orDash(data.payer)],
      ["收款单位", orDash(data.payee.name)],
      ["开户银行", orDash(data.payee.bank)],
      ["银行账号", orDash(data.payee.account)],
      ["合同编号", orDash(data.contract.number), "合同金额", formatFen(data.contract.amountFen)],
    ]);
    doc.y += 8;
    frame.paragraph(`致：${data.payer || "________"}（付款单位）`, { size: 10.5 });
    doc.y += 4;
    frame.paragraph(`    根据施工合同约定，我方已完成${data.project.name}的相关工作，经结算确认，现申请支付本期工程款，请予以审核支付。`, { size: 10.5 });
    doc.y += 8;
    drawTable(frame, {
      header: false,
      fontSize: 10,
      columns: [
        { header: "", width: 26 },
        { header: "", width: 74, nowrap: true },
      ],
      rows: [
        { cells: [label("本期申请金额（小写）"), { text: formatFen(data.thisPeriodFen), bold: true }] },
        { cells: [label("本期申请金额（大写）"), { text: rmbInWords(data.thisPeriodFen), bold: true }] },
        { cells: [label("累计已付金额"), formatFen(data.cumulativePaidFen)] },
      ],
    });
    doc.y += 4;
    frame.paragraph("附件：", { size: 10, bold: true });
    if (data.attachments.length) data.attachments.forEach((a, i) => frame.paragraph(`${i + 1}. ${a}`, { size: 10 }));
    else frame.paragraph("无", { size: 10 });
    signatureBlock(frame, {
      signers: [
        { role: "项目经理", name: data.pmName || null },
        { role: "财务", name: data.financeName },
      ],
      date: data.appliedOn,
      sealLine: `收款单位：${data.payee.name || "________"}（单位盖章）`,
    });
    doc.y += 6;
    frame.opinionBlock({ label: "付款单位\n审核意见", body: [], signer: "负责人", minHeight: 90 });
  });
}
