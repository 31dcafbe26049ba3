import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

/** poppler-utils (pdftotext, pdffonts, pdftoppm) on a PDF held in memory. */
const run = promisify(execFile);

async function withFile<T>(pdf: Buffer, use: (file: string, dir: string) => Promise<T>): Promise<T> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "pdf-"));
  try {
    const file = path.join(dir, "doc.pdf");
    await fs.writeFile(file, pdf);
    return await use(file, dir);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** The text of the PDF; `layout` keeps columns side by side (like reading the printout). */
export function pdfText(pdf: Buffer, { layout = false } = {}): Promise<string> {
  return withFile(pdf, async (file) => (await run("pdftotext", [...(layout ? ["-layout"] : []), "-enc", "UTF-8", file, "-"], { maxBuffer: 32 << 20 })).stdout);
}

export interface PdfFont {
  name: string;
  type: string;
  embedded: boolean;
  subset: boolean;
}

export function pdfFonts(pdf: Buffer): Promise<PdfFont[]> {
  return withFile(pdf, async (file) => {
    const { stdout } = await run("pdffonts", [file]);
    return stdout
      .split("\n")
      .slice(2)
      .filter(Boolean)
      .map((line) => {
        const cols = line.trim().split(/\s+/);
        // name type... encoding emb sub uni object ID: read the yes/no flags from the end.
        const [emb, sub] = cols.slice(-5, -3);
        return { name: cols[0], type: cols.slice(1, -6).join(" "), embedded: emb === "yes", subset: sub === "yes" };
      });
  });
}

export function pdfPageCount(pdf: Buffer): Promise<number> {
  return withFile(pdf, async (file) => Number(/Pages:\s+(\d+)/.exec((await run("pdfinfo", [file])).stdout)?.[1] ?? 0));
}

/** Renders one page to a PNG at `out` (for eyeballing layouts; tests only check it exists). */
export function pdfPageToPng(pdf: Buffer, out: string, { page = 1, dpi = 80 } = {}): Promise<string> {
  return withFile(pdf, async (file) => {
    const prefix = out.replace(/\.png$/, "");
    await run("pdftoppm", ["-png", "-r", String(dpi), "-f", String(page), "-l", String(page), "-singlefile", file, prefix]);
    return `${prefix}.png`;
  });
}
