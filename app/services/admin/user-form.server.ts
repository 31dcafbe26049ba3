import { z } from "zod";
import { ROLES, type Role } from "#db/schema";
import { parseForm, zEmail, zOptionalText, zText, type FormFailure } from "~/lib/forms";

/** Roles come from repeated checkboxes (`roles`), which parseForm's object mapping would collapse. */
export function parseRoles(formData: FormData): { roles: Role[]; error?: string } {
  const raw = formData.getAll("roles").map(String);
  const roles = [...new Set(raw)].filter((r): r is Role => (ROLES as readonly string[]).includes(r));
  // A role outside the list can only come from a forged form: refuse rather than drop it silently.
  if (raw.some((r) => !(ROLES as readonly string[]).includes(r))) return { roles, error: "form.invalidChoice" };
  if (roles.length === 0) return { roles, error: "admin.user.rolesRequired" };
  return { roles };
}

const companyId = z
  .string()
  .trim()
  .optional()
  .transform((s) => (s ? s : null))
  .refine((s) => s === null || /^[0-9a-f-]{36}$/i.test(s), "form.invalidChoice");

export const newUserSchema = z.object({
  name: zText(100),
  email: zEmail(),
  phone: zOptionalText(40),
  companyId,
  password: z.string({ required_error: "form.required" }).min(1, "form.required").min(8, "admin.user.passwordTooShort").max(200, "form.tooLong"),
});
export type NewUserInput = z.infer<typeof newUserSchema> & { roles: Role[] };

export const editUserSchema = z.object({ name: zText(100), phone: zOptionalText(40), companyId });
export type EditUserInput = z.infer<typeof editUserSchema> & { roles: Role[] };

export const passwordSchema = z.object({
  password: z.string({ required_error: "form.required" }).min(1, "form.required").min(8, "admin.user.passwordTooShort").max(200, "form.tooLong"),
});

export type UserFormFailure = FormFailure & { roles: string[] };

/** What the form gets back after a refusal: everything typed, except passwords and the checkboxes. */
export function keptValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value !== "string" || key === "password" || key === "roles" || key === "intent" || key.startsWith("_")) continue;
    values[key] = value;
  }
  return values;
}

/** Parses the fields and the role checkboxes together; the failure keeps everything typed except passwords. */
export function parseUserForm<S extends z.ZodTypeAny>(
  schema: S,
  formData: FormData,
): { ok: true; data: z.infer<S> & { roles: Role[] } } | { ok: false; failure: UserFormFailure } {
  const parsed = parseForm(schema, formData);
  const roles = parseRoles(formData);
  if (parsed.ok && !roles.error) return { ok: true, data: { ...parsed.data, roles: roles.roles } };
  const errors = parsed.ok ? {} : parsed.errors;
  const values = keptValues(formData);
  if (roles.error) errors.roles = roles.error;
  return { ok: false, failure: { ok: false, errors, values, roles: formData.getAll("roles").map(String), formError: "form.fixErrors" } };
}
