import { EXCLUSIONS } from "~/services/service/vocabulary";
import { keyValueTable } from "./acceptance-common";
import { COLORS, renderDocument, type DocumentMeta, type PdfFrame } from "./base";
import { drawQr, qrMatrix } from "./qr";
import { drawTable, type Row } from "./table";

/**
 * 质量保修卡 (warranty card), handed to the client at acceptance: the project and parties, the
 * acceptance date and the warranty's last day, the installed units, the terms, what the free
 * warranty excludes (seed 004 三 2.1–2.7), and — large, for scanning from the plant room wall —
 * the QR code of the public service-request page with its URL and code printed under it. The
 * footer keeps the usual verification QR code of the document itself.
 */
export const WARRANTY_CARD_TITLE = "质量保修卡";

export interface WarrantyCardUnit {
  name: string;
  model: string;
  quantity: number;
  location: string;
  serialNumbers: string[];
}

export interface WarrantyCardData {
  project: { code: string; name: string; siteAddress: string };
  client: string;
  contractor: string;
  /** The acceptance date: the warranty's first day. */
  acceptedOn: string;
  /** The warranty's last day (inclusive), by the Civil Code rule. */
  warrantyEndsOn: string;
  warrantyMonths: number;
  units: WarrantyCardUnit[];
  /** Our company's phone (售后服务热线); empty when not recorded. */
  hotline: string;
  serviceUrl: string;
  /** As printed: grouped for reading out ("ABCDE FGHJK"). */
  serviceCodeDisplay: string;
}

const orDash = (value: string | null | undefined) => (value && value.trim() ? value : "—");

export function warrantyTerms(data: WarrantyCardData): string[] {
  return [
    `本工程自竣工验收之日（${data.acceptedOn}）起保修 ${data.warrantyMonths} 个月，至 ${data.warrantyEndsOn}（含当日）止（按《民法典》第二百零一条、第二百零二条计算）。`,
    "保修期内，上表所列设备在正常使用条件下出现的质量故障，由我司免费维修或更换零部件（含人工及零配件）。",
    `安装工程质量（施工工艺）保修期同为一年，至 ${data.warrantyEndsOn} 止；期内因安装质量造成的渗漏、松动、异响等问题免费返修。`,
    "下列“不属于免费保修范围”的情形，以及保修期满后的维修，按实际发生的配件成本及人工收费，往返运输费用由客户承担；报价经客户确认后方可施工。",
    "保修期满后，可与我司签订维保合同，由我司提供定期保养及故障维修服务。",
    "请妥善保管本卡；报修时请提供本卡上的服务码及设备出厂编号。",
  ];
}

function numbered(frame: PdfFrame, lines: string[], size = 8.8): void {
  const { doc } = frame;
  lines.forEach((line, i) => {
    frame.font(false, size);
    const label = `${i + 1}. `;
    const indent = doc.widthOfString("00. ");
    const height = doc.heightOfString(line, { width: frame.width - indent, lineGap: 1.5 });
    frame.ensureSpace(height + 1);
    const y = doc.y;
    doc.text(label, frame.left, y, { lineBreak: false });
    doc.text(line, frame.left + indent, y, { width: frame.width - indent, lineGap: 1.5 });
    doc.y += 1;
  });
  doc.x = frame.left;
}

/** Short items in two columns (1 4 / 2 5 / 3 6 …), read down then across like a printed list. */
function numberedTwoColumns(frame: PdfFrame, lines: string[], size = 8.8): void {
  const { doc } = frame;
  const half = Math.ceil(lines.length / 2);
  const colWidth = frame.width / 2 - 6;
  frame.font(false, size);
  const indent = doc.widthOfString("00. ");
  for (let row = 0; row < half; row++) {
    const pair = [row, row + half].filter((i) => i < lines.length);
    const height = Math.max(...pair.map((i) => doc.heightOfString(lines[i], { width: colWidth - indent, lineGap: 1.5 })));
    frame.ensureSpace(height + 1);
    const y = doc.y;
    pair.forEach((i, col) => {
      const x = frame.left + col * (colWidth + 12);
      frame.font(false, size);
      doc.text(`${i + 1}. `, x, y, { lineBreak: false });
      doc.text(lines[i], x + indent, y, { width: colWidth - indent, lineGap: 1.5 });
    });
    doc.y = y + height + 1;
  }
  doc.x = frame.left;
}

