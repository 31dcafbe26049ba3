import crypto from "node:crypto";
import { PNG } from "pngjs";

/**
 * Drawn signatures and company seals on issued PDFs, printed like ink on paper.
 *
 * Why not `doc.image(png)` directly: a signature from a phone's canvas is a ~1000 px RGBA PNG and
 * pdfkit decodes, splits and re-compresses every PNG with an alpha channel on every render — a
 * third of a completion certificate's time (bench/pdf.ts). Here each image is prepared once per
 * process: scaled down to 3 px per point of its printed box (≈216 dpi, sharper than the printers
 * these forms go through) and flattened onto white, so pdfkit embeds it without decoding. The
 * transparency is replaced by the Multiply blend mode, which is what a stamp really does: white
 * leaves the page untouched and the red seal darkens, so the text under a seal stays readable.
 * JPEGs (scanned seals) have no alpha and go through unchanged.
 */
const PX_PER_PT = 3;
const MAX_PREPARED = 256;
const prepared = new Map<string, Buffer>();

export interface InkBox {
  fit: [number, number];
}

/** Draws a signature or seal image fitted into `fit` at (x, y). Throws on an unreadable image. */
export function drawInk(doc: PDFKit.PDFDocument, image: Buffer, x: number, y: number, box: InkBox): void {
  const printable = printableInk(image, box.fit);
  doc.save();
  multiply(doc);
  doc.image(printable, x, y, { fit: box.fit });
  doc.restore();
}

/** The image as pdfkit will embed it (exported for tests). */
export function printableInk(image: Buffer, fit: [number, number]): Buffer {
  if (!isPng(image)) return image;
  const key = `${crypto.createHash("sha256").update(image).digest("hex")}:${fit.join("x")}`;
  const hit = prepared.get(key);
  if (hit) {
    // Most recently used last, so the oldest entry is the first one dropped.
    prepared.delete(key);
    prepared.set(key, hit);
    return hit;
  }
  const out = flattenAndScale(PNG.sync.read(image), fit);
  prepared.set(key, out);
  if (prepared.size > MAX_PREPARED) prepared.delete(prepared.keys().next().value!);
  return out;
}

function isPng(b: Buffer): boolean {
  return b.length > 8 && b.readUInt32BE(0) === 0x89504e47 && b.readUInt32BE(4) === 0x0d0a1a0a;
}

/** RGBA → RGB on white, box-filtered down to at most PX_PER_PT pixels per point of the box. */
function flattenAndScale(src: PNG, fit: [number, number]): Buffer {
  const scale = Math.min(1, (fit[0] * PX_PER_PT) / src.width, (fit[1] * PX_PER_PT) / src.height);
  const w = Math.max(1, Math.round(src.width * scale));
  const h = Math.max(1, Math.round(src.height * scale));
  const out = new PNG({ width: w, height: h, colorType: 2, inputColorType: 6, inputHasAlpha: true });
  const s = src.data;
  for (let oy = 0; oy < h; oy++) {
    const y0 = Math.floor((oy * src.height) / h);
    const y1 = Math.max(y0 + 1, Math.floor(((oy + 1) * src.height) / h));
    for (let ox = 0; ox < w; ox++) {
      const x0 = Math.floor((ox * src.width) / w);
      const x1 = Math.max(x0 + 1, Math.floor(((ox + 1) * src.width) / w));
      let r = 0;
      let g = 0;
      let b = 0;
      for (let yy = y0; yy < y1; yy++) {
        for (let xx = x0; xx < x1; xx++) {
          const i = (yy * src.width + xx) * 4;
          const a = s[i + 3] / 255;
          // Over white: colour × alpha + white × (1 − alpha).
          r += s[i] * a + 255 * (1 - a);
          g += s[i + 1] * a + 255 * (1 - a);
          b += s[i + 2] * a + 255 * (1 - a);
        }
      }
      const n = (y1 - y0) * (x1 - x0);
      const o = (oy * w + ox) * 4;
      out.data[o] = Math.round(r / n);
      out.data[o + 1] = Math.round(g / n);
      out.data[o + 2] = Math.round(b / n);
      out.data[o + 3] = 255;
    }
  }
  return PNG.sync.write(out, { colorType: 2, inputColorType: 6, inputHasAlpha: true });
}

const MULTIPLY = new WeakMap<PDFKit.PDFDocument, PDFKit.PDFKitReference>();

/** Sets the Multiply blend mode for what follows (until doc.restore()). One ExtGState per document. */
function multiply(doc: PDFKit.PDFDocument): void {
  let gs = MULTIPLY.get(doc);
  if (!gs) {
    gs = doc.ref({ Type: "ExtGState", BM: "Multiply" });
    gs.end(undefined);
    MULTIPLY.set(doc, gs);
  }
  // pdfkit has no blend-mode API; its own opacity code registers ExtGStates on the page the same way.
  (doc.page as unknown as { ext_gstates: Record<string, unknown> }).ext_gstates.GsInk = gs;
  doc.addContent("/GsInk gs");
}
