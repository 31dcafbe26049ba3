import fs from "node:fs";
import { createRequire } from "node:module";

/**
 * The CJK font every issued PDF embeds (subset: only the glyphs used). TTF, not WOFF: pdfkit's
 * WOFF path is slow and WOFF2 gave invisible glyphs (STACK.md). The ~10 MB files are read once per
 * process; pdfkit parses them lazily per document.
 */
export const FONT_REGULAR = "NotoSansSC";
export const FONT_BOLD = "NotoSansSC-Bold";

const FILES = {
  [FONT_REGULAR]: "@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf",
  [FONT_BOLD]: "@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf",
} as const;

let cache: Record<string, Buffer> | undefined;

function fontBytes(): Record<string, Buffer> {
  if (!cache) {
    const require = createRequire(import.meta.url);
    cache = Object.fromEntries(Object.entries(FILES).map(([name, spec]) => [name, fs.readFileSync(require.resolve(spec))]));
  }
  return cache;
}

/** Registers both weights on a document and selects the regular one. */
export function registerFonts(doc: PDFKit.PDFDocument): void {
  for (const [name, bytes] of Object.entries(fontBytes())) doc.registerFont(name, bytes);
  doc.font(FONT_REGULAR);
}
