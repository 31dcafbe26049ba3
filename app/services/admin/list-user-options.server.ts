import { asc, isNull } from "drizzle-orm";
import type { Db } from "#db/client";
import { users } from "#db/schema";

/** Enabled users for a select box (e.g. whom an API token acts as). */
export async function listUserOptions(db: Db): Promise<{ id: string; name: string; email: string }[]> {
  return db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(isNull(users.disabledAt))
    .orderBy(asc(users.name), asc(users.email));
}
