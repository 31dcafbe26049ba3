import type { Db } from "#db/client";
import { parseForm, type FieldErrors } from "~/lib/forms";
import type { VendorRequestBody } from "./read-vendor-request.server";
import { saveQualification } from "./save-qualification.server";
import { qualificationSchema } from "./vendor-form.server";

export type SubmitQualificationResult = { ok: true; id: string } | { ok: false; errors: FieldErrors; values: Record<string, string> };

/**
 * A qualification form as posted (page or API): the fields' messages and the upload's are shown
 * together, and nothing is stored unless both are clean.
 */
export async function submitQualification(db: Db, args: { vendorId: string; userId: string | null; body: VendorRequestBody }): Promise<SubmitQualificationResult> {
  const { body } = args;
  const parsed = parseForm(qualificationSchema, body.form);
  const values = parsed.ok ? stringValues(body.form) : parsed.values;
  const errors: FieldErrors = { ...(parsed.ok ? {} : parsed.errors), ...body.uploadErrors };
  if (!parsed.ok || Object.keys(errors).length > 0) return { ok: false, errors, values };
  const saved = await saveQualification(db, { vendorId: args.vendorId, input: parsed.data, file: body.file, userId: args.userId });
  return saved.ok ? saved : { ok: false, errors: saved.errors, values };
}

function stringValues(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === "string" && k !== "intent") values[k] = v;
  return values;
}
