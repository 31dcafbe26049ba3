import { COLORS, type PdfFrame } from "./base";
import { PARTY_LABELS, type AcceptancePdfData } from "./acceptance-common";
import { drawTable, type Cell } from "./table";

/**
 * The last page of the 竣工验收单, 签署记录 / Signing record: for each signer of the round who
 * was asked how (link sent, first opened), when, from where (IP, browser) and what they signed
 * (the SHA-256 of the content), so a later change to the content or a signature is detectable
 * (电子签名法 art. 13). Voided signatures stay listed, marked as such.
 */
const format = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false,
});

/** "2026-03-05 14:05:09" Beijing time (seconds matter in a signing record). */
function instant(value: string | null): string {
  if (!value) return "—";
  const p = Object.fromEntries(format.formatToParts(new Date(value)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour === "24" ? "00" : p.hour}:${p.minute}:${p.second}`;
}

export function drawSigningRecord(frame: PdfFrame, data: AcceptancePdfData): void {
  const { doc } = frame;
  doc.addPage();
  frame.font(true, 14).text("签署记录 / Signing record", frame.left, doc.y, { width: frame.width, align: "center" });
  doc.y += 6;
  frame.paragraph(`验收轮次：第 ${data.content.round} 轮    时间均为北京时间（Asia/Shanghai）`, { size: 9, color: COLORS.muted });
  doc.y += 4;
  if (!data.signers.length) frame.paragraph("本轮尚无签署。", { size: 10 });
  data.signers.forEach((s, i) => {
    const matches = s.contentSha256 === data.contentSha256;
    frame.heading(`${i + 1}. ${PARTY_LABELS[s.party]}  ${s.signerName}${s.voided ? "（已作废）" : ""}`, 130);
    const k = (text: string): Cell => ({ text, bold: true, fill: COLORS.shade });
    const wide = (text: string): Cell => ({ text, span: 5 });
    drawTable(frame, {
      header: false,
      fontSize: 8.5,
      columns: [14, 20, 10, 22, 11, 23].map((width) => ({ header: "", width })),
      rows: [
        [k("姓名"), s.signerName, k("职务"), s.signerRole || "—", k("签署结论"), `${s.decision === "approved" ? "同意验收" : "不同意验收"}${s.voided ? "（已作废）" : ""}`],
        [k("单位"), { text: s.organisation, span: 3 }, k("IP 地址"), s.ip || "—"],
        [k("电子邮箱"), { text: s.recipientEmail ?? "—", span: 3 }, k("内容核对"), matches ? "与当前内容一致" : "与当前内容不一致"],
        [k("链接发送"), instant(s.sentAt), k("首次查看"), instant(s.openedAt), k("签署时间"), instant(s.signedAt)],
        [k("浏览器"), wide(s.userAgent || "—")],
        [k("内容 SHA-256"), wide(s.contentSha256)],
      ].map((cells) => ({ cells })),
    });
  });
  doc.y += 6;
  // The current hash and its explanation stay together on the last page.
  frame.ensureSpace(48);
  frame.paragraph(`当前内容 SHA-256：${data.contentSha256}`, { size: 9.5, bold: true });
  frame.paragraph("签署内容 SHA-256 是签署人所见验收内容（规范化 JSON）的摘要；内容的任何后续修改都会得到不同的摘要，须重新签署。", { size: 8.5, color: COLORS.muted });
}
