import { z } from "zod";
import { pathKey, zDate, zOptionalDate, zOptionalText, zText, type FieldErrors } from "~/lib/forms";
import { isValidIdNumber } from "./mask";

/**
 * Validation of the entry documents, shared by the page forms and the API (same message keys).
 * Expiry dates may lie in the past here: whether they block commencement is decided against the
 * planned start date when SUBMIT_COMMENCEMENT is sent, and listed on the page before that.
 */
const zIdNumber = z
  .string({ required_error: "form.required" })
  .trim()
  .min(1, "form.required")
  .transform((s) => s.toUpperCase())
  .refine((s) => /^\d{17}[\dX]$/.test(s), "site.entry.idNumberFormat")
  .refine((s) => isValidIdNumber(s), "site.entry.idNumberCheck");

export const memberSchema = z.object({ name: zText(50), position: zText(30), idNumber: zIdNumber });
/** Editing a member: a blank ID number keeps the stored one (it is never sent back to the page). */
export const memberUpdateSchema = z.object({ name: zText(50), position: zText(30), idNumber: z.string().trim().optional().default("") });
export const credentialSchema = z.object({ type: zText(50), number: zText(60), expiresOn: zDate() });
export const certificateSchema = z.object({
  name: zText(100),
  kind: z.enum(["equipment", "material"], { errorMap: () => ({ message: "form.invalidChoice" }) }),
  number: zOptionalText(60),
  expiresOn: zOptionalDate(),
});

export type MemberInput = z.infer<typeof memberSchema>;
export type CredentialInput = z.infer<typeof credentialSchema>;
export type CertificateInput = z.infer<typeof certificateSchema>;

/** Parses with a field-path prefix (e.g. `credential.`), so nested forms report beside the right field. */
export function parseWith<S extends z.ZodTypeAny>(schema: S, value: unknown, prefix = ""): { ok: true; data: z.infer<S> } | { ok: false; errors: FieldErrors } {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return { ok: true, data: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) errors[prefix + pathKey(issue.path)] ??= issue.message.includes(".") ? issue.message : "form.required";
  return { ok: false, errors };
}

/** A credential given together with a new member counts only when any of its fields is filled. */
export function hasAny(value: unknown): boolean {
  return !!value && typeof value === "object" && Object.values(value).some((v) => typeof v === "string" && v.trim() !== "");
}

export const ID_RE = /^[0-9a-f-]{36}$/i;
