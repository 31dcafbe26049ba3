import { z } from "zod";
import { isValidDate } from "./calendar";
import { parseAmountToFen } from "./money";

/** Field path (e.g. `equipment[2].model`) → message key. */
export type FieldErrors = Record<string, string>;

export type FormResult<T> =
  | { ok: true; data: T }
  | { ok: false; errors: FieldErrors; values: Record<string, string> };

/** The shape an action returns when a form is refused: the page refills the fields and shows messages. */
export interface FormFailure {
  ok: false;
  errors: FieldErrors;
  values: Record<string, string>;
  formError?: string;
}

function setPath(target: Record<string, unknown>, key: string, value: string): void {
  const parts = key.split(/[.[\]]/).filter(Boolean);
  let node: Record<string, unknown> = target;
  parts.forEach((part, i) => {
    const last = i === parts.length - 1;
    const nextIsIndex = /^\d+$/.test(parts[i + 1] ?? "");
    if (last) node[part] = value;
    else {
      node[part] ??= nextIsIndex ? [] : {};
      node = node[part] as Record<string, unknown>;
    }
  });
}

/** Nested object from `a[0].b`-style names; arrays are compacted so removed rows leave no holes. */
export function formDataToObject(formData: FormData): { object: Record<string, unknown>; values: Record<string, string> } {
  const object: Record<string, unknown> = {};
  const values: Record<string, string> = {};
  for (const [key, raw] of formData.entries()) {
    if (typeof raw !== "string" || key.startsWith("_") || key === "intent") continue;
    values[key] = raw;
    setPath(object, key, raw);
  }
  const compact = (v: unknown): unknown =>
    Array.isArray(v) ? v.filter((x) => x !== undefined).map(compact) : v && typeof v === "object" ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, compact(x)])) : v;
  return { object: compact(object) as Record<string, unknown>, values };
}

export function pathKey(path: (string | number)[]): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("");
}

export function parseForm<S extends z.ZodTypeAny>(schema: S, formData: FormData): FormResult<z.infer<S>> {
  const { object, values } = formDataToObject(formData);
  const parsed = schema.safeParse(object);
  if (parsed.success) return { ok: true, data: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const key = pathKey(issue.path);
    errors[key] ??= issue.message.includes(".") ? issue.message : "form.required";
  }
  return { ok: false, errors, values };
}

// Field builders whose messages are catalogue keys. invalid_type_error too: a JSON body (the API
// path of sendProjectEvent) may carry null, true, [] or {} where a string is expected, and zod's own
// "Expected string, received null" is not a catalogue key — it reached API clients untranslated.
export const zText = (max = 200) => z.string({ required_error: "form.required", invalid_type_error: "form.required" }).trim().min(1, "form.required").max(max, "form.tooLong");
export const zOptionalText = (max = 2000) => z.string().trim().max(max, "form.tooLong").optional().default("");
export const zEmail = () => z.string({ required_error: "form.required", invalid_type_error: "form.invalidEmail" }).trim().toLowerCase().min(1, "form.required").email("form.invalidEmail").max(200, "form.tooLong");
export const zDate = () =>
  z.string({ required_error: "form.required", invalid_type_error: "form.invalidDate" }).trim().min(1, "form.required").refine((s) => isValidDate(s), "form.invalidDate");
export const zOptionalDate = () =>
  z
    .string()
    .trim()
    .optional()
    .transform((s) => (s ? s : null))
    .refine((s) => s === null || isValidDate(s), "form.invalidDate");
/** An amount typed in yuan, returned as integer fen (> 0 unless allowZero). */
export const zAmountFen = (opts: { allowZero?: boolean } = {}) =>
  z.string({ required_error: "form.required", invalid_type_error: "form.invalidAmount" }).transform((s, ctx) => {
    const r = parseAmountToFen(s);
    if (!r.ok) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: r.error });
      return z.NEVER;
    }
    if (!opts.allowZero && r.fen === 0) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: "form.amountPositive" });
      return z.NEVER;
    }
    return r.fen;
  });
export const zPositiveInt = (max = 1_000_000) =>
  z
    .string({ required_error: "form.required", invalid_type_error: "form.invalidInteger" })
    .trim()
    .min(1, "form.required")
    .regex(/^\d{1,9}$/, "form.invalidInteger")
    .transform(Number)
    .refine((n) => n > 0 && n <= max, "form.invalidInteger");
export const zUuid = () => z.string({ required_error: "form.invalidChoice", invalid_type_error: "form.invalidChoice" }).uuid("form.invalidChoice");
