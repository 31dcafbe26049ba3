import { eq } from "drizzle-orm";
import type { Db } from "#db/client";
import { sessions, users } from "#db/schema";
import type { SessionUser } from "~/lib/session.server";
import type { AdminWriteResult } from "./create-user.server";

/** Disabling signs the user out everywhere at once (their sessions are deleted in the same transaction). */
export async function setUserDisabled(
  db: Db,
  actor: Pick<SessionUser, "id">,
  userId: string,
  disabled: boolean,
  now = new Date(),
): Promise<AdminWriteResult<object>> {
  if (disabled && actor.id === userId) return { ok: false, errors: {}, formError: "admin.user.cannotDisableSelf" };
  const found = await db.transaction(async (tx) => {
    const updated = await tx
      .update(users)
      .set({ disabledAt: disabled ? now : null })
      .where(eq(users.id, userId))
      .returning({ id: users.id });
    if (updated.length === 0) return false;
    if (disabled) await tx.delete(sessions).where(eq(sessions.userId, userId));
    return true;
  });
  return found ? { ok: true } : { ok: false, errors: {}, formError: "error.notFound" };
}
