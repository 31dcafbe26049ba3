import fs from "node:fs";
import { createRequire } from "node:module";
import PDFDocument from "pdfkit";
import { describe, expect, it } from "vitest";
import { FONT_BOLD, FONT_REGULAR, registerFonts } from "./fonts";

const TEXT = "竣工验收单 广州天河喆堃置业有限公司 风管连接严密、无漏风 合格 ±10% 2026-11-20 Installation (m³/h)";

function render(register: (doc: PDFKit.PDFDocument) => void): Promise<Buffer> {
  const doc = new PDFDocument({ size: "A4", info: { CreationDate: new Date(0) } });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  register(doc);
  doc.fontSize(11).text(TEXT, { width: 400 });
  doc.font(FONT_BOLD).text(TEXT.slice(0, 20));
  doc.font(FONT_REGULAR).text(TEXT, { width: 200 });
  doc.end();
  return new Promise((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));
}

/** What pdfkit does without our caches: parse the font files for this document alone. */
function registerFromBytes(doc: PDFKit.PDFDocument) {
  const require = createRequire(import.meta.url);
  doc.registerFont(FONT_REGULAR, fs.readFileSync(require.resolve("@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf")));
  doc.registerFont(FONT_BOLD, fs.readFileSync(require.resolve("@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf")));
  doc.font(FONT_REGULAR);
}

describe("fonts parsed and shaped once per process", () => {
  it("draws byte-for-byte what pdfkit draws from the font files, cold and warm", async () => {
    const reference = await render(registerFromBytes);
    const cold = await render(registerFonts);
    const warm = await render(registerFonts); // every run now comes from the shaping cache
    expect(cold.equals(reference)).toBe(true);
    expect(warm.equals(reference)).toBe(true);
  });
});
