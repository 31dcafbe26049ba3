import { eq } from "drizzle-orm";
import { pgErrorCode, type Db } from "#db/client";
import { companies, userRoles, users } from "#db/schema";
import { hashPassword } from "~/lib/password.server";
import type { FieldErrors } from "~/lib/forms";
import type { NewUserInput } from "./user-form.server";

export type AdminWriteResult<T = { id: string }> = ({ ok: true } & T) | { ok: false; errors: FieldErrors; formError?: string };

/** A password account with its roles, written together: a user never exists without them. */
export async function createUser(db: Db, input: NewUserInput): Promise<AdminWriteResult> {
  if (input.companyId) {
    const [company] = await db.select({ id: companies.id }).from(companies).where(eq(companies.id, input.companyId));
    if (!company) return { ok: false, errors: { companyId: "form.invalidChoice" } };
  }
  const passwordHash = await hashPassword(input.password);
  const email = input.email.trim().toLowerCase();
  try {
    const id = await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(users)
        .values({ email, name: input.name, phone: input.phone, companyId: input.companyId, passwordHash })
        .returning({ id: users.id });
      if (input.roles.length > 0) await tx.insert(userRoles).values(input.roles.map((role) => ({ userId: row.id, role })));
      return row.id;
    });
    return { ok: true, id };
  } catch (error) {
    if (pgErrorCode(error) === "23505") return { ok: false, errors: { email: "admin.user.emailTaken" } };
    throw error;
  }
}
