import { and, eq } from "drizzle-orm";
import type { Db } from "#db/client";
import { contacts } from "#db/schema";
import type { ContactInput } from "./company-form.server";

/** The company id is part of the WHERE: a contact id from another company changes nothing. */
export async function updateContact(db: Db, companyId: string, contactId: string, input: ContactInput): Promise<boolean> {
  if (!/^[0-9a-f-]{36}$/i.test(contactId)) return false;
  const updated = await db
    .update(contacts)
    .set(input)
    .where(and(eq(contacts.id, contactId), eq(contacts.companyId, companyId)))
    .returning({ id: contacts.id });
  return updated.length > 0;
}
