import { eq } from "drizzle-orm";
import type { Db } from "#db/client";
import { companies, userRoles, users } from "#db/schema";
import type { SessionUser } from "~/lib/session.server";
import type { AdminWriteResult } from "./create-user.server";
import type { EditUserInput } from "./user-form.server";

/**
 * Name, phone, company and roles. Roles are replaced in the same transaction; sessions look roles
 * up on every request, so a removed role stops working on the user's next click.
 */
export async function updateUser(db: Db, actor: Pick<SessionUser, "id">, userId: string, input: EditUserInput): Promise<AdminWriteResult<object>> {
  if (actor.id === userId && !input.roles.includes("admin")) {
    return { ok: false, errors: { roles: "admin.user.cannotRemoveOwnAdmin" } };
  }
  if (input.companyId) {
    const [company] = await db.select({ id: companies.id }).from(companies).where(eq(companies.id, input.companyId));
    if (!company) return { ok: false, errors: { companyId: "form.invalidChoice" } };
  }
  const found = await db.transaction(async (tx) => {
    const updated = await tx
      .update(users)
      .set({ name: input.name, phone: input.phone, companyId: input.companyId })
      .where(eq(users.id, userId))
      .returning({ id: users.id });
    if (updated.length === 0) return false;
    await tx.delete(userRoles).where(eq(userRoles.userId, userId));
    if (input.roles.length > 0) await tx.insert(userRoles).values(input.roles.map((role) => ({ userId, role })));
    return true;
  });
  return found ? { ok: true } : { ok: false, errors: {}, formError: "error.notFound" };
}
