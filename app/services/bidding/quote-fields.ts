// The zod-free half of the quote input: constants, one line's check, message encoding, the form's
// row helpers and the values drawn from a stored revision. Plain module without zod or server
// imports: the quote form and history components ship it to the browser. The header schema and the
// whole-quote validation are in quote-input.ts.
import { fenToInput, formatFen, parseAmountToFen } from "~/lib/money";
import { formatQuantity, lineAmountFen, parseQuantity } from "~/lib/quote-math";

export const CONTRACTING_METHODS = ["包工包料", "包工不包料", "清包工", "其他"] as const;
export const OTHER_METHOD = "其他";
export const MAX_QUOTE_LINES = 200;
export const LINE_FIELDS = ["item", "spec", "unit", "quantity", "unitPrice", "amount"] as const;
export type LineField = (typeof LINE_FIELDS)[number];
/** There is no column for "drawings confirmed": it is kept as a marker at the start of the scope text. */
export const DRAWINGS_MARK = "〔施工图纸已确认〕";
/** The largest amount a quote line or total may reach, in fen (¥ 999,999,999,999.99). */
export const MAX_FEN = 999_999_999_999_99;

export interface QuoteLineInput {
  item: string;
  spec: string;
  unit: string;
  /** Normalised decimal text for the numeric(14,3) column, e.g. "820.5". */
  quantity: string;
  quantityMilli: number;
  unitPriceFen: number;
  amountFen: number;
}

/** A message key with parameters, carried in a FieldErrors string: `key|{"expected":"¥1.00"}`. */
export function encodeMessage(key: string, params?: Record<string, string | number>): string {
  return params ? `${key}|${JSON.stringify(params)}` : key;
}
export function decodeMessage(encoded: string): { key: string; params?: Record<string, string | number> } {
  const i = encoded.indexOf("|");
  if (i < 0) return { key: encoded };
  try {
    return { key: encoded.slice(0, i), params: JSON.parse(encoded.slice(i + 1)) };
  } catch {
    return { key: encoded.slice(0, i) };
  }
}
export function messageText(t: (key: string, params?: Record<string, string | number>) => string, encoded: string): string {
  const { key, params } = decodeMessage(encoded);
  return t(key, params);
}

