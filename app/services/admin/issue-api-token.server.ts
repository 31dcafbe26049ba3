import { eq } from "drizzle-orm";
import type { Db } from "#db/client";
import { apiTokens, users } from "#db/schema";
import { randomToken, sha256Hex } from "~/lib/tokens.server";

export const API_TOKEN_PREFIX = "it_";

export class UnknownUserError extends Error {
  constructor(what: string) {
    super(`No such user: ${what}`);
    this.name = "UnknownUserError";
  }
}

/**
 * Makes a bearer token for a user. Only its SHA-256 is stored, so the plaintext returned here is the
 * one and only copy: show it once. The first 8 characters are kept to tell tokens apart in lists.
 */
export async function issueApiToken(db: Db, input: { userId: string; name: string }): Promise<{ token: string; id: string }> {
  const [user] = /^[0-9a-f-]{36}$/i.test(input.userId) ? await db.select({ id: users.id }).from(users).where(eq(users.id, input.userId)) : [];
  if (!user) throw new UnknownUserError(input.userId);
  const token = API_TOKEN_PREFIX + randomToken();
  const [row] = await db
    .insert(apiTokens)
    .values({ userId: user.id, name: input.name.trim() || "api", tokenHash: sha256Hex(token), prefix: token.slice(0, 8) })
    .returning({ id: apiTokens.id });
  return { token, id: row.id };
}
