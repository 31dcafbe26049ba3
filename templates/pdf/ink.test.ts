import PDFDocument from "pdfkit";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { png } from "../../test/support/png";
import { drawInk, printableInk } from "./ink";

// A phone-canvas-sized signature: a black stroke on a transparent background, with one
// half-transparent pixel block to check the flattening.
const signature = png(1200, 400, (x, y) => {
  if (x < 4 && y < 4) return [0, 0, 0, 128];
  return Math.abs(y - 200 - 80 * Math.sin(x / 60)) < 6 ? [10, 20, 90, 255] : [0, 0, 0, 0];
});

function pdfWith(image: Buffer): Promise<string> {
  const doc = new PDFDocument({ compress: false, size: "A4" });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  drawInk(doc, image, 50, 50, { fit: [110, 32] });
  doc.end();
  return new Promise((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks).toString("latin1"))));
}

describe("signature and seal ink on PDFs", () => {
  it("scales a canvas signature to 3 px per point of its box and flattens it onto white", () => {
    const out = PNG.sync.read(printableInk(signature, [110, 32]));
    expect(out.width).toBeLessThanOrEqual(330);
    expect(out.height).toBe(96); // 400 px → 32 pt × 3
    expect(out.width).toBe(288); // aspect kept
    const at = (x: number, y: number) => Array.from(out.data.subarray((y * out.width + x) * 4, (y * out.width + x) * 4 + 4));
    expect(at(out.width - 1, 0)).toEqual([255, 255, 255, 255]); // transparent → white
    const corner = at(0, 0)[0]; // the half-transparent black block, averaged with its white neighbours
    expect(corner).toBeGreaterThan(100);
    expect(corner).toBeLessThan(255);
    // The stroke is still there and dark.
    const darkest = Math.min(...Array.from({ length: out.height }, (_, y) => at(144, y)[0]));
    expect(darkest).toBeLessThan(80);
  });

  it("prepares each image once per process", () => {
    expect(printableInk(signature, [110, 32])).toBe(printableInk(signature, [110, 32]));
    expect(printableInk(signature, [120, 40])).not.toBe(printableInk(signature, [110, 32]));
  });

  it("passes JPEGs (scanned seals, no alpha) through unchanged", () => {
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1]);
    expect(printableInk(jpeg, [72, 72])).toBe(jpeg);
  });

  it("embeds an opaque image drawn with the Multiply blend mode, so a seal never hides the text under it", async () => {
    const pdf = await pdfWith(signature);
    expect(pdf).toContain("/BM /Multiply");
    expect(pdf).toContain("/GsInk gs");
    expect(pdf).not.toContain("/SMask"); // no alpha channel left for pdfkit to decode per render
  });

  it("throws on an unreadable image, so the templates fall back to the typed name", () => {
    const broken = Buffer.concat([signature.subarray(0, 40), Buffer.alloc(20)]);
    expect(() => drawInk(new PDFDocument(), broken, 0, 0, { fit: [110, 32] })).toThrow();
  });
});
