// The one quote schema shared by the pm's page, the vendor's link page, the import and the API:
// raw strings in, exact integers out (quantities in thousandths, money in fen), messages as keys.
// The constants and helpers the quote form component also uses are in quote-fields.ts (no zod).
import { z } from "zod";
import { compareDates, isValidDate } from "~/lib/calendar";
import { formDataToObject, type FieldErrors } from "~/lib/forms";
import { checkLine, DRAWINGS_MARK, LINE_FIELDS, lineRowCount, MAX_FEN, MAX_QUOTE_LINES, normaliseQuoteForm, OTHER_METHOD, type LineField, type QuoteLineInput } from "./quote-fields";

export interface QuoteInput {
  contractingMethod: string;
  scope: string;
  drawingsConfirmed: boolean;
  durationDays: number | null;
  requirements: string;
  paymentTerms: string;
  maintenanceTerms: string;
  validUntil: string;
  lines: QuoteLineInput[];
  /** Computed here from the lines; a total typed into a form is never read. */
  totalFen: number;
  /** The revision the form was drawn from (0 = none yet); null when the caller did not say. */
  basedOnRevision: number | null;
}

const header = z.object({
  contractingMethod: z.string({ required_error: "form.required" }).trim().min(1, "form.required").max(100, "form.tooLong"),
  contractingMethodOther: z.string().trim().max(100, "form.tooLong").optional().default(""),
  scope: z.string().trim().max(4000, "form.tooLong").optional().default(""),
  drawingsConfirmed: z.string().optional().default(""),
  durationDays: z
    .string()
    .trim()
    .optional()
    .default("")
    .refine((s) => s === "" || (/^\d{1,4}$/.test(s) && Number(s) >= 1 && Number(s) <= 3650), "bidding.quote.durationInvalid"),
  requirements: z.string().trim().max(4000, "form.tooLong").optional().default(""),
  paymentTerms: z.string().trim().max(2000, "form.tooLong").optional().default(""),
  maintenanceTerms: z.string().trim().max(2000, "form.tooLong").optional().default(""),
  validUntil: z.string({ required_error: "form.required" }).trim().min(1, "form.required").refine((s) => isValidDate(s), "form.invalidDate"),
  basedOnRevision: z.string().trim().optional().default(""),
});

/**
 * Validates a quote given as a nested object (from a form or JSON). Every field is checked, so a
 * refused form shows all its messages at once. `today` is the Shanghai date the validity must reach.
 */
export function validateQuote(object: Record<string, unknown>, today: string): { ok: true; data: QuoteInput } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const parsed = header.safeParse(object);
  if (!parsed.success) for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message.includes(".") ? issue.message : "form.required";
  const h = parsed.success ? parsed.data : null;
  let method = h?.contractingMethod ?? "";
  if (h && method === OTHER_METHOD) {
    if (!h.contractingMethodOther) errors.contractingMethodOther = "form.required";
    method = h.contractingMethodOther;
  }
  if (h && !errors.validUntil && compareDates(h.validUntil, today) < 0) errors.validUntil = "bidding.quote.validUntilPast";
  if (h && h.basedOnRevision !== "" && !/^\d{1,6}$/.test(h.basedOnRevision)) errors.basedOnRevision = "form.invalidInteger";

  const rawLines = Array.isArray(object.lines) ? (object.lines as unknown[]) : [];
  const lines: QuoteLineInput[] = [];
  if (rawLines.length === 0) errors.lines = "bidding.quote.linesRequired";
  if (rawLines.length > MAX_QUOTE_LINES) errors.lines = "bidding.quote.tooManyLines";
  rawLines.slice(0, MAX_QUOTE_LINES).forEach((raw, i) => {
    const r = checkLine((raw && typeof raw === "object" ? raw : {}) as Record<LineField, unknown>);
    for (const [f, e] of Object.entries(r.errors)) errors[`lines[${i}].${f}`] = e;
    if (r.line) lines.push(r.line);
  });
  const total = lines.reduce((sum, l) => sum + l.amountFen, 0);
  if (total > MAX_FEN) errors.lines = "form.amountTooLarge";
  if (Object.keys(errors).length || !h) return { ok: false, errors };
  const scope = h.scope.startsWith(DRAWINGS_MARK) ? h.scope.slice(DRAWINGS_MARK.length).trim() : h.scope;
  return {
    ok: true,
    data: {
      contractingMethod: method,
      scope,
      drawingsConfirmed: ["on", "true", "1"].includes(h.drawingsConfirmed),
      durationDays: h.durationDays === "" ? null : Number(h.durationDays),
      requirements: h.requirements,
      paymentTerms: h.paymentTerms,
      maintenanceTerms: h.maintenanceTerms,
      validUntil: h.validUntil,
      lines,
      totalFen: total,
      basedOnRevision: h.basedOnRevision === "" ? null : Number(h.basedOnRevision),
    },
  };
}

export type ReadQuoteForm =
  | { kind: "redraw"; values: Record<string, string> }
  | { kind: "invalid"; values: Record<string, string>; errors: FieldErrors }
  | { kind: "valid"; values: Record<string, string>; data: QuoteInput };

/** A posted quote form: `quote.addLine` / `quote.removeLine:<i>` only redraw it (no-JS buttons). */
export function readQuoteForm(formData: FormData, today: string): ReadQuoteForm {
  const intent = String(formData.get("intent") ?? "");
  const remove = /^quote\.removeLine:(\d+)$/.exec(intent);
  const normalised = normaliseQuoteForm(formData, remove ? Number(remove[1]) : undefined);
  const { object, values } = formDataToObject(normalised);
  if (intent === "quote.addLine" || remove) {
    const n = lineRowCount(values);
    if (intent === "quote.addLine") for (const f of LINE_FIELDS) values[`lines[${n}].${f}`] = "";
    return { kind: "redraw", values };
  }
  const result = validateQuote(object, today);
  return result.ok ? { kind: "valid", values, data: result.data } : { kind: "invalid", values, errors: result.errors };
}
