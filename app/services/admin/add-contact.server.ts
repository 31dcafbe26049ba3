import type { Db } from "#db/client";
import { contacts } from "#db/schema";
import type { ContactInput } from "./company-form.server";

export async function addContact(db: Db, companyId: string, input: ContactInput): Promise<{ id: string }> {
  const [row] = await db.insert(contacts).values({ companyId, ...input }).returning({ id: contacts.id });
  return row;
}
