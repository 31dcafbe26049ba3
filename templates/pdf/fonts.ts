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
      Object.entries(FILES).map(([name, spec]) => [name, withLayoutCache(fontkit.create(fs.readFileSync(require.resolve(spec))) as fontkit.Font)]),
    );
  }
  return cache;
}

// Labels and headings repeat; free text does not: a bound keeps the cache to a few MB.
const MAX_CACHED_RUNS = 5_000;

/**
 * Shaping a CJK string (fontkit's GSUB/GPOS pass) is the bulk of a document's text time, and the
 * same labels, headings and party names are shaped in every document. pdfkit caches runs per
 * document only; this caches them per process. pdfkit scales a run's positions in place, so each
 * caller gets its own copy of the positions (the glyph objects are shared and never changed).
 * Runs with explicit OpenType features are not cached.
 */
function withLayoutCache(font: fontkit.Font): fontkit.Font {
  const runs = new Map<string, fontkit.GlyphRun>();
  const layout = font.layout.bind(font);
  const cached = (text: string, features?: unknown) => {
    if (features !== undefined) return layout(text, features as never);
    let run = runs.get(text);
    if (!run) {
      if (runs.size >= MAX_CACHED_RUNS) runs.clear();
      run = layout(text);
      runs.set(text, run);
    }
    return copyRun(run);
  };
  Object.defineProperty(font, "layout", { value: cached });
  return font;
}

function copyRun(run: fontkit.GlyphRun): fontkit.GlyphRun {
  const copy = Object.create(Object.getPrototypeOf(run)) as fontkit.GlyphRun;
  Object.assign(copy, run);
  copy.glyphs = run.glyphs.slice();
  copy.positions = run.positions.map((p) => Object.assign(Object.create(Object.getPrototypeOf(p)), p));
  return copy;
}

/** Registers both weights on a document and selects the regular one. */
export function registerFonts(doc: PDFKit.PDFDocument): void {
  // pdfkit takes a parsed font (anything with a `layout` function) as well as bytes; its typings
  // only list the byte forms.
  for (const [name, font] of Object.entries(parsedFonts())) doc.registerFont(name, font as unknown as Buffer);
  doc.font(FONT_REGULAR);
}
