import type { Db } from "#db/client";
import { addContact } from "~/services/admin/add-contact.server";
import { createCompany } from "~/services/admin/create-company.server";
import type { FieldErrors } from "~/lib/forms";
import type { NewVendorInput } from "./vendor-form.server";

export type CreateVendorResult = { ok: true; id: string } | { ok: false; errors: FieldErrors };

class Refused extends Error {
  constructor(readonly errors: FieldErrors) {
    super("refused");
  }
}

/** The company and its first contact in one transaction: a refused code leaves nothing behind. */
export async function createVendor(db: Db, input: NewVendorInput): Promise<CreateVendorResult> {
  try {
    const id = await db.transaction(async (tx) => {
      const created = await createCompany(tx, { ...input.company, kind: "installer" });
      // Throwing rolls back (on PostgreSQL the failed insert has aborted the transaction anyway).
      if (!created.ok) throw new Refused(created.errors);
      if (input.contact) await addContact(tx, created.id, input.contact);
      return created.id;
    });
    return { ok: true, id };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, errors: error.errors };
    throw error;
  }
}
