import { eq } from "drizzle-orm";
import type { Db } from "#db/client";
import { sessions, users } from "#db/schema";
import { hashPassword } from "~/lib/password.server";
import type { SessionUser } from "~/lib/session.server";

/**
 * Sets a new password. Someone else's sessions end with it (whoever knew the old password is out);
 * an admin resetting their own password stays signed in here.
 */
export async function resetUserPassword(db: Db, actor: Pick<SessionUser, "id">, userId: string, password: string): Promise<boolean> {
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const updated = await tx.update(users).set({ passwordHash }).where(eq(users.id, userId)).returning({ id: users.id });
    if (updated.length === 0) return false;
    if (actor.id !== userId) await tx.delete(sessions).where(eq(sessions.userId, userId));
    return true;
  });
}
