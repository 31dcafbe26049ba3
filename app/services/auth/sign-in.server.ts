import { and, eq, gt, isNull, or, sql } from "drizzle-orm";
import type { Db } from "#db/client";
import { loginAttempts, users } from "#db/schema";
import { burnPasswordTime, verifyPassword } from "~/lib/password.server";
import type { RequestInfo } from "~/lib/request-info.server";
import { createSession } from "~/lib/session.server";

export const LOGIN_WINDOW_MS = 15 * 60_000;
export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_IP = 30;

export type SignInResult =
  | { ok: true; setCookie: string; userId: string }
  | { ok: false; reason: "invalid" | "rateLimited" };

/**
 * Checks the password and opens a session. Failures are stored (not kept in memory) so the limit
 * holds across several app servers; an unknown e-mail costs as much time as a wrong password.
 */
export async function signIn(db: Db, email: string, password: string, info: RequestInfo, now = new Date()): Promise<SignInResult> {
  const normalised = email.trim().toLowerCase();
  const since = new Date(now.getTime() - LOGIN_WINDOW_MS);
  const [failures] = await db
    .select({
      byEmail: sql<number>`count(*) filter (where ${loginAttempts.email} = ${normalised})`.mapWith(Number),
      byIp: sql<number>`count(*) filter (where ${loginAttempts.ip} = ${info.ip})`.mapWith(Number),
    })
    .from(loginAttempts)
    .where(and(gt(loginAttempts.at, since), or(eq(loginAttempts.email, normalised), eq(loginAttempts.ip, info.ip))));
  if ((failures?.byEmail ?? 0) >= MAX_FAILURES_PER_EMAIL || (info.ip && (failures?.byIp ?? 0) >= MAX_FAILURES_PER_IP)) {
    return { ok: false, reason: "rateLimited" };
  }

  const [user] = await db
    .select({ id: users.id, passwordHash: users.passwordHash })
    .from(users)
    .where(and(eq(users.email, normalised), isNull(users.disabledAt)))
    .limit(1);
  const valid = user ? await verifyPassword(password, user.passwordHash) : (await burnPasswordTime(password), false);
  if (!user || !valid) {
    await db.insert(loginAttempts).values({ email: normalised, ip: info.ip, at: now });
    return { ok: false, reason: "invalid" };
  }
  // A success clears this e-mail's failures so an honest typo streak does not lock the user later.
  await db.delete(loginAttempts).where(eq(loginAttempts.email, normalised));
  return { ok: true, setCookie: await createSession(db, user.id, info), userId: user.id };
}
