import { and, eq } from "drizzle-orm";
import { pgErrorCode, type Db } from "#db/client";
import { contacts } from "#db/schema";

export type RemoveContactResult = "removed" | "notFound" | "inUse";

/** Refused (not cascaded) when another record still points at the contact. */
export async function removeContact(db: Db, companyId: string, contactId: string): Promise<RemoveContactResult> {
  if (!/^[0-9a-f-]{36}$/i.test(contactId)) return "notFound";
  try {
    const deleted = await db
      .delete(contacts)
      .where(and(eq(contacts.id, contactId), eq(contacts.companyId, companyId)))
      .returning({ id: contacts.id });
    return deleted.length > 0 ? "removed" : "notFound";
  } catch (error) {
    if (pgErrorCode(error) === "23503") return "inUse";
    throw error;
  }
}
