import PDFDocument from "pdfkit";
import { FONT_BOLD, FONT_REGULAR, registerFonts } from "./fonts";
import { drawQr, qrMatrix, type QrMatrix } from "./qr";

/**
 * The frame every issued document uses: A4, embedded CJK font, our company's header, title and
 * number on the first page, a running header on the others, and on EVERY page a footer with
 * 第 x 页 / 共 y 页, the short code and a QR code of the public verification URL.
 */

/** What the document registry hands to a template when it issues a document. */
export interface DocumentMeta {
  number: string;
  shortCode: string;
  verifyUrl: string;
  version: number;
  createdAt: Date;
}

export interface FrameSpec {
  title: string;
  /** Our company (companies.kind = 'own'), printed above the title. */
  companyName: string;
  meta: DocumentMeta;
  landscape?: boolean;
}

export const COLORS = { text: "#111111", muted: "#555555", rule: "#333333", light: "#999999", shade: "#eeeeee", header: "#dde3ea", accent: "#c2410c" };
const MARGIN = 36;
const FOOTER_HEIGHT = 58;
const QR_SIZE = 46;

const dateTimeFormat = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hour12: false });

/** "2026-03-05 14:05" in Beijing time, whatever the server's zone. */
export function shanghaiDateTime(value: Date | string): string {
  const parts = Object.fromEntries(dateTimeFormat.formatToParts(new Date(value)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour === "24" ? "00" : parts.hour}:${parts.minute}`;
}

/** "2026-03-05": a calendar date stays as it is; an instant becomes its Beijing date. */
export function shanghaiDate(value: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : shanghaiDateTime(value).slice(0, 10);
}

/** Drawing helpers bound to one document: content box, page breaks, sections, opinion blocks. */
export class PdfFrame {
  readonly left = MARGIN;
  readonly top = MARGIN;
  readonly right: number;
  readonly bottom: number;
  readonly width: number;

  constructor(
    readonly doc: PDFKit.PDFDocument,
    readonly spec: FrameSpec,
  ) {
    this.right = doc.page.width - MARGIN;
    this.bottom = doc.page.height - MARGIN - FOOTER_HEIGHT;
    this.width = this.right - this.left;
  }

  /** Room left on this page below the cursor. */
  get room(): number {
    return this.bottom - this.doc.y;
  }

  /** Starts a new page when fewer than `height` points are left; true if it did. */
  ensureSpace(height: number): boolean {
    if (this.doc.y + height <= this.bottom) return false;
    this.doc.addPage();
    return true;
  }

  font(bold = false, size = 9, color = COLORS.text): PDFKit.PDFDocument {
    return this.doc.font(bold ? FONT_BOLD : FONT_REGULAR).fontSize(size).fillColor(color);
  }

  /** A section heading with a short bar; kept with at least `keep` points of what follows. */
  heading(text: string, keep = 60): void {
    this.doc.y += 6;
    this.ensureSpace(20 + keep);
    const y = this.doc.y;
    this.doc.rect(this.left, y + 2, 3, 11).fill(COLORS.rule);
    this.font(true, 10.5).text(text, this.left + 8, y, { width: this.width - 8, lineBreak: false });
    this.doc.x = this.left;
    this.doc.y = y + 18;
  }

  paragraph(text: string, { size = 9, color = COLORS.text, bold = false } = {}): void {
    this.font(bold, size, color);
    const height = this.doc.heightOfString(text, { width: this.width });
    if (height < this.bottom - this.top) this.ensureSpace(height);
    this.doc.text(text, this.left, this.doc.y, { width: this.width });
    this.doc.x = this.left;
  }

  /**
   * An opinion block as Chinese approval forms have it: a label cell on the left, the opinion on
   * the right and "signer（签字）：name  日期：date" at its bottom; blank lines to sign by hand
   * when nothing has been decided yet.
   */
  opinionBlock({ label, body, signer, name, date, minHeight = 70 }: { label: string; body: string[]; signer: string; name?: string; date?: string; minHeight?: number }): void {
    const labelWidth = 72;
    const bodyWidth = this.width - labelWidth - 16;
    const text = body.join("\n");
    this.font(false, 9.5);
    const bodyHeight = text ? this.doc.heightOfString(text, { width: bodyWidth, lineGap: 2 }) : 0;
    const height = Math.min(Math.max(minHeight, bodyHeight + 36), this.bottom - this.top);
    this.ensureSpace(height);
    const y = this.doc.y;
    const doc = this.doc;
    doc.lineWidth(0.7).strokeColor(COLORS.rule);
    doc.rect(this.left, y, this.width, height).stroke();
    doc.rect(this.left, y, labelWidth, height).fillAndStroke(COLORS.shade, COLORS.rule);
    // Line by line: pdfkit centres a line ending in "\n" as if the break had width.
    this.font(true, 10);
    const labelLines = label.split("\n");
    const lineHeight = doc.currentLineHeight(true) + 2;
    labelLines.forEach((line, i) => {
      doc.text(line, this.left + 4, y + (height - labelLines.length * lineHeight) / 2 + i * lineHeight, { width: labelWidth - 8, align: "center", lineBreak: false });
    });
    this.font(false, 9.5);
    if (text) doc.text(text, this.left + labelWidth + 8, y + 6, { width: bodyWidth, lineGap: 2, height: height - 30, ellipsis: "…" });
    const signature = `${signer}（签字）：${name || "__________"}      日期：${date || "______年____月____日"}`;
    doc.text(signature, this.left + labelWidth + 8, y + height - 18, { width: bodyWidth, align: "right", lineBreak: false });
    doc.x = this.left;
    doc.y = y + height;
  }

  /**
   * Hand-signature lines at the end of a form ("经办人/项目经理（签字）：____ 日期：____"), side by
   * side when they fit, otherwise one under the other.
   */
  signatureLines(roles: string[]): void {
    const doc = this.doc;
    this.font(false, 10);
    const dateLabel = "日期：";
    const dateLine = 64;
    const labels = roles.map((role) => `${role}（签字）：`);
    const widest = Math.max(...labels.map((l) => doc.widthOfString(l)));
    const perRow = this.width / roles.length - widest - doc.widthOfString(dateLabel) - dateLine - 28 >= 70 ? roles.length : 1;
    const each = this.width / perRow;
    const rows = Math.ceil(roles.length / perRow);
    this.ensureSpace(16 + rows * 26);
    const top = doc.y + 16;
    labels.forEach((label, i) => {
      const x = this.left + (i % perRow) * each;
      const y = top + Math.floor(i / perRow) * 26;
      const labelWidth = doc.widthOfString(label);
      const nameLine = Math.min(160, each - labelWidth - doc.widthOfString(dateLabel) - dateLine - 28);
      this.font(false, 10).text(label, x, y, { lineBreak: false });
      const dateX = x + labelWidth + nameLine + 12;
      doc.text(dateLabel, dateX, y, { lineBreak: false });
      const lineX = dateX + doc.widthOfString(dateLabel);
      doc.lineWidth(0.6).strokeColor(COLORS.rule);
      doc.moveTo(x + labelWidth, y + 13).lineTo(x + labelWidth + nameLine, y + 13).stroke();
      doc.moveTo(lineX, y + 13).lineTo(lineX + dateLine, y + 13).stroke();
    });
    doc.x = this.left;
    doc.y = top + rows * 26;
  }
}

function drawFirstHeader(frame: PdfFrame): void {
  const { doc, spec } = frame;
  frame.font(true, 13, COLORS.muted).text(spec.companyName, frame.left, frame.top, { width: frame.width, align: "center" });
  frame.font(true, 18).text(spec.title, frame.left, doc.y + 2, { width: frame.width, align: "center" });
  const y = doc.y + 6;
  frame.font(false, 9, COLORS.muted);
  doc.text(`编号：${spec.meta.number}`, frame.left, y, { width: frame.width / 2, lineBreak: false });
  doc.text(`版本：V${spec.meta.version}    出具时间：${shanghaiDateTime(spec.meta.createdAt)}`, frame.left + frame.width / 2, y, { width: frame.width / 2, align: "right", lineBreak: false });
  doc.moveTo(frame.left, y + 15).lineTo(frame.right, y + 15).lineWidth(1.2).strokeColor(COLORS.rule).stroke();
  doc.x = frame.left;
  doc.y = y + 24;
}

/** Later pages: a compact header so a loose page still says what it belongs to. */
function drawRunningHeader(frame: PdfFrame): void {
  const { doc, spec } = frame;
  frame.font(false, 8.5, COLORS.muted);
  doc.text(`${spec.companyName}  ${spec.title}（续）`, frame.left, frame.top, { width: frame.width * 0.65, lineBreak: false });
  doc.text(`编号：${spec.meta.number}`, frame.left + frame.width * 0.65, frame.top, { width: frame.width * 0.35, align: "right", lineBreak: false });
  doc.moveTo(frame.left, frame.top + 14).lineTo(frame.right, frame.top + 14).lineWidth(0.6).strokeColor(COLORS.light).stroke();
  doc.x = frame.left;
  doc.y = frame.top + 22;
}

function drawFooter(frame: PdfFrame, qr: QrMatrix, page: number, pages: number): void {
  const { doc, spec } = frame;
  // Writing below the bottom margin would make pdfkit add a page: lift the margin while drawing.
  const savedBottom = doc.page.margins.bottom;
  doc.page.margins.bottom = 0;
  const y = doc.page.height - MARGIN - FOOTER_HEIGHT + 8;
  doc.moveTo(frame.left, y).lineTo(frame.right, y).lineWidth(0.6).strokeColor(COLORS.light).stroke();
  drawQr(doc, qr, frame.left, y + 6, QR_SIZE);
  const textX = frame.left + QR_SIZE + 8;
  const textWidth = frame.width - QR_SIZE - 8 - 110;
  frame.font(true, 9).text(`验证码：${spec.meta.shortCode}`, textX, y + 10, { width: textWidth, lineBreak: false });
  frame.font(false, 8, COLORS.muted).text(`扫码或访问 ${spec.meta.verifyUrl} 验证真伪`, textX, y + 25, { width: textWidth, lineBreak: false });
  frame.font(false, 7.5, COLORS.light).text(`${spec.meta.number} · V${spec.meta.version}`, textX, y + 38, { width: textWidth, lineBreak: false });
  frame.font(false, 9).text(`第 ${page} 页 / 共 ${pages} 页`, frame.right - 110, y + 22, { width: 110, align: "right", lineBreak: false });
  doc.page.margins.bottom = savedBottom;
}

/**
 * Renders one document: `draw` fills the body through the frame; headers and footers are added
 * here. Output is deterministic for the same input (fixed dates; pdfkit derives /ID from the info
 * dictionary, so no random bytes), which lets a re-render be compared with the stored bytes.
 */
export async function renderDocument(spec: FrameSpec, draw: (frame: PdfFrame) => void | Promise<void>): Promise<Buffer> {
  const created = spec.meta.createdAt;
  const doc = new PDFDocument({
    size: "A4",
    layout: spec.landscape ? "landscape" : "portrait",
    margins: { top: MARGIN, left: MARGIN, right: MARGIN, bottom: MARGIN + FOOTER_HEIGHT },
    bufferPages: true,
    autoFirstPage: false,
    info: { Title: `${spec.title} ${spec.meta.number}`, Author: spec.companyName, Subject: spec.meta.shortCode, Producer: "install-tracker", Creator: "install-tracker", CreationDate: created, ModDate: created },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on("end", () => resolve());
    doc.on("error", reject);
  });
  registerFonts(doc);
  const qr = qrMatrix(spec.meta.verifyUrl);
  let frame: PdfFrame | undefined;
  doc.on("pageAdded", () => {
    if (frame) drawRunningHeader(frame);
  });
  doc.addPage();
  frame = new PdfFrame(doc, spec);
  drawFirstHeader(frame);
  await draw(frame);
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    drawFooter(frame, qr, i - range.start + 1, range.count);
  }
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}