/** "第 3 行：数量必须大于 0"; a message that does not name its field gets the column name first. */
export function rowErrorText(t: (key: string, params?: Record<string, string | number>) => string, r: { row: number; field?: string; message: string }): string {
  const text = messageText(t, r.message);
  const label = r.field ? t(`bidding.quote.line.${r.field === "amount" ? "amountShort" : r.field}`).replace(/[（(].*$/, "") : "";
  return t("bidding.import.rowError", { row: r.row, message: label && !text.startsWith(label) && !(r.field === "quantity" && text.includes(label)) ? `${label}：${text}` : text });
}

function quantityError(raw: string): string | null {
  const s = raw.replace(/[,，\s]/g, "");
  if (s === "") return "form.required";
  if (!/^[-+]?\d+(\.\d+)?$/.test(s)) return "bidding.quote.quantityInvalid";
  if (s.startsWith("-") || Number(s) === 0) return "bidding.quote.quantityPositive";
  const [whole, frac = ""] = s.replace(/^\+/, "").split(".");
  if (frac.length > 3) return "bidding.quote.quantityDecimals";
  if (whole.replace(/^0+/, "").length > 9) return "bidding.quote.quantityTooLarge";
  return null;
}

function text(raw: unknown, max: number, required: boolean): { value: string; error?: string } {
  const value = typeof raw === "string" ? raw.trim() : "";
  if (required && value === "") return { value, error: "form.required" };
  if (value.length > max) return { value, error: "form.tooLong" };
  return { value };
}

/** One line's raw strings → an exact line, or a message per field. Shared with the import. */
export function checkLine(raw: Partial<Record<LineField, unknown>>): { line?: QuoteLineInput; errors: Partial<Record<LineField, string>> } {
  const errors: Partial<Record<LineField, string>> = {};
  const item = text(raw.item, 200, true);
  const spec = text(raw.spec, 200, false);
  const unit = text(raw.unit, 20, true);
  for (const [f, r] of [["item", item], ["spec", spec], ["unit", unit]] as const) if (r.error) errors[f] = r.error;
  const quantityRaw = typeof raw.quantity === "string" ? raw.quantity : "";
  const qErr = quantityError(quantityRaw);
  if (qErr) errors.quantity = qErr;
  const price = parseAmountToFen(typeof raw.unitPrice === "string" ? raw.unitPrice : "");
  if (!price.ok) errors.unitPrice = price.error;
  let computed: number | null = null;
  if (!qErr && price.ok) {
    const s = quantityRaw.replace(/[,，\s+]/g, "");
    const [whole, frac = ""] = s.split(".");
    const milli = Number(whole) * 1000 + Number(frac.padEnd(3, "0"));
    try {
      computed = lineAmountFen(milli, price.fen);
      if (computed > MAX_FEN) throw new RangeError("too large");
    } catch {
      errors.amount = "form.amountTooLarge";
      computed = null;
    }
    const amountRaw = typeof raw.amount === "string" ? raw.amount.trim() : "";
    if (computed !== null && amountRaw !== "") {
      const typed = parseAmountToFen(amountRaw);
      if (!typed.ok) errors.amount = typed.error;
      else if (typed.fen !== computed) errors.amount = encodeMessage("bidding.quote.amountMismatch", { expected: formatFen(computed) });
    }
    if (Object.keys(errors).length === 0 && computed !== null) {
      return { errors, line: { item: item.value, spec: spec.value, unit: unit.value, quantity: formatQuantity(milli), quantityMilli: milli, unitPriceFen: price.fen, amountFen: computed } };
    }
  } else if (typeof raw.amount === "string" && raw.amount.trim() !== "") {
    const typed = parseAmountToFen(raw.amount);
    if (!typed.ok) errors.amount = typed.error;
  }
  return { errors };
}

/** The stored scope text: the marker first when the drawings were confirmed. */
export function storedScope(input: { scope: string; drawingsConfirmed: boolean }): string {
  return input.drawingsConfirmed ? `${DRAWINGS_MARK}${input.scope}` : input.scope;
}
export function splitScope(stored: string): { scope: string; drawingsConfirmed: boolean } {
  return stored.startsWith(DRAWINGS_MARK) ? { scope: stored.slice(DRAWINGS_MARK.length), drawingsConfirmed: true } : { scope: stored, drawingsConfirmed: false };
}

const LINE_RE = /^lines\[(\d+)\]\.(item|spec|unit|quantity|unitPrice|amount)$/;

/** Drops blank rows and renumbers the rest, so error paths match the rows as redrawn. */
export function normaliseQuoteForm(formData: FormData, removeLine?: number): FormData {
  const rows = new Map<number, Record<string, string>>();
  const out = new FormData();
  for (const [key, value] of formData.entries()) {
    if (typeof value !== "string") continue;
    const m = LINE_RE.exec(key);
    if (!m) {
      out.append(key, value);
      continue;
    }
    if (Number(m[1]) > 10_000) continue;
    const row = rows.get(Number(m[1])) ?? {};
    row[m[2]] = value;
    rows.set(Number(m[1]), row);
  }
  [...rows.entries()]
    .sort((a, b) => a[0] - b[0])
    .filter(([i, row]) => i !== removeLine && Object.values(row).some((v) => v.trim() !== ""))
    .forEach(([, row], i) => LINE_FIELDS.forEach((f) => out.append(`lines[${i}].${f}`, row[f] ?? "")));
  return out;
}

export function lineRowCount(values: Record<string, string>): number {
  let max = -1;
  for (const key of Object.keys(values)) {
    const m = LINE_RE.exec(key);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return max + 1;
}

/** Form values drawn from a stored revision (for "议价后录入新版本" and the vendor's revision). */
export function quoteToValues(q: {
  revision: number;
  contractingMethod: string;
  scope: string;
  durationDays: number | null;
  requirements: string;
  paymentTerms: string;
  maintenanceTerms: string;
  validUntil: string;
  lines: { item: string; spec: string; unit: string; quantity: string; unitPriceFen: number; amountFen: number }[];
}): Record<string, string> {
  const known = (CONTRACTING_METHODS as readonly string[]).includes(q.contractingMethod) && q.contractingMethod !== OTHER_METHOD;
  const { scope, drawingsConfirmed } = splitScope(q.scope);
  const values: Record<string, string> = {
    contractingMethod: known ? q.contractingMethod : q.contractingMethod ? OTHER_METHOD : "",
    contractingMethodOther: known ? "" : q.contractingMethod,
    scope,
    drawingsConfirmed: drawingsConfirmed ? "on" : "",
    durationDays: q.durationDays === null ? "" : String(q.durationDays),
    requirements: q.requirements,
    paymentTerms: q.paymentTerms,
    maintenanceTerms: q.maintenanceTerms,
    validUntil: q.validUntil,
    basedOnRevision: String(q.revision),
  };
  q.lines.forEach((l, i) => {
    values[`lines[${i}].item`] = l.item;
    values[`lines[${i}].spec`] = l.spec;
    values[`lines[${i}].unit`] = l.unit;
    values[`lines[${i}].quantity`] = formatQuantity(parseQuantity(l.quantity) ?? 0);
    values[`lines[${i}].unitPrice`] = fenToInput(l.unitPriceFen);
    values[`lines[${i}].amount`] = "";
  });
  return values;
}
