import { asc, eq } from "drizzle-orm";
import type { Db } from "#db/client";
import { companies, contacts } from "#db/schema";

export type AdminCompany = typeof companies.$inferSelect;
export type AdminContact = Pick<typeof contacts.$inferSelect, "id" | "name" | "title" | "phone" | "email">;

/** The company with its contacts, or null (also for an id that is not a uuid). */
export async function getCompanyWithContacts(db: Db, companyId: string): Promise<{ company: AdminCompany; contacts: AdminContact[] } | null> {
  if (!/^[0-9a-f-]{36}$/i.test(companyId)) return null;
  const [company] = await db.select().from(companies).where(eq(companies.id, companyId));
  if (!company) return null;
  const rows = await db
    .select({ id: contacts.id, name: contacts.name, title: contacts.title, phone: contacts.phone, email: contacts.email })
    .from(contacts)
    .where(eq(contacts.companyId, companyId))
    .orderBy(asc(contacts.createdAt), asc(contacts.name));
  return { company, contacts: rows };
}
