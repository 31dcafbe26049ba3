import fs from "node:fs";
import { createRequire } from "node:module";
import * as fontkit from "fontkit";

/**
 * The CJK font every issued PDF embeds (subset: only the glyphs used). TTF, not WOFF: pdfkit's
 * WOFF path is slow and WOFF2 gave invisible glyphs (STACK.md).
 *
 * The ~10 MB files are read AND parsed once per process: handing pdfkit the parsed fontkit font
 * (which `registerFont` accepts) instead of the bytes saves re-parsing both fonts' tables for
 * every document — about half of a certificate's render time (bench/pdf.ts). Each document still
 * builds its own subset, so the output is byte-identical to parsing per document.
 */
export const FONT_REGULAR = "NotoSansSC";
export const FONT_BOLD = "NotoSansSC-Bold";

const FILES = {
  [FONT_REGULAR]: "@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf",
  [FONT_BOLD]: "@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf",
} as const;

let cache: Record<string, fontkit.Font> | undefined;

function parsedFonts(): Record<string, fontkit.Font> {
  if (!cache) {
    const require = createRequire(import.meta.url);
    cache = Object.fromEntries(
      Object.entries(FILES).map(([name, spec]) => [name, fontkit.create(fs.readFileSync(require.resolve(spec))) as fontkit.Font]),
    );
  }
  return cache;
}

/** Registers both weights on a document and selects the regular one. */
export function registerFonts(doc: PDFKit.PDFDocument): void {
  // pdfkit takes a parsed font (anything with a `layout` function) as well as bytes; its typings
  // only list the byte forms.
  for (const [name, font] of Object.entries(parsedFonts())) doc.registerFont(name, font as unknown as Buffer);
  doc.font(FONT_REGULAR);
}
