import { z } from "zod";
import { COMPANY_KINDS } from "#db/schema";
import { isValidCreditCode, normaliseCreditCode } from "~/lib/credit-code";
import { zOptionalText, zText } from "~/lib/forms";

const zCreditCode = z
  .string()
  .optional()
  .transform((s) => normaliseCreditCode(s ?? ""))
  .superRefine((code, ctx) => {
    if (code === "") return;
    if (code.length !== 18) ctx.addIssue({ code: z.ZodIssueCode.custom, message: "admin.company.creditCodeLength" });
    else if (!isValidCreditCode(code)) ctx.addIssue({ code: z.ZodIssueCode.custom, message: "admin.company.creditCodeInvalid" });
  })
  .transform((code) => (code === "" ? null : code));

export const companySchema = z.object({
  kind: z.enum(COMPANY_KINDS, { errorMap: () => ({ message: "form.invalidChoice" }) }),
  name: zText(200),
  creditCode: zCreditCode,
  address: zOptionalText(300),
  phone: zOptionalText(40),
});
export type CompanyInput = z.infer<typeof companySchema>;

const zOptionalEmail = z
  .string()
  .trim()
  .toLowerCase()
  .max(200, "form.tooLong")
  .optional()
  .default("")
  .refine((s) => s === "" || z.string().email().safeParse(s).success, "form.invalidEmail");

export const contactSchema = z.object({
  name: zText(100),
  title: zOptionalText(100),
  phone: zOptionalText(40),
  email: zOptionalEmail,
});
export type ContactInput = z.infer<typeof contactSchema>;
