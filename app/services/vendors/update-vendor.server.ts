import type { Db } from "#db/client";
import { updateCompany } from "~/services/admin/update-company.server";
import type { FieldErrors } from "~/lib/forms";
import type { VendorInput } from "./vendor-form.server";

/** The header's edit form; the caller has checked that vendorId is an installer (getVendor). */
export async function updateVendor(db: Db, vendorId: string, input: VendorInput): Promise<{ ok: true } | { ok: false; errors: FieldErrors; formError?: string }> {
  const result = await updateCompany(db, vendorId, { ...input, kind: "installer" });
  return result.ok ? { ok: true } : { ok: false, errors: result.errors, formError: result.formError };
}
