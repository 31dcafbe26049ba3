// Reading a service request (public page, staff entry, API): the same fields and the same messages
// everywhere. Pure: the project-dependent checks (serial, unit) are made by createTicket.
import { z } from "zod";
import { parseForm, zOptionalText, zText, type FieldErrors } from "~/lib/forms";
import { TICKET_CHANNELS, type TicketChannel } from "./vocabulary";

/** A Chinese mobile number, or a landline with its area code (0xx/0xxx), optionally with an extension. */
const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^0\d{2,3}-?\d{7,8}(?:-\d{1,6})?$/;

/** Spaces, dots and brackets people type around numbers are dropped; a +86 prefix too. */
export function normalisePhone(raw: string): string {
  return raw
    .replace(/[\s.()（）]/g, "")
    .replace(/^(?:\+|00)86-?/, "")
    .replace(/[－—–]/g, "-");
}

export function validPhone(phone: string): boolean {
  return MOBILE.test(phone) || LANDLINE.test(phone);
}

export const DESCRIPTION_MIN = 10;
export const DESCRIPTION_MAX = 2000;

const requestSchema = z.object({
  reporterName: zText(50),
  contactPhone: z
    .string({ required_error: "form.required" })
    .transform(normalisePhone)
    .pipe(z.string().min(1, "form.required").refine(validPhone, "serviceTickets.form.badPhone")),
  contactEmail: z
    .string()
    .trim()
    .toLowerCase()
    .max(200, "form.tooLong")
    .optional()
    .default("")
    .refine((s) => s === "" || z.string().email().safeParse(s).success, "form.invalidEmail"),
  siteAddress: zText(200),
  area: z.enum(["city", "suburb"], { errorMap: () => ({ message: "serviceTickets.form.chooseArea" }) }),
  // Counted in characters as people see them (a Chinese character is one).
  description: z
    .string({ required_error: "form.required" })
    .trim()
    .min(1, "form.required")
    .refine((s) => [...s].length >= DESCRIPTION_MIN, "serviceTickets.form.descriptionShort")
    .refine((s) => [...s].length <= DESCRIPTION_MAX, "serviceTickets.form.descriptionLong"),
  serialNumber: zOptionalText(64),
  unitId: z
    .string()
    .trim()
    .optional()
    .transform((s) => s || null)
    .refine((s) => s === null || z.string().uuid().safeParse(s).success, "form.invalidChoice"),
});

const staffSchema = requestSchema.extend({
  projectId: z.string({ required_error: "serviceTickets.form.chooseProject" }).uuid("serviceTickets.form.chooseProject"),
  channel: z.enum(TICKET_CHANNELS, { errorMap: () => ({ message: "form.invalidChoice" }) }).refine((c) => c !== "online", "form.invalidChoice"),
});

export type TicketRequest = z.infer<typeof requestSchema>;
export type StaffTicketRequest = TicketRequest & { projectId: string; channel: Exclude<TicketChannel, "online"> };

export type ReadResult<T> = { ok: true; data: T; values: Record<string, string> } | { ok: false; errors: FieldErrors; values: Record<string, string> };

function read<T>(schema: z.ZodTypeAny, form: FormData): ReadResult<T> {
  const parsed = parseForm(schema, form);
  const values = Object.fromEntries([...form.entries()].filter(([k, v]) => typeof v === "string" && !k.startsWith("_")).map(([k, v]) => [k, String(v)]));
  return parsed.ok ? { ok: true, data: parsed.data as T, values } : { ok: false, errors: parsed.errors, values };
}

/** The customer's request from the public page or the public API (channel "online"). */
export const readServiceRequest = (form: FormData) => read<TicketRequest>(requestSchema, form);

/** Staff entry: hotline, regional manager or dealer, for a chosen project. */
export const readStaffTicket = (form: FormData) => read<StaffTicketRequest>(staffSchema, form);
