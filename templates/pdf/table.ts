import { COLORS, type PdfFrame } from "./base";

/**
 * A bordered table for issued documents: column widths as weights of the frame width, CJK text
 * wrapping, a header row repeated after every page break, optional grouped headers (one company
 * over its 单价/金额 columns), money right-aligned and shrunk rather than wrapped, a ★ marker and
 * row shading. A row taller than a page is cut with "…" instead of running off the page.
 */
export interface Column {
  header: string;
  /** Relative width: the weights are scaled to the frame width. */
  width: number;
  align?: "left" | "center" | "right";
  /** Consecutive columns with the same group share a header cell above their own. */
  group?: string;
  /** Keep on one line: shrink the font (down to 5.5 pt) instead of wrapping (figures, money). */
  nowrap?: boolean;
}

export interface CellSpec {
  text: string;
  /** Prints a ★ before the text (e.g. the lowest unit price of a line). */
  star?: boolean;
  bold?: boolean;
  color?: string;
  fill?: string;
  align?: "left" | "center" | "right";
  /** A second, smaller line under the text (e.g. a differing quantity). */
  note?: string;
  /** Merge this cell with the next span-1 columns (e.g. a company's total over 单价 + 金额). */
  span?: number;
}

export type Cell = string | CellSpec;

export interface Row {
  cells: Cell[];
  /** Background of the whole row (totals, spread). */
  fill?: string;
  bold?: boolean;
}

export interface TableSpec {
  columns: Column[];
  rows: Row[];
  fontSize?: number;
  /** false: a borderless-header grid (key/value blocks). */
  header?: boolean;
  /** Light shading on every other body row, for long matrices. */
  zebra?: boolean;
}

const PAD_X = 3;
const PAD_Y = 3;
const MIN_FIT_SIZE = 5.5;
const STAR = "★";

const spec = (cell: Cell | undefined): CellSpec => (typeof cell === "string" ? { text: cell } : (cell ?? { text: "" }));