function drawUnits(frame: PdfFrame, units: WarrantyCardUnit[]): void {
  frame.heading("三、保修设备清单");
  if (!units.length) {
    frame.paragraph("（未登记安装设备。）", { color: COLORS.muted });
    return;
  }
  const rows: Row[] = units.map((u, i) => ({
    cells: [String(i + 1), u.name, orDash(u.model), { text: String(u.quantity), align: "center" }, orDash(u.location), u.serialNumbers.length ? u.serialNumbers.join("、") : "—"],
  }));
  drawTable(frame, {
    fontSize: 8.5,
    columns: [
      { header: "序号", width: 6, align: "center" },
      { header: "设备名称", width: 20 },
      { header: "型号", width: 15 },
      { header: "数量", width: 7, align: "center" },
      { header: "安装位置", width: 18 },
      { header: "出厂编号", width: 34 },
    ],
    rows,
  });
}

const QR_BOX = 136;

/** The service-request block: a large QR code, the URL and the code under it, the hotline beside. */
function drawServiceBlock(frame: PdfFrame, data: WarrantyCardData): void {
  const { doc } = frame;
  const height = QR_BOX + 38;
  frame.heading("二、扫码报修", height);
  const top = doc.y;
  const x = frame.left;
  doc.lineWidth(1).strokeColor(COLORS.rule).rect(x, top, frame.width, height).stroke();
  drawQr(doc, qrMatrix(data.serviceUrl), x + 10, top + 8, QR_BOX);
  // Under the code: the URL (small, for typing) and the service code (large, for reading out).
  frame.font(false, 7.5, COLORS.muted).text(data.serviceUrl, x + 4, top + QR_BOX + 10, { width: QR_BOX + 12, align: "center", lineBreak: false, ellipsis: "…" });
  frame.font(true, 10).text(`服务码 ${data.serviceCodeDisplay}`, x + 4, top + QR_BOX + 22, { width: QR_BOX + 12, align: "center", lineBreak: false });
  const textX = x + QR_BOX + 30;
  const textWidth = frame.width - QR_BOX - 40;
  frame.font(true, 14).text("扫码报修（无需注册账号）", textX, top + 14, { width: textWidth });
  frame.font(false, 9.5).text("用手机扫描左侧二维码，或在浏览器中打开：", textX, doc.y + 6, { width: textWidth });
  frame.font(true, 10).text(data.serviceUrl, textX, doc.y + 2, { width: textWidth });
  frame.font(false, 9.5).text("填写故障现象、联系方式并可上传照片，提交后我司售后服务部将在 4 小时内与您联系。请参阅下方保修条款及不属于免费保修范围的情形。", textX, doc.y + 6, { width: textWidth, lineGap: 1.5 });
  frame.font(true, 12).text(`售后服务热线：${data.hotline.trim() || "请致电我司售后服务部"}`, textX, doc.y + 10, { width: textWidth });
  frame.font(false, 9, COLORS.muted).text(`报修时请告知服务码 ${data.serviceCodeDisplay} 及设备出厂编号。`, textX, doc.y + 6, { width: textWidth });
  doc.x = frame.left;
  doc.y = top + height;
}

export function drawWarrantyCard(data: WarrantyCardData, meta: DocumentMeta & { companyName: string }): Promise<Buffer> {
  return renderDocument({ title: WARRANTY_CARD_TITLE, companyName: meta.companyName, meta }, (frame) => {
    frame.heading("一、工程信息");
    keyValueTable(frame, [
      ["工程名称", data.project.name, "项目编号", data.project.code],
      ["工程地点", orDash(data.project.siteAddress)],
      ["建设单位", orDash(data.client), "施工单位", orDash(data.contractor)],
      ["竣工验收日期", data.acceptedOn, "保修期至", `${data.warrantyEndsOn}（含当日）`],
    ]);
    // The QR block near the top: it is what the customer needs from the card on the wall.
    drawServiceBlock(frame, data);
    drawUnits(frame, data.units);
    frame.heading("四、保修条款");
    numbered(frame, warrantyTerms(data));
    frame.heading("五、不属于免费保修范围", 40);
    numberedTwoColumns(frame, EXCLUSIONS.map((e) => (e.code === "expired" ? `${e.zh}（收取更换配件及零件成本费用）` : e.zh)));
  });
}
