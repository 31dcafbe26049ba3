// Use case: quote lines from a vendor's .xlsx or .csv. The file is all-or-nothing: any bad row is
// reported with its sheet row number and nothing is kept, so a half-imported list never exists.
import ExcelJS from "exceljs";
import { checkLine, encodeMessage, LINE_FIELDS, MAX_QUOTE_LINES, type LineField, type QuoteLineInput } from "./quote-fields";

export interface RowError {
  /** 1-based row number as the spreadsheet shows it. */
  row: number;
  field?: LineField;
  /** A message key, possibly with parameters (see encodeMessage). */
  message: string;
}

export type ImportResult = { lines: QuoteLineInput[]; raw: Record<LineField, string>[] } | { rowErrors: RowError[] };

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const REQUIRED: LineField[] = ["item", "unit", "quantity", "unitPrice"];
/** Chinese names as on the page, for the message naming the columns expected. */
export const COLUMN_NAMES: Record<LineField, string> = { item: "项目", spec: "规格", unit: "单位", quantity: "数量", unitPrice: "单价", amount: "金额" };

/** Header text → column. Order matters: 单价/unit price before 单位/unit, 金额 before 项目. */
function headerField(cell: string): LineField | null {
  const h = cell.toLowerCase().replace(/[\s_（）()¥￥:：元*]/g, "");
  if (!h) return null;
  if (h.includes("单价") || h.includes("unitprice") || h === "price") return "unitPrice";
  if (h.includes("金额") || h.includes("合价") || h.includes("amount") || h === "total") return "amount";
  if (h.includes("数量") || h.includes("quantity") || h === "qty") return "quantity";
  if (h.includes("单位") || h === "unit" || h === "uom") return "unit";
  if (h.includes("规格") || h.includes("型号") || h.startsWith("spec") || h === "model") return "spec";
  if (h.includes("项目") || h.includes("名称") || h === "item" || h === "name" || h === "description") return "item";
  return null;
}

type Cell = { text: string; formula: boolean };
type Row = { number: number; cells: Cell[] };

export async function importQuoteLines(bytes: Buffer | Uint8Array, mime: string): Promise<ImportResult> {
  let rows: Row[];
  try {
    rows = mime === XLSX ? await readXlsx(bytes) : readCsv(bytes);
  } catch {
    return { rowErrors: [{ row: 1, message: "bidding.import.unreadable" }] };
  }
  const headerAt = rows.slice(0, 10).findIndex((r) => r.cells.filter((c) => headerField(c.text)).length >= 3);
  const columns = new Map<LineField, number>();
  if (headerAt >= 0) rows[headerAt].cells.forEach((c, i) => {
    const f = headerField(c.text);
    if (f && !columns.has(f)) columns.set(f, i);
  });
  const missing = REQUIRED.filter((f) => !columns.has(f));
  if (headerAt < 0 || missing.length) {
    return { rowErrors: [{ row: headerAt >= 0 ? rows[headerAt].number : 1, message: encodeMessage("bidding.import.badHeader", { missing: (missing.length ? missing : REQUIRED).map((f) => COLUMN_NAMES[f]).join("、") }) }] };
  }
  const rowErrors: RowError[] = [];
  const lines: QuoteLineInput[] = [];
  const raw: Record<LineField, string>[] = [];
  for (const row of rows.slice(headerAt + 1)) {
    const at = (f: LineField) => (columns.has(f) ? row.cells[columns.get(f)!] : undefined);
    const used = LINE_FIELDS.map(at).filter((c): c is Cell => Boolean(c));
    if (used.every((c) => c.text.trim() === "" && !c.formula)) continue;
    const formulaField = LINE_FIELDS.find((f) => at(f)?.formula);
    if (formulaField) {
      rowErrors.push({ row: row.number, field: formulaField, message: "bidding.import.formula" });
      continue;
    }
    const values = Object.fromEntries(LINE_FIELDS.map((f) => [f, at(f)?.text.trim() ?? ""])) as Record<LineField, string>;
    const checked = checkLine(values);
    for (const [f, e] of Object.entries(checked.errors)) rowErrors.push({ row: row.number, field: f as LineField, message: e });
    if (checked.line) {
      lines.push(checked.line);
      raw.push(values);
    }
  }
  if (rowErrors.length) return { rowErrors };
  if (lines.length === 0) return { rowErrors: [{ row: rows[headerAt].number, message: "bidding.import.noLines" }] };
  if (lines.length > MAX_QUOTE_LINES) return { rowErrors: [{ row: rows[headerAt].number, message: "bidding.quote.tooManyLines" }] };
  return { lines, raw };
}

/** Plain text of a cell; numbers as JavaScript prints them (820.5), formulas flagged. */
function cellOf(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return { text: "", formula: false };
  if (typeof value === "number") return { text: String(value), formula: false };
  if (typeof value === "string") return { text: value, formula: false };
  if (typeof value === "boolean") return { text: String(value), formula: false };
  if (value instanceof Date) return { text: value.toISOString().slice(0, 10), formula: false };
  if (typeof value === "object") {
    if ("formula" in value || "sharedFormula" in value) return { text: "", formula: true };
    if ("richText" in value) return { text: value.richText.map((r) => r.text).join(""), formula: false };
    if ("text" in value) return { text: String(value.text), formula: false };
    if ("error" in value) return { text: String(value.error), formula: false };
  }
  return { text: String(value), formula: false };
}

async function readXlsx(bytes: Buffer | Uint8Array): Promise<Row[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const rows: Row[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    if (rows.length > MAX_QUOTE_LINES + 20) return;
    const cells: Cell[] = [];
    for (let c = 1; c <= Math.min(row.cellCount, 30); c++) cells.push(cellOf(row.getCell(c).value));
    rows.push({ number, cells });
  });
  return rows;
}

/** RFC 4180: comma separated, "quoted" fields with "" escapes and line breaks, optional BOM. */
export function readCsv(bytes: Buffer | Uint8Array): Row[] {
  const text = new TextDecoder("utf-8").decode(bytes).replace(/^\uFEFF/, "");
  const rows: Row[] = [];
  let field = "";
  let fields: Cell[] = [];
  let quoted = false;
  let line = 1;
  let rowStart = 1;
  const endField = (wasQuoted: boolean) => {
    // CSV has no formulas, but a cell starting with "=" is one pasted from Excel: refuse it alike.
    void wasQuoted;
    fields.push({ text: field, formula: /^=/.test(field.trim()) });
    field = "";
  };
  let fieldQuoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else {
        if (ch === "\n") line++;
        field += ch;
      }
    } else if (ch === '"' && field === "") (quoted = true), (fieldQuoted = true);
    else if (ch === ",") endField(fieldQuoted), (fieldQuoted = false);
    else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      endField(fieldQuoted);
      fieldQuoted = false;
      if (fields.some((f) => f.text !== "")) rows.push({ number: rowStart, cells: fields });
      fields = [];
      line++;
      rowStart = line;
    } else field += ch;
    if (rows.length > MAX_QUOTE_LINES + 20) break;
  }
  if (field !== "" || fields.length) {
    endField(fieldQuoted);
    if (fields.some((f) => f.text !== "")) rows.push({ number: rowStart, cells: fields });
  }
  return rows;
}