export function drawTable(frame: PdfFrame, table: TableSpec): void {
  const { doc } = frame;
  const size = table.fontSize ?? 8.5;
  const total = table.columns.reduce((s, c) => s + c.width, 0);
  const widths = table.columns.map((c) => (c.width / total) * frame.width);
  const xs = widths.map((_, i) => frame.left + widths.slice(0, i).reduce((s, w) => s + w, 0));
  const maxRowHeight = (frame.bottom - frame.top) * 0.8;

  /** A row's cells laid out on the columns, spans merged. */
  const layout = (row: Row) => {
    const slots: { c: CellSpec; i: number; x: number; w: number }[] = [];
    let i = 0;
    for (const raw of row.cells) {
      if (i >= widths.length) break;
      const c = spec(raw);
      const span = Math.max(1, Math.min(c.span ?? 1, widths.length - i));
      slots.push({ c, i, x: xs[i], w: widths.slice(i, i + span).reduce((a, b) => a + b, 0) });
      i += span;
    }
    for (; i < widths.length; i++) slots.push({ c: { text: "" }, i, x: xs[i], w: widths[i] });
    return slots;
  };

  const cellHeight = (c: CellSpec, i: number, w: number, bold: boolean): number => {
    const col = table.columns[i];
    frame.font(bold || !!c.bold, size);
    const inner = w - 2 * PAD_X;
    const main = col.nowrap ? doc.currentLineHeight(true) : doc.heightOfString(withStar(c), { width: inner });
    frame.font(false, size - 1.5);
    const note = c.note ? doc.heightOfString(c.note, { width: inner }) : 0;
    return main + note + 2 * PAD_Y;
  };

  const drawCell = (c: CellSpec, i: number, x: number, w: number, y: number, height: number, bold: boolean, fill?: string) => {
    const col = table.columns[i];
    const inner = w - 2 * PAD_X;
    const background = c.fill ?? fill;
    if (background) doc.rect(x, y, w, height).fill(background);
    doc.rect(x, y, w, height).lineWidth(0.5).strokeColor(COLORS.rule).stroke();
    const align = c.align ?? col.align ?? "left";
    frame.font(bold || !!c.bold, size, c.color ?? COLORS.text);
    let mainHeight: number;
    if (col.nowrap) {
      drawFitted(frame, c, x + PAD_X, y + PAD_Y, inner, size, align);
      mainHeight = frame.font(false, size).currentLineHeight(true);
    } else {
      const text = fitHeight(frame, withStar(c), inner, height - 2 * PAD_Y);
      mainHeight = doc.heightOfString(text, { width: inner });
      doc.text(text, x + PAD_X, y + PAD_Y, { width: inner, align });
    }
    if (c.note) {
      frame.font(false, size - 1.5, COLORS.muted);
      doc.text(c.note, x + PAD_X, y + PAD_Y + mainHeight, { width: inner, align });
    }
  };

  const drawHeader = () => {
    if (table.header === false) return;
    const y = doc.y;
    const grouped = table.columns.some((c) => c.group);
    frame.font(true, size);
    const h2 = Math.max(...table.columns.map((c, i) => doc.heightOfString(c.header, { width: widths[i] - 2 * PAD_X }))) + 2 * PAD_Y;
    let h1 = 0;
    const spans: { group: string; from: number; to: number }[] = [];
    if (grouped) {
      table.columns.forEach((c, i) => {
        const last = spans[spans.length - 1];
        if (c.group && last && last.group === c.group && last.to === i - 1) last.to = i;
        else if (c.group) spans.push({ group: c.group, from: i, to: i });
      });
      h1 = Math.max(...spans.map((s) => doc.heightOfString(s.group, { width: spanWidth(s) - 2 * PAD_X }))) + 2 * PAD_Y;
    }
    function spanWidth(s: { from: number; to: number }) {
      return widths.slice(s.from, s.to + 1).reduce((a, b) => a + b, 0);
    }
    const box = (x: number, yy: number, w: number, h: number, text: string) => {
      doc.rect(x, yy, w, h).fillAndStroke(COLORS.header, COLORS.rule);
      frame.font(true, size);
      const th = doc.heightOfString(text, { width: w - 2 * PAD_X, align: "center" });
      doc.text(text, x + PAD_X, yy + (h - th) / 2, { width: w - 2 * PAD_X, align: "center" });
    };
    doc.lineWidth(0.5);
    for (const s of spans) box(xs[s.from], y, spanWidth(s), h1, s.group);
    table.columns.forEach((c, i) => {
      if (c.group) box(xs[i], y + h1, widths[i], h2, c.header);
      else box(xs[i], y, widths[i], h1 + h2, c.header);
    });
    doc.x = frame.left;
    doc.y = y + h1 + h2;
  };

  // The header plus one row must fit, or the table starts on the next page.
  frame.ensureSpace(3 * (size * 1.4 + 2 * PAD_Y));
  drawHeader();
  table.rows.forEach((row, r) => {
    const slots = layout(row);
    const bold = !!row.bold;
    const height = Math.min(maxRowHeight, Math.max(...slots.map((s) => cellHeight(s.c, s.i, s.w, bold))));
    if (frame.ensureSpace(height)) drawHeader();
    const y = doc.y;
    const fill = row.fill ?? (table.zebra && r % 2 === 1 ? "#f7f7f7" : undefined);
    for (const s of slots) drawCell(s.c, s.i, s.x, s.w, y, height, bold, fill);
    doc.x = frame.left;
    doc.y = y + height;
  });
  doc.y += 4;
}

function withStar(c: CellSpec): string {
  return c.star ? `${STAR}${c.text}` : c.text;
}

/** One line, shrunk to fit; the ★ is drawn in the accent colour just before the text. */
function drawFitted(frame: PdfFrame, c: CellSpec, x: number, y: number, width: number, size: number, align: "left" | "center" | "right") {
  const { doc } = frame;
  let fontSize = size;
  const full = withStar(c);
  while (fontSize > MIN_FIT_SIZE && doc.fontSize(fontSize).widthOfString(full) > width) fontSize -= 0.5;
  doc.fontSize(fontSize);
  const textWidth = doc.widthOfString(c.text);
  const starWidth = c.star ? doc.widthOfString(STAR) : 0;
  const used = Math.min(width, textWidth + starWidth);
  const start = align === "right" ? x + width - used : align === "center" ? x + (width - used) / 2 : x;
  const baseline = y + (size - fontSize) / 2;
  if (c.star) {
    const color = c.color;
    doc.fillColor(COLORS.accent).text(STAR, start, baseline, { lineBreak: false });
    doc.fillColor(color ?? COLORS.text);
  }
  doc.text(c.text, start + starWidth, baseline, { width: Math.max(1, width - starWidth), lineBreak: false, ellipsis: "…" });
}

/** Cuts text with "…" so it fits `height` (only for pathological, page-long cells). */
function fitHeight(frame: PdfFrame, text: string, width: number, height: number): string {
  const { doc } = frame;
  if (doc.heightOfString(text, { width }) <= height + 0.5) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (doc.heightOfString(`${text.slice(0, mid)}…`, { width }) <= height + 0.5) lo = mid;
    else hi = mid - 1;
  }
  return `${text.slice(0, lo)}…`;
}
