import type { AcceptanceContent, AcceptanceSigner } from "~/services/acceptance/content-types";
import { COLORS, shanghaiDate, type PdfFrame } from "./base";
import { drawTable, type Cell } from "./table";
import { drawInk } from "./ink";

/**
 * What both acceptance documents (B.0.10 and the 竣工验收单) are drawn from: the content every
 * signer signed, the round's signers with their images, and when the pm asked for acceptance.
 */
export interface AcceptancePdfSigner extends AcceptanceSigner {
  signaturePng: Buffer | null;
  sealImage: Buffer | null;
}

export interface AcceptancePdfData {
  content: AcceptanceContent;
  /** Every signer of the round, voided ones included (only the trail page prints those). */
  signers: AcceptancePdfSigner[];
  /** The instant of the latest REQUEST_/REVISE_ACCEPTANCE (the contractor's date on B.0.10). */
  requestedAt: string | null;
  /** SHA-256 of the content as it is now (what a valid signature must cover). */
  contentSha256: string;
}

export const PARTY_LABELS: Record<AcceptanceSigner["party"], string> = { supervisor: "监理单位", client: "建设单位", designer: "设计单位" };

/** The party's standing signature of the round: the latest one not voided. */
export function activeSigner(data: AcceptancePdfData, party: AcceptanceSigner["party"]): AcceptancePdfSigner | null {
  return [...data.signers].reverse().find((s) => s.party === party && !s.voided) ?? null;
}

/** The design unit signs only when the project has one. */
export function requiredParties(content: AcceptanceContent): AcceptanceSigner["party"][] {
  return content.parties.design ? ["supervisor", "client", "designer"] : ["supervisor", "client"];
}

export function allApproved(data: AcceptancePdfData): boolean {
  return requiredParties(data.content).every((p) => activeSigner(data, p)?.decision === "approved");
}

const BLANK_DATE = "______年____月____日";

export function dateOrBlank(value: string | null | undefined): string {
  return value ? shanghaiDate(value) : BLANK_DATE;
}

/** A borderless-header key/value grid: shaded label cells, pairs side by side. */
export function keyValueTable(frame: PdfFrame, rows: [string, string, string?, string?][], { weights = [16, 34, 16, 34], fontSize = 9 } = {}): void {
  const label = (text: string): Cell => ({ text, bold: true, fill: COLORS.shade });
  drawTable(frame, {
    header: false,
    fontSize,
    columns: weights.map((width) => ({ header: "", width })),
    rows: rows.map(([k1, v1, k2, v2]) => ({
      cells: k2 === undefined ? [label(k1), { text: v1, span: weights.length - 1 }] : [label(k1), v1, label(k2), v2 ?? ""],
    })),
  });
}

const LABEL_WIDTH = 78;

/**
 * An opinion block with room for a drawn signature and a seal, growing with a long opinion;
 * blank lines to sign on paper when nobody has signed yet.
 */
export function sealedBlock(
  frame: PdfFrame,
  o: { label: string; lines: string[]; unitLine: string; signerLabel: string; signed: AcceptancePdfSigner | null; date?: string | null; typedName?: string; minHeight?: number },
): void {
  const { doc } = frame;
  const bodyWidth = frame.width - LABEL_WIDTH - 16;
  const text = o.lines.filter((l) => l !== "").join("\n");
  frame.font(false, 9.5);
  const textHeight = text ? doc.heightOfString(text, { width: bodyWidth, lineGap: 2 }) : 0;
  const height = Math.min(Math.max(o.minHeight ?? 126, textHeight + 96), frame.bottom - frame.top);
  frame.ensureSpace(height);
  const x = frame.left;
  const y = doc.y;
  const bodyX = x + LABEL_WIDTH + 8;
  doc.lineWidth(0.7).strokeColor(COLORS.rule);
  doc.rect(x, y, frame.width, height).stroke();
  doc.rect(x, y, LABEL_WIDTH, height).fillAndStroke(COLORS.shade, COLORS.rule);
  frame.font(true, 10);
  const labelLines = o.label.split("\n");
  labelLines.forEach((line, i) => doc.text(line, x + 4, y + height / 2 - (labelLines.length * 14) / 2 + i * 14, { width: LABEL_WIDTH - 8, align: "center", lineBreak: false }));
  frame.font(false, 9.5);
  if (text) doc.text(text, bodyX, y + 6, { width: bodyWidth, lineGap: 2, height: height - 60, ellipsis: "…" });
  // Bottom: the unit (盖章) with the seal over it, the signer with the drawn signature, the date.
  const baseY = y + height - 50;
  frame.font(false, 9.5);
  doc.text(o.unitLine, bodyX, baseY, { width: bodyWidth * 0.62, lineBreak: false, ellipsis: "…" });
  const signerText = `${o.signerLabel}（签字）：`;
  doc.text(signerText, bodyX, baseY + 24, { lineBreak: false });
  const sigX = bodyX + doc.widthOfString(signerText);
  const s = o.signed;
  const typed = s ? s.typedSignature || s.signerName : o.typedName || "__________";
  if (s?.signaturePng) {
    try {
      drawInk(doc, s.signaturePng, sigX, baseY + 10, { fit: [110, 32] });
    } catch {
      doc.text(typed, sigX, baseY + 24, { lineBreak: false });
    }
  } else {
    doc.text(typed, sigX, baseY + 24, { lineBreak: false });
  }
  if (s) frame.font(false, 7.5, COLORS.muted).text(`${s.signerRole} ${s.signerName}`.trim(), sigX, baseY + 40, { width: 170, lineBreak: false, ellipsis: "…" });
  if (s?.sealImage) {
    // Over the end of the unit's name, as stamped on paper, but clear of the signature and the date.
    frame.font(false, 9.5);
    const unitEnd = bodyX + Math.min(doc.widthOfString(o.unitLine), bodyWidth * 0.62);
    const centre = Math.min(Math.max(unitEnd, sigX + 110 + 36), bodyX + bodyWidth - 100 - 36);
    try {
      drawInk(doc, s.sealImage, centre - 36, baseY - 30, { fit: [72, 72] });
    } catch {
      /* an unreadable seal image is left out rather than failing the document */
    }
  }
  frame.font(false, 9.5);
  doc.text(`日期：${dateOrBlank(o.date !== undefined ? o.date : s?.signedAt)}`, bodyX + bodyWidth - 150, baseY + 24, { width: 150, align: "right", lineBreak: false });
  doc.x = frame.left;
  doc.y = y + height;
}
