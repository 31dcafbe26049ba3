// Shared pieces of the HTML twins of the PDF templates: the page CSS with @font-face on the SAME
// Noto Sans SC TTF files pdfkit embeds, the header, the footer (page x of y via Chromium's
// footerTemplate) and small table helpers. Meant to be what a team printing HTML would write.
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import QRCode from "qrcode";
import type { Meta } from "../pdf-fixtures";

const require = createRequire(import.meta.url);
// Same files as templates/pdf/fonts.ts.
export const FONT_FILES = {
  regular: require.resolve("@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf"),
  bold: require.resolve("@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf"),
};

export const esc = (s: string | number | null | undefined): string =>
  String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export const dataUrl = (png: Buffer): string => `data:image/png;base64,${png.toString("base64")}`;

/** The verification QR as inline SVG (vector, like base.ts draws it). */
export async function qrSvg(url: string, px = 62): Promise<string> {
  const svg = await QRCode.toString(url, { type: "svg", errorCorrectionLevel: "M", margin: 1 });
  return svg.replace("<svg ", `<svg width="${px}" height="${px}" `);
}

const CSS = `
@font-face { font-family: "NotoSansSC"; font-weight: 400; src: url("${pathToFileURL(FONT_FILES.regular).href}") format("truetype"); }
@font-face { font-family: "NotoSansSC"; font-weight: 700; src: url("${pathToFileURL(FONT_FILES.bold).href}") format("truetype"); }
@page { size: A4; margin: 36pt 36pt 94pt 36pt; }
* { box-sizing: border-box; }
body { font-family: "NotoSansSC", sans-serif; font-size: 9pt; color: #111; margin: 0; }
.company { text-align: center; font-weight: 700; font-size: 13pt; color: #555; }
h1 { text-align: center; font-size: 18pt; margin: 2pt 0 6pt; }
.meta { display: flex; justify-content: space-between; color: #555; border-bottom: 1.2pt solid #333; padding-bottom: 4pt; margin-bottom: 8pt; }
h2 { font-size: 10.5pt; margin: 10pt 0 5pt; padding-left: 8pt; border-left: 3pt solid #333; break-after: avoid; }
table { width: 100%; border-collapse: collapse; margin-bottom: 4pt; font-size: 8.5pt; }
th, td { border: 0.5pt solid #333; padding: 3pt; vertical-align: top; }
th { background: #dde3ea; font-weight: 700; text-align: center; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
td.k { background: #eee; font-weight: 700; }
.c { text-align: center; } .r { text-align: right; } .nw { white-space: nowrap; }
.bad { color: #c2410c; font-weight: 700; }
.muted { color: #555; }
.total td { background: #f4f6f8; font-weight: 700; }
.page-break { break-before: page; }
`;

/** A whole HTML document: our CSS, the first-page header, then the body. */
export function page(title: string, meta: Meta, body: string, extraCss = ""): string {
  const created = meta.createdAt.toISOString().slice(0, 16).replace("T", " ");
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(title)} ${esc(meta.number)}</title><style>${CSS}${extraCss}</style></head><body>
<div class="company">${esc(meta.companyName)}</div><h1>${esc(title)}</h1>
<div class="meta"><span>编号：${esc(meta.number)}</span><span>版本：V${meta.version}　出具时间：${created}</span></div>
${body}</body></html>`;
}

/** Chromium's footer on every page: QR, short code, verify URL, number and 第 x 页 / 共 y 页. */
export async function footerTemplate(meta: Meta): Promise<string> {
  return `<div style="width:100%;margin:0 36pt;border-top:0.6pt solid #999;padding-top:4pt;display:flex;align-items:center;font-size:8pt;font-family:'Noto Sans CJK SC',sans-serif;-webkit-print-color-adjust:exact">
${await qrSvg(meta.verifyUrl, 46)}
<div style="flex:1;margin-left:8pt"><div style="font-weight:700;font-size:9pt">验证码：${esc(meta.shortCode)}</div>
<div style="color:#555">扫码或访问 ${esc(meta.verifyUrl)} 验证真伪</div><div style="color:#999;font-size:7.5pt">${esc(meta.number)} · V${meta.version}</div></div>
<div style="font-size:9pt">第 <span class="pageNumber"></span> 页 / 共 <span class="totalPages"></span> 页</div></div>`;
}

export const headerTemplate = (title: string, meta: Meta) =>
  `<div style="width:100%;margin:0 36pt;font-size:8.5pt;color:#555;font-family:'Noto Sans CJK SC',sans-serif">${esc(meta.companyName)}　${esc(title)}　编号：${esc(meta.number)}</div>`;

/** A table from header labels and rows of cell HTML (already escaped). */
export function table(headers: (string | [string, string])[], rows: string[][], cls: string[] = []): string {
  const th = headers.map((h) => (Array.isArray(h) ? `<th style="width:${h[1]}">${esc(h[0])}</th>` : `<th>${esc(h)}</th>`)).join("");
  const body = rows.map((r) => `<tr>${r.map((c, i) => (c.startsWith("<td") ? c : `<td class="${cls[i] ?? ""}">${c}</td>`)).join("")}</tr>`).join("");
  return `<table><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table>`;
}

/** A key/value grid like keyValueTable: shaded labels, pairs side by side. */
export function kvTable(rows: [string, string, string?, string?][]): string {
  return `<table><colgroup><col style="width:16%"><col style="width:34%"><col style="width:16%"><col style="width:34%"></colgroup><tbody>${rows
    .map(([k1, v1, k2, v2]) => (k2 === undefined ? `<tr><td class="k">${esc(k1)}</td><td colspan="3">${esc(v1)}</td></tr>` : `<tr><td class="k">${esc(k1)}</td><td>${esc(v1)}</td><td class="k">${esc(k2)}</td><td>${esc(v2)}</td></tr>`))
    .join("")}</tbody></table>`;
}
