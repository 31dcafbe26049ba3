import { z } from "zod";
import { companySchema, contactSchema } from "~/services/admin/company-form.server";
import { zOptionalDate, zText } from "~/lib/forms";
import { QUALIFICATION_KINDS } from "./qualification-status.server";

/**
 * An installation company: the admin company form without `kind` (always installer), and the
 * credit code required — quotes, contracts and the comparison form identify the company by it.
 * The admin schema's own checks (length, GB 32100 check character) still run first.
 */
export const vendorSchema = companySchema
  .omit({ kind: true })
  .superRefine((v, ctx) => {
    if (v.creditCode === null) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["creditCode"], message: "vendors.creditCodeRequired" });
  })
  .transform((v) => ({ ...v, creditCode: v.creditCode as string }));
export type VendorInput = z.infer<typeof vendorSchema>;

const blankContact = (c: unknown) =>
  !c || (typeof c === "object" && Object.values(c as Record<string, unknown>).every((v) => typeof v !== "string" || v.trim() === ""));

/** New company plus, optionally, its first contact (`contact.name`, …; all blank = none). */
export const newVendorSchema = z
  .object({ contact: z.unknown().optional() })
  .passthrough()
  .transform((raw, ctx) => {
    const company = vendorSchema.safeParse(raw);
    const contact = blankContact(raw.contact) ? null : contactSchema.safeParse(raw.contact);
    if (!company.success) for (const issue of company.error.issues) ctx.addIssue(issue);
    if (contact && !contact.success) for (const issue of contact.error.issues) ctx.addIssue({ ...issue, path: ["contact", ...issue.path] });
    if (!company.success || (contact && !contact.success)) return z.NEVER;
    return { company: company.data, contact: contact?.success ? contact.data : null };
  });
export type NewVendorInput = z.infer<typeof newVendorSchema>;

export const qualificationSchema = z.object({
  kind: z.enum(QUALIFICATION_KINDS, { errorMap: () => ({ message: "form.invalidChoice" }) }),
  number: zText(100),
  // Blank = no expiry (a business licence is often 长期).
  expiresOn: zOptionalDate(),
});
export type QualificationInput = z.infer<typeof qualificationSchema>;
